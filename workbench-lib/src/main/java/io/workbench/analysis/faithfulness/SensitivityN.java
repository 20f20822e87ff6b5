package io.workbench.analysis.faithfulness;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;
import io.workbench.check.Checks;
import io.workbench.explain.Baseline;

/**
 * Sensitivity-n (Ancona et al. 2018, "Towards better understanding of gradient-based attribution methods for Deep
 * Neural Networks"): an attribution satisfies sensitivity-n when, for every subset {@code S} of {@code n} features,
 * the summed attribution {@code sum_{j in S} a_j} equals the output drop {@code f(x) - f(x_{S <- b})}. Measured as
 * the Pearson correlation of the two over {@code runs} random subsets for each {@code n}; the score of a row is the
 * mean correlation over the sizes (Ancona et al. plot it against {@code n}; {@link #perSize(MetricInput)} gives that
 * curve). Higher is better. Defaults: sizes 1%, 5%, 10%, 20%, 40% and 80% of the features, 50 runs, baseline 0.
 *
 * <pre>{@code
 * double[] r = new SensitivityN().fractions(0.1, 0.5).runs(30).score(in);
 * }</pre>
 */
public final class SensitivityN extends MetricBase {

  private final double[] fractions;
  private final int runs;
  private final Baseline baseline;

  /** Sizes 1%, 5%, 10%, 20%, 40%, 80% of the features, 50 runs, baseline 0. */
  public SensitivityN() {
    this(new double[] {0.01, 0.05, 0.1, 0.2, 0.4, 0.8}, 50, Baseline.constant(0));
  }

  private SensitivityN(double[] fractions, int runs, Baseline baseline) {
    super("sensitivity-n", "faithfulness", true);
    this.fractions = fractions;
    this.runs = runs;
    this.baseline = baseline;
  }

  /** The subset sizes as shares of the features, each in (0, 1]. */
  public SensitivityN fractions(double... f) {
    if (f == null || f.length == 0) {
      throw new IllegalArgumentException("fractions: need at least one share in (0, 1]");
    }
    for (double v : f) {
      if (!(v > 0 && v <= 1)) {
        throw new IllegalArgumentException("fractions must be in (0, 1], got " + v);
      }
    }
    return new SensitivityN(f.clone(), runs, baseline);
  }

  /** Random subsets per size and row, at least 2. */
  public SensitivityN runs(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("runs must be >= 2 (a correlation needs two points), got " + n);
    }
    return new SensitivityN(fractions, n, baseline);
  }

  /** What replaces the features of a subset. */
  public SensitivityN baseline(Baseline b) {
    Checks.notNull(b, "baseline");
    return new SensitivityN(fractions, runs, b);
  }

  /** The correlation per row ({@code [row][size]}) for each subset size, in the order of the fractions. */
  public double[][] perSize(MetricInput in) {
    int d = in.attribution().numFeatures();
    int[] sizes = new int[fractions.length];
    for (int s = 0; s < sizes.length; s++) {
      sizes[s] = SubsetCorrelation.size(fractions[s], d);
    }
    return SubsetCorrelation.run(in, name(), sizes, runs, baseline);
  }

  @Override
  public double[] score(MetricInput in) {
    double[][] c = perSize(in);
    double[] out = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      double s = 0;
      int k = 0;
      for (double v : c[i]) {
        if (!Double.isNaN(v)) {
          s += v;
          k++;
        }
      }
      out[i] = k == 0 ? Double.NaN : s / k;
    }
    return out;
  }
}
