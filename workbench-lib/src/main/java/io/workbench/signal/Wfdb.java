package io.workbench.signal;

import io.workbench.io.InputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PhysioNet WFDB records: the header ({@code .hea}, one record line and one line per signal) and
 * the signal files it names. Signal formats 16, 61, 80, 160, 212, 24 and 32 are read, several signals
 * per file (interleaved frames) and several samples per frame included; each signal's checksum and
 * first value are verified when the header gives them, and the file size must match the sample count.
 * Digital values become physical ones as {@code (d - baseline) / gain}; the format's invalid-sample code
 * becomes {@code NaN}. Annotation files in the MIT format are read with {@link WfdbAnnotations}.
 *
 * <p>A header names its signal files; they are read only from the header's folder (or below it), so a
 * header received from someone else cannot make the reader open {@code /etc/passwd} or {@code ../..}; call
 * {@link Reader#withFilesOutsideFolder(boolean)} to follow names that point elsewhere. Signal files must be
 * regular files (not FIFOs or devices) of at most 2 GiB, and the heap must hold the decoded samples.
 *
 * <pre>{@code
 * Recording r = Wfdb.read(Datasets.file("mitdb-208/208.hea"));
 * Recording withBeats = Wfdb.read(Path.of("100.hea"), "atr");   // plus 100.atr as annotations
 * Wfdb.Header h = Wfdb.readHeader(Path.of("100.hea"));
 * Recording shared = Wfdb.reader().withFilesOutsideFolder(true).read(Path.of("hdr/100.hea"));
 * }</pre>
 */
public final class Wfdb {

  /** Default sampling rate when the header gives none. */
  public static final double DEFAULT_RATE = 250;

  private static final List<Integer> FORMATS = List.of(16, 61, 80, 160, 212, 24, 32);
  /** Largest header read (16 MiB). */
  private static final long MAX_HEADER_BYTES = 16L << 20;
  private static final java.util.regex.Pattern ANNOTATOR = java.util.regex.Pattern.compile("[A-Za-z0-9_-]+");
  private static final Reader DEFAULT = new Reader(false);

  private Wfdb() {}

  /** The default reader: signal files only from the header's folder. */
  public static Reader reader() {
    return DEFAULT;
  }

  /**
   * Reading settings (immutable; {@code with...} returns a copy).
   *
   * <pre>{@code
   * Recording r = Wfdb.reader().withFilesOutsideFolder(true).read(Path.of("headers/100.hea"));
   * }</pre>
   */
  public static final class Reader {
    private final boolean outside;

    private Reader(boolean outside) {
      this.outside = outside;
    }

    /**
     * Whether signal file names in a header may point outside the header's folder (absolute paths, {@code
     * ..}); default {@code false}. Only allow it for headers you trust.
     */
    public Reader withFilesOutsideFolder(boolean allow) {
      return new Reader(allow);
    }

    /** Reads the header and its signals. */
    public Recording read(Path header) {
      Header h = readHeader(header);
      return toRecording(h, readDigital(h), List.of());
    }

    /** Reads the header, its signals and the annotation file {@code <record>.<annotator>} beside it. */
    public Recording read(Path header, String annotator) {
      if (annotator == null || !ANNOTATOR.matcher(annotator).matches()) {
        throw new IllegalArgumentException("WFDB annotator '" + (annotator == null ? "null"
            : InputFiles.printable(annotator)) + "' must be a name of letters, digits, '_' or '-',"
            + " for example \"atr\"");
      }
      Header h = readHeader(header);
      Path ann = InputFiles.resolveInside(folder(header), h.record() + "." + annotator,
          "WFDB annotation file for record '" + h.record() + "' of " + header);
      List<Annotation> list = new ArrayList<>();
      for (WfdbAnnotation a : WfdbAnnotations.read(ann)) {
        double onset = a.sample() / h.samplingRate();
        if (!Double.isFinite(onset)) {
          throw new IllegalArgumentException("WFDB annotation file " + ann + ": the annotation at sample " + a.sample()
              + " is at " + onset + " s at " + h.samplingRate() + " Hz (field 'sampling frequency' of " + header + ")");
        }
        list.add(new Annotation(onset, 0, a.label()));
      }
      return toRecording(h, readDigital(h), list);
    }

    /** The stored (digital) values of every signal, in header order, as read from the signal files. */
    public int[][] readDigital(Header h) {
      List<SignalSpec> sigs = h.signals();
      int[][] out = new int[sigs.size()][];
      Map<String, List<Integer>> byFile = new LinkedHashMap<>();
      for (int i = 0; i < sigs.size(); i++) {
        byFile.computeIfAbsent(sigs.get(i).fileName(), k -> new ArrayList<>()).add(i);
      }
      for (Map.Entry<String, List<Integer>> e : byFile.entrySet()) {
        readFile(h, e.getKey(), e.getValue(), out, outside);
      }
      for (int i = 0; i < sigs.size(); i++) {
        verify(h, i, out[i], outside);
      }
      return out;
    }
  }

  /**
   * A parsed header.
   *
   * @param file the header file
   * @param record record name
   * @param samplingRate frames per second
   * @param samplesPerSignal frames in the record, or -1 when the header does not say
   * @param startTime base date and time, or {@code null}
   * @param signals one entry per signal line
   * @param comments the text of the {@code #} comment lines
   */
  public record Header(
      Path file, String record, double samplingRate, long samplesPerSignal, LocalDateTime startTime,
      List<SignalSpec> signals, List<String> comments) {}

  /**
   * One signal line of a header.
   *
   * @param fileName the signal file, relative to the header's folder
   * @param format storage format (16, 212, ...)
   * @param samplesPerFrame samples of this signal per frame (1 unless the format has an {@code x} suffix)
   * @param byteOffset bytes to skip at the start of the file
   * @param gain digital units per physical unit
   * @param baseline digital value of physical zero
   * @param units physical unit
   * @param adcResolution bits
   * @param adcZero digital value in the middle of the converter's range
   * @param initialValue first sample's digital value, or {@code null}
   * @param checksum 16-bit sum of all samples, or {@code null}
   * @param description the signal's label
   */
  public record SignalSpec(
      String fileName, int format, int samplesPerFrame, long byteOffset, double gain, double baseline,
      String units, int adcResolution, int adcZero, Integer initialValue, Integer checksum, String description) {}

  /** Reads the header and its signals (signal files from the header's folder only). */
  public static Recording read(Path header) {
    return DEFAULT.read(header);
  }

  /**
   * Reads the header, its signals and the annotation file {@code <record>.<annotator>} beside it (for
   * example {@code "atr"}): annotations get the beat mnemonic as label and their time in seconds.
   */
  public static Recording read(Path header, String annotator) {
    return DEFAULT.read(header, annotator);
  }

  /** The stored (digital) values of every signal, in header order (signal files from the header's folder only). */
  public static int[][] readDigital(Header h) {
    return DEFAULT.readDigital(h);
  }

  private static Recording toRecording(Header h, int[][] digital, List<Annotation> annotations) {
    List<Channel> channels = new ArrayList<>();
    Map<String, Integer> names = new LinkedHashMap<>();
    for (int i = 0; i < digital.length; i++) {
      SignalSpec s = h.signals().get(i);
      int invalid = invalidCode(s.format());
      double[] v = new double[digital[i].length];
      for (int k = 0; k < v.length; k++) {
        int d = digital[i][k];
        v[k] = d == invalid ? Double.NaN : (d - s.baseline()) / s.gain();
      }
      String name = s.description().isBlank() ? "signal " + i : s.description();
      int seen = names.merge(name, 1, Integer::sum);
      if (seen > 1) {
        name = name + " (" + seen + ")";
      }
      channels.add(new Channel(name, s.units(), h.samplingRate() * s.samplesPerFrame(), v));
    }
    return new Recording(h.record(), channels, annotations, h.startTime());
  }

  /** Parses a header file; fails naming the file, line and field when something is malformed. */
  public static Header readHeader(Path header) {
    byte[] bytes = InputFiles.readAll(header, "WFDB header", MAX_HEADER_BYTES);
    List<String> lines = new String(bytes, StandardCharsets.ISO_8859_1).lines().toList();
    List<String> comments = new ArrayList<>();
    List<String[]> content = new ArrayList<>();
    List<Integer> lineNos = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.startsWith("#")) {
        comments.add(l.substring(1).strip());
      } else if (!l.isEmpty()) {
        content.add(l.split("\\s+"));
        lineNos.add(i + 1);
      }
    }
    if (content.isEmpty()) {
      throw new IllegalArgumentException("WFDB header " + header + " has no record line");
    }
    String[] rec = content.get(0);
    String where = "WFDB header " + header + " line " + lineNos.get(0) + " (record line)";
    String name = rec[0];
    if (name.contains("/")) {
      throw new IllegalArgumentException(
          where + ": multi-segment records ('" + name + "') are not supported; read each segment's header");
    }
    if (rec.length < 2) {
      throw new IllegalArgumentException(where + ": field 'number of signals' is missing");
    }
    int nsig = parseInt(rec[1], where, "number of signals");
    if (nsig < 1) {
      throw new IllegalArgumentException(where + ": field 'number of signals' is " + nsig + ", expected at least 1");
    }
    double fs = DEFAULT_RATE;
    if (rec.length > 2) {
      String f = rec[2];
      int cut = indexOfAny(f, "/(");
      fs = parseDouble(cut < 0 ? f : f.substring(0, cut), where, "sampling frequency");
      if (!(fs > 0) || !Double.isFinite(0x1p64 / fs)) {
        throw new IllegalArgumentException(where + ": field 'sampling frequency' is " + fs + ", expected a positive"
            + " number of hertz (not so close to 0 that times in seconds overflow)");
      }
    }
    long nsamp = -1;
    if (rec.length > 3) {
      nsamp = parseLong(rec[3], where, "number of samples per signal");
      if (nsamp < 0) {
        throw new IllegalArgumentException(where + ": field 'number of samples per signal' is negative: " + nsamp);
      }
      if (nsamp == 0) {
        nsamp = -1;
      }
    }
    LocalDateTime start = null;
    if (rec.length > 4) {
      try {
        LocalTime t = LocalTime.parse(rec[4].length() < 8 && rec[4].indexOf(':') == 1 ? "0" + rec[4] : rec[4]);
        LocalDate d = LocalDate.of(1985, 1, 1);
        if (rec.length > 5) {
          String[] dmy = rec[5].split("/");
          d = LocalDate.of(Integer.parseInt(dmy[2]), Integer.parseInt(dmy[1]), Integer.parseInt(dmy[0]));
        }
        start = LocalDateTime.of(d, t);
      } catch (RuntimeException e) {
        start = null;
      }
    }
    if (content.size() - 1 < nsig) {
      throw new IllegalArgumentException(
          "WFDB header " + header + ": the record line announces " + nsig + " signals but there are "
              + (content.size() - 1) + " signal lines");
    }
    List<SignalSpec> specs = new ArrayList<>();
    for (int s = 0; s < nsig; s++) {
      String at = "WFDB header " + header + " line " + lineNos.get(s + 1) + " (signal " + s + ")";
      SignalSpec spec = parseSignal(content.get(s + 1), at);
      if (!Double.isFinite(fs * spec.samplesPerFrame())) {
        throw new IllegalArgumentException(at + ": field 'samples per frame' " + spec.samplesPerFrame()
            + " times the sampling frequency " + fs + " Hz overflows; the signal's rate must be a finite number");
      }
      specs.add(spec);
    }
    return new Header(header, name, fs, nsamp, start, List.copyOf(specs), List.copyOf(comments));
  }

  private static SignalSpec parseSignal(String[] f, String where) {
    if (f.length < 2) {
      throw new IllegalArgumentException(where + ": field 'format' is missing");
    }
    String file = f[0];
    String fmt = f[1];
    long offset = 0;
    int plus = fmt.indexOf('+');
    if (plus >= 0) {
      offset = parseLong(fmt.substring(plus + 1), where, "byte offset");
      if (offset < 0) {
        throw new IllegalArgumentException(where + ": field 'byte offset' is " + offset + ", expected >= 0");
      }
      fmt = fmt.substring(0, plus);
    }
    int colon = fmt.indexOf(':');
    if (colon >= 0) {
      int skew = parseInt(fmt.substring(colon + 1), where, "skew");
      if (skew != 0) {
        throw new IllegalArgumentException(where + ": field 'skew' is " + skew + "; skewed signals are not supported");
      }
      fmt = fmt.substring(0, colon);
    }
    int spf = 1;
    int x = fmt.indexOf('x');
    if (x >= 0) {
      spf = parseInt(fmt.substring(x + 1), where, "samples per frame");
      if (spf < 1) {
        throw new IllegalArgumentException(where + ": field 'samples per frame' is " + spf + ", expected >= 1");
      }
      fmt = fmt.substring(0, x);
    }
    int format = parseInt(fmt, where, "format");
    if (!FORMATS.contains(format)) {
      throw new IllegalArgumentException(
          where + ": field 'format' is " + format + ", which is not supported; supported formats are " + FORMATS);
    }
    if (file.equals("-")) {
      throw new IllegalArgumentException(where + ": signals on standard input ('-') cannot be read");
    }
    double gain = 200;
    Double baseline = null;
    String units = "mV";
    if (f.length > 2) {
      String g = f[2];
      int slash = g.indexOf('/');
      if (slash >= 0) {
        units = g.substring(slash + 1);
        g = g.substring(0, slash);
      }
      int paren = g.indexOf('(');
      if (paren >= 0) {
        int close = g.indexOf(')', paren);
        if (close < 0) {
          throw new IllegalArgumentException(where + ": field 'baseline' in '" + f[2] + "' lacks ')'");
        }
        baseline = (double) parseInt(g.substring(paren + 1, close), where, "baseline");
        g = g.substring(0, paren);
      }
      gain = parseDouble(g, where, "ADC gain");
      if (gain == 0) {
        gain = 200;
      }
      if (!(Math.abs(gain) > 0) || Double.isInfinite(gain)) {
        throw new IllegalArgumentException(where + ": field 'ADC gain' is " + gain + ", expected a non-zero number");
      }
      if (!Double.isFinite(0x1p33 / gain)) {
        throw new IllegalArgumentException(where + ": field 'ADC gain' is '" + g + "', so close to 0 that physical"
            + " values (digital - baseline) / gain would overflow to infinity");
      }
    }
    int adcRes = f.length > 3 ? parseInt(f[3], where, "ADC resolution") : 0;
    int adcZero = f.length > 4 ? parseInt(f[4], where, "ADC zero") : 0;
    Integer init = f.length > 5 ? parseInt(f[5], where, "initial value") : null;
    Integer checksum = f.length > 6 ? parseInt(f[6], where, "checksum") : null;
    if (f.length > 7) {
      parseInt(f[7], where, "block size");
    }
    String description = f.length > 8 ? String.join(" ", java.util.Arrays.copyOfRange(f, 8, f.length)) : "";
    return new SignalSpec(file, format, spf, offset, gain, baseline == null ? adcZero : baseline, units, adcRes,
        adcZero, init, checksum, description);
  }

  private static void readFile(Header h, String fileName, List<Integer> signals, int[][] out, boolean outside) {
    Path path = signalFile(h, fileName, outside);
    long size = InputFiles.requireRegularFile(path, "WFDB signal file (named in " + h.file() + ")");
    SignalSpec first = h.signals().get(signals.get(0));
    int format = first.format();
    long offset = first.byteOffset();
    long frame = 0;
    for (int s : signals) {
      SignalSpec spec = h.signals().get(s);
      if (spec.format() != format) {
        throw new IllegalArgumentException(
            "WFDB header " + h.file() + ": signals in file " + fileName + " mix formats " + format + " and "
                + spec.format() + "; one file holds one format");
      }
      frame += spec.samplesPerFrame();
    }
    if (frame > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("WFDB header " + h.file() + ": the signals in file " + fileName + " have "
          + frame + " samples per frame (field 'samples per frame'), more than one array holds");
    }
    if (offset > size) {
      throw new IllegalArgumentException(
          "WFDB signal file " + path + " has " + size + " bytes, fewer than the byte offset " + offset
              + " in " + h.file());
    }
    long available = size - offset;
    long frames;
    long need;
    try {
      if (h.samplesPerSignal() >= 0) {
        frames = h.samplesPerSignal();
        long total = Math.multiplyExact(frames, frame);
        need = bytesFor(format, total);
        if (available < need) {
          throw new IllegalArgumentException(
              "WFDB signal file " + path + " is truncated: the header " + h.file() + " says " + frames
                  + " samples per signal (field 'number of samples per signal') for " + signals.size()
                  + " signal(s) in format " + format + ", which needs " + need + " bytes, but the file holds "
                  + available + (offset > 0 ? " after the " + offset + "-byte offset" : ""));
        }
      } else {
        frames = samplesIn(format, available) / frame;
        need = bytesFor(format, frames * frame);
        if (frames == 0 && available > 0) {
          throw new IllegalArgumentException("WFDB signal file " + path + " holds " + available + " bytes, less than"
              + " one frame of " + frame + " samples in format " + format + " (field 'samples per frame' in "
              + h.file() + ")");
        }
      }
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("WFDB header " + h.file() + ": field 'number of samples per signal' is "
          + h.samplesPerSignal() + ", so large that the byte count of " + path + " overflows");
    }
    long slack = format == 212 ? 1 : 0;
    if (available > need + slack) {
      throw new IllegalArgumentException(
          "WFDB signal file " + path + " holds " + available + " bytes but " + (h.samplesPerSignal() >= 0
              ? "the header " + h.file() + " says " + frames + " samples per signal (field 'number of samples per"
                  + " signal'), which fill " + need + " bytes in format " + format + "; the header and the file disagree"
              : "that is not a whole number of frames of " + frame + " samples in format " + format + " (" + need
                  + " bytes hold " + frames + " frames)"));
    }
    if (need > InputFiles.MAX_ARRAY || frames * frame > InputFiles.MAX_ARRAY) {
      throw new IllegalArgumentException("WFDB signal file " + path + " has " + size + " bytes; at most "
          + InputFiles.MAX_ARRAY + " bytes of samples are read at once");
    }
    InputFiles.requireHeap(need + 20 * frames * frame, "WFDB signal file " + path);
    byte[] bytes = readRange(path, offset, (int) need);
    int[] flat = decode(format, bytes, 0, (int) (frames * frame));
    int[] pos = new int[signals.size()];
    for (int j = 0; j < signals.size(); j++) {
      out[signals.get(j)] = new int[(int) (frames * h.signals().get(signals.get(j)).samplesPerFrame())];
    }
    int k = 0;
    for (long f = 0; f < frames; f++) {
      for (int j = 0; j < signals.size(); j++) {
        int spf = h.signals().get(signals.get(j)).samplesPerFrame();
        int[] dst = out[signals.get(j)];
        for (int r = 0; r < spf; r++) {
          dst[pos[j]++] = flat[k++];
        }
      }
    }
  }

  /** {@code length} bytes of a regular file from {@code offset}. */
  private static byte[] readRange(Path path, long offset, int length) {
    byte[] b = new byte[length];
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path)) {
      long at = offset;
      while (buf.hasRemaining()) {
        int n = ch.read(buf, at);
        if (n < 0) {
          throw new IllegalArgumentException("WFDB signal file " + path + " shrank while being read: it ended at byte "
              + at + ", expected " + (offset + length));
        }
        at += n;
      }
      return b;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read WFDB signal file " + path, e);
    }
  }

  /** The signal file a header names, inside the header's folder unless the reader allows otherwise. */
  private static Path signalFile(Header h, String fileName, boolean outside) {
    String what = "WFDB header " + h.file() + ": signal file name";
    return outside ? InputFiles.resolve(folder(h.file()), fileName, what)
        : InputFiles.resolveInside(folder(h.file()), fileName, what);
  }

  private static Path folder(Path header) {
    Path dir = header.toAbsolutePath().getParent();
    return dir == null ? Path.of("").toAbsolutePath() : dir;
  }

  private static long bytesFor(int format, long samples) {
    return switch (format) {
      case 80 -> samples;
      case 16, 61, 160 -> Math.multiplyExact(2, samples);
      case 24 -> Math.multiplyExact(3, samples);
      case 32 -> Math.multiplyExact(4, samples);
      case 212 -> Math.addExact(Math.multiplyExact(samples / 2, 3), samples % 2 == 1 ? 2 : 0);
      default -> throw new IllegalStateException("format " + format);
    };
  }

  private static long samplesIn(int format, long bytes) {
    return switch (format) {
      case 80 -> bytes;
      case 16, 61, 160 -> bytes / 2;
      case 24 -> bytes / 3;
      case 32 -> bytes / 4;
      case 212 -> bytes / 3 * 2 + (bytes % 3 == 2 ? 1 : 0);
      default -> throw new IllegalStateException("format " + format);
    };
  }

  private static int[] decode(int format, byte[] b, int offset, int n) {
    int[] v = new int[n];
    switch (format) {
      case 80 -> {
        for (int i = 0; i < n; i++) {
          v[i] = (b[offset + i] & 0xFF) - 128;
        }
      }
      case 16 -> {
        for (int i = 0; i < n; i++) {
          int p = offset + 2 * i;
          v[i] = (short) ((b[p] & 0xFF) | (b[p + 1] << 8));
        }
      }
      case 61 -> {
        for (int i = 0; i < n; i++) {
          int p = offset + 2 * i;
          v[i] = (short) ((b[p + 1] & 0xFF) | (b[p] << 8));
        }
      }
      case 160 -> {
        for (int i = 0; i < n; i++) {
          int p = offset + 2 * i;
          v[i] = ((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8)) - 32768;
        }
      }
      case 24 -> {
        for (int i = 0; i < n; i++) {
          int p = offset + 3 * i;
          v[i] = ((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] << 16));
        }
      }
      case 32 -> {
        for (int i = 0; i < n; i++) {
          int p = offset + 4 * i;
          v[i] = (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16) | (b[p + 3] << 24);
        }
      }
      case 212 -> {
        for (int i = 0; i < n; i += 2) {
          int p = offset + i / 2 * 3;
          int b0 = b[p] & 0xFF;
          int b1 = b[p + 1] & 0xFF;
          v[i] = signExtend12(b0 | ((b1 & 0x0F) << 8));
          if (i + 1 < n) {
            int b2 = b[p + 2] & 0xFF;
            v[i + 1] = signExtend12(b2 | ((b1 & 0xF0) << 4));
          }
        }
      }
      default -> throw new IllegalStateException("format " + format);
    }
    return v;
  }

  private static int signExtend12(int x) {
    return (x << 20) >> 20;
  }

  private static int invalidCode(int format) {
    return switch (format) {
      case 80 -> -128;
      case 16, 61, 160 -> -32768;
      case 212 -> -2048;
      case 24 -> -(1 << 23);
      case 32 -> Integer.MIN_VALUE;
      default -> throw new IllegalStateException("format " + format);
    };
  }

  private static void verify(Header h, int i, int[] d, boolean outside) {
    SignalSpec s = h.signals().get(i);
    String where = "WFDB signal " + i + " ('" + s.description() + "') in " + signalFile(h, s.fileName(), outside);
    if (s.initialValue() != null && d.length > 0 && d[0] != s.initialValue()) {
      throw new IllegalArgumentException(
          where + ": the first sample is " + d[0] + " but the header " + h.file() + " says " + s.initialValue()
              + " (field 'initial value')");
    }
    if (s.checksum() != null) {
      int sum = 0;
      for (int v : d) {
        sum += v;
      }
      short got = (short) sum;
      short want = (short) (int) s.checksum();
      if (got != want) {
        throw new IllegalArgumentException(
            where + ": checksum mismatch: the samples sum to " + got + " (16-bit) but the header " + h.file()
                + " says " + s.checksum() + " (field 'checksum'); the file is corrupt or belongs to another header");
      }
    }
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static int parseInt(String s, String where, String field) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": field '" + field + "' is '" + s + "', expected an integer");
    }
  }

  private static long parseLong(String s, String where, String field) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": field '" + field + "' is '" + s + "', expected an integer");
    }
  }

  private static double parseDouble(String s, String where, String field) {
    try {
      double v = Double.parseDouble(s);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": field '" + field + "' is '" + s + "', expected a number");
    }
  }
}
