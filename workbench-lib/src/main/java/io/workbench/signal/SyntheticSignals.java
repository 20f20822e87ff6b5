package io.workbench.signal;

import io.workbench.data.Dataset;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A generated signal dataset with its ground truth: the dataset ({@code sampleShape [channels, length]},
 * features {@code "<channel>@t<k>"}), its sampling rate and channel names, per sample the {@link
 * Interval}s where the classes differ and the generated events (beats with their class), and the
 * informative channels and frequency bands. Made by {@link EcgGenerator} and {@link
 * MotorImageryGenerator}.
 *
 * <pre>{@code
 * SyntheticSignals s = EcgGenerator.defaults().seed(1).generate();
 * Dataset d = s.data();                      // rows x (1 * 750), classes normal / pvc / st_elevation
 * boolean[] m = s.featureMask(0);            // which features of row 0 carry the class difference
 * double auc = s.relevanceAuc(0, attribution);   // how well an attribution finds them
 * }</pre>
 *
 * @param data the dataset
 * @param samplingRate hertz
 * @param channels channel names, in sample order
 * @param truth per row, the intervals where that row's class differs from the others
 * @param events per row, generated events (for ECG: every beat, onset at its R peak, label {@code N} or
 *     {@code V})
 * @param informativeChannels channels whose generating process depends on the class
 * @param informativeBands frequency bands that carry the class difference (empty when it lives in wave
 *     shapes rather than bands)
 */
public record SyntheticSignals(
    Dataset data, double samplingRate, List<String> channels, List<List<Interval>> truth,
    List<List<Annotation>> events, List<String> informativeChannels, List<Band> informativeBands) {

  /** Copies the lists. */
  public SyntheticSignals {
    channels = List.copyOf(channels);
    truth = truth.stream().map(List::copyOf).toList();
    events = events.stream().map(List::copyOf).toList();
    informativeChannels = List.copyOf(informativeChannels);
    informativeBands = List.copyOf(informativeBands);
  }

  /** Samples per channel. */
  public int length() {
    return data.sampleShape()[1];
  }

  /** The ground-truth intervals of one row. */
  public List<Interval> intervals(int row) {
    checkRow(row);
    return truth.get(row);
  }

  /** Ground truth of one row as {@code [channel][sample]}: true where the classes differ. */
  public boolean[][] mask(int row) {
    checkRow(row);
    boolean[][] m = new boolean[channels.size()][length()];
    for (Interval i : truth.get(row)) {
      Arrays.fill(m[i.channel()], i.start(), Math.min(i.end(), length()), true);
    }
    return m;
  }

  /** Ground truth of one row over the dataset's features (channel-major, as {@code data().x()[row]}). */
  public boolean[] featureMask(int row) {
    boolean[][] m = mask(row);
    boolean[] out = new boolean[channels.size() * length()];
    for (int c = 0; c < m.length; c++) {
      System.arraycopy(m[c], 0, out, c * length(), length());
    }
    return out;
  }

  /** Indices of the informative channels. */
  public int[] informativeChannelIndices() {
    return informativeChannels.stream().mapToInt(channels::indexOf).toArray();
  }

  /**
   * How well an attribution over the features of one row finds the ground truth: the area under the ROC
   * curve of {@code |attribution|} as a score for "inside a ground-truth interval" (0.5 is chance, 1 is
   * perfect; ties count half). Fails when the row has no ground truth (a normal ECG) or is all truth.
   */
  public double relevanceAuc(int row, double[] attribution) {
    boolean[] m = featureMask(row);
    if (attribution.length != m.length) {
      throw new IllegalArgumentException(
          "Attribution has " + attribution.length + " values; row " + row + " has " + m.length + " features");
    }
    Integer[] order = new Integer[m.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(Math.abs(attribution[a]), Math.abs(attribution[b])));
    double rankSumPos = 0;
    long pos = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      double v = Math.abs(attribution[order[i]]);
      while (j < order.length && Math.abs(attribution[order[j]]) == v) {
        j++;
      }
      double midRank = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        if (m[order[k]]) {
          rankSumPos += midRank;
          pos++;
        }
      }
      i = j;
    }
    long neg = m.length - pos;
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException("Row " + row + " has " + (pos == 0 ? "no" : "only") + " ground-truth samples;"
          + " the AUC is undefined (normal rows have no class-specific interval)");
    }
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /** Rows of one class. */
  public int[] rowsOf(String className) {
    int k = data.classNames().indexOf(className);
    if (k < 0) {
      throw new IllegalArgumentException("No class '" + className + "'; classes are " + data.classNames());
    }
    int[] y = data.y();
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      if (y[i] == k) {
        out.add(i);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The generated rows glued end to end into one continuous recording (row {@code i} starts at {@code i *
   * length / samplingRate} seconds), with every generated event (imagery periods labelled by class,
   * blinks, muscle bursts, beats) moved to its place in it: the raw material of a real session, to
   * practise filtering and cutting epochs around cues.
   *
   * <pre>{@code
   * Recording session = MotorImageryGenerator.defaults().seed(3).generate().session("session", "uV");
   * Epochs trials = Epochs.around(session, session.annotations(), 0.5, 2.5, MotorImageryGenerator.CLASSES);
   * }</pre>
   */
  public Recording session(String name, String unit) {
    int n = data.rows();
    int len = length();
    float[][] x = data.x();
    List<Channel> out = new ArrayList<>();
    for (int c = 0; c < channels.size(); c++) {
      double[] v = new double[n * len];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < len; k++) {
          v[i * len + k] = x[i][c * len + k];
        }
      }
      out.add(new Channel(channels.get(c), unit, samplingRate, v));
    }
    List<Annotation> shifted = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double start = i * len / samplingRate;
      for (Annotation a : events.get(i)) {
        shifted.add(new Annotation(start + a.onset(), a.duration(), a.label()));
      }
    }
    shifted.sort(java.util.Comparator.comparingDouble(Annotation::onset));
    return new Recording(name, out, shifted, null);
  }

  /**
   * Generated rows with their ground truth: one panel per row (and channel), the signal over a band that
   * is coloured where the row's class differs from the others.
   *
   * <pre>{@code
   * gen.plot(gen.rowsOf("normal")[0], gen.rowsOf("pvc")[0]);
   * }</pre>
   */
  public Figure plot(int... rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("plot needs at least one row");
    }
    float[][] x = data.x(rows);
    List<double[]> signal = new ArrayList<>();
    List<double[]> truthBand = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int r = 0; r < rows.length; r++) {
      boolean[][] m = mask(rows[r]);
      String cls = data.classNames().isEmpty() ? "" : data.classNames().get(data.y()[rows[r]]);
      for (int c = 0; c < channels.size(); c++) {
        double[] s = new double[length()];
        double[] t = new double[length()];
        for (int k = 0; k < s.length; k++) {
          s[k] = x[r][c * length() + k];
          t[k] = m[c][k] ? 1 : 0;
        }
        signal.add(s);
        truthBand.add(t);
        names.add(channels.size() == 1 ? cls + " (row " + rows[r] + ")" : channels.get(c) + ", row " + rows[r]);
      }
    }
    return Charts.signalAttribution(signal.toArray(new double[0][]), truthBand.toArray(new double[0][]),
        samplingRate, names, ChartOptions.defaults().title("Generated rows, coloured where the class differs")
            .valueLabel("Ground truth"));
  }

  /** The dataset as epochs (for band power, plotting one sample, or {@code float[n][c][l]} arrays). */
  public Epochs epochs() {
    return Epochs.of(data, samplingRate);
  }

  private void checkRow(int row) {
    if (row < 0 || row >= truth.size()) {
      throw new IllegalArgumentException("Row " + row + " is outside 0.." + (truth.size() - 1));
    }
  }
}
