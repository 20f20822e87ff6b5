/**
 * The workbench's own models and explainers over Spark DataFrames: the driver ships a model in its saved
 * format (XGBoost booster, DJL parameters, CART JSON: never Java serialisation) and the explainer's settings to
 * the executors, and each partition runs the single-JVM code on batches of rows. No method is implemented a
 * second time, so the numbers equal the single-JVM ones whatever the partitioning (random draws are keyed by
 * row ids, not positions).
 *
 * <pre>{@code
 * SparkSession spark = SparkWorkbench.local();                         // local[*], progress bar, interrupt
 * Dataset<Row> rows = spark.read().parquet("rows.parquet");
 * DistributedAttribution shap = DistributedExplainer.of(Explain.treeShap(model)).explain(rows);
 * shap.frame().write().parquet("shap.parquet");                        // values as columns
 * shap.global().plot();                                                // mean |SHAP| by Spark aggregation
 * shap.sample(1000, 42).beeswarm();                                    // the beeswarm's sample
 * Dataset<Row> scored = DistributedModel.of(model).predictProba(rows); // proba_<class> columns
 * DistributedModel.of(model).evaluate(rows, "label").value("auroc");   // metrics by Spark aggregation
 * }</pre>
 *
 * <p>Entry points: {@link io.workbench.spark.SparkWorkbench} (sessions, progress, cancellation), {@link
 * io.workbench.spark.DistributedModel} (scoring, metrics by aggregation: {@link
 * io.workbench.spark.DistributedMetrics}), {@link io.workbench.spark.DistributedPermutation} (permutation importance
 * with the rows on the executors), {@link io.workbench.spark.DistributedExplainer} (local
 * attributions as columns), {@link io.workbench.spark.DistributedAttribution} (global summaries), {@link
 * io.workbench.spark.SparkData} (workbench datasets to and from DataFrames), {@link
 * io.workbench.spark.DistributedCrossValidation} (one Spark task per fold) and {@link
 * io.workbench.spark.DistributedLabelIssues} (confident learning on the out-of-fold probabilities).
 */
package io.workbench.spark;
