package io.workbench.data;

/**
 * A preprocessing step fitted on training data only and then applied, unchanged, to any other part
 * (validation, test, new data). Implementations are immutable values that Jackson can write as JSON, so
 * they travel with a saved model.
 */
public interface Transform {

  /** Applies the fitted step; fails naming the column when {@code data} does not match the fit. */
  Dataset apply(Dataset data);

  /** Feature names this step expects as input, in order. */
  java.util.List<String> inputFeatures();
}
