/**
 * Robustness metrics of explanations (Quantus' robustness family): how much an attribution changes when the input
 * changes a little, the model's prediction staying the same. Each metric re-explains seeded perturbed copies of the
 * explained rows (uniform noise in an L-infinity ball) with the method being scored, in batches.
 *
 * <pre>{@code
 * MetricInput in = MetricInput.of(model, attribution)
 *     .withExplainer((x, t) -> explainer.target(Target.perRow(t)).explain(x));
 * double[] lip = new LocalLipschitz().radius(0.05).score(in);
 * }</pre>
 */
package io.workbench.analysis.robustness;
