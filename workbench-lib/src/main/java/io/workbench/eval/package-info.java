/**
 * Evaluation: classification, regression and multi-label ({@link io.workbench.eval.MultiLabelReport})
 * metrics on arrays or on a model and a test set, curves
 * (ROC, precision-recall, reliability) as values, k-fold cross-validation with out-of-fold probabilities,
 * bootstrap confidence intervals and paired model comparisons (paired bootstrap, DeLong, McNemar). Every
 * result renders itself ({@code toTable()}, {@code toHtml()}).
 *
 * <pre>{@code
 * ClassificationReport r = Evaluation.classification(model, split.test());
 * r.value("auroc");
 * ConfidenceInterval ci = Bootstrap.of(Metric.AUROC).seed(1).interval(r.predictions());
 * CrossValidationResult cv = CrossValidation.of(Models.xgboost()).folds(5).seed(42).run(data);
 * double[][] oof = cv.outOfFold();
 * }</pre>
 */
package io.workbench.eval;
