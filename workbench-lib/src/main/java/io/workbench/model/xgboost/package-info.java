/**
 * Gradient-boosted trees, random forests and single decision trees on XGBoost4J, behind {@link
 * io.workbench.model.Model} and {@link io.workbench.model.TreeEnsemble}. Start from {@code
 * Models.xgboost()}, {@code Models.randomForest()} or {@code Models.decisionTree()}; a fitted {@link
 * io.workbench.model.xgboost.XGBoostModel} saves to a directory (XGBoost's UBJ format plus {@code
 * model.json}) and loads back with identical predictions.
 *
 * <pre>{@code
 * Model m = Models.xgboost().rounds(200).maxDepth(4).eta(0.1).earlyStopping(20, 0.2).seed(42).fit(train);
 * double[][] phi = m.as(TreeEnsemble.class).orElseThrow().predictContrib(test.x(), 1);
 * ((XGBoostModel) m).save(Path.of("models/bc"));
 * }</pre>
 */
package io.workbench.model.xgboost;
