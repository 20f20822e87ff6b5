package io.workbench.analysis.complexity;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;

/**
 * Effective complexity (Nguyen and Martinez 2020, "On quantitative aspects of model interpretability"): the number of
 * features whose magnitude exceeds a threshold, {@code #{j : |a_j| / max_k |a_k| > eps}} (magnitudes normalised by the
 * row's largest, as Quantus does by default). Lower is better; an all-zero row scores 0.
 *
 * <pre>{@code
 * double[] n = new EffectiveComplexity(0.05).score(MetricInput.of(model, attribution));
 * }</pre>
 */
public final class EffectiveComplexity extends MetricBase {

  private final double threshold;

  /** Threshold 1e-5 of the row's largest magnitude (Quantus' default {@code eps}). */
  public EffectiveComplexity() {
    this(1e-5);
  }

  /** Features above {@code threshold} times the row's largest magnitude count; {@code 0 <= threshold < 1}. */
  public EffectiveComplexity(double threshold) {
    super("effective complexity", "complexity", false);
    if (!(threshold >= 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1), got " + threshold);
    }
    this.threshold = threshold;
  }

  @Override
  public double[] score(MetricInput in) {
    return perRow(in, a -> {
      double max = 0;
      for (double x : a) {
        max = Math.max(max, Math.abs(x));
      }
      int n = 0;
      for (double x : a) {
        n += max > 0 && Math.abs(x) / max > threshold ? 1 : 0;
      }
      return n;
    });
  }
}
