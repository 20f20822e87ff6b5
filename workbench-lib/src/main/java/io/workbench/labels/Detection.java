package io.workbench.labels;

/**
 * How well flagged rows match rows known to be mislabelled (for experiments with injected noise).
 *
 * <pre>{@code
 * Detection d = report.detection(noisy.flipped());
 * d.precision();   // share of flagged rows that were flipped
 * d.recall();      // share of flipped rows that were flagged
 * }</pre>
 *
 * @param flagged rows flagged as issues
 * @param actual rows actually mislabelled
 * @param truePositives rows both flagged and mislabelled
 */
public record Detection(int flagged, int actual, int truePositives) {

  /** Share of flagged rows that are mislabelled (1 when nothing is flagged). */
  public double precision() {
    return flagged == 0 ? 1.0 : (double) truePositives / flagged;
  }

  /** Share of mislabelled rows that are flagged (1 when nothing is mislabelled). */
  public double recall() {
    return actual == 0 ? 1.0 : (double) truePositives / actual;
  }

  /** Harmonic mean of precision and recall. */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT, "Detection[flagged=%d, mislabelled=%d, hits=%d, precision=%.3f, recall=%.3f]",
        flagged, actual, truePositives, precision(), recall());
  }
}
