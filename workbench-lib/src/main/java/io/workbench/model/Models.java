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
}
