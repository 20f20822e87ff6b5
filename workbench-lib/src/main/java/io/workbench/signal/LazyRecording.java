package io.workbench.signal;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.io.InputFiles;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * An opened recording file: the header is parsed and the annotations are read when it is opened, the samples only
 * when asked for, as MNE's {@code read_raw_*(preload=False)} and wfdb-python's {@code rdrecord(sampfrom, sampto,
 * channels)} do. Any channel range and time window reads without loading the file; files over 2 GiB read like
 * small ones; {@link #windows} iterates training windows one read at a time, so a corpus of many recordings never
 * has to be in memory at once. The value holds no open file (each read opens and closes it), so it needs no
 * closing and may be shared between threads.
 *
 * <p>Open one with {@link Recordings#open} (the format from the file's magic bytes or extension) or a format's own
 * {@code open}: {@link Edf#open}, {@link Bdf#open}, {@link Gdf#open}, {@link BrainVision#open}, {@link Wfdb#open}.
 * Sample {@code k} of a channel lies at {@code k / rate} seconds; a discontinuous EDF+ file has several {@link
 * #segments()} with gaps between them that read as {@code NaN}.
 *
 * <pre>{@code
 * LazyRecording r = Recordings.open(Path.of("A01T.gdf"));     // header and events only
 * r.channels();                                             // names, units, rates, lengths
 * Recording trial = r.select("C3", "Cz", "C4").read(120.5, 124.5);   // 4 s of three channels
 * double[] c3 = r.samples("C3", 0, 250);                    // the first 250 samples of one channel
 * for (Window w : r.windows(4, 2, "C3", "Cz", "C4")) { ... }   // one window in memory at a time
 * Recording all = r.load();                                 // everything (what Gdf.read does)
 * }</pre>
 */
public final class LazyRecording implements Displayable {

  private final String name;
  private final Path file;
  private final String format;
  private final List<ChannelInfo> channels;
  private final List<Annotation> annotations;
  private final LocalDateTime startTime;
  private final SampleSource source;
  /** Source channel of each of this recording's channels. */
  private final int[] map;

  LazyRecording(String name, Path file, String format, List<ChannelInfo> channels, List<Annotation> annotations,
      LocalDateTime startTime, SampleSource source) {
    this(name, file, format, channels, annotations, startTime, source, identity(channels.size()));
  }

  private LazyRecording(String name, Path file, String format, List<ChannelInfo> channels,
      List<Annotation> annotations, LocalDateTime startTime, SampleSource source, int[] map) {
    if (channels.isEmpty()) {
      throw new IllegalArgumentException(format + " file " + file + " has no signal to read");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (ChannelInfo c : channels) {
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException("Recording '" + name + "' has two channels named '" + c.name() + "'");
      }
    }
    this.name = name;
    this.file = file;
    this.format = format;
    this.channels = List.copyOf(channels);
    this.annotations = List.copyOf(annotations);
    this.startTime = startTime;
    this.source = source;
    this.map = map;
  }

  private static int[] identity(int n) {
    int[] m = new int[n];
    for (int i = 0; i < n; i++) {
      m[i] = i;
    }
    return m;
  }

  /** The recording's name (its file name). */
  public String name() {
    return name;
  }

  /** The file opened (the header, for formats of several files). */
  public Path file() {
    return file;
  }

  /** The format and its version, for example {@code "EDF+D"}, {@code "GDF 2.20"}, {@code "BrainVision"}. */
  public String format() {
    return format;
  }

  /** The channels, in file order (or the order of {@link #select}). */
  public List<ChannelInfo> channels() {
    return channels;
  }

  /** Channel names, in order. */
  public List<String> channelNames() {
    return channels.stream().map(ChannelInfo::name).toList();
  }

  /** Number of channels. */
  public int numChannels() {
    return channels.size();
  }

  /** The channel with this name, or an error that lists the names. */
  public ChannelInfo channel(String channelName) {
    return channels.get(indexOf(channelName));
  }

  /** Position of a channel, or an error that lists the names. */
  public int indexOf(String channelName) {
    return Recording.indexOf(channelNames(), channelName, name);
  }

  /** The annotations (events, markers), onsets in seconds from the start. */
  public List<Annotation> annotations() {
    return annotations;
  }

  /** Start date and time, or {@code null} when the file does not say. */
  public LocalDateTime startTime() {
    return startTime;
  }

  /** The longest channel's duration in seconds, gaps included. */
  public double duration() {
    return channels.stream().mapToDouble(ChannelInfo::duration).max().orElse(0);
  }

  /**
   * The continuous pieces: one for most files, one per run of adjacent data records of a discontinuous EDF+ file
   * (EDF+D), whose gaps read as {@code NaN} and are never crossed by a window.
   */
  public List<Segment> segments() {
    return new AbstractList<>() {
      @Override
      public Segment get(int s) {
        double longest = 0;
        for (int c : map) {
          longest = Math.max(longest, source.segmentLength(c, s) / source.rate(c));
        }
        return new Segment(source.segmentStart(s), longest);
      }

      @Override
      public int size() {
        return source.segmentCount();
      }
    };
  }

  /** Whether the recording is one continuous piece (no gaps). */
  public boolean isContinuous() {
    return source.segmentCount() == 1 && source.segmentStart(0) == 0;
  }

  /** The named channels only, in the given order: still lazy, nothing is read. */
  public LazyRecording select(String... channelNames) {
    if (channelNames.length == 0) {
      throw new IllegalArgumentException("select needs at least one channel name; channels are " + channelNames());
    }
    List<ChannelInfo> out = new ArrayList<>();
    int[] m = new int[channelNames.length];
    for (int i = 0; i < channelNames.length; i++) {
      int k = indexOf(channelNames[i]);
      out.add(channels.get(k));
      m[i] = map[k];
    }
    return new LazyRecording(name, file, format, out, annotations, startTime, source, m);
  }

  /**
   * Samples {@code [from, to)} of one channel in physical units ({@code NaN} in gaps and for invalid samples).
   * Reads only the part of the file that holds them.
   */
  public double[] samples(String channelName, long from, long to) {
    int c = indexOf(channelName);
    double[][] out = new double[1][];
    checkRange(c, from, to);
    out[0] = new double[(int) (to - from)];
    readInto(new int[] {c}, new long[] {from}, new long[] {to}, out);
    return out[0];
  }

  /**
   * The part from {@code from} to {@code to} seconds as a recording: the samples with time {@code from <= t < to}
   * of every channel (each at its own rate), the annotations whose onset falls inside, shifted to the new start
   * (as {@link Recording#slice}).
   */
  public Recording read(double from, double to) {
    if (!(from >= 0) || !(to > from) || Double.isInfinite(to)) {
      throw new IllegalArgumentException("read needs 0 <= from < to seconds, got from=" + from + ", to=" + to);
    }
    int n = channels.size();
    long[] a = new long[n];
    long[] b = new long[n];
    for (int c = 0; c < n; c++) {
      ChannelInfo ch = channels.get(c);
      a[c] = Math.min(ch.length(), (long) Math.ceil(from * ch.samplingRate() - 1e-9));
      b[c] = Math.min(ch.length(), (long) Math.ceil(to * ch.samplingRate() - 1e-9));
    }
    List<Annotation> ann = new ArrayList<>();
    for (Annotation x : annotations) {
      if (x.onset() >= from && x.onset() < to) {
        ann.add(new Annotation(x.onset() - from, x.duration(), x.label()));
      }
    }
    LocalDateTime start = startTime == null ? null : startTime.plusNanos(Math.round(from * 1e9));
    return new Recording(name, channelsOf(a, b), ann, start);
  }

  /**
   * Everything as a recording in memory (what the formats' {@code read} calls return). Fails before allocating
   * when a channel has more samples than one array holds or the heap cannot hold the samples as doubles.
   */
  public Recording load() {
    int n = channels.size();
    long[] a = new long[n];
    long[] b = new long[n];
    for (int c = 0; c < n; c++) {
      b[c] = channels.get(c).length();
    }
    return new Recording(name, channelsOf(a, b), annotations, startTime);
  }

  private List<Channel> channelsOf(long[] a, long[] b) {
    int n = channels.size();
    long total = 0;
    for (int c = 0; c < n; c++) {
      checkRange(c, a[c], b[c]);
      total += b[c] - a[c];
    }
    InputFiles.requireHeap(8 * total, format + " file " + file);
    double[][] out = new double[n][];
    int[] idx = identity(n);
    for (int c = 0; c < n; c++) {
      out[c] = new double[(int) (b[c] - a[c])];
    }
    readInto(idx, a, b, out);
    List<Channel> list = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      ChannelInfo ch = channels.get(c);
      list.add(Channel.wrap(ch.name(), ch.unit(), ch.samplingRate(), out[c]));
    }
    return list;
  }

  private void checkRange(int c, long from, long to) {
    ChannelInfo ch = channels.get(c);
    if (from < 0 || to < from || to > ch.length()) {
      throw new IllegalArgumentException("Samples " + from + ".." + to + " of channel '" + ch.name()
          + "' are outside 0.." + ch.length() + " of recording '" + name + "'");
    }
    if (to - from > InputFiles.MAX_ARRAY) {
      throw new IllegalArgumentException(format + " file " + file + ": channel '" + ch.name() + "' has " + (to - from)
          + " samples in the requested range; at most " + InputFiles.MAX_ARRAY
          + " are read into one array (read a shorter range or iterate windows)");
    }
  }

  /** Reads through the source, channels given as positions in this recording. */
  void readInto(int[] channelIdx, long[] from, long[] to, double[][] out) {
    int[] src = new int[channelIdx.length];
    for (int i = 0; i < src.length; i++) {
      src[i] = map[channelIdx[i]];
    }
    source.read(src, from, to, out);
  }

  /**
   * Windows of {@code length} seconds every {@code stride} seconds over the named channels (all channels when none
   * are named), inside each continuous piece: read one at a time when iterated. The channels must share one
   * sampling rate.
   *
   * @param length window length in seconds (rounded to whole samples)
   * @param stride seconds from one window start to the next (rounded to whole samples, at least one)
   */
  public Windows windows(double length, double stride, String... channelNames) {
    LazyRecording r = channelNames.length == 0 ? this : select(channelNames);
    double rate = r.channels.get(0).samplingRate();
    for (ChannelInfo c : r.channels) {
      if (c.samplingRate() != rate) {
        throw new IllegalArgumentException("windows need channels of one sampling rate, but recording '" + name
            + "' has " + r.channels.stream().map(x -> x.name() + "=" + x.samplingRate() + " Hz").toList()
            + "; name channels of one rate");
      }
    }
    if (!(length > 0) || !(stride > 0) || Double.isInfinite(length) || Double.isInfinite(stride)) {
      throw new IllegalArgumentException("windows need a positive length and stride in seconds, got length="
          + length + ", stride=" + stride);
    }
    long len = Math.round(length * rate);
    long hop = Math.max(1, Math.round(stride * rate));
    if (len < 1 || len > Integer.MAX_VALUE / Math.max(1, r.numChannels()) || hop > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("A window of " + length + " s at " + rate + " Hz is " + len
          + " samples; it must be at least 1 and fit in one array per window");
    }
    int pieces = source.segmentCount();
    long[][] bounds = new long[pieces][2];
    for (int s = 0; s < pieces; s++) {
      long first = Long.MIN_VALUE;
      long end = Long.MAX_VALUE;
      for (int c : r.map) {
        first = Math.max(first, source.segmentFirst(c, s));
        end = Math.min(end, source.segmentFirst(c, s) + source.segmentLength(c, s));
      }
      bounds[s][0] = first;
      bounds[s][1] = Math.max(0, end - first);
    }
    return new Windows(r, (int) len, (int) hop, rate, bounds);
  }

  /** One row per channel: name, unit, rate, samples, duration, resolution (the quantisation step). */
  public Table summary() {
    return Table.create(name,
        StringColumn.create("channel", channelNames()),
        StringColumn.create("unit", channels.stream().map(ChannelInfo::unit).toList()),
        DoubleColumn.create("rate (Hz)", channels.stream().mapToDouble(ChannelInfo::samplingRate).toArray()),
        LongColumn.create("samples", channels.stream().mapToLong(ChannelInfo::length).toArray()),
        DoubleColumn.create("duration (s)", channels.stream().mapToDouble(ChannelInfo::duration).toArray()),
        DoubleColumn.create("resolution", channels.stream().mapToDouble(ChannelInfo::resolution).toArray()));
  }

  @Override
  public String toHtml() {
    StringBuilder h = new StringBuilder("<div class=\"workbench-recording\"><b>")
        .append(Tables.escape(format)).append(" ").append(Tables.escape(name)).append("</b> (not loaded): ")
        .append(channels.size()).append(" channel(s), ").append(Numbers.format(duration())).append(" s");
    if (!isContinuous()) {
      h.append(" in ").append(source.segmentCount()).append(" continuous pieces");
    }
    if (startTime != null) {
      h.append(", start ").append(Tables.escape(startTime.toString()));
    }
    h.append(", ").append(annotations.size()).append(" annotation(s)");
    return h.append(Tables.html(summary(), null)).append("</div>").toString();
  }

  @Override
  public String toString() {
    return "LazyRecording[" + format + " " + name + ": " + channels.size() + " channels " + Arrays.toString(
        channels.stream().map(ChannelInfo::toString).toArray()) + ", " + Numbers.format(duration()) + " s"
        + (isContinuous() ? "" : ", " + source.segmentCount() + " pieces") + ", " + annotations.size()
        + " annotations]";
  }
}
