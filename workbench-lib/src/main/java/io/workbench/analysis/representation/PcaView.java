package io.workbench.analysis.representation;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.plot.Figure;
import io.workbench.plot.Theme;
import io.workbench.plot.XChartFigure;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;

/**
 * A layer's activations projected on their first two principal components, coloured by class: whether the
 * classes separate at that depth. The components come from power iteration with deflation on the centred
 * activations (deterministic start, 200 iterations), so the view needs no more than {@code rows x values}
 * memory; component signs are fixed so that the largest-magnitude loading is positive.
 *
 * <pre>{@code
 * PcaView v = PcaView.of("dense1", net.layerActivations("dense1", test.x()), test.y(), test.labelNames());
 * v.explainedVariance();   // share of the variance on PC1 and PC2
 * v.plot();
 * }</pre>
 */
public final class PcaView implements Displayable {

  private static final int ITERATIONS = 200;

  private final String name;
  private final double[][] coordinates;
  private final int[] labels;
  private final List<String> classNames;
  private final double[] explained;

  private PcaView(String name, double[][] coordinates, int[] labels, List<String> classNames, double[] explained) {
    this.name = name;
    this.coordinates = coordinates;
    this.labels = labels;
    this.classNames = List.copyOf(classNames);
    this.explained = explained;
  }

  /**
   * Projects activations on their first two principal components.
   *
   * @param name what the activations are (a layer name), for the title
   * @param activations rows x values
   * @param labels class index per row
   * @param classNames class names in index order
   */
  public static PcaView of(String name, float[][] activations, int[] labels, List<String> classNames) {
    double[][] x = Matrices.centre(Matrices.toDouble(activations, "PCA activations of '" + name + "'"));
    if (labels == null || labels.length != x.length) {
      throw new IllegalArgumentException("PCA of '" + name + "': " + x.length + " rows but "
          + (labels == null ? "no" : labels.length) + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException("PCA of '" + name + "': labels[" + i + "] is " + labels[i]
            + ", expected 0.." + (classNames.size() - 1));
      }
    }
    int d = x[0].length;
    double total = 0;
    for (double[] row : x) {
      total += Matrices.dot(row, row);
    }
    double[][] comps = new double[2][];
    double[] explained = new double[2];
    for (int c = 0; c < 2; c++) {
      double[] v = new double[d];
      for (int j = 0; j < d; j++) {
        v[j] = 1 + 0.01 * ((j * 7919L + c * 104729L) % 101);
      }
      double lambda = 0;
      for (int it = 0; it < ITERATIONS; it++) {
        if (c == 1) {
          double p = Matrices.dot(v, comps[0]);
          for (int j = 0; j < d; j++) {
            v[j] -= p * comps[0][j];
          }
        }
        double[] w = new double[d];
        for (double[] row : x) {
          double s = Matrices.dot(row, v);
          for (int j = 0; j < d; j++) {
            w[j] += s * row[j];
          }
        }
        double norm = Math.sqrt(Matrices.dot(w, w));
        if (norm == 0) {
          break;
        }
        lambda = norm / Math.sqrt(Matrices.dot(v, v));
        for (int j = 0; j < d; j++) {
          v[j] = w[j] / norm;
        }
      }
      if (c == 1) {
        double p = Matrices.dot(v, comps[0]);
        for (int j = 0; j < d; j++) {
          v[j] -= p * comps[0][j];
        }
        double norm = Math.sqrt(Matrices.dot(v, v));
        for (int j = 0; j < d && norm > 0; j++) {
          v[j] /= norm;
        }
      }
      int big = 0;
      for (int j = 1; j < d; j++) {
        if (Math.abs(v[j]) > Math.abs(v[big])) {
          big = j;
        }
      }
      if (v[big] < 0) {
        for (int j = 0; j < d; j++) {
          v[j] = -v[j];
        }
      }
      comps[c] = v;
      explained[c] = total > 0 ? lambda / total : 0;
    }
    double[][] coords = new double[x.length][2];
    for (int i = 0; i < x.length; i++) {
      coords[i][0] = Matrices.dot(x[i], comps[0]);
      coords[i][1] = Matrices.dot(x[i], comps[1]);
    }
    return new PcaView(name, coords, labels.clone(), classNames, explained);
  }

  /** PC1 and PC2 per row ({@code rows x 2}, a copy). */
  public double[][] coordinates() {
    return Matrices.copy(coordinates);
  }

  /** Share of the total variance on PC1 and PC2. */
  public double[] explainedVariance() {
    return explained.clone();
  }

  /** Scatter of PC1 against PC2, one colour per class. */
  public Figure plot() {
    XYChart c = Theme.style(new XYChartBuilder().width(640).height(520).title("PCA of " + name)
        .xAxisTitle("PC1 (" + Numbers.format(100 * explained[0]) + " %)")
        .yAxisTitle("PC2 (" + Numbers.format(100 * explained[1]) + " %)").build());
    c.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    c.getStyler().setMarkerSize(5);
    for (int k = 0; k < classNames.size(); k++) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] == k) {
          xs.add(coordinates[i][0]);
          ys.add(coordinates[i][1]);
        }
      }
      if (!xs.isEmpty()) {
        c.addSeries(classNames.get(k), xs, ys).setMarkerColor(Theme.categorical(k));
      }
    }
    return XChartFigure.of(c);
  }

  @Override
  public String toHtml() {
    return "<p>PCA of " + io.workbench.display.Tables.escape(name) + ": " + coordinates.length
        + " rows, PC1 " + Numbers.format(100 * explained[0]) + " %, PC2 " + Numbers.format(100 * explained[1])
        + " % of the variance (call plot())</p>";
  }

  @Override
  public String toString() {
    return "PcaView(" + name + ", " + coordinates.length + " rows)";
  }
}
