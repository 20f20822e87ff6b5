/**
 * One model interface for every model family. {@link io.workbench.model.Model} answers batched
 * predictions on raw features (the preprocessing fitted at training time travels with it); capabilities
 * on top ({@code Differentiable} for DJL networks, {@code TreeEnsemble} for XGBoost) are asked for with
 * {@link io.workbench.model.Model#as(Class)}. Engine code lives in sub-packages ({@code model.djl},
 * {@code model.xgboost}); this package never imports DJL or XGBoost types. Settings every trainer shares live
 * here: {@link io.workbench.model.EarlyStopping}, {@link io.workbench.model.ClassWeights}, and the checks on
 * training data ({@link io.workbench.model.TrainingChecks}).
 */
package io.workbench.model;
