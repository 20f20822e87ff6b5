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
 *
 * @param name channel label
 * @param unit physical unit (may be empty)
 * @param samplingRate samples per second, positive
 * @param samples the values in {@code unit}
 */
public record Channel(String name, String unit, double samplingRate, double[] samples) {

  /** Checks the arguments and copies the samples. */
  public Channel {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A channel needs a non-blank name, got " + (name == null ? "null" : "'" + name + "'"));
    }
    unit = unit == null ? "" : unit;
    if (!(samplingRate > 0) || Double.isInfinite(samplingRate)) {
      throw new IllegalArgumentException(
          "Channel '" + name + "': samplingRate must be a positive number of hertz, got " + samplingRate);
    }
    if (samples == null) {
      throw new IllegalArgumentException("Channel '" + name + "': samples is null");
    }
    samples = samples.clone();
  }

  @Override
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
