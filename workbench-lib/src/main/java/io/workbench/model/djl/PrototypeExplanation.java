package io.workbench.model.djl;

import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Why a prototype network ({@link ProtoNetModel}) predicts what it does for one row: "this looks like that".
 * Every prototype with its similarity to the row, its contribution to the predicted class (similarity times
 * last-layer weight), where in the row the best-matching patch lies, and the training row the prototype was
 * pushed onto with its span (for an image, the region: columns {@code from..to}, rows {@code top..bottom}). A
 * value: it renders as a table, and {@link #plot()} draws the row and the source rows of its best matches with
 * the matched spans shaded (for images, a grid of the image and its best matches' source images, the matched
 * regions marked).
 *
 * <pre>{@code
 * PrototypeExplanation e = model.explain(test.x()[0]);
 * e.matches().get(0).prototypeClass();   // the class of the closest prototype
 * e.plot(250);                           // time axis in seconds at 250 Hz
 * }</pre>
 */
public final class PrototypeExplanation implements Displayable {

  /**
   * One prototype's match.
   *
   * @param prototype prototype index
   * @param prototypeClass the prototype's class
   * @param similarity {@code log((d + 1) / (d + 1e-4))} of the smallest squared latent distance d
   * @param contribution similarity times the last-layer weight to the predicted class
   * @param from first input sample of the best-matching patch of the row (0 for a tabular row; for an image,
   *     its first column)
   * @param to one past its last sample (column)
   * @param sourceRow the training row the prototype was pushed onto (index in the training set)
   * @param sourceFrom first sample (column) of the prototype's patch in its source row
   * @param sourceTo one past its last sample (column)
   * @param top first image row of the best-matching patch (0 for signals and tabular rows)
   * @param bottom one past its last image row (1 for signals and tabular rows)
   * @param sourceTop first image row of the prototype's patch in its source image (0 for signals and rows)
   * @param sourceBottom one past its last image row (1 for signals and rows)
   */
  public record Match(int prototype, String prototypeClass, double similarity, double contribution, int from, int to,
      int sourceRow, int sourceFrom, int sourceTo, int top, int bottom, int sourceTop, int sourceBottom) {}

  private final float[] row;
  private final int[] sampleShape;
  private final List<String> classes;
  private final float[] probabilities;
  private final int predicted;
  private final List<Match> matches;
  private final float[][] sources;

  PrototypeExplanation(float[] row, int[] sampleShape, List<String> classes, float[] probabilities, int predicted,
      List<Match> matches, float[][] sources) {
    this.row = row;
    this.sampleShape = sampleShape.clone();
    this.classes = List.copyOf(classes);
    this.probabilities = probabilities;
    this.predicted = predicted;
    this.matches = List.copyOf(matches);
    this.sources = sources;
  }

  /** The predicted class name. */
  public String predictedClass() {
    return classes.get(predicted);
  }

  /** Class probabilities in class order (a copy). */
  public float[] probabilities() {
    return probabilities.clone();
  }

  /** Every prototype's match, most similar first. */
  public List<Match> matches() {
    return matches;
  }

  /** The matches as a table (most similar first). */
  public Table table() {
    IntColumn id = IntColumn.create("prototype");
    StringColumn cls = StringColumn.create("class");
    DoubleColumn sim = DoubleColumn.create("similarity");
    DoubleColumn con = DoubleColumn.create("contribution");
    IntColumn from = IntColumn.create("from");
    IntColumn to = IntColumn.create("to");
    IntColumn top = IntColumn.create("top");
    IntColumn bottom = IntColumn.create("bottom");
    IntColumn src = IntColumn.create("source_row");
    for (Match m : matches) {
      id.append(m.prototype());
      cls.append(m.prototypeClass());
      sim.append(m.similarity());
      con.append(m.contribution());
      from.append(m.from());
      to.append(m.to());
      top.append(m.top());
      bottom.append(m.bottom());
      src.append(m.sourceRow());
    }
    return sampleShape.length == 3 ? Table.create("prototype matches", id, cls, sim, con, from, to, top, bottom, src)
        : Table.create("prototype matches", id, cls, sim, con, from, to, src);
  }

  /** The row and the source rows of its three best matches, time axis in samples; see {@link #plot(double)}. */
  public Figure plot() {
    return plot(1.0);
  }

  /**
   * The row (its best-matching patches shaded by similarity) above the source training rows of its three
   * closest prototypes (their patches shaded); signals only use the first channel, tabular rows draw their
   * features as a profile. The shading is the similarity of the match, one scale for every panel. Images are
   * drawn as a grid instead ({@link #imagePlot()}; the sampling rate is not used).
   *
   * @param samplingRate samples per second of the signal (the time axis is in seconds)
   */
  public Figure plot(double samplingRate) {
    if (!(samplingRate > 0) || Double.isInfinite(samplingRate)) {
      throw new IllegalArgumentException("samplingRate must be a positive number, got " + samplingRate);
    }
    if (sampleShape.length == 3) {
      return imagePlot();
    }
    int len = sampleShape.length == 2 ? sampleShape[1] : row.length;
    int top = Math.min(3, matches.size());
    double[][] signal = new double[top + 1][len];
    double[][] band = new double[top + 1][len];
    List<String> names = new ArrayList<>();
    for (int k = 0; k < len; k++) {
      signal[0][k] = row[k];
    }
    names.add("row: " + predictedClass());
    for (int t = 0; t < top; t++) {
      Match m = matches.get(t);
      shade(band[0], m, m.from(), m.to(), sampleShape.length == 2);
      float[] src = sources[m.prototype()];
      for (int k = 0; k < len; k++) {
        signal[t + 1][k] = src[k];
      }
      shade(band[t + 1], m, m.sourceFrom(), m.sourceTo(), sampleShape.length == 2);
      names.add("P" + m.prototype() + " " + m.prototypeClass() + ", train " + m.sourceRow());
    }
    return Charts.signalAttribution(signal, band, samplingRate, names, ChartOptions.defaults()
        .title("This looks like that: the row and the training rows of its closest prototypes")
        .valueLabel("Similarity"));
  }

  /**
   * For an image: the row, then the source training images of its three closest prototypes, each under an
   * overlay that marks the matched region (the row's best-matching patch, the prototype's patch in its source)
   * with the similarity of the match.
   */
  private Figure imagePlot() {
    int top = Math.min(3, matches.size());
    float[][] images = new float[top + 1][];
    double[][] region = new double[top + 1][row.length];
    List<String> captions = new ArrayList<>();
    images[0] = row;
    captions.add("row: " + predictedClass());
    for (int t = 0; t < top; t++) {
      Match m = matches.get(t);
      mark(region[0], m.top(), m.bottom(), m.from(), m.to(), m.similarity());
      images[t + 1] = sources[m.prototype()];
      mark(region[t + 1], m.sourceTop(), m.sourceBottom(), m.sourceFrom(), m.sourceTo(), m.similarity());
      captions.add("P" + m.prototype() + " " + m.prototypeClass() + ", train " + m.sourceRow() + String.format(
          java.util.Locale.ROOT, ", sim %.2f", m.similarity()));
    }
    return Charts.imageGrid(images, sampleShape, captions, java.util.Map.of("matched region", region), top + 1,
        ChartOptions.defaults().title("This looks like that: the image and the training images of its closest"
            + " prototypes"));
  }

  /** Marks rows {@code [r0, r1)} and columns {@code [c0, c1)} of every channel with {@code value} (largest wins). */
  private void mark(double[] flat, int r0, int r1, int c0, int c1, double value) {
    int h = sampleShape[1];
    int w = sampleShape[2];
    for (int ch = 0; ch < sampleShape[0]; ch++) {
      for (int r = r0; r < r1; r++) {
        for (int c = c0; c < c1; c++) {
          int k = ch * h * w + r * w + c;
          flat[k] = Math.max(flat[k], value);
        }
      }
    }
  }

  private static void shade(double[] band, Match m, int from, int to, boolean signal) {
    int a = signal ? from : 0;
    int b = signal ? to : band.length;
    for (int k = a; k < b; k++) {
      band[k] = Math.max(band[k], m.similarity());
    }
  }

  @Override
  public String toHtml() {
    return Tables.html(table(), caption());
  }

  @Override
  public String toText() {
    return Tables.text(table(), caption());
  }

  private String caption() {
    return "Predicted " + predictedClass() + " (p = " + String.format(java.util.Locale.ROOT, "%.3f",
        probabilities[predicted]) + "): closest prototypes first";
  }

  @Override
  public String toString() {
    return toText();
  }
}
