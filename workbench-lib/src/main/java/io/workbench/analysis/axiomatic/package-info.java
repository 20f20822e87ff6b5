/**
 * Axiomatic metrics (Quantus' axiomatic family): does an attribution keep the promises that define a good one?
 * {@link io.workbench.analysis.axiomatic.Completeness} (the values add up to the output difference) and
 * {@link io.workbench.analysis.axiomatic.NonSensitivity} (features the model ignores get no attribution, and the other
 * way round), and {@link io.workbench.analysis.axiomatic.InputInvariance} (a network and its twin whose first-layer
 * bias absorbs a constant shift of the input get the same attributions; {@link
 * io.workbench.analysis.axiomatic.InvarianceResult} says which rows pass).
 *
 * <pre>{@code
 * double[] gap = new Completeness().score(MetricInput.of(model, attribution));
 * }</pre>
 */
package io.workbench.analysis.axiomatic;
