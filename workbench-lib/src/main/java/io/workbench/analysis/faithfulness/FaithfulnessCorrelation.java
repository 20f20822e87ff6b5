package io.workbench.analysis.faithfulness;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;
import io.workbench.check.Checks;
import io.workbench.explain.Baseline;

/**
 * Faithfulness correlation (Bhatt et al. 2020, "Evaluating and Aggregating Feature-based Model Explanations"): for
 * {@code runs} random subsets {@code S} of a fixed size, replace {@code x_S} by a baseline and correlate the output
 * drop {@code f(x) - f(x_{S <- b})} with the attribution mass {@code sum_{j in S} a_j} (Pearson, over the subsets of
 * one row). 1 when the attribution predicts every drop, 0 when unrelated, negative when inverted. Higher is better;
 * {@code NaN} when the drops or the masses are constant. Defaults as Quantus: 100 runs; subsets of 10% of the
 * features; baseline 0.
 *
 * <pre>{@code
 * double[] r = new FaithfulnessCorrelation().runs(50).subsetFraction(0.05).score(in);
 * }</pre>
 */
public final class FaithfulnessCorrelation extends MetricBase {

  private final int runs;
  private final double fraction;
  private final Baseline baseline;

  /** 100 runs, subsets of 10% of the features, baseline 0. */
  public FaithfulnessCorrelation() {
    this(100, 0.1, Baseline.constant(0));
  }

  private FaithfulnessCorrelation(int runs, double fraction, Baseline baseline) {
    super("faithfulness correlation", "faithfulness", true);
    this.runs = runs;
    this.fraction = fraction;
    this.baseline = baseline;
  }

  /** Random subsets per row, at least 2. */
  public FaithfulnessCorrelation runs(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("runs must be >= 2 (a correlation needs two points), got " + n);
    }
    return new FaithfulnessCorrelation(n, fraction, baseline);
  }

  /** Subset size as a share of the features, in (0, 1]. */
  public FaithfulnessCorrelation subsetFraction(double f) {
    if (!(f > 0 && f <= 1)) {
      throw new IllegalArgumentException("subsetFraction must be in (0, 1], got " + f);
    }
    return new FaithfulnessCorrelation(runs, f, baseline);
  }

  /** What replaces the features of a subset. */
  public FaithfulnessCorrelation baseline(Baseline b) {
    Checks.notNull(b, "baseline");
    return new FaithfulnessCorrelation(runs, fraction, b);
  }

  @Override
  public double[] score(MetricInput in) {
    int d = in.attribution().numFeatures();
    double[][] c = SubsetCorrelation.run(in, name(), new int[] {SubsetCorrelation.size(fraction, d)}, runs, baseline);
    double[] out = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = c[i][0];
    }
    return out;
  }
}
