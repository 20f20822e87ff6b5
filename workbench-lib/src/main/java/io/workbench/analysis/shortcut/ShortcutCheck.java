package io.workbench.analysis.shortcut;

import io.workbench.data.Dataset;
import io.workbench.eval.Evaluation;
import io.workbench.eval.Metric;
import io.workbench.explain.Attribution;
import io.workbench.model.Model;
import io.workbench.run.RunOptions;

/**
 * How much a model relies on one feature (a suspected shortcut): its score on the test rows as they are,
 * its mean score over {@link #repeats(int)} copies where the feature is broken (a seeded permutation of its
 * values, {@link Shortcut#broken}), the drop between the two, and, given an attribution of the same model,
 * the feature's share of the attribution mass {@code sum_i |a_i,f| / sum_i sum_k |a_i,k|}. A model that
 * learned the shortcut loses much when it is broken and spends much attribution on it; one that did not
 * loses nothing.
 *
 * <pre>{@code
 * ShortcutResult r = ShortcutCheck.create().metric(Metric.ACCURACY).repeats(5).seed(1).run(model, testS, "marker");
 * ShortcutResult withShap = ShortcutCheck.create().run(model, testS, "marker", shap);
 * }</pre>
 */
public final class ShortcutCheck {

  private final Metric metric;
  private final int repeats;
  private final long seed;

  private ShortcutCheck(Metric metric, int repeats, long seed) {
    this.metric = metric;
    this.repeats = repeats;
    this.seed = seed;
  }

  /** Accuracy, 5 repeats, seed {@value RunOptions#DEFAULT_SEED}. */
  public static ShortcutCheck create() {
    return new ShortcutCheck(Metric.ACCURACY, 5, RunOptions.DEFAULT_SEED);
  }

  /** The score compared (higher-is-better or not, the drop is {@code intact - broken}). */
  public ShortcutCheck metric(Metric m) {
    if (m == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new ShortcutCheck(m, repeats, seed);
  }

  /** Number of broken copies averaged, at least 1. */
  public ShortcutCheck repeats(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("repeats must be at least 1, got " + n);
    }
    return new ShortcutCheck(metric, n, seed);
  }

  /** Seed of the permutations (copy r uses seed + r). */
  public ShortcutCheck seed(long s) {
    return new ShortcutCheck(metric, repeats, s);
  }

  /** The performance test alone. */
  public ShortcutResult run(Model model, Dataset test, String feature) {
    return run(model, test, feature, null);
  }

  /**
   * The performance test and the feature's share of an attribution's mass.
   *
   * @param attribution an attribution with the feature among its feature names, or null
   * @throws IllegalArgumentException for an unknown feature (in the dataset or the attribution)
   */
  public ShortcutResult run(Model model, Dataset test, String feature, Attribution attribution) {
    Shortcut.featureIndex(test, feature);
    double intact = metric.compute(Evaluation.predictions(model, test));
    double broken = 0;
    for (int r = 0; r < repeats; r++) {
      broken += metric.compute(Evaluation.predictions(model, Shortcut.broken(test, feature, seed + r)));
    }
    broken /= repeats;
    double share = attribution == null ? Double.NaN : share(attribution, feature);
    return new ShortcutResult(feature, metric.name(), intact, broken, share, repeats, seed);
  }

  /** The feature's share of the total absolute attribution over all rows. */
  public static double share(Attribution attribution, String feature) {
    int j = attribution.featureNames().indexOf(feature);
    if (j < 0) {
      throw new IllegalArgumentException("The attribution has no feature '" + feature + "'; its features are "
          + attribution.featureNames());
    }
    double[][] a = attribution.values();
    double on = 0;
    double all = 0;
    for (double[] row : a) {
      for (int k = 0; k < row.length; k++) {
        double v = Math.abs(row[k]);
        all += v;
        on += k == j ? v : 0;
      }
    }
    return all > 0 ? on / all : 0;
  }
}
