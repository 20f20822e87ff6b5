package io.workbench.analysis.surrogate;

import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.Model;
import io.workbench.model.cart.CartTrainer;
import io.workbench.model.cart.CartTree;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a global surrogate: a CART tree trained to mimic a black box's predictions (argmax class, or the
 * regression value) on a few chosen features, for example the top-k of an importance ranking. The tree is
 * itself a {@link Model}; its fidelity is measured on held-out rows as agreement with the black box
 * (classification) or R<sup>2</sup> against the black box's output (regression).
 *
 * <pre>{@code
 * List<String> top = ProbingSelector.create().rank(blackBox, split.train(), 10).top(10);
 * SurrogateTree s = GlobalSurrogate.create().features(top).maxDepth(4).minSamplesLeaf(10)
 *     .fit(blackBox, split.train(), split.test());
 * s.fidelity();            // agreement on the held-out rows
 * s.rules().toText();      // IF ... THEN ... (support, confidence)
 * }</pre>
 */
public final class GlobalSurrogate {

  private final CartTrainer cart;
  private final List<String> names;
  private final int[] indices;

  private GlobalSurrogate(CartTrainer cart, List<String> names, int[] indices) {
    this.cart = cart;
    this.names = names;
    this.indices = indices;
  }

  /** Depth 3, at least 5 rows per leaf, all features of the black box. */
  public static GlobalSurrogate create() {
    return new GlobalSurrogate(CartTrainer.create().maxDepth(3).minSamplesLeaf(5), null, null);
  }

  /** The features the tree may split on, by name. */
  public GlobalSurrogate features(List<String> featureNames) {
    if (featureNames.isEmpty()) {
      throw new IllegalArgumentException("features() needs at least one name");
    }
    return new GlobalSurrogate(cart, List.copyOf(featureNames), null);
  }

  /** The features the tree may split on, by name. */
  public GlobalSurrogate features(String... featureNames) {
    return features(List.of(featureNames));
  }

  /** The features the tree may split on, by index into the black box's features. */
  public GlobalSurrogate features(int... featureIndices) {
    if (featureIndices.length == 0) {
      throw new IllegalArgumentException("features() needs at least one index");
    }
    return new GlobalSurrogate(cart, null, featureIndices.clone());
  }

  /** The first {@code k} names of a ranking (most important first). */
  public GlobalSurrogate topFeatures(List<String> ranking, int k) {
    if (k < 1 || k > ranking.size()) {
      throw new IllegalArgumentException(
          "k must be between 1 and the " + ranking.size() + " ranked features, got " + k);
    }
    return features(ranking.subList(0, k));
  }

  /** Maximum tree depth, at least 1. */
  public GlobalSurrogate maxDepth(int depth) {
    return new GlobalSurrogate(cart.maxDepth(depth), names, indices);
  }

  /** Minimum training rows per leaf, at least 1. */
  public GlobalSurrogate minSamplesLeaf(int rows) {
    return new GlobalSurrogate(cart.minSamplesLeaf(rows), names, indices);
  }

  /**
   * Labels {@code train} with the black box, grows the tree, and measures fidelity on {@code holdout}.
   *
   * @param blackBox the model to mimic; both datasets must have its features
   * @param train rows the tree learns from (their targets are ignored)
   * @param holdout rows for the fidelity estimate
   */
  public SurrogateTree fit(Model blackBox, Dataset train, Dataset holdout) {
    Model.checkFeatures(blackBox, train.features());
    Model.checkFeatures(blackBox, holdout.features());
    if (train.rows() < 2) {
      throw new IllegalArgumentException("train needs at least 2 rows, got " + train.rows());
    }
    if (holdout.rows() < 1) {
      throw new IllegalArgumentException("holdout needs at least 1 row");
    }
    List<String> all = blackBox.featureNames();
    List<String> chosen;
    if (indices != null) {
      int[] idx = Checks.indices(all.size(), indices, "GlobalSurrogate.features");
      chosen = new ArrayList<>();
      for (int j : idx) {
        chosen.add(all.get(j));
      }
    } else if (names != null) {
      Checks.indices(all, names, "GlobalSurrogate.features");
      chosen = names;
    } else {
      chosen = all;
    }
    float[][] xTrain = train.x();
    float[][] outTrain = blackBox.predictProba(xTrain);
    Dataset labelled;
    if (blackBox.task() == Task.CLASSIFICATION) {
      labelled = Dataset.of(xTrain, all, argmax(outTrain), blackBox.classNames());
    } else {
      labelled = Dataset.of(xTrain, all, column0(outTrain));
    }
    CartTree tree = cart.features(chosen).fit(labelled);
    double fidTrain = fidelity(blackBox.task(), outTrain, tree.predictProba(xTrain));
    float[][] xHold = holdout.x();
    double fidHold = fidelity(blackBox.task(), blackBox.predictProba(xHold), tree.predictProba(xHold));
    return new SurrogateTree(tree, chosen, fidTrain, fidHold, train.rows(), holdout.rows());
  }

  /** Agreement of argmax classes, or R<sup>2</sup> of the surrogate's values against the black box's. */
  static double fidelity(Task task, float[][] blackBox, float[][] surrogate) {
    if (task == Task.CLASSIFICATION) {
      int[] a = argmax(blackBox);
      int[] b = argmax(surrogate);
      int same = 0;
      for (int i = 0; i < a.length; i++) {
        same += a[i] == b[i] ? 1 : 0;
      }
      return (double) same / a.length;
    }
    return Stats.r2(column0(blackBox), column0(surrogate));
  }

  static int[] argmax(float[][] p) {
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = Stats.argmax(p[i]);
    }
    return out;
  }

  static double[] column0(float[][] p) {
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i][0];
    }
    return out;
  }
}
