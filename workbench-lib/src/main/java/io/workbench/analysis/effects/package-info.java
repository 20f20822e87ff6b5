/**
 * Feature effects: how a model's output moves with one or two features. Partial dependence and ICE curves
 * ({@link io.workbench.analysis.effects.PartialDependence}, Friedman 2001, Goldstein et al. 2015) and
 * accumulated local effects for one feature or a pair ({@link
 * io.workbench.analysis.effects.AccumulatedLocalEffects}, Apley and Zhu 2020: honest under correlated
 * features, since the model is only evaluated near the data), and Friedman's H interaction statistic ({@link io.workbench.analysis.effects.InteractionStrength}). The
 * followed output is chosen with an {@link io.workbench.explain.Target}.
 *
 * <pre>{@code
 * AleCurve ale = AccumulatedLocalEffects.create().oneWay(model, test, "radius");
 * PdCurve pd = PartialDependence.create().target(Target.of("malignant")).oneWay(model, test, "radius");
 * Interactions h = InteractionStrength.create().rows(100).pairwise(model, test, List.of("a", "b", "c"));
 * }</pre>
 */
package io.workbench.analysis.effects;
