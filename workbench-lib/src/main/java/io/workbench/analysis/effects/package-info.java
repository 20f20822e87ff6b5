/**
 * Feature effects: how a model's output moves with one or two features. Partial dependence and ICE curves
 * ({@link io.workbench.analysis.effects.PartialDependence}, Friedman 2001, Goldstein et al. 2015) and
 * Friedman's H interaction statistic ({@link io.workbench.analysis.effects.InteractionStrength}). The
 * followed output is chosen with an {@link io.workbench.explain.Target}.
 *
 * <pre>{@code
 * PdCurve pd = PartialDependence.create().target(Target.of("malignant")).oneWay(model, test, "radius");
 * Interactions h = InteractionStrength.create().rows(100).pairwise(model, test, List.of("a", "b", "c"));
 * }</pre>
 */
package io.workbench.analysis.effects;
