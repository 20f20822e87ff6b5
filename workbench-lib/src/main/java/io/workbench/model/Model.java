package io.workbench.model;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.stats.Stats;
import java.util.List;
import java.util.Optional;

/**
 * A trained model that answers batched predictions on <em>raw</em> features: any standardisation or
 * encoding fitted at training time is applied inside. Implementations are thread-safe for inference and
 * evaluate large batches in few native calls.
 *
 * <p>Outputs: for classification, {@link #predictProba(float[][])} returns {@code rows x classes}
 * probabilities in the order of {@link #classNames()}; for regression it returns {@code rows x 1}
 * predicted values; for multi-label ({@link Task#MULTI_LABEL}) it returns {@code rows x labels}
 * independent probabilities (each in [0, 1], rows need not sum to 1), labels in {@link #classNames()}
 * order, and {@link #predictLabels(float[][], double)} thresholds them.
 *
 * <pre>{@code
 * float[][] p = model.predictProba(test);         // Dataset, checked by feature name
 * int[] labels = model.predict(test.x());         // argmax class indices
 * model.as(TreeEnsemble.class).ifPresent(t -> ...);
 * Evaluation.of(model, test);                     // metrics live in io.workbench.eval, not here
 * }</pre>
 */
public interface Model {

  /** Classification, regression or multi-label. */
  Task task();

  /** Names of the raw input features, in the order the columns of an input matrix must follow. */
  List<String> featureNames();

  /** Class names in output order (classification), label names (multi-label); empty for regression. */
  List<String> classNames();

  /**
   * Batched prediction on a raw feature matrix ({@code rows x featureNames().size()}).
   *
   * @return probabilities ({@code rows x classes}), regression values ({@code rows x 1}) or independent
   *     label probabilities ({@code rows x labels})
   * @throws IllegalArgumentException when a row has the wrong number of features or a non-finite value
   */
  float[][] predictProba(float[][] x);

  /** Batched prediction on a dataset; its features must match {@link #featureNames()} by name. */
  default float[][] predictProba(Dataset data) {
    checkFeatures(this, data.features());
    return predictProba(data.x());
  }

  /** Predicted class index per row (argmax of the probabilities); classification only. */
  default int[] predict(float[][] x) {
    if (task() == Task.MULTI_LABEL) {
      throw new IllegalStateException(
          "predict() returns one class per row; this model is multi-label " + classNames()
              + ": use predictLabels(x, 0.5) for 0/1 labels or predictProba(x) for their probabilities");
    }
    if (task() != Task.CLASSIFICATION) {
      throw new IllegalStateException("predict() returns classes; this model does " + task() + ", use predictValue()");
    }
    float[][] p = predictProba(x);
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = Stats.argmax(p[i]);
    }
    return out;
  }

  /** Predicted class index per row of a dataset. */
  default int[] predict(Dataset data) {
    checkFeatures(this, data.features());
    return predict(data.x());
  }

  /**
   * Multi-label prediction: {@code out[i][l] = 1} when the probability of label {@code l} for row {@code i}
   * is at least {@code threshold}, else 0 (multi-label models only).
   *
   * <pre>{@code
   * int[][] labels = model.predictLabels(test.x(), 0.5);
   * }</pre>
   *
   * @param threshold in (0, 1)
   */
  default int[][] predictLabels(float[][] x, double threshold) {
    if (task() != Task.MULTI_LABEL) {
      throw new IllegalStateException(
          "predictLabels() is for multi-label models; this model does " + task()
              + (task() == Task.CLASSIFICATION ? ", use predict()" : ", use predictValue()"));
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
    }
    float[][] p = predictProba(x);
    int[][] out = new int[p.length][];
    for (int i = 0; i < p.length; i++) {
      out[i] = new int[p[i].length];
      for (int l = 0; l < p[i].length; l++) {
        out[i][l] = p[i][l] >= threshold ? 1 : 0;
      }
    }
    return out;
  }

  /** Multi-label prediction on a dataset; its features must match {@link #featureNames()} by name. */
  default int[][] predictLabels(Dataset data, double threshold) {
    checkFeatures(this, data.features());
    return predictLabels(data.x(), threshold);
  }

  /** Predicted value per row; regression only. */
  default double[] predictValue(float[][] x) {
    if (task() != Task.REGRESSION) {
      throw new IllegalStateException("predictValue() is for regression; this model does " + task());
    }
    float[][] p = predictProba(x);
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i][0];
    }
    return out;
  }

  /**
   * This model seen through a capability interface ({@code Differentiable}, {@code TreeEnsemble}), or
   * empty when it does not offer it. Explainers ask for the weakest capability they need.
   */
  default <T> Optional<T> as(Class<T> capability) {
    return capability.isInstance(this) ? Optional.of(capability.cast(this)) : Optional.empty();
  }

  /** Fails naming the first mismatch when {@code given} features differ from the model's. */
  static void checkFeatures(Model model, List<String> given) {
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
