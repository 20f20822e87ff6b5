package io.workbench.analysis.localisation;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;

/**
 * Relevance mass accuracy (Arras et al. 2022, "CLEVR-XAI: A benchmark dataset for the ground truth evaluation of
 * neural network explanations"): the share of the positive relevance that falls inside the mask,
 * {@code R_within / R_total} with {@code R = sum max(a_j, 0)}; in [0, 1], {@code NaN} when a row has no positive
 * relevance. Higher is better.
 *
 * <pre>{@code
 * double[] mass = new RelevanceMassAccuracy().score(MetricInput.of(model, attribution).withMasks(masks));
 * }</pre>
 */
public final class RelevanceMassAccuracy extends MetricBase {

  /** The metric (no settings). */
  public RelevanceMassAccuracy() {
    super("relevance mass accuracy", "localisation", true);
  }

  @Override
  public double[] score(MetricInput in) {
    return Masked.score(in, name(), (a, m, k) -> {
      double inside = 0;
      double total = 0;
      for (int j = 0; j < a.length; j++) {
        double r = Math.max(a[j], 0);
        total += r;
        inside += m[j] ? r : 0;
      }
      return total > 0 ? inside / total : Double.NaN;
    });
  }
}
