package io.workbench.signal;

/**
 * Where a {@link LazyRecording} gets its samples: one implementation per storage layout (data records for EDF,
 * BDF, GDF and BrainVision; frames of signal files for WFDB; segments of a multi-segment WFDB record). Sample
 * {@code k} of a channel is at {@code k / rate} seconds from the start; positions in a gap between continuous
 * pieces read as {@code NaN}. Implementations are immutable and open the file on every read, so one source serves
 * any number of threads and iterators and never holds a file open.
 */
interface SampleSource {

  /** Number of channels. */
  int channelCount();

  /** Samples per second of a channel. */
  double rate(int channel);

  /** Length of a channel in samples, gaps included. */
  long length(int channel);

  /**
   * Reads samples {@code [from[i], to[i])} of channel {@code channels[i]} into {@code out[i][0..to[i]-from[i])},
   * as physical values; {@code NaN} where the recording has no sample (a gap, an invalid sample). Bounds are
   * checked by the caller. Fails with an {@link IllegalArgumentException} naming the file when it changed or
   * cannot be read.
   */
  void read(int[] channels, long[] from, long[] to, double[][] out);

  /** Number of continuous pieces; 1 for a recording without gaps. */
  default int segmentCount() {
    return 1;
  }

  /** Start of a continuous piece, in seconds from the start of the recording. */
  default double segmentStart(int segment) {
    return 0;
  }

  /** First sample of a continuous piece in a channel. */
  default long segmentFirst(int channel, int segment) {
    return 0;
  }

  /** Samples of a continuous piece in a channel. */
  default long segmentLength(int channel, int segment) {
    return length(channel);
  }
}
