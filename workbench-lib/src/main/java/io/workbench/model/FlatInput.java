package io.workbench.model;

/**
 * Optional capability of a {@link Model} that predicts a batch stored row-major in one flat array, without a
 * {@code float[][]} of rows on either side. Explainers that generate many model inputs (Kernel SHAP, exact Shapley,
 * occlusion) fill one reused buffer per worker and call this instead of {@link Model#predictProba(float[][])};
 * the numbers are the same, bit for bit. XGBoost models offer it (its native prediction reads the flat array as
 * it is).
 *
 * <pre>{@code
 * FlatInput f = model.as(FlatInput.class).orElseThrow();
 * int d = model.featureNames().size(), k = f.outputWidth();
 * float[] p = f.predictProbaFlat(x, rows);   // x holds rows * d values; p[i * k + c] == predictProba(..)[i][c]
 * }</pre>
 */
public interface FlatInput {

  /** The number of values per row that {@link #predictProbaFlat(float[], int)} returns (the predictProba width). */
  int outputWidth();

  /**
   * The outputs of {@link Model#predictProba(float[][])} for the {@code rows} rows packed in {@code x} (row
   * {@code i}, feature {@code j} at {@code x[i * d + j]}; values past {@code rows * d} are ignored), flat: row
   * {@code i}, output {@code c} at {@code [i * outputWidth() + c]}. The input rules of {@link Model} hold (an
   * infinite value, or NaN where the model takes no missing value, fails naming the row and the feature); the
   * array is not modified. Thread-safe like predictProba.
   *
   * @throws IllegalArgumentException when {@code x} is null, {@code rows} is negative or {@code x} holds fewer
   *     than {@code rows * d} values, or a value breaks the input rules
   */
  float[] predictProbaFlat(float[] x, int rows);
}
