package io.workbench.analysis.localisation;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;

/**
 * Pointing game (Zhang et al. 2018, "Top-down Neural Attention by Excitation Backprop"): a hit (1) when the feature
 * with the largest attribution lies inside the ground-truth mask, a miss (0) otherwise; the mean over rows is the hit
 * rate. Ties for the largest value count as a hit only when all of them are inside. Higher is better.
 *
 * <pre>{@code
 * double[] hits = new PointingGame().score(MetricInput.of(model, attribution).withMasks(masks));
 * }</pre>
 */
public final class PointingGame extends MetricBase {

  /** The metric (no settings). */
  public PointingGame() {
    super("pointing game", "localisation", true);
  }

  @Override
  public double[] score(MetricInput in) {
    return Masked.score(in, name(), (a, m, k) -> {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : a) {
        max = Math.max(max, v);
      }
      for (int j = 0; j < a.length; j++) {
        if (a[j] == max && !m[j]) {
          return 0;
        }
      }
      return 1;
    });
  }
}
