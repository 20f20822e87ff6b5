package io.workbench.analysis.complexity;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;
import java.util.Arrays;

/**
 * Sparseness (Chalasani et al. 2020, "Concise Explanations of Neural Networks using Adversarial Training"): the
 * Gini index of the attribution magnitudes of a row. With {@code a} the sorted {@code |attribution|} (ascending,
 * {@code k = 1..d}), {@code G = sum_k (2k - d - 1) a_k / (d sum_k a_k)}: 0 when all features share the mass
 * equally, {@code (d - 1) / d} when one feature holds all of it. Higher is better; an all-zero row scores 0.
 *
 * <pre>{@code
 * double[] g = new Sparseness().score(MetricInput.of(model, attribution));
 * }</pre>
 */
public final class Sparseness extends MetricBase {

  /** The metric (no settings). */
  public Sparseness() {
    super("sparseness (Gini)", "complexity", true);
  }

  @Override
  public double[] score(MetricInput in) {
    return perRow(in, Sparseness::gini);
  }

  /** The Gini index of {@code |v|}. */
  public static double gini(double[] v) {
    int d = v.length;
    double[] a = new double[d];
    double sum = 0;
    for (int j = 0; j < d; j++) {
      a[j] = Math.abs(v[j]);
      sum += a[j];
    }
    if (sum == 0) {
      return 0;
    }
    Arrays.sort(a);
    double g = 0;
    for (int k = 1; k <= d; k++) {
      g += (2.0 * k - d - 1) * a[k - 1];
    }
    return g / (d * sum);
  }
}
