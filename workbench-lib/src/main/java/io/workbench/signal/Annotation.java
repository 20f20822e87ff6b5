package io.workbench.signal;

/**
 * A labelled event in a recording: an onset in seconds from the start, a duration in seconds
 * ({@code 0} for an instant, such as a beat) and a text label (a beat code like {@code "N"} or
 * {@code "V"}, a sleep stage, a task cue).
 *
 * <pre>{@code
 * Annotation a = new Annotation(12.5, 4.0, "left hand");
 * a.end();   // 16.5
 * }</pre>
 *
 * @param onset seconds from the recording start, finite and not negative
 * @param duration seconds, finite and not negative
 * @param label the annotation text
 */
public record Annotation(double onset, double duration, String label) {

  /** Checks the arguments. */
  public Annotation {
    if (!Double.isFinite(onset) || onset < 0) {
      throw new IllegalArgumentException("Annotation onset must be a finite number of seconds >= 0, got " + onset);
    }
    if (!Double.isFinite(duration) || duration < 0) {
      throw new IllegalArgumentException(
          "Annotation duration must be a finite number of seconds >= 0, got " + duration);
    }
    if (label == null) {
      throw new IllegalArgumentException("Annotation label is null; use \"\" for none");
    }
  }

  /** An instant event (duration 0). */
  public static Annotation at(double onset, String label) {
    return new Annotation(onset, 0, label);
  }

  /** Onset plus duration, in seconds. */
  public double end() {
    return onset + duration;
  }

  /** The sample index of the onset at the given rate (rounded). */
  public int sample(double samplingRate) {
    return (int) Math.round(onset * samplingRate);
  }
}
