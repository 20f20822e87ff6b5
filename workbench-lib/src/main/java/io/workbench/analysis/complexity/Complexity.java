package io.workbench.analysis.complexity;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;

/**
 * Complexity (Bhatt et al. 2020, "Evaluating and Aggregating Feature-based Model Explanations"): the entropy of the
 * fractional contributions {@code p_j = |a_j| / sum_k |a_k|}, {@code H = -sum_j p_j ln p_j} (nats). 0 when one feature
 * holds all the mass, {@code ln d} when all share it equally. Lower is better; an all-zero row is {@code NaN}.
 *
 * <pre>{@code
 * double[] h = new Complexity().score(MetricInput.of(model, attribution));
 * }</pre>
 */
public final class Complexity extends MetricBase {

  /** The metric (no settings). */
  public Complexity() {
    super("complexity (entropy)", "complexity", false);
  }

  @Override
  public double[] score(MetricInput in) {
    return perRow(in, Complexity::entropy);
  }

  /** The entropy of the normalised magnitudes of {@code v}. */
  public static double entropy(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += Math.abs(x);
    }
    if (sum == 0) {
      return Double.NaN;
    }
    double h = 0;
    for (double x : v) {
      double p = Math.abs(x) / sum;
      if (p > 0) {
        h -= p * Math.log(p);
      }
    }
    return h;
  }
}
