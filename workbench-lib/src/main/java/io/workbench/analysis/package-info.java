/**
 * Explanation analysis on top of any {@link io.workbench.model.Model} (batched {@code predictProba}) and
 * plain arrays: global surrogate trees with IF-THEN rules ({@link io.workbench.analysis.GlobalSurrogate},
 * {@link io.workbench.analysis.CartTrainer}), top-k feature probing for wide data ({@link
 * io.workbench.analysis.ProbingSelector}), agreement of importance rankings ({@link
 * io.workbench.analysis.RankAgreement}, {@link io.workbench.analysis.AgreementMatrix}), importance-driven
 * forward selection ({@link io.workbench.analysis.ForwardSelection}), correlated feature groups and grouped
 * permutation importance ({@link io.workbench.analysis.FeatureGroups}, {@link
 * io.workbench.analysis.GroupImportance}), partial dependence, ICE and Friedman's H ({@link
 * io.workbench.analysis.PartialDependence}, {@link io.workbench.analysis.InteractionStrength}), and
 * Rashomon sets ({@link io.workbench.analysis.RashomonSet}), and the cascading parameter-randomisation sanity
 * check of attribution methods ({@link io.workbench.analysis.ParameterRandomization}). Every result renders itself ({@code toTable()},
 * {@code toHtml()}, {@code toText()}).
 *
 * <pre>{@code
 * ProbingResult probe = ProbingSelector.create().rows(200).rank(blackBox, train, 10);
 * SurrogateTree s = GlobalSurrogate.create().features(probe.top(10)).maxDepth(4).fit(blackBox, train, test);
 * s.fidelity();                       // held-out agreement with the black box
 * s.rules().toText();                 // IF ... THEN ... (support, confidence)
 * PdCurve pd = PartialDependence.create().oneWay(blackBox, test, probe.top(1).get(0));
 * }</pre>
 */
package io.workbench.analysis;
