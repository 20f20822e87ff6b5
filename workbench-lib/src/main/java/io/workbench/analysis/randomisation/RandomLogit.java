package io.workbench.analysis.randomisation;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;
import io.workbench.data.Task;
import io.workbench.explain.Attribution;
import io.workbench.stats.Stats;
import java.util.Random;

/**
 * Random logit test (Sixt et al. 2020, "When Explanations Lie: Why Many Modified BP Attributions Fail"): each row is
 * explained once more for a class drawn at random (seeded) among the other classes, and the similarity of the two
 * attributions is the score. A method that explains the class gives dissimilar maps; one that only reflects the input
 * gives the same map for every class. Similarity here is Pearson's correlation of the two attribution rows (Quantus
 * defaults to SSIM, which is for images); {@code NaN} when either row is constant. Lower is better. Needs a
 * classifier with at least two classes.
 *
 * <pre>{@code
 * double[] sim = new RandomLogit().score(in);
 * }</pre>
 */
public final class RandomLogit extends MetricBase {

  /** The metric (no settings). */
  public RandomLogit() {
    super("random logit", "randomisation", false);
  }

  @Override
  public double[] score(MetricInput in) {
    if (in.model().task() != Task.CLASSIFICATION || in.model().classNames().size() < 2) {
      throw new IllegalArgumentException(name() + " needs a classifier with at least two classes; the model does "
          + in.model().task() + " with classes " + in.model().classNames());
    }
    Attribution a = in.attribution();
    int k = in.model().classNames().size();
    int[] t = a.targets();
    int[] other = new int[t.length];
    Random rnd = new Random(in.options().seed());
    for (int i = 0; i < t.length; i++) {
      int c = rnd.nextInt(k - 1);
      other[i] = c >= t[i] ? c + 1 : c;
    }
    double[][] b = in.explain(a.inputs(), other, name());
    double[][] v = a.values();
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Stats.pearson(v[i], b[i]);
    }
    return out;
  }
}
