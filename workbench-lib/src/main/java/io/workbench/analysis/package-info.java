/**
 * Analysis of models and their explanations, in five wings that sit on top of any {@link
 * io.workbench.model.Model} (batched {@code predictProba}) and the values of {@code explain}:
 *
 * <ul>
 *   <li>{@link io.workbench.analysis.faithfulness}: are attributions faithful to the model? Deletion and
 *       insertion curves, infidelity, max-sensitivity, and the parameter-randomisation sanity check.
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
 * <p>This root package holds only the machinery the wings share (batched evaluation of perturbed rows);
 * users start from the wings.
 *
 * <pre>{@code
 * ProbingResult probe = ProbingSelector.create().rows(200).rank(blackBox, train, 10);
 * SurrogateTree s = GlobalSurrogate.create().features(probe.top(10)).maxDepth(4).fit(blackBox, train, test);
 * PdCurve pd = PartialDependence.create().oneWay(blackBox, test, probe.top(1).get(0));
 * FaithfulnessCurve del = Faithfulness.create().deletion(model, attribution);
 * }</pre>
 */
package io.workbench.analysis;
