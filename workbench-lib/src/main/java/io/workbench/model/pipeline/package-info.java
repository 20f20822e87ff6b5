/**
 * Preprocessing pipelines and the models that carry them: a {@link io.workbench.model.pipeline.Pipeline}
 * of steps (imputation, one-hot encoding, standardisation, column selection; each on its own columns) fitted
 * on the training part only, as scikit-learn's {@code Pipeline} and {@code ColumnTransformer}; followed by a
 * trainer it gives a {@link io.workbench.model.pipeline.PipelineModel}, which takes raw rows, is saved and
 * loaded with its preprocessing, and is explained in raw feature space.
 *
 * <p>Layering: this package sits above the engine packages ({@code model.djl}, {@code model.xgboost}),
 * whose save formats it reuses, and above {@code explain}, whose attributions it sums back to raw
 * features; the core {@code model} package knows nothing of it.
 *
 * <pre>{@code
 * PipelineModel m = Pipeline.of(Imputer.median(), OneHotEncoder.of("sex"), Standardizer.all())
 *     .then(Models.xgboost()).fit(split.train());
 * Evaluation.of(m, split.test());
 * m.save(Path.of("model"));
 * }</pre>
 */
package io.workbench.model.pipeline;
