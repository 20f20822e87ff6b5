package io.workbench.signal;

/**
 * A continuous piece of a recording. Most recordings are one piece; a discontinuous EDF+ file (EDF+D) has a piece
 * per run of adjacent data records, with gaps between them (read as {@code NaN}). Window iteration never lets a
 * window cross a gap.
 *
 * <pre>{@code
 * LazyRecording r = Edf.open(Path.of("night.edf"));
 * for (Segment s : r.segments()) {
 *   System.out.println(s.start() + " s to " + s.end() + " s");
 * }
 * }</pre>
 *
 * @param start seconds from the start of the recording
 * @param duration seconds
 */
public record Segment(double start, double duration) {

  /** Start plus duration, in seconds. */
  public double end() {
    return start + duration;
  }
}
