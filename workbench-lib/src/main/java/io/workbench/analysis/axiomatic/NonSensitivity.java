package io.workbench.analysis.axiomatic;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;
import io.workbench.check.Checks;
import io.workbench.explain.Attribution;
import io.workbench.explain.Baseline;

/**
 * Non-sensitivity (Nguyen and Martinez 2020, "On quantitative aspects of model interpretability"): a feature the model
 * does not use should get no attribution, and a feature with no attribution should not move the output. Each feature
 * (or window of the sample shape) is replaced by a baseline (0 by default) on its own; it is <em>inert</em> when the
 * explained output moves by at most {@code tolerance}, and <em>unattributed</em> when its summed |attribution| is at
 * most {@code tolerance} times the row's largest. The score of a row is the share of units where the two disagree
 * (the symmetric difference of the two sets, divided by the number of units). Lower is better. Costs one model row per
 * unit and row.
 *
 * <pre>{@code
 * double[] share = new NonSensitivity().windows(5).score(in);
 * }</pre>
 */
public final class NonSensitivity extends MetricBase {

  private final double tolerance;
  private final int window;
  private final Baseline baseline;

  /** Tolerance 1e-5, single features, baseline 0. */
  public NonSensitivity() {
    this(1e-5, 1, Baseline.constant(0));
  }

  private NonSensitivity(double tolerance, int window, Baseline baseline) {
    super("non-sensitivity", "axiomatic", false);
    this.tolerance = tolerance;
    this.window = window;
    this.baseline = baseline;
  }

  /** Below this an output change or a relative attribution counts as zero; {@code >= 0}. */
  public NonSensitivity tolerance(double t) {
    if (!(t >= 0) || !Double.isFinite(t)) {
      throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + t);
    }
    return new NonSensitivity(t, window, baseline);
  }

  /** Units of {@code size} consecutive values per channel (1: single features). */
  public NonSensitivity windows(int size) {
    Checks.positive(size, "windows");
    return new NonSensitivity(tolerance, size, baseline);
  }

  /** What replaces a unit. */
  public NonSensitivity baseline(Baseline b) {
    Checks.notNull(b, "baseline");
    return new NonSensitivity(tolerance, window, b);
  }

  @Override
  public double[] score(MetricInput in) {
    Attribution a = in.attribution();
    float[][] x = a.inputs();
    double[][] phi = a.values();
    int[] targets = a.targets();
    int n = x.length;
    int d = phi[0].length;
    int[] shape = a.sampleShape();
    int len = shape[shape.length - 1];
    int[] unitOf = new int[d];
    int perLine = (len + window - 1) / window;
    for (int j = 0; j < d; j++) {
      unitOf[j] = (j / len) * perLine + (j % len) / window;
    }
    int units = unitOf[d - 1] + 1;
    float[][] base = baseline.resolve(in.model(), n);
    int per = units + 1;
    double[][] y = new double[n][per];
    in.evaluate(name(), (long) n * per, (v, dest) -> {
      int i = (int) (v / per);
      int u = (int) (v % per) - 1;
      for (int j = 0; j < d; j++) {
        dest[j] = u >= 0 && unitOf[j] == u ? base[i][j] : x[i][j];
      }
    }, (v, out) -> y[(int) (v / per)][(int) (v % per)] = out[targets[(int) (v / per)]]);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double[] mass = new double[units];
      double max = 0;
      for (int j = 0; j < d; j++) {
        mass[unitOf[j]] += Math.abs(phi[i][j]);
      }
      for (double m : mass) {
        max = Math.max(max, m);
      }
      int disagree = 0;
      for (int u = 0; u < units; u++) {
        boolean inert = Math.abs(y[i][u + 1] - y[i][0]) <= tolerance;
        boolean unattributed = mass[u] <= tolerance * max;
        disagree += inert != unattributed ? 1 : 0;
      }
      out[i] = (double) disagree / units;
    }
    return out;
  }
}
