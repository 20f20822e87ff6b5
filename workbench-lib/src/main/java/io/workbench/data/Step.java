package io.workbench.data;

/**
 * A preprocessing step before fitting: what to do and to which columns, but no statistics yet. {@link
 * #fit(Dataset)} learns them from the training part and returns the fitted {@link Transform}, which is then
 * applied unchanged to every other part, so nothing leaks from test rows into the preprocessing (as
 * scikit-learn's unfitted estimators and {@code fit}). Chain steps in a {@code Pipeline}
 * ({@code io.workbench.model.pipeline}).
 *
 * <pre>{@code
 * Step impute = Imputer.median();                     // every numeric feature
 * Step scale = Standardizer.on("age", "bmi");         // only these columns
 * Transform fitted = scale.fit(split.train());
 * Dataset test = fitted.apply(split.test());
 * }</pre>
 */
public interface Step {

  /** Learns the step's statistics from the training part only. */
  Transform fit(Dataset train);
}
