package io.workbench.signal;

import io.workbench.display.Displayable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Detected heart beats: R-peak sample positions at a sampling rate, with RR intervals, heart rate and
 * beat segmentation. Made by {@link RPeaks#detect}.
 *
 * <pre>{@code
 * Beats b = RPeaks.detect(ecg.channel("MLII"));
 * double bpm = b.heartRate();
 * double[] rr = b.rr();                                 // seconds
 * Epochs beats = b.segments(ecg.channel("MLII"), 0.25, 0.45);
 * }</pre>
 */
public final class Beats implements Displayable {

  private final int[] peaks;
  private final double samplingRate;

  /** Beats at the given sample positions (strictly increasing). */
  public Beats(int[] peaks, double samplingRate) {
    for (int i = 1; i < peaks.length; i++) {
      if (peaks[i] <= peaks[i - 1]) {
        throw new IllegalArgumentException("Beat positions must increase: " + peaks[i - 1] + " then " + peaks[i]);
      }
    }
    if (!(samplingRate > 0)) {
      throw new IllegalArgumentException("samplingRate must be positive, got " + samplingRate);
    }
    this.peaks = peaks.clone();
    this.samplingRate = samplingRate;
  }

  /** R-peak sample positions. */
  public int[] peaks() {
    return peaks.clone();
  }

  /** Number of beats. */
  public int count() {
    return peaks.length;
  }

  /** Sampling rate of the positions. */
  public double samplingRate() {
    return samplingRate;
  }

  /** R-peak times in seconds. */
  public double[] times() {
    return Arrays.stream(peaks).mapToDouble(p -> p / samplingRate).toArray();
  }

  /** RR intervals in seconds (one fewer than the beats). */
  public double[] rr() {
    double[] out = new double[Math.max(0, peaks.length - 1)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (peaks[i + 1] - peaks[i]) / samplingRate;
    }
    return out;
  }

  /** Mean heart rate in beats per minute, {@code 60 / mean RR}; fails with fewer than two beats. */
  public double heartRate() {
    if (peaks.length < 2) {
      throw new IllegalStateException("A heart rate needs at least two beats, found " + peaks.length);
    }
    return 60.0 * (peaks.length - 1) * samplingRate / (peaks[peaks.length - 1] - peaks[0]);
  }

  /** The beats as instant annotations labelled {@code label}. */
  public List<Annotation> toAnnotations(String label) {
    List<Annotation> out = new ArrayList<>();
    for (int p : peaks) {
      out.add(Annotation.at(p / samplingRate, label));
    }
    return out;
  }

  /**
   * One epoch per beat of {@code ecg} (same rate), from {@code before} seconds before the R peak to
   * {@code after} seconds after, labelled {@code "beat"}; beats too near the ends are skipped.
   */
  public Epochs segments(Channel ecg, double before, double after) {
    if (ecg.samplingRate() != samplingRate) {
      throw new IllegalArgumentException("Channel '" + ecg.name() + "' is sampled at " + ecg.samplingRate()
          + " Hz but the beats were found at " + samplingRate + " Hz");
    }
    return Epochs.around(Recording.of("beats", ecg), toAnnotations("beat"), before, after);
  }

  @Override
  public String toHtml() {
    String t = toString();
    return "<div><b>Beats</b>: " + t.substring("Beats[".length(), t.length() - 1) + "</div>";
  }

  @Override
  public String toString() {
    if (peaks.length < 2) {
      return "Beats[" + peaks.length + " beats]";
    }
    double[] rr = rr();
    double[] ms = Signals.meanStd(rr);
    return String.format(java.util.Locale.ROOT, "Beats[%d beats, heart rate %.1f bpm, RR %.3f +/- %.3f s]",
        peaks.length, heartRate(), ms[0], ms[1]);
  }
}
