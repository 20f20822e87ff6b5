package io.workbench.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The windows of a {@link LazyRecording}: fixed length, fixed stride, inside continuous pieces only (a window never
 * crosses a gap of a discontinuous file), read from the file one at a time. Only the window being read is in
 * memory, so a training loop over a corpus of recordings larger than the heap keeps its memory flat; {@link
 * #get(long)} reads any window directly, so windows can be shuffled across recordings.
 *
 * <pre>{@code
 * Windows w = Edf.open(Path.of("big.edf")).windows(4.0, 2.0, "C3", "Cz", "C4");
 * w.count();                       // windows of 4 s every 2 s, within each continuous piece
 * for (Window x : w) { ... }       // in order, one read per window
 * Window k = w.get(123);           // random access (for shuffled batches)
 * }</pre>
 */
public final class Windows implements Iterable<Window> {

  private final LazyRecording recording;
  private final int length;
  private final int stride;
  private final double rate;
  /** First window start sample, per piece. */
  private final long[] firstStart;
  /** Windows in pieces before this one: cumulative counts with a leading 0. */
  private final long[] before;
  private final int[] piece;
  private final Annotation[] byOnset;
  private final double maxDuration;

  Windows(LazyRecording recording, int length, int stride, double rate, long[][] pieces) {
    this.recording = recording;
    this.length = length;
    this.stride = stride;
    this.rate = rate;
    List<long[]> kept = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (int s = 0; s < pieces.length; s++) {
      long n = pieces[s][1];
      if (n >= length) {
        kept.add(new long[] {pieces[s][0], (n - length) / stride + 1});
        ids.add(s);
      }
    }
    firstStart = new long[kept.size()];
    before = new long[kept.size() + 1];
    piece = new int[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      firstStart[i] = kept.get(i)[0];
      before[i + 1] = before[i] + kept.get(i)[1];
      piece[i] = ids.get(i);
    }
    byOnset = recording.annotations().toArray(new Annotation[0]);
    Arrays.sort(byOnset, Comparator.comparingDouble(Annotation::onset));
    double m = 0;
    for (Annotation a : byOnset) {
      m = Math.max(m, a.duration());
    }
    maxDuration = m;
  }

  /** Number of windows. */
  public long count() {
    return before[before.length - 1];
  }

  /** Samples per window and channel. */
  public int length() {
    return length;
  }

  /** Samples from one window start to the next. */
  public int stride() {
    return stride;
  }

  /** Samples per second of every channel. */
  public double samplingRate() {
    return rate;
  }

  /** The channels each window holds. */
  public List<String> channelNames() {
    return recording.channelNames();
  }

  /** Start of window {@code i} in seconds, without reading it. */
  public double onset(long i) {
    return startSample(i) / rate;
  }

  /** Reads window {@code i} (0-based, in time order). */
  public Window get(long i) {
    long start = startSample(i);
    int p = pieceOf(i);
    int n = recording.numChannels();
    int[] channels = new int[n];
    long[] from = new long[n];
    long[] to = new long[n];
    double[][] buf = new double[n][length];
    for (int c = 0; c < n; c++) {
      channels[c] = c;
      from[c] = start;
      to[c] = start + length;
    }
    recording.readInto(channels, from, to, buf);
    float[][] data = new float[n][length];
    for (int c = 0; c < n; c++) {
      for (int k = 0; k < length; k++) {
        data[c][k] = (float) buf[c][k];
      }
    }
    double t0 = start / rate;
    double t1 = (start + length) / rate;
    return new Window(recording.name(), i, t0, piece[p], recording.channelNames(),
        recording.channels().stream().map(ChannelInfo::unit).toList(), rate, data, overlapping(t0, t1));
  }

  /** The windows in order, read one at a time as the stream is consumed. */
  public Stream<Window> stream() {
    return LongStream.range(0, count()).mapToObj(this::get);
  }

  @Override
  public Iterator<Window> iterator() {
    return new Iterator<>() {
      private long next;

      @Override
      public boolean hasNext() {
        return next < count();
      }

      @Override
      public Window next() {
        if (!hasNext()) {
          throw new NoSuchElementException("all " + count() + " windows were read");
        }
        return get(next++);
      }
    };
  }

  private long startSample(long i) {
    if (i < 0 || i >= count()) {
      throw new IllegalArgumentException("Window index " + i + " is outside 0.." + (count() - 1) + " of "
          + count() + " windows of recording '" + recording.name() + "'");
    }
    int p = pieceOf(i);
    return firstStart[p] + (i - before[p]) * stride;
  }

  private int pieceOf(long i) {
    int p = Arrays.binarySearch(before, i);
    return p >= 0 ? p : -p - 2;
  }

  /** Annotations with onset before {@code t1} that end after {@code t0} (instants inside count). */
  private List<Annotation> overlapping(double t0, double t1) {
    List<Annotation> out = new ArrayList<>();
    int hi = upperBound(t1);
    for (int k = hi - 1; k >= 0 && byOnset[k].onset() >= t0 - maxDuration; k--) {
      Annotation a = byOnset[k];
      if (a.end() > t0 || (a.duration() == 0 && a.onset() >= t0)) {
        out.add(a);
      }
    }
    java.util.Collections.reverse(out);
    return out;
  }

  /** Number of annotations with onset before {@code t}. */
  private int upperBound(double t) {
    int lo = 0;
    int hi = byOnset.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (byOnset[mid].onset() < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public String toString() {
    return "Windows[" + count() + " of " + length + " samples every " + stride + " at " + rate + " Hz over "
        + channelNames() + " of '" + recording.name() + "']";
  }
}
