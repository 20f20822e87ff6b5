package io.workbench.analysis.localisation;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;
import io.workbench.stats.Stats;

/**
 * Relevance rank accuracy (Arras et al. 2022): with {@code K} the size of the mask, the fraction of the {@code K}
 * features of largest attribution that lie inside the mask, {@code |top_K(a) ∩ mask| / K}; in [0, 1]. Ties are
 * broken by feature order. Higher is better.
 *
 * <pre>{@code
 * double[] rank = new RelevanceRankAccuracy().score(MetricInput.of(model, attribution).withMasks(masks));
 * }</pre>
 */
public final class RelevanceRankAccuracy extends MetricBase {

  /** The metric (no settings). */
  public RelevanceRankAccuracy() {
    super("relevance rank accuracy", "localisation", true);
  }

  @Override
  public double[] score(MetricInput in) {
    return Masked.score(in, name(), (a, m, k) -> {
      int[] order = Stats.descendingOrder(a);
      int hits = 0;
      for (int r = 0; r < k; r++) {
        hits += m[order[r]] ? 1 : 0;
      }
      return (double) hits / k;
    });
  }
}
