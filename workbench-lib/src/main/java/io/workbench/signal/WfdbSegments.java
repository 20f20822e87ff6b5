package io.workbench.signal;

import io.workbench.io.InputFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A multi-segment WFDB record read as one recording: the record's header lists segments (each an ordinary record
 * with its own header and signal files, in the same folder) and their lengths; segments follow each other without
 * gaps in time. In a fixed layout every segment has the same signals; in a variable layout (the first segment has
 * length 0 and is the layout header, as in MIMIC) the layout header lists every signal of the record and each
 * segment holds some of them, matched by name; a null segment ({@code ~}) holds none. Samples a segment does not
 * hold read as {@code NaN}; each segment's own gains and baselines convert its values.
 */
final class WfdbSegments implements SampleSource {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_]+");
  /** Most segments read (each opens a header). */
  private static final int MAX_SEGMENTS = 1 << 20;

  private final double fs;
  private final int[] spf;
  private final long[] firstFrame;
  private final long[] frames;
  /** Null for a null segment. */
  private final WfdbSignals[] segments;
  /** {@code map[s][c]}: the signal of segment {@code s} holding channel {@code c}, or -1. */
  private final int[][] map;

  private WfdbSegments(double fs, int[] spf, long[] firstFrame, long[] frames, WfdbSignals[] segments, int[][] map) {
    this.fs = fs;
    this.spf = spf;
    this.firstFrame = firstFrame;
    this.frames = frames;
    this.segments = segments;
    this.map = map;
  }

  /** Whether a header's record line names a multi-segment record ({@code name/segments}). */
  static boolean isMultiSegment(Path header) {
    return Wfdb.recordLine(header)[0].contains("/");
  }

  static LazyRecording open(Path header, boolean outside, List<Annotation> annotations) {
    Wfdb.Lines lines = Wfdb.Lines.read(header);
    String[] rec = lines.content().get(0);
    String where = lines.where(0);
    String record = rec[0].substring(0, rec[0].indexOf('/'));
    int count = Wfdb.parseInt(rec[0].substring(rec[0].indexOf('/') + 1), where, "number of segments");
    if (count < 1 || count > MAX_SEGMENTS) {
      throw new IllegalArgumentException(where + ": field 'number of segments' is " + count + ", expected 1.."
          + MAX_SEGMENTS);
    }
    if (rec.length < 2) {
      throw new IllegalArgumentException(where + ": field 'number of signals' is missing");
    }
    int nsig = Wfdb.parseInt(rec[1], where, "number of signals");
    double fs = rec.length > 2 ? Wfdb.samplingRate(rec[2], where) : Wfdb.DEFAULT_RATE;
    long total = rec.length > 3 ? Wfdb.parseLong(rec[3], where, "number of samples per signal") : -1;
    if (lines.content().size() - 1 < count) {
      throw new IllegalArgumentException("WFDB header " + header + ": the record line announces " + count
          + " segments but there are " + (lines.content().size() - 1) + " segment lines");
    }
    String[] names = new String[count];
    long[] lengths = new long[count];
    for (int s = 0; s < count; s++) {
      String[] f = lines.content().get(s + 1);
      String at = lines.where(s + 1) + " (segment " + s + ")";
      if (f.length < 2) {
        throw new IllegalArgumentException(at + ": field 'number of samples per signal' is missing");
      }
      names[s] = f[0];
      if (!names[s].equals("~") && !SEGMENT.matcher(names[s]).matches()) {
        throw new IllegalArgumentException(at + ": segment name '" + InputFiles.printable(names[s])
            + "' must be letters, digits and '_' (or ~ for a null segment)");
      }
      lengths[s] = Wfdb.parseLong(f[1], at, "number of samples per signal");
      if (lengths[s] < 0) {
        throw new IllegalArgumentException(at + ": field 'number of samples per signal' is " + lengths[s]
            + ", expected >= 0");
      }
    }
    Path dir = Wfdb.folder(header);
    boolean variable = lengths[0] == 0 && !names[0].equals("~");
    Wfdb.Header layout = null;
    if (variable) {
      layout = Wfdb.parse(Wfdb.Lines.read(segmentHeader(dir, names[0], header, outside)), true);
      if (layout.signals().size() != nsig) {
        throw new IllegalArgumentException("WFDB layout header " + layout.file() + " lists " + layout.signals().size()
            + " signals but the record line of " + header + " says " + nsig);
      }
    }
    int first = variable ? 1 : 0;
    WfdbSignals[] segs = new WfdbSignals[count];
    long[] start = new long[count];
    long sum = 0;
    for (int s = first; s < count; s++) {
      start[s] = sum;
      try {
        sum = Math.addExact(sum, lengths[s]);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(where + ": the segment lengths add up beyond 64-bit sample numbers");
      }
      if (names[s].equals("~")) {
        continue;
      }
      Wfdb.Header h = Wfdb.readHeader(segmentHeader(dir, names[s], header, outside));
      if (h.samplingRate() != fs) {
        throw new IllegalArgumentException("WFDB segment header " + h.file() + ": sampling frequency " + h.samplingRate()
            + " Hz differs from the record's " + fs + " Hz in " + header);
      }
      segs[s] = new WfdbSignals(h, outside);
      for (int c = 0; c < h.signals().size(); c++) {
        long have = segs[s].length(c) / h.signals().get(c).samplesPerFrame();
        if (have != lengths[s]) {
          throw new IllegalArgumentException("WFDB segment " + names[s] + " of " + header + ": the segment line says "
              + lengths[s] + " samples per signal but its signal " + c + " has " + have + " (" + segs[s].fileOf(c)
              + ")");
        }
      }
      if (layout == null) {
        layout = h;
      }
    }
    if (total >= 0 && total != sum && total != 0) {
      throw new IllegalArgumentException(where + ": field 'number of samples per signal' is " + total
          + " but the segments hold " + sum);
    }
    if (layout == null) {
      throw new IllegalArgumentException("WFDB header " + header + " has only null segments (~); no signal to read");
    }
    List<Wfdb.SignalSpec> signals = layout.signals();
    if (signals.size() != nsig) {
      throw new IllegalArgumentException("WFDB header " + header + ": the record line says " + nsig + " signals but "
          + "segment " + layout.file() + " has " + signals.size());
    }
    int[] spf = new int[nsig];
    for (int c = 0; c < nsig; c++) {
      spf[c] = signals.get(c).samplesPerFrame();
    }
    int[][] map = new int[count][];
    for (int s = first; s < count; s++) {
      map[s] = segs[s] == null ? null : mapping(signals, segs[s].header(), variable, spf, header);
    }
    WfdbSegments source = new WfdbSegments(fs, spf, start, lengths, segs, map);
    List<ChannelInfo> infos = Wfdb.channelInfos(signals, fs, source);
    if (variable) {
      // the layout header's gains describe no stored value
      List<ChannelInfo> out = new ArrayList<>();
      for (ChannelInfo i : infos) {
        out.add(new ChannelInfo(i.name(), i.unit(), i.samplingRate(), i.length(), Double.NaN));
      }
      infos = out;
    }
    return new LazyRecording(record, header, "WFDB multi-segment (" + count + " segments)", infos, annotations,
        Wfdb.baseTime(rec, 4), source);
  }

  private static Path segmentHeader(Path dir, String name, Path header, boolean outside) {
    String what = "WFDB header " + header + ": segment '" + name + "'";
    return outside ? InputFiles.resolve(dir, name + ".hea", what) : InputFiles.resolveInside(dir, name + ".hea", what);
  }

  /** Which signal of a segment holds each channel: by position in a fixed layout, by name in a variable one. */
  private static int[] mapping(List<Wfdb.SignalSpec> layout, Wfdb.Header seg, boolean variable, int[] spf,
      Path header) {
    int[] m = new int[layout.size()];
    Arrays.fill(m, -1);
    List<Wfdb.SignalSpec> sigs = seg.signals();
    if (!variable) {
      if (sigs.size() != layout.size()) {
        throw new IllegalArgumentException("WFDB segment header " + seg.file() + " has " + sigs.size() + " signals but"
            + " the record " + header + " has a fixed layout of " + layout.size() + " (no layout header)");
      }
      for (int c = 0; c < m.length; c++) {
        m[c] = c;
      }
    } else {
      Map<String, List<Integer>> byName = new HashMap<>();
      for (int c = 0; c < layout.size(); c++) {
        byName.computeIfAbsent(layout.get(c).description(), k -> new ArrayList<>()).add(c);
      }
      Map<String, Integer> used = new HashMap<>();
      for (int j = 0; j < sigs.size(); j++) {
        String name = sigs.get(j).description();
        int k = used.merge(name, 1, Integer::sum) - 1;
        List<Integer> slots = byName.get(name);
        if (slots == null || k >= slots.size()) {
          throw new IllegalArgumentException("WFDB segment header " + seg.file() + ": signal " + j + " ('"
              + InputFiles.printable(name) + "') is not in the layout header of " + header);
        }
        m[slots.get(k)] = j;
      }
    }
    for (int c = 0; c < m.length; c++) {
      if (m[c] >= 0 && sigs.get(m[c]).samplesPerFrame() != spf[c]) {
        throw new IllegalArgumentException("WFDB segment header " + seg.file() + ": signal '"
            + InputFiles.printable(sigs.get(m[c]).description()) + "' has " + sigs.get(m[c]).samplesPerFrame()
            + " samples per frame but the record's layout has " + spf[c]);
      }
    }
    return m;
  }

  @Override
  public int channelCount() {
    return spf.length;
  }

  @Override
  public double rate(int channel) {
    return fs * spf[channel];
  }

  @Override
  public long length(int channel) {
    int last = frames.length - 1;
    return (firstFrame[last] + frames[last]) * spf[channel];
  }

  @Override
  public void read(int[] channels, long[] from, long[] to, double[][] out) {
    int n = channels.length;
    for (int i = 0; i < n; i++) {
      Arrays.fill(out[i], 0, (int) (to[i] - from[i]), Double.NaN);
    }
    for (int s = 0; s < segments.length; s++) {
      if (segments[s] == null || frames[s] == 0) {
        continue;
      }
      List<Integer> which = new ArrayList<>();
      List<long[]> ranges = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int c = channels[i];
        long lo = Math.max(from[i], firstFrame[s] * spf[c]);
        long hi = Math.min(to[i], (firstFrame[s] + frames[s]) * spf[c]);
        if (lo < hi && map[s][c] >= 0) {
          which.add(i);
          ranges.add(new long[] {lo, hi});
        }
      }
      if (which.isEmpty()) {
        continue;
      }
      int m = which.size();
      int[] sig = new int[m];
      long[] a = new long[m];
      long[] b = new long[m];
      double[][] buf = new double[m][];
      for (int k = 0; k < m; k++) {
        int i = which.get(k);
        int c = channels[i];
        sig[k] = map[s][c];
        a[k] = ranges.get(k)[0] - firstFrame[s] * spf[c];
        b[k] = ranges.get(k)[1] - firstFrame[s] * spf[c];
        buf[k] = new double[(int) (b[k] - a[k])];
      }
      segments[s].read(sig, a, b, buf);
      for (int k = 0; k < m; k++) {
        int i = which.get(k);
        System.arraycopy(buf[k], 0, out[i], (int) (ranges.get(k)[0] - from[i]), buf[k].length);
      }
    }
  }
}
