/**
 * Localisation metrics (Quantus' localisation family): does an attribution put its relevance where the ground truth
 * says the evidence is? Each metric compares a row's attribution with a boolean mask of the features that carry the
 * signal (the generators know it: {@code SyntheticSignals.featureMask(row)}, {@code SyntheticDataset}); rows with an
 * empty mask score {@code NaN}.
 *
 * <pre>{@code
 * MetricInput in = MetricInput.of(model, attribution).withMasks(masks);
 * double[] mass = new RelevanceMassAccuracy().score(in);
 * }</pre>
 */
package io.workbench.analysis.localisation;
