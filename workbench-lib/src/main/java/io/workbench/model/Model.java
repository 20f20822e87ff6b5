package io.workbench.model;

import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.stats.Stats;
import java.util.List;
import java.util.Optional;

/**
 * A trained model that answers batched predictions on <em>raw</em> features: any standardisation or
 * encoding fitted at training time is applied inside. Implementations evaluate large batches in few native
 * calls.
 *
 * <p>Outputs: for classification, {@link #predictProba(float[][])} returns {@code rows x classes}
 * probabilities in the order of {@link #classNames()}; for regression it returns {@code rows x 1}
 * predicted values; for multi-label ({@link Task#MULTI_LABEL}) it returns {@code rows x labels}
 * independent probabilities (each in [0, 1], rows need not sum to 1), labels in {@link #classNames()}
 * order, and {@link #predictLabels(float[][], double)} thresholds them.
 *
 * <p><b>The contract every model keeps</b> (checked for every family by the test suite
 * {@code io.workbench.testing.ModelContract}):
 * <ul>
 *   <li><b>Rows are independent.</b> Row {@code i} of a batch gets the numbers it gets when predicted alone, bit
 *       for bit: batching, chunk sizes, the native thread count and the worker thread count never change a
 *       prediction. Predicting twice gives the same bits, and the input matrix is never modified.
 *   <li><b>Thread-safe.</b> {@code predictProba} may be called from several threads at once; a model that
 *       cannot run calls in parallel serialises them.
 *   <li><b>Width.</b> Every row has exactly {@code featureNames().size()} values. A {@code null} matrix, a
 *       {@code null} row or a row of another width is an {@link IllegalArgumentException} naming the row
 *       ({@code "Row 3 has 5 values, expected 4 features ..."}); an empty batch (0 rows) gives an empty result.
 *   <li><b>Missing and infinite values.</b> {@code NaN} means "missing". A model accepts it only in the
 *       features it lists in {@link #missingValueFeatures()} (XGBoost in every feature: a missing value follows
 *       each split's learned default branch; a pipeline in the features its imputer fills or that it leaves
 *       out); anywhere else, and an infinite value anywhere, is an {@link IllegalArgumentException} naming the
 *       row and the feature ({@code "Row 3, feature 'age' is NaN; ..."}), never a silent prediction. {@link
 *       #checkInput(Model, float[][])} applies these rules.
 *   <li><b>Names.</b> {@link #featureNames()} and {@link #classNames()} are those of the training data, in
 *       its order; a saved and loaded model keeps them, its task, its capabilities and its predictions, bit for
 *       bit.
 *   <li><b>Capabilities do what they say.</b> A {@link Differentiable}'s gradients match finite differences of
 *       its outputs; a {@link TreeEnsemble}'s contributions add up to its margin and its margins give {@code
 *       predictProba}; a {@link LinearInput}'s pre-activations give {@code predictProba}.
 * </ul>
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
   * @throws IllegalArgumentException when the matrix or a row is null, a row has the wrong number of features,
   *     or a value is infinite, or NaN in a feature outside {@link #missingValueFeatures()}
   */
  float[][] predictProba(float[][] x);

  /**
   * The features in which this model accepts {@code NaN} as a missing value in {@link
   * #predictProba(float[][])}, in {@link #featureNames()} order; empty (the default) when it accepts none, and
   * a missing value is then an error naming the row and the feature. XGBoost models list every feature; a
   * pipeline lists the features its imputer fills.
   *
   * <pre>{@code
   * boolean imputes = model.missingValueFeatures().contains("age");   // then NaN in "age" is a missing value
   * }</pre>
   */
  default List<String> missingValueFeatures() {
    return List.of();
  }

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

  /**
   * Applies the input rules of the class comment to a raw feature matrix: fails with an {@link
   * IllegalArgumentException} for a {@code null} matrix or row, a row whose width is not the model's feature
   * count, an infinite value, or {@code NaN} in a feature the model does not list in {@link
   * #missingValueFeatures()}, naming the row (its index in {@code x}) and the feature. Costs one pass over the
   * values; implementations call it before any native work.
   *
   * <pre>{@code
   * public float[][] predictProba(float[][] x) {
   *   Model.checkInput(this, x);
   *   ...
   * }
   * }</pre>
   */
  static void checkInput(Model model, float[][] x) {
    List<String> names = model.featureNames();
    int d = names.size();
    if (x == null) {
      throw new IllegalArgumentException("The input matrix x is null; expected rows of " + d + " features");
    }
    boolean[] missingOk = null;
    for (int i = 0; i < x.length; i++) {
      float[] row = x[i];
      if (row == null || row.length != d) {
        throw new IllegalArgumentException("Row " + i + " has " + (row == null ? "no" : row.length)
            + " values, expected " + d + " features " + Checks.abbreviate(names));
      }
      for (int j = 0; j < d; j++) {
        float v = row[j];
        if (Float.isFinite(v)) {
          continue;
        }
        if (Float.isNaN(v)) {
          if (missingOk == null) {
            missingOk = new boolean[d];
            for (String f : model.missingValueFeatures()) {
              int k = names.indexOf(f);
              if (k >= 0) {
                missingOk[k] = true;
              }
            }
          }
          if (missingOk[j]) {
            continue;
          }
          throw new IllegalArgumentException("Row " + i + ", feature '" + names.get(j) + "' is NaN (missing); this"
              + " model takes no missing values there: impute them first, for example with"
              + " Pipeline.of(Imputer.median()).then(trainer), or remove those rows");
        }
        throw new IllegalArgumentException(
            "Row " + i + ", feature '" + names.get(j) + "' is " + v + "; expected a finite number");
      }
    }
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
