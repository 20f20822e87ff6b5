package io.workbench.model;

import java.util.List;

/**
 * Entry point for model families. (Factories are added by the engine packages; this class also holds
 * checks shared by every {@link Model}.)
 */
public final class Models {

  private Models() {}

  // ---- DJL / PyTorch networks (package io.workbench.model.djl) ---------------------------------------

  /**
   * Multinomial logistic regression trained with DJL/PyTorch (classification).
   *
   * <pre>{@code
   * Model m = Models.logistic().epochs(50).fit(train);
   * }</pre>
   */
  public static io.workbench.model.djl.NeuralTrainer logistic() {
    return io.workbench.model.djl.NeuralTrainer.logistic();
  }

  /** Linear regression trained with DJL/PyTorch on the mean squared error (regression). */
  public static io.workbench.model.djl.NeuralTrainer linear() {
    return io.workbench.model.djl.NeuralTrainer.linear();
  }

  /**
   * A multilayer perceptron with the given hidden layer sizes (classification or regression).
   *
   * <pre>{@code
   * Model m = Models.mlp(64, 32).dropout(0.1).epochs(40).seed(42).fit(train);
   * }</pre>
   */
  public static io.workbench.model.djl.NeuralTrainer mlp(int... hidden) {
    return io.workbench.model.djl.NeuralTrainer.mlp(hidden);
  }

  /** A 1D CNN for multi-channel signals (sampleShape {@code [channels, length]}), one conv layer per filter count. */
  public static io.workbench.model.djl.NeuralTrainer cnn1d(int... filters) {
    return io.workbench.model.djl.NeuralTrainer.cnn1d(filters);
  }

  /** A small 2D CNN for images (sampleShape {@code [c, h, w]}), one conv layer per filter count. */
  public static io.workbench.model.djl.NeuralTrainer cnn2d(int... filters) {
    return io.workbench.model.djl.NeuralTrainer.cnn2d(filters);
  }

  // ---- end of DJL / PyTorch networks ------------------------------------------------------------------

  /** Fails naming the first mismatch when {@code given} features differ from the model's. */
  public static void checkFeatures(Model model, List<String> given) {
    List<String> expected = model.featureNames();
    if (expected.equals(given)) {
      return;
    }
    if (expected.size() != given.size()) {
      throw new IllegalArgumentException(
          "Model expects " + expected.size() + " features but the data has " + given.size()
              + (given.size() < expected.size() ? "; missing e.g. '" + firstMissing(expected, given) + "'"
                  : "; unknown e.g. '" + firstMissing(given, expected) + "'"));
    }
    for (int j = 0; j < expected.size(); j++) {
      if (!expected.get(j).equals(given.get(j))) {
        throw new IllegalArgumentException(
            "Feature " + j + " of the data is '" + given.get(j) + "' but the model expects '" + expected.get(j)
                + "' there; model features are " + expected);
      }
    }
  }

  private static String firstMissing(List<String> from, List<String> in) {
    for (String s : from) {
      if (!in.contains(s)) {
        return s;
      }
    }
    return from.isEmpty() ? "" : from.get(0);
  }

  // ---- XGBoost tree models (package model.xgboost) -------------------------------------------------

  /**
   * Gradient-boosted trees with XGBoost's defaults (100 rounds, depth 6, eta 0.3); binary, multi-class or
   * regression follows the training data.
   *
   * <pre>{@code Model m = Models.xgboost().rounds(200).eta(0.1).earlyStopping(20, 0.2).seed(42).fit(train); }</pre>
   */
  public static io.workbench.model.xgboost.XGBoostTrainer xgboost() {
    return io.workbench.model.xgboost.XGBoostTrainer.boosting();
  }

  /**
   * A random forest in XGBoost's random-forest mode: one round of 100 parallel trees, eta 1, row
   * subsample 0.8, 80 % of features per split, depth 8.
   *
   * <pre>{@code Model rf = Models.randomForest().parallelTrees(300).seed(7).fit(train); }</pre>
   */
  public static io.workbench.model.xgboost.XGBoostTrainer randomForest() {
    return io.workbench.model.xgboost.XGBoostTrainer.forest();
  }

  /**
   * A single decision tree (one XGBoost tree, eta 1), depth 4 unless changed.
   *
   * <pre>{@code Model tree = Models.decisionTree().maxDepth(3).fit(train); }</pre>
   */
  public static io.workbench.model.xgboost.XGBoostTrainer decisionTree() {
    return io.workbench.model.xgboost.XGBoostTrainer.singleTree();
  }

  // ---- end of XGBoost tree models ------------------------------------------------------------------
}
