package io.workbench.signal;

import io.workbench.io.InputFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of one single-segment WFDB record: its signal files (each a group of signals stored frame after frame,
 * a frame holding {@code samples per frame} samples of each signal of the file), checked against the header's
 * sample count when opened and read on demand. A read decodes only the frames that hold the requested samples,
 * from the packing group where they start (formats 212, 310, 311); format 8 (first differences) restarts from the
 * nearest of a table of running sums built by one pass over the file the first time it is read.
 */
final class WfdbSignals implements SampleSource {

  /** Flat samples decoded per chunk. */
  private static final int CHUNK = 1 << 21;
  /** Bytes between two running-sum checkpoints of a format 8 file. */
  private static final int CHECKPOINT_BYTES = 1 << 16;

  /** One signal file and the signals it holds. */
  private static final class Group {
    final Path path;
    final String what;
    final int format;
    final long offset;
    final long size;
    final int frame;
    final long frames;
    final int[] signals;
    /** Signal (index into {@link #signals}) of each slot of a frame. */
    final int[] slotSignal;
    /** Format 8: running sums at every {@code checkpointFrames} frames, built on first use. */
    volatile long[][] checkpoints;
    final long checkpointFrames;

    Group(Path path, String what, int format, long offset, long size, int frame, long frames, int[] signals,
        int[] slotSignal) {
      this.path = path;
      this.what = what;
      this.format = format;
      this.offset = offset;
      this.size = size;
      this.frame = frame;
      this.frames = frames;
      this.signals = signals;
      this.slotSignal = slotSignal;
      this.checkpointFrames = Math.max(1, CHECKPOINT_BYTES / frame);
    }
  }

  private final Wfdb.Header header;
  private final Group[] groups;
  private final int[] groupOf;
  /** Position of each signal's first sample in its file's frame. */
  private final int[] slot;
  private final int[] spf;
  /** Format 8 initial values, per signal. */
  private final long[] initial;

  /**
   * Opens the signal files of a parsed header: each must be a regular file in the header's folder (unless {@code
   * outside}) whose size matches the header's sample count.
   */
  WfdbSignals(Wfdb.Header h, boolean outside) {
    this.header = h;
    List<Wfdb.SignalSpec> sigs = h.signals();
    int n = sigs.size();
    groupOf = new int[n];
    slot = new int[n];
    spf = new int[n];
    initial = new long[n];
    Map<String, List<Integer>> byFile = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      byFile.computeIfAbsent(sigs.get(i).fileName(), k -> new ArrayList<>()).add(i);
      spf[i] = sigs.get(i).samplesPerFrame();
      Wfdb.SignalSpec s = sigs.get(i);
      initial[i] = s.initialValue() != null ? s.initialValue() : s.adcZero();
    }
    List<Group> list = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> e : byFile.entrySet()) {
      int g = list.size();
      list.add(group(h, e.getKey(), e.getValue(), outside));
      int pos = 0;
      for (int s : e.getValue()) {
        groupOf[s] = g;
        slot[s] = pos;
        pos += spf[s];
      }
    }
    groups = list.toArray(new Group[0]);
  }

  private static Group group(Wfdb.Header h, String fileName, List<Integer> signals, boolean outside) {
    Path path = Wfdb.signalFile(h, fileName, outside);
    String what = "WFDB signal file " + path;
    long size = InputFiles.requireRegularFile(path, "WFDB signal file (named in " + h.file() + ")");
    Wfdb.SignalSpec first = h.signals().get(signals.get(0));
    int format = first.format();
    long offset = first.byteOffset();
    long frame = 0;
    for (int s : signals) {
      Wfdb.SignalSpec spec = h.signals().get(s);
      if (spec.format() != format) {
        throw new IllegalArgumentException("WFDB header " + h.file() + ": signals in file " + fileName + " mix formats "
            + format + " and " + spec.format() + "; one file holds one format");
      }
      frame += spec.samplesPerFrame();
    }
    if (frame > CHUNK) {
      throw new IllegalArgumentException("WFDB header " + h.file() + ": the signals in file " + fileName + " have "
          + frame + " samples per frame (field 'samples per frame'), more than the " + CHUNK + " this reader accepts");
    }
    if (offset > size) {
      throw new IllegalArgumentException(what + " has " + size + " bytes, fewer than the byte offset " + offset
          + " in " + h.file());
    }
    long available = size - offset;
    long frames;
    long need;
    try {
      if (h.samplesPerSignal() >= 0) {
        frames = h.samplesPerSignal();
        need = WfdbFormat.bytesFor(format, Math.multiplyExact(frames, frame));
        if (available < need) {
          throw new IllegalArgumentException(what + " is truncated: the header " + h.file() + " says " + frames
              + " samples per signal (field 'number of samples per signal') for " + signals.size()
              + " signal(s) in format " + format + ", which needs " + need + " bytes, but the file holds " + available
              + (offset > 0 ? " after the " + offset + "-byte offset" : ""));
        }
      } else {
        frames = WfdbFormat.samplesIn(format, available) / frame;
        need = WfdbFormat.bytesFor(format, frames * frame);
        if (frames == 0 && available > 0) {
          throw new IllegalArgumentException(what + " holds " + available + " bytes, less than one frame of " + frame
              + " samples in format " + format + " (field 'samples per frame' in " + h.file() + ")");
        }
      }
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("WFDB header " + h.file() + ": field 'number of samples per signal' is "
          + h.samplesPerSignal() + ", so large that the byte count of " + path + " overflows");
    }
    if (available > need + WfdbFormat.slack(format)) {
      throw new IllegalArgumentException(what + " holds " + available + " bytes but " + (h.samplesPerSignal() >= 0
          ? "the header " + h.file() + " says " + frames + " samples per signal (field 'number of samples per"
              + " signal'), which fill " + need + " bytes in format " + format + "; the header and the file disagree"
          : "that is not a whole number of frames of " + frame + " samples in format " + format + " (" + need
              + " bytes hold " + frames + " frames)"));
    }
    int[] sigs = signals.stream().mapToInt(Integer::intValue).toArray();
    int[] slotSignal = new int[(int) frame];
    int p = 0;
    for (int j = 0; j < sigs.length; j++) {
      for (int r = 0; r < h.signals().get(sigs[j]).samplesPerFrame(); r++) {
        slotSignal[p++] = j;
      }
    }
    return new Group(path, what, format, offset, size, (int) frame, frames, sigs, slotSignal);
  }

  /** The header the record was opened from. */
  Wfdb.Header header() {
    return header;
  }

  /** The signal file of a signal, as messages name it. */
  String fileOf(int signal) {
    return groups[groupOf[signal]].what;
  }

  /** The signal files, as messages name them. */
  List<Path> fileNames() {
    return Arrays.stream(groups).map(g -> g.path).toList();
  }

  /** Bytes of signal files, for memory estimates. */
  long fileBytes() {
    long b = 0;
    for (Group g : groups) {
      b += g.size;
    }
    return b;
  }

  @Override
  public int channelCount() {
    return header.signals().size();
  }

  @Override
  public double rate(int channel) {
    return header.samplingRate() * spf[channel];
  }

  @Override
  public long length(int channel) {
    return groups[groupOf[channel]].frames * spf[channel];
  }

  @Override
  public void read(int[] channels, long[] from, long[] to, double[][] out) {
    int[][] digital = new int[channels.length][];
    for (int i = 0; i < channels.length; i++) {
      digital[i] = new int[(int) (to[i] - from[i])];
    }
    readDigital(channels, from, to, digital);
    for (int i = 0; i < channels.length; i++) {
      Wfdb.SignalSpec s = header.signals().get(channels[i]);
      long invalid = WfdbFormat.invalidCode(s.format());
      double gain = s.gain();
      double base = s.baseline();
      int[] d = digital[i];
      double[] o = out[i];
      for (int k = 0; k < d.length; k++) {
        o[k] = d[k] == invalid ? Double.NaN : (d[k] - base) / gain;
      }
    }
  }

  /** The stored values of samples {@code [from[i], to[i])} of signal {@code signals[i]}. */
  void readDigital(int[] signals, long[] from, long[] to, int[][] out) {
    for (int g = 0; g < groups.length; g++) {
      Group grp = groups[g];
      long f0 = Long.MAX_VALUE;
      long f1 = Long.MIN_VALUE;
      for (int i = 0; i < signals.length; i++) {
        if (groupOf[signals[i]] == g && to[i] > from[i]) {
          int s = spf[signals[i]];
          f0 = Math.min(f0, from[i] / s);
          f1 = Math.max(f1, (to[i] + s - 1) / s);
        }
      }
      if (f0 >= f1) {
        continue;
      }
      long perChunk = Math.max(1, CHUNK / grp.frame);
      try (FileChannel ch = FileChannel.open(grp.path, StandardOpenOption.READ)) {
        for (long c0 = f0; c0 < f1; c0 += perChunk) {
          long c1 = Math.min(f1, c0 + perChunk);
          int[] flat = decodeFrames(ch, grp, c0, c1);
          for (int i = 0; i < signals.length; i++) {
            if (groupOf[signals[i]] != g) {
              continue;
            }
            int s = spf[signals[i]];
            long k0 = Math.max(from[i], c0 * s);
            long k1 = Math.min(to[i], c1 * s);
            for (long k = k0; k < k1; k++) {
              long f = k / s;
              out[i][(int) (k - from[i])] = flat[(int) ((f - c0) * grp.frame + slot[signals[i]] + (k - f * s))];
            }
          }
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read " + grp.what + ": " + e.getMessage(), e);
      }
    }
  }

  /** The flat samples of frames {@code [c0, c1)} of a file. */
  private int[] decodeFrames(FileChannel ch, Group g, long c0, long c1) {
    int n = (int) ((c1 - c0) * g.frame);
    if (g.format == 8) {
      return differences(ch, g, c0, c1);
    }
    long s0 = c0 * g.frame;
    int grp = WfdbFormat.group(g.format);
    long aligned = s0 - s0 % grp;
    int lead = (int) (s0 - aligned);
    long start = g.offset + WfdbFormat.bytesFor(g.format, aligned);
    long count = lead + n;
    long whole = (count + grp - 1) / grp * grp;
    int len = (int) Math.min(WfdbFormat.bytesFor(g.format, whole), g.size - start);
    byte[] b = new byte[len];
    InputFiles.readAt(ch, start, b, 0, len, g.what);
    int[] v = new int[(int) count];
    WfdbFormat.decode(g.format, b, (int) count, v);
    return lead == 0 ? v : Arrays.copyOfRange(v, lead, lead + n);
  }

  /** Format 8: values are the initial value plus the sum of the differences so far, per signal. */
  private int[] differences(FileChannel ch, Group g, long c0, long c1) {
    long[][] cp = checkpoints(ch, g);
    int k = (int) (c0 / g.checkpointFrames);
    long[] acc = cp[k].clone();
    long first = k * g.checkpointFrames;
    int n = (int) ((c1 - c0) * g.frame);
    int[] out = new int[n];
    long skip = (c0 - first) * g.frame;
    byte[] b = new byte[(int) (skip + n)];
    InputFiles.readAt(ch, g.offset + first * g.frame, b, 0, b.length, g.what);
    for (int p = 0; p < b.length; p++) {
      int j = g.slotSignal[(int) (p % g.frame)];
      acc[j] += b[p];
      if (p >= skip) {
        out[(int) (p - skip)] = toInt(acc[j], g, first * g.frame + p);
      }
    }
    return out;
  }

  private static int toInt(long v, Group g, long sample) {
    if (v != (int) v) {
      throw new IllegalArgumentException(g.what + ": the first differences (format 8) add up to " + v + " at sample "
          + sample + " of the file, beyond 32-bit values; the file is corrupt");
    }
    return (int) v;
  }

  /** The running sums of a format 8 file at every {@code checkpointFrames} frames, from one pass over it. */
  private long[][] checkpoints(FileChannel ch, Group g) {
    long[][] cp = g.checkpoints;
    if (cp != null) {
      return cp;
    }
    synchronized (g) {
      if (g.checkpoints != null) {
        return g.checkpoints;
      }
      long count = (g.frames + g.checkpointFrames - 1) / g.checkpointFrames;
      InputFiles.requireHeap(count * 8L * (g.signals.length + 2), g.what + " (format 8 running sums)");
      long[][] table = new long[(int) Math.max(1, count)][];
      long[] acc = new long[g.signals.length];
      for (int j = 0; j < acc.length; j++) {
        acc[j] = initial[g.signals[j]];
      }
      int per = (int) (g.checkpointFrames * g.frame);
      byte[] b = new byte[per];
      for (int k = 0; k < table.length; k++) {
        table[k] = acc.clone();
        long frames = Math.min(g.checkpointFrames, g.frames - k * g.checkpointFrames);
        int len = (int) (frames * g.frame);
        InputFiles.readAt(ch, g.offset + k * g.checkpointFrames * g.frame, b, 0, len, g.what);
        for (int p = 0; p < len; p++) {
          acc[g.slotSignal[p % g.frame]] += b[p];
        }
      }
      g.checkpoints = table;
      return table;
    }
  }
}
