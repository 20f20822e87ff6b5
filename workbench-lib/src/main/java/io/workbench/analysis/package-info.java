/**
 * Analysis of models and their explanations, in wings that sit on top of any {@link
 * io.workbench.model.Model} (batched {@code predictProba}) and the values of {@code explain}:
 *
 * <ul>
 *   <li>{@link io.workbench.analysis.faithfulness}: are attributions faithful to the model? Deletion and
 *       insertion curves, infidelity, max-sensitivity, the parameter-randomisation sanity check, and the metrics
 *       ROAD, IROF, selectivity, sensitivity-n and faithfulness correlation.
 *   <li>{@link io.workbench.analysis.robustness}, {@link io.workbench.analysis.localisation}, {@link
 *       io.workbench.analysis.complexity}, {@link io.workbench.analysis.randomisation} and {@link
 *       io.workbench.analysis.axiomatic}: the other metric families of Quantus, each metric an {@link
 *       io.workbench.analysis.AttributionMetric} scoring every explained row.
 *   <li>{@link io.workbench.analysis.evaluation}: one call ({@code Evaluate}) to run the metrics for several
 *       methods, with bootstrap intervals, ranks and the agreement of the metrics.
 *   <li>{@link io.workbench.analysis.surrogate}: a global surrogate tree that mimics a black box, with its
 *       fidelity and IF-THEN rules.
 *   <li>{@link io.workbench.analysis.effects}: how the output moves with a feature: partial dependence, ICE
 *       curves and Friedman's H interaction statistic.
 *   <li>{@link io.workbench.analysis.selection}: which features matter: probing for wide data, correlated
 *       feature groups, grouped permutation importance and forward selection.
 *   <li>{@link io.workbench.analysis.agreement}: do rankings agree? Rank agreement, agreement matrices and
 *       Rashomon sets of near-optimal models.
 * </ul>
 *
 * <p>This root package holds only what the wings share: batched evaluation of perturbed rows ({@link
 * AnalysisRun}) and the metric interface with its input ({@link AttributionMetric}, {@link MetricBase}, {@link
 * MetricInput}); users start from the wings.
 *
 * <pre>{@code
 * ProbingResult probe = ProbingSelector.create().rows(200).rank(blackBox, train, 10);
 * SurrogateTree s = GlobalSurrogate.create().features(probe.top(10)).maxDepth(4).fit(blackBox, train, test);
 * PdCurve pd = PartialDependence.create().oneWay(blackBox, test, probe.top(1).get(0));
 * FaithfulnessCurve del = Faithfulness.create().deletion(model, attribution);
 * }</pre>
 */
package io.workbench.analysis;
