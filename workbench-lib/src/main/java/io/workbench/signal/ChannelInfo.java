package io.workbench.signal;

/**
 * What a {@link LazyRecording} knows about one channel before reading it: name, unit, rate, length, and the size of
 * one stored step.
 *
 * <pre>{@code
 * ChannelInfo c = Recordings.open(Path.of("A01T.gdf")).channel("C3");
 * c.samplingRate();   // 250.0
 * c.duration();       // seconds, gaps included
 * c.resolution();     // physical value of one digital step (the quantisation), NaN for floating-point storage
 * }</pre>
 *
 * @param name channel label (distinct within a recording)
 * @param unit physical unit (may be empty)
 * @param samplingRate samples per second
 * @param length samples, gaps of a discontinuous recording included
 * @param resolution physical value of one stored integer step, or {@code NaN} when samples are stored as floating
 *     point numbers
 */
public record ChannelInfo(String name, String unit, double samplingRate, long length, double resolution) {

  /** Length in seconds. */
  public double duration() {
    return length / samplingRate;
  }

  @Override
  public String toString() {
    return name + " (" + (unit.isEmpty() ? "" : unit + ", ") + samplingRate + " Hz, " + length + " samples)";
  }
}
