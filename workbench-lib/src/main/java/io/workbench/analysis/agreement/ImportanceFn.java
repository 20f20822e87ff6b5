package io.workbench.analysis.agreement;

import io.workbench.analysis.selection.FeatureGroups;
import io.workbench.analysis.selection.GroupImportance;
import io.workbench.data.Dataset;
import io.workbench.eval.Metric;
import io.workbench.model.Model;
import io.workbench.progress.ProgressListener;

/**
 * Any feature-importance method, as used by {@link RashomonSet}: one value per feature of the model,
 * computed on an evaluation dataset. Plug in other explainers with a lambda.
 *
 * <pre>{@code
 * ImportanceFn perm = ImportanceFn.permutation(Metric.ACCURACY, 5, 42);
 * ImportanceFn custom = (model, eval) -> myExplainer.explain(model, eval).importances();
 * }</pre>
 */
@FunctionalInterface
public interface ImportanceFn {

  /** One importance per feature of {@code m}, in the model's feature order. */
  double[] importance(Model m, Dataset eval);

  /**
   * Batched permutation importance: the drop of {@code score} when one feature is permuted (silent: the
   * operation that calls it reports progress).
   */
  static ImportanceFn permutation(Metric score, int repeats, long seed) {
    GroupImportance g = GroupImportance.create().score(score).repeats(repeats).seed(seed)
        .progress(ProgressListener.silent());
    return (m, eval) -> g.compute(m, eval, FeatureGroups.singletons(eval.features())).importances();
  }
}
