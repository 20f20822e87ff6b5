package io.workbench.analysis;

/**
 * One quality metric of an explanation (one of the families of Quantus, Hedström et al. 2023: faithfulness,
 * robustness, localisation, complexity, randomisation, axiomatic): a score per explained row, with the direction
 * that is better. Metrics are immutable values; the comparison runner ({@code analysis.evaluation.Evaluate}) calls
 * them for every method and bootstraps the per-row scores.
 *
 * <pre>{@code
 * AttributionMetric m = new io.workbench.analysis.complexity.Sparseness();
 * double[] perRow = m.score(MetricInput.of(model, attribution));
 * }</pre>
 */
public interface AttributionMetric {

  /** Short name shown in tables, e.g. {@code "sparseness"}. */
  String name();

  /** The Quantus family: faithfulness, robustness, localisation, complexity, randomisation or axiomatic. */
  String family();

  /** True when a larger score means a better explanation. */
  boolean higherIsBetter();

  /**
   * One score per explained row of {@code in.attribution()}; {@code NaN} where the metric is undefined for a row
   * (for example a localisation metric on a row without ground truth), which the runner leaves out.
   */
  double[] score(MetricInput in);
}
