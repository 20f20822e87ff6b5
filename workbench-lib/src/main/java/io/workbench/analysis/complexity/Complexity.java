package io.workbench.analysis.complexity;

import io.workbench.analysis.AttributionMetric;
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
public final class Complexity implements AttributionMetric {

  @Override
  public String name() {
    return "complexity (entropy)";
  }

  @Override
  public String family() {
    return "complexity";
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public double[] score(MetricInput in) {
    double[][] v = in.attribution().values();
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = entropy(v[i]);
    }
    return out;
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
