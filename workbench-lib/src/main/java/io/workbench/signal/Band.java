package io.workbench.signal;

/**
 * A named frequency band in hertz, {@code low <= f <= high}. The classical EEG bands are constants.
 *
 * <pre>{@code
 * Band mu = new Band("mu", 8, 12);
 * double p = Welch.psd(samples, 128).bandPower(mu);
 * }</pre>
 *
 * @param name label used in tables and feature names
 * @param low lower edge in Hz, at least 0
 * @param high upper edge in Hz, above {@code low}
 */
public record Band(String name, double low, double high) {

  /** Delta, 1-4 Hz. */
  public static final Band DELTA = new Band("delta", 1, 4);
  /** Theta, 4-8 Hz. */
  public static final Band THETA = new Band("theta", 4, 8);
  /** Alpha, 8-12 Hz (called mu over the motor cortex). */
  public static final Band ALPHA = new Band("alpha", 8, 12);
  /** Mu rhythm over the motor cortex, 8-12 Hz. */
  public static final Band MU = new Band("mu", 8, 12);
  /** Beta, 13-30 Hz. */
  public static final Band BETA = new Band("beta", 13, 30);

  /** Checks the edges. */
  public Band {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A band needs a name");
    }
    if (!(low >= 0) || !(high > low) || Double.isInfinite(high)) {
      throw new IllegalArgumentException(
          "Band '" + name + "' needs 0 <= low < high (finite, Hz), got low=" + low + ", high=" + high);
    }
  }
}
