package io.workbench.signal;

import java.util.Arrays;

/**
 * One sampled signal in physical units: a name (for example {@code "MLII"} or {@code "C3"}), a unit
 * ({@code "mV"}, {@code "uV"}), a sampling rate in hertz and the samples. Missing (invalid) samples are
 * {@code NaN}. The arrays are copied in and out, so a channel never changes.
 *
 * <pre>{@code
 * Channel c = new Channel("C3", "uV", 128, samples);
 * c.duration();        // seconds
 * c.samples()[0];      // a copy of the values
 * }</pre>
 */
public final class Channel {

  private final String name;
  private final String unit;
  private final double samplingRate;
  private final double[] samples;

  /**
   * Checks the arguments and copies the samples.
   *
   * @param name channel label
   * @param unit physical unit (may be empty)
   * @param samplingRate samples per second, positive
   * @param samples the values in {@code unit}
   */
  public Channel(String name, String unit, double samplingRate, double[] samples) {
    this(name, unit, samplingRate, samples == null ? null : samples.clone(), true);
  }

  /** Checks the arguments and keeps {@code samples} without copying (for readers of this package). */
  private Channel(String name, String unit, double samplingRate, double[] samples, boolean owned) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A channel needs a non-blank name, got " + (name == null ? "null" : "'" + name + "'"));
    }
    if (!(samplingRate > 0) || Double.isInfinite(samplingRate)) {
      throw new IllegalArgumentException(
          "Channel '" + name + "': samplingRate must be a positive number of hertz, got " + samplingRate);
    }
    if (samples == null) {
      throw new IllegalArgumentException("Channel '" + name + "': samples is null");
    }
    this.name = name;
    this.unit = unit == null ? "" : unit;
    this.samplingRate = samplingRate;
    this.samples = samples;
  }

  /**
   * A channel that keeps {@code samples} itself instead of a copy: for readers of this package that built the
   * array and hand it over (a recording of several GiB is not copied once more).
   */
  static Channel wrap(String name, String unit, double samplingRate, double[] samples) {
    return new Channel(name, unit, samplingRate, samples, true);
  }

  /** The channel label. */
  public String name() {
    return name;
  }

  /** The physical unit (may be empty). */
  public String unit() {
    return unit;
  }

  /** Samples per second. */
  public double samplingRate() {
    return samplingRate;
  }

  /** A copy of the values, in {@link #unit()}. */
  public double[] samples() {
    return samples.clone();
  }

  /** Number of samples. */
  public int length() {
    return samples.length;
  }

  /** Value of sample {@code i} (no copy). */
  public double sample(int i) {
    if (i < 0 || i >= samples.length) {
      throw new IllegalArgumentException(
          "Channel '" + name + "': sample index " + i + " is outside 0.." + (samples.length - 1));
    }
    return samples[i];
  }

  /** Duration in seconds ({@code length / samplingRate}). */
  public double duration() {
    return samples.length / samplingRate;
  }

  /** The same channel with other samples (same name, unit and rate). */
  public Channel withSamples(double[] newSamples) {
    return new Channel(name, unit, samplingRate, newSamples);
  }

  /** The same channel with other samples at another rate. */
  public Channel withSamples(double[] newSamples, double newRate) {
    return new Channel(name, unit, newRate, newSamples);
  }

  /** Samples without copying, for code in this package that only reads them. */
  double[] view() {
    return samples;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Channel c
        && c.name.equals(name)
        && c.unit.equals(unit)
        && Double.compare(c.samplingRate, samplingRate) == 0
        && Arrays.equals(c.samples, samples);
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + unit.hashCode()) * 31 + Arrays.hashCode(samples);
  }

  @Override
  public String toString() {
    return "Channel[" + name + ", " + samples.length + " samples at " + samplingRate + " Hz"
        + (unit.isEmpty() ? "" : ", " + unit) + "]";
  }
}
