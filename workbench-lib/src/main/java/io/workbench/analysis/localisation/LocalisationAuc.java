package io.workbench.analysis.localisation;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;
import io.workbench.stats.Stats;

/**
 * Localisation AUC (Fawcett 2006; as a localisation metric in Quantus): the ROC AUC of the attribution as a score
 * separating the features inside the mask from those outside, the probability that a random inside feature has a
 * larger attribution than a random outside one (ties count one half; Mann-Whitney). 0.5 is chance, 1 perfect.
 * Higher is better.
 *
 * <pre>{@code
 * double[] auc = new LocalisationAuc().score(MetricInput.of(model, attribution).withMasks(masks));
 * }</pre>
 */
public final class LocalisationAuc extends MetricBase {

  /** The metric (no settings). */
  public LocalisationAuc() {
    super("localisation AUC", "localisation", true);
  }

  @Override
  public double[] score(MetricInput in) {
    return Masked.score(in, name(), LocalisationAuc::auc);
  }

  private static double auc(double[] a, boolean[] m, int k) {
    double[] ranks = Stats.ranks(a);
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += m[j] ? ranks[j] : 0;
    }
    long out = a.length - k;
    return (sum - k * (k + 1) / 2.0) / ((double) k * out);
  }
}
