package io.workbench.signal;

/**
 * A stretch of one channel of one generated sample where the classes differ (ground truth for scoring
 * attributions over time): samples {@code start} (inclusive) to {@code end} (exclusive).
 *
 * <pre>{@code
 * Interval i = truth.intervals(row).get(0);   // e.g. channel 0, samples 310..345, "wide QRS"
 * }</pre>
 *
 * @param channel channel index
 * @param start first sample
 * @param end one past the last sample
 * @param reason what differs there (for example {@code "absent P wave"}, {@code "mu/beta ERD"})
 */
public record Interval(int channel, int start, int end, String reason) {

  /** Checks the bounds. */
  public Interval {
    if (channel < 0 || start < 0 || end <= start) {
      throw new IllegalArgumentException(
          "Interval needs channel >= 0 and 0 <= start < end, got channel " + channel + ", " + start + ".." + end);
    }
  }

  /** Number of samples covered. */
  public int length() {
    return end - start;
  }
}
