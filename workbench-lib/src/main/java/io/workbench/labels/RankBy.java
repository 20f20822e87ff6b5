package io.workbench.labels;

/**
 * Label-quality scores in [0, 1]; lower means the given label is less likely to be right. Issues are
 * listed in ascending score order (ties by row index).
 *
 * <pre>{@code
 * double q = RankBy.NORMALIZED_MARGIN.score(new double[] {0.7, 0.2, 0.1}, 1);   // (0.2 - 0.7 + 1) / 2
 * }</pre>
 */
public enum RankBy {
  /** {@code p[given]}: the out-of-fold probability of the given label. */
  SELF_CONFIDENCE,
  /**
   * {@code (p[given] - max_{k != given} p[k] + 1) / 2}: low when another class is clearly more likely;
   * better for class-conditional flips.
   */
  NORMALIZED_MARGIN,
  /**
   * With {@code h = -sum p log p / log K} (normalised entropy) and {@code s = max(p[given], 1e-6)}:
   * {@code x = h / s} and the score {@code log(1 + x) / x}, which decreases as the prediction becomes
   * uncertain or the given label improbable. At {@code x = 0} (a one-hot prediction) the score is its
   * limit 1; cleanlab clips the denominator at 1e-6 instead, which gives 0 there.
   */
  CONFIDENCE_WEIGHTED_ENTROPY;

  private static final double MIN_PROB = 1e-6;

  /**
   * The score of one row.
   *
   * @param p the row's class probabilities
   * @param given the row's given class index
   */
  public double score(double[] p, int given) {
    if (given < 0 || given >= p.length) {
      throw new IllegalArgumentException(
          "Given label " + given + " is outside classes 0.." + (p.length - 1));
    }
    switch (this) {
      case SELF_CONFIDENCE:
        return p[given];
      case NORMALIZED_MARGIN:
        double other = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < p.length; k++) {
          if (k != given && p[k] > other) {
            other = p[k];
          }
        }
        return (p[given] - other + 1) / 2;
      default:
        double h = 0;
        for (double v : p) {
          if (v > 0) {
            h -= v * Math.log(v);
          }
        }
        h = Math.max(0, h) / Math.log(p.length);
        double x = h / Math.max(p[given], MIN_PROB);
        return x == 0 ? 1.0 : Math.log1p(x) / x;
    }
  }

  /** Scores of every row. */
  public double[] scores(double[][] probs, int[] labels) {
    Inputs.check(probs, labels);
    double[] out = new double[labels.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = score(probs[i], labels[i]);
    }
    return out;
  }
}
