/**
 * One call to compare explanation methods on a model and a dataset: {@link
 * io.workbench.analysis.evaluation.Evaluate} runs a set of metrics from every Quantus family (faithfulness,
 * robustness, localisation, complexity, randomisation, axiomatic; the metrics live in their wings under
 * {@code io.workbench.analysis}) for every method, with bootstrap confidence intervals over the explained rows, ranks
 * the methods per metric and shows how far the metrics agree on the ranking ({@link
 * io.workbench.analysis.evaluation.MethodComparison}). {@link io.workbench.analysis.evaluation.MetricSets} lists the
 * metrics by family.
 *
 * <pre>{@code
 * MethodComparison cmp = Evaluate.of(cnn, test).groundTruth(masks).rows(30).seed(1)
 *     .compare(Explain.integratedGradients(cnn), Explain.deepLift(cnn), Explain.gradCam(cnn));
 * cmp;                    // table: mean [95% CI] (rank) per metric and method
 * cmp.agreementChart();   // how the metrics' rankings correlate
 * }</pre>
 */
package io.workbench.analysis.evaluation;
