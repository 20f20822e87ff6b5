package io.workbench.data;

import java.util.List;

/**
 * A preprocessing step fitted on training data only and then applied, unchanged, to any other part
 * (validation, test, new data). Implementations are immutable values that Jackson can write as JSON, so
 * they travel with a saved model. A {@link Step} is the same step before fitting.
 */
public interface Transform {

  /** Applies the fitted step; fails naming the column when {@code data} does not match the fit. */
  Dataset apply(Dataset data);

  /** Feature names this step expects as input, in order. */
  List<String> inputFeatures();

  /** Feature names this step gives, in order (the input features unless the step adds or removes some). */
  default List<String> outputFeatures() {
    return inputFeatures();
  }

  /**
   * The input feature an output feature is made from ({@code "sex=female"} comes from {@code "sex"}): the
   * feature itself unless the step encodes it.
   */
  default String inputOf(String outputFeature) {
    return outputFeature;
  }
}
