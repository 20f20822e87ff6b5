package io.workbench.model;

/**
 * Optional capability of a {@link Model} whose first stage is dense: {@code f(x) = g(W x + b)} on raw
 * features (standardisation folded into {@code W} and {@code b}). Explainers use it for exact fast paths:
 * changing feature {@code j} by {@code delta} changes the pre-activation by the rank-one update
 * {@code W[:, j] * delta}, so permutation importance over thousands of features never rebuilds the input
 * matrix. Logistic/linear models ({@code W} has one row per output) and MLPs (first hidden layer) can offer it.
 *
 * <pre>{@code
 * model.as(LinearInput.class).ifPresent(li -> {
 *   float[][] w = li.inputWeights();          // units x features
 *   float[][] p = li.predictFromPreActivation(z);  // same output as predictProba on the matching x
 * });
 * }</pre>
 */
public interface LinearInput {

  /** The first-layer weights, {@code units x features} (a copy or an unmodifiable view: callers only read). */
  float[][] inputWeights();

  /** The first-layer bias, one per unit. */
  float[] inputBias();

  /**
   * The model's output ({@link Model#predictProba(float[][])} layout) for given first-layer
   * pre-activations {@code z = W x + b}, {@code rows x units}. Must be thread-safe like predictProba.
   */
  float[][] predictFromPreActivation(float[][] z);
}
