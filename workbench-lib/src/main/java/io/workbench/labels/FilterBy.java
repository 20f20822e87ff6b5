package io.workbench.labels;

/**
 * Which rows count as label issues, given out-of-fold probabilities and the confident joint. Every
 * filter finally keeps only rows whose predicted class (argmax) differs from the given label.
 *
 * <pre>{@code
 * LabelIssues.finder().filterBy(FilterBy.BOTH).find(probs, labels);
 * }</pre>
 */
public enum FilterBy {
  /**
   * For every off-diagonal cell (given i, true j) of the calibrated confident joint holding {@code c}
   * rows, flag the {@code c} rows labelled i with the largest margin {@code p[j] - p[i]} (the paper's
   * "prune by noise rate"; cleanlab's default).
   */
  PRUNE_BY_NOISE_RATE,
  /**
   * For every given class i, flag the {@code count(i) - C[i][i]} rows labelled i with the smallest
   * self-confidence {@code p[i]}.
   */
  PRUNE_BY_CLASS,
  /** Rows flagged by both {@link #PRUNE_BY_NOISE_RATE} and {@link #PRUNE_BY_CLASS}. */
  BOTH,
  /** Rows counted in an off-diagonal cell of the (uncalibrated) confident joint. */
  CONFIDENT_LEARNING,
  /** Rows whose argmax class differs from the given label (a baseline, not confident learning). */
  PREDICTED_NOT_GIVEN
}
