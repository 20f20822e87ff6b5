package io.workbench.model;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-class loss weights for imbalanced classification, shared by every trainer: none (all 1), balanced
 * ({@code rows / (classes * classRows)} of the training part, scikit-learn's {@code "balanced"}), one weight
 * per class in class order, or weights by class name (classes not named weigh 1). Immutable.
 *
 * <pre>{@code
 * Models.mlp(32).classWeights(ClassWeights.balanced()).fit(train);
 * Models.xgboost().classWeights(Map.of("malignant", 2.0)).fit(train);   // same as ClassWeights.of(Map.of(..))
 * Models.logistic().classWeights(1, 3).fit(train);                      // same as ClassWeights.of(1, 3)
 * }</pre>
 */
public final class ClassWeights {

  private static final ClassWeights NONE = new ClassWeights(false, null, Map.of());
  private static final ClassWeights BALANCED = new ClassWeights(true, null, Map.of());

  private final boolean balanced;
  private final double[] inOrder;
  private final Map<String, Double> byName;

  private ClassWeights(boolean balanced, double[] inOrder, Map<String, Double> byName) {
    this.balanced = balanced;
    this.inOrder = inOrder;
    this.byName = byName;
  }

  /** Every class weighs 1. */
  public static ClassWeights none() {
    return NONE;
  }

  /** Weights {@code rows / (classes * classRows)} of the training part (scikit-learn's "balanced"). */
  public static ClassWeights balanced() {
    return BALANCED;
  }

  /**
   * One weight per class, in the dataset's class order; each positive and finite.
   *
   * @throws IllegalArgumentException naming the first bad weight
   */
  public static ClassWeights of(double... weights) {
    if (weights == null || weights.length == 0) {
      throw new IllegalArgumentException("classWeights needs one weight per class, got none");
    }
    for (int c = 0; c < weights.length; c++) {
      if (!(weights[c] > 0 && Double.isFinite(weights[c]))) {
        throw new IllegalArgumentException("class weights must be > 0 and finite, got " + weights[c] + " at position "
            + c + " of " + Arrays.toString(weights));
      }
    }
    return new ClassWeights(false, weights.clone(), Map.of());
  }

  /**
   * Weights by class name; classes not named weigh 1. Names are checked against the training data's classes.
   *
   * @throws IllegalArgumentException naming the first bad weight
   */
  public static ClassWeights of(Map<String, Double> weights) {
    if (weights == null) {
      throw new IllegalArgumentException("classWeights: the map is null");
    }
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      if (e.getKey() == null) {
        throw new IllegalArgumentException("classWeights: a class name is null");
      }
      if (e.getValue() == null || !(e.getValue() > 0) || Double.isInfinite(e.getValue())) {
        throw new IllegalArgumentException(
            "classWeights: weight of class '" + e.getKey() + "' must be a positive finite number, got " + e.getValue());
      }
    }
    return weights.isEmpty() ? NONE
        : new ClassWeights(false, null, Collections.unmodifiableMap(new LinkedHashMap<>(weights)));
  }

  /** Whether every class weighs 1. */
  public boolean isNone() {
    return !balanced && inOrder == null && byName.isEmpty();
  }

  /** Whether the weights are the balanced ones. */
  public boolean isBalanced() {
    return balanced;
  }

  /**
   * The weight of each class of a training part, in class order.
   *
   * @throws IllegalArgumentException when weights are set for data that is not single-label classification,
   *     a named class does not exist, or the number of weights differs from the number of classes
   */
  public double[] resolve(Dataset part) {
    Objects.requireNonNull(part, "part");
    Task task = part.task();
    if (task != Task.CLASSIFICATION) {
      if (isNone()) {
        return new double[0];
      }
      throw new IllegalArgumentException("Class weights are for single-label classification, but the target "
          + (task == Task.MULTI_LABEL ? "is multi-label " + part.labelNames()
              : "'" + part.target() + "' is " + (task == null ? "missing" : "a regression target")));
    }
    int k = part.numClasses();
    double[] w = new double[k];
    Arrays.fill(w, 1);
    if (inOrder != null) {
      if (inOrder.length != k) {
        throw new IllegalArgumentException("classWeights needs one weight per class: " + k + " classes "
            + part.classNames() + ", got " + inOrder.length);
      }
      return inOrder.clone();
    }
    if (balanced) {
      int[] counts = part.classCountsArray();
      int n = part.rows();
      for (int c = 0; c < k; c++) {
        w[c] = counts[c] == 0 ? 0 : (double) n / (k * (double) counts[c]);
      }
      return w;
    }
    for (Map.Entry<String, Double> e : byName.entrySet()) {
      int c = part.classNames().indexOf(e.getKey());
      if (c < 0) {
        throw new IllegalArgumentException("classWeights: no class '" + e.getKey() + "'; classes are "
            + part.classNames());
      }
      w[c] = e.getValue();
    }
    return w;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassWeights c && c.balanced == balanced && Arrays.equals(c.inOrder, inOrder)
        && c.byName.equals(byName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(balanced, Arrays.hashCode(inOrder), byName);
  }

  /** {@code none}, {@code balanced}, the weights in class order, or the weights by name. */
  @Override
  public String toString() {
    return balanced ? "balanced" : inOrder != null ? Arrays.toString(inOrder) : byName.isEmpty() ? "none"
        : byName.toString();
  }
}
