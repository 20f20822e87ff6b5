package io.workbench.signal;

import java.util.ArrayList;
import java.util.List;

/**
 * One window of a recording read for training: {@code channels x length} samples at one rate, where it starts, the
 * continuous piece it lies in, and the annotations that overlap it. Samples are {@code float} (what networks take;
 * a 24-bit value with its scaling keeps its quantisation step), copied out on every access, so a window never
 * changes. Windows come from {@link LazyRecording#windows}.
 *
 * <pre>{@code
 * for (Window w : Edf.open(path).windows(30, 30, "EEG Fpz-Cz")) {
 *   float[] row = new float[w.numChannels() * w.length()];
 *   w.copyTo(row, 0);                  // channel-major, as a signal dataset's row
 *   String stage = w.annotations().isEmpty() ? "?" : w.annotations().get(0).label();
 * }
 * }</pre>
 */
public final class Window {

  private final String recording;
  private final long index;
  private final double onset;
  private final int segment;
  private final List<String> channels;
  private final List<String> units;
  private final double samplingRate;
  private final float[][] data;
  private final List<Annotation> annotations;

  Window(String recording, long index, double onset, int segment, List<String> channels, List<String> units,
      double samplingRate, float[][] data, List<Annotation> annotations) {
    this.recording = recording;
    this.index = index;
    this.onset = onset;
    this.segment = segment;
    this.channels = List.copyOf(channels);
    this.units = List.copyOf(units);
    this.samplingRate = samplingRate;
    this.data = data;
    this.annotations = List.copyOf(annotations);
  }

  /** The name of the recording the window comes from. */
  public String recording() {
    return recording;
  }

  /** Position of the window in its {@link Windows}. */
  public long index() {
    return index;
  }

  /** Start in seconds from the start of the recording. */
  public double onset() {
    return onset;
  }

  /** End in seconds (exclusive): onset plus length over rate. */
  public double end() {
    return onset + length() / samplingRate;
  }

  /** The continuous piece of the recording ({@link LazyRecording#segments()}) that holds the window. */
  public int segment() {
    return segment;
  }

  /** Channel names, in order. */
  public List<String> channelNames() {
    return channels;
  }

  /** Physical units, in channel order. */
  public List<String> units() {
    return units;
  }

  /** Samples per second. */
  public double samplingRate() {
    return samplingRate;
  }

  /** Number of channels. */
  public int numChannels() {
    return data.length;
  }

  /** Samples per channel. */
  public int length() {
    return data[0].length;
  }

  /** A copy of one channel's samples. */
  public float[] channel(int index) {
    if (index < 0 || index >= data.length) {
      throw new IllegalArgumentException("Channel index " + index + " is outside 0.." + (data.length - 1)
          + " of a window with channels " + channels);
    }
    return data[index].clone();
  }

  /** A copy of the named channel's samples, or an error listing the names. */
  public float[] channel(String name) {
    int i = channels.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("No channel '" + name + "' in this window; channels are " + channels);
    }
    return data[i].clone();
  }

  /** A copy of all samples, {@code [channel][sample]}. */
  public float[][] toArray() {
    float[][] out = new float[data.length][];
    for (int c = 0; c < out.length; c++) {
      out[c] = data[c].clone();
    }
    return out;
  }

  /**
   * Copies the samples channel after channel into {@code dst} from {@code offset} (the row layout of a signal
   * dataset: features {@code "C3@t0", "C3@t1", ..., "C4@t0", ...}).
   */
  public void copyTo(float[] dst, int offset) {
    int need = data.length * length();
    if (offset < 0 || dst.length - offset < need) {
      throw new IllegalArgumentException("copyTo needs " + need + " floats from offset " + offset + ", the array has "
          + dst.length);
    }
    for (float[] c : data) {
      System.arraycopy(c, 0, dst, offset, c.length);
      offset += c.length;
    }
  }

  /** The recording's annotations that overlap the window (onsets in recording time, not window time). */
  public List<Annotation> annotations() {
    return annotations;
  }

  /** The window as a recording: its channels (doubles), the overlapping annotations shifted to window time. */
  public Recording toRecording() {
    List<Channel> out = new ArrayList<>();
    for (int c = 0; c < data.length; c++) {
      double[] v = new double[data[c].length];
      for (int k = 0; k < v.length; k++) {
        v[k] = data[c][k];
      }
      out.add(Channel.wrap(channels.get(c), units.get(c), samplingRate, v));
    }
    List<Annotation> shifted = new ArrayList<>();
    for (Annotation a : annotations) {
      double on = Math.max(0, a.onset() - onset);
      shifted.add(new Annotation(on, Math.max(0, a.end() - onset - on), a.label()));
    }
    return new Recording(recording + " @" + onset + " s", out, shifted, null);
  }

  @Override
  public String toString() {
    return "Window[" + recording + " #" + index + ": " + onset + " s, " + data.length + " x " + length()
        + " samples at " + samplingRate + " Hz" + (annotations.isEmpty() ? "" : ", " + annotations.size()
        + " annotations") + "]";
  }
}
