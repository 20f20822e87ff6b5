/**
 * Complexity metrics of explanations (Quantus' complexity family): how concentrated an attribution is, on its own,
 * without calling the model. A concise explanation puts its mass on few features.
 *
 * <pre>{@code
 * double[] gini = new Sparseness().score(MetricInput.of(model, attribution));   // per row, higher = sparser
 * }</pre>
 */
package io.workbench.analysis.complexity;
