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
 * Reads PhysioNet WFDB records: the header ({@code .hea}, one record line and one line per signal) and the signal
 * files it names. Signal formats 8 (first differences), 16, 24, 32, 61, 80, 160, 212, 310 and 311 are read, several
 * signals per file (interleaved frames) and several samples per frame included; multi-segment records (a record line
 * {@code name/segments} followed by segment lines, with a layout header first when the segments differ in their
 * signals, and null segments {@code ~} for gaps in the signals) read as one continuous recording whose missing
 * signals are {@code NaN}. When a whole record is read each signal's checksum and first value are verified where
 * the header gives them, and the file size must match the sample count. Digital values become physical ones as
 * {@code (d - baseline) / gain}; the format's invalid-sample code becomes {@code NaN}. Annotation files in the MIT
 * format are read with {@link WfdbAnnotations}.
 *
 * <p>{@link #open} parses the headers and reads samples on demand ({@link LazyRecording}), as wfdb-python's {@code
 * rdrecord(sampfrom, sampto, channels)}; {@link #read} loads the whole record.
 *
 * <p>A header names its signal files and segments; they are read only from the header's folder (or below it), so a
 * header received from someone else cannot make the reader open {@code /etc/passwd} or {@code ../..}; call {@link
 * Reader#withFilesOutsideFolder(boolean)} to follow names that point elsewhere. Signal files must be regular files
 * (not FIFOs or devices), and for {@link #read} the heap must hold the decoded samples.
 *
 * <pre>{@code
 * Recording r = Wfdb.read(Datasets.file("mitdb-208/208.hea"));
 * Recording withBeats = Wfdb.read(Path.of("100.hea"), "atr");   // plus 100.atr as annotations
 * LazyRecording big = Wfdb.open(Path.of("3000003.hea"));        // a multi-segment record, nothing read yet
 * double[] ii = big.samples("II", 125 * 3600, 125 * 3610);     // ten seconds of lead II after one hour
 * Wfdb.Header h = Wfdb.readHeader(Path.of("100.hea"));
 * Recording shared = Wfdb.reader().withFilesOutsideFolder(true).read(Path.of("hdr/100.hea"));
 * }</pre>
 */
public final class Wfdb {

  /** Default sampling rate when the header gives none. */
  public static final double DEFAULT_RATE = 250;

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

    /** Reads the header and its signals (a multi-segment record: every segment). */
    public Recording read(Path header) {
      return read(header, List.of());
    }

    /** Reads the header, its signals and the annotation file {@code <record>.<annotator>} beside it. */
    public Recording read(Path header, String annotator) {
      return read(header, annotations(header, annotator));
    }

    private Recording read(Path header, List<Annotation> annotations) {
      if (WfdbSegments.isMultiSegment(header)) {
        return open(header).load().withAnnotations(annotations);
      }
      Header h = readHeader(header);
      WfdbSignals signals = new WfdbSignals(h, outside);
      return toRecording(h, digital(signals, true), annotations);
    }

    /**
     * Opens a record: the header (and the segment headers of a multi-segment record) now, samples on demand (see
     * {@link LazyRecording}). Checksums are not verified on partial reads.
     */
    public LazyRecording open(Path header) {
      return open(header, List.of());
    }

    /** Opens a record with the annotation file {@code <record>.<annotator>} beside it as its annotations. */
    public LazyRecording open(Path header, String annotator) {
      return open(header, annotations(header, annotator));
    }

    private LazyRecording open(Path header, List<Annotation> annotations) {
      if (WfdbSegments.isMultiSegment(header)) {
        return WfdbSegments.open(header, outside, annotations);
      }
      Header h = readHeader(header);
      WfdbSignals signals = new WfdbSignals(h, outside);
      return new LazyRecording(h.record(), header, "WFDB", channelInfos(h.signals(), h.samplingRate(), signals),
          annotations, h.startTime(), signals);
    }

    private List<Annotation> annotations(Path header, String annotator) {
      if (annotator == null || !ANNOTATOR.matcher(annotator).matches()) {
        throw new IllegalArgumentException("WFDB annotator '" + (annotator == null ? "null"
            : InputFiles.printable(annotator)) + "' must be a name of letters, digits, '_' or '-',"
            + " for example \"atr\"");
      }
      String[] record = recordLine(header);
      String name = record[0].contains("/") ? record[0].substring(0, record[0].indexOf('/')) : record[0];
      double fs = record.length > 2 ? samplingRate(record[2], "WFDB header " + header + " (record line)") : DEFAULT_RATE;
      Path ann = InputFiles.resolveInside(folder(header), name + "." + annotator,
          "WFDB annotation file for record '" + name + "' of " + header);
      List<Annotation> list = new ArrayList<>();
      for (WfdbAnnotation a : WfdbAnnotations.read(ann)) {
        double onset = a.sample() / fs;
        if (!Double.isFinite(onset)) {
          throw new IllegalArgumentException("WFDB annotation file " + ann + ": the annotation at sample " + a.sample()
              + " is at " + onset + " s at " + fs + " Hz (field 'sampling frequency' of " + header + ")");
        }
        list.add(new Annotation(onset, 0, a.label()));
      }
      return list;
    }

    /** The stored (digital) values of every signal, in header order, as read from the signal files. */
    public int[][] readDigital(Header h) {
      return digital(new WfdbSignals(h, outside), true);
    }
  }

  /**
   * Every stored value of a single-segment record, after checking that the heap holds them and, with {@code
   * verify}, the header's checksums and initial values.
   */
  static int[][] digital(WfdbSignals signals, boolean verify) {
    Header h = signals.header();
    int n = h.signals().size();
    long total = 0;
    for (int i = 0; i < n; i++) {
      long len = signals.length(i);
      if (len > InputFiles.MAX_ARRAY) {
        throw new IllegalArgumentException(signals.fileOf(i) + " holds " + len + " samples of signal " + i
            + "; at most " + InputFiles.MAX_ARRAY + " are read at once (open it with Wfdb.open and read parts)");
      }
      total += len;
    }
    // the digital values, and the doubles a recording is built from
    InputFiles.requireHeap(12 * total, "WFDB record " + h.file() + " (signal files " + signals.fileNames() + " of "
        + signals.fileBytes() + " bytes)");
    int[] idx = new int[n];
    long[] from = new long[n];
    long[] to = new long[n];
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
      to[i] = signals.length(i);
      out[i] = new int[(int) to[i]];
    }
    signals.readDigital(idx, from, to, out);
    if (verify) {
      for (int i = 0; i < n; i++) {
        verify(h, i, out[i], signals.fileOf(i));
      }
    }
    return out;
  }

  /** What a lazy recording says about the signals of a header: names made distinct, rates, lengths, steps. */
  static List<ChannelInfo> channelInfos(List<SignalSpec> specs, double fs, SampleSource lengths) {
    List<ChannelInfo> out = new ArrayList<>();
    Map<String, Integer> names = new LinkedHashMap<>();
    for (int i = 0; i < specs.size(); i++) {
      SignalSpec s = specs.get(i);
      String name = s.description().isBlank() ? "signal " + i : s.description();
      int seen = names.merge(name, 1, Integer::sum);
      out.add(new ChannelInfo(seen > 1 ? name + " (" + seen + ")" : name, s.units(), fs * s.samplesPerFrame(),
          lengths.length(i), 1 / Math.abs(s.gain())));
    }
    return out;
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

  /** Opens a record: headers now, samples on demand (signal files and segments from the header's folder only). */
  public static LazyRecording open(Path header) {
    return DEFAULT.open(header);
  }

  /** Opens a record with the annotation file {@code <record>.<annotator>} beside it as its annotations. */
  public static LazyRecording open(Path header, String annotator) {
    return DEFAULT.open(header, annotator);
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
      long invalid = WfdbFormat.invalidCode(s.format());
      double[] v = new double[digital[i].length];
      for (int k = 0; k < v.length; k++) {
        int d = digital[i][k];
        v[k] = d == invalid ? Double.NaN : (d - s.baseline()) / s.gain();
      }
      digital[i] = null;
      String name = s.description().isBlank() ? "signal " + i : s.description();
      int seen = names.merge(name, 1, Integer::sum);
      if (seen > 1) {
        name = name + " (" + seen + ")";
      }
      channels.add(Channel.wrap(name, s.units(), h.samplingRate() * s.samplesPerFrame(), v));
    }
    return new Recording(h.record(), channels, annotations, h.startTime());
  }

  /**
   * Writes a recording as a single-segment WFDB record: {@code <record>.dat} in format 16 beside the header
   * {@code <record>.hea}, each physical value stored as {@code round(value * gain)} with baseline 0 (PTB-XL uses a
   * gain of 1000 per mV, MIT-BIH 200). All channels need one rate and length; annotations are not written (use
   * {@link WfdbAnnotations#write}). Both files are replaced atomically.
   *
   * <pre>{@code
   * Wfdb.write(recording, Path.of("records100/00000/00001_lr.hea"), 1000);
   * }</pre>
   */
  public static Path write(Recording recording, Path header, double gain) {
    return WfdbWriter.write(recording, header, gain);
  }

  /** Parses a header file; fails naming the file, line and field when something is malformed. */
  public static Header readHeader(Path header) {
    Lines lines = Lines.read(header);
    if (lines.content().get(0)[0].contains("/")) {
      throw new IllegalArgumentException("WFDB header " + header + " line " + lines.numbers().get(0)
          + " (record line): '" + InputFiles.printable(lines.content().get(0)[0]) + "' is a multi-segment record, which"
          + " has no signal lines of its own; read it with Wfdb.read or Wfdb.open, which follow its segments");
    }
    return parse(lines, false);
  }

  /**
   * The non-comment lines of a header split into fields, their line numbers, and the comment texts.
   *
   * @param file the header
   * @param content fields of each non-empty, non-comment line (the record line first)
   * @param numbers the line number of each
   * @param comments the text after {@code #} of each comment line
   */
  record Lines(Path file, List<String[]> content, List<Integer> numbers, List<String> comments) {

    static Lines read(Path header) {
      byte[] bytes = InputFiles.readAll(header, "WFDB header", MAX_HEADER_BYTES);
      List<String> lines = new String(bytes, StandardCharsets.ISO_8859_1).lines().toList();
      List<String> comments = new ArrayList<>();
      List<String[]> content = new ArrayList<>();
      List<Integer> numbers = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i).strip();
        if (l.startsWith("#")) {
          comments.add(l.substring(1).strip());
        } else if (!l.isEmpty()) {
          content.add(l.split("\\s+"));
          numbers.add(i + 1);
        }
      }
      if (content.isEmpty()) {
        throw new IllegalArgumentException("WFDB header " + header + " has no record line");
      }
      return new Lines(header, content, numbers, comments);
    }

    String where(int line) {
      return "WFDB header " + file + " line " + numbers.get(line) + (line == 0 ? " (record line)" : "");
    }
  }

  /** The fields of a header's record line. */
  static String[] recordLine(Path header) {
    return Lines.read(header).content().get(0);
  }

  /** The sampling frequency field of a record line ({@code 360}, {@code 250/125(0)}). */
  static double samplingRate(String field, String where) {
    int cut = indexOfAny(field, "/(");
    double fs = parseDouble(cut < 0 ? field : field.substring(0, cut), where, "sampling frequency");
    if (!(fs > 0) || !Double.isFinite(0x1p64 / fs)) {
      throw new IllegalArgumentException(where + ": field 'sampling frequency' is " + fs + ", expected a positive"
          + " number of hertz (not so close to 0 that times in seconds overflow)");
    }
    return fs;
  }

  /** The base time and date fields of a record line, or null when absent or malformed. */
  static LocalDateTime baseTime(String[] rec, int at) {
    if (rec.length <= at) {
      return null;
    }
    try {
      LocalTime t = LocalTime.parse(rec[at].length() < 8 && rec[at].indexOf(':') == 1 ? "0" + rec[at] : rec[at]);
      LocalDate d = LocalDate.of(1985, 1, 1);
      if (rec.length > at + 1) {
        String[] dmy = rec[at + 1].split("/");
        d = LocalDate.of(Integer.parseInt(dmy[2]), Integer.parseInt(dmy[1]), Integer.parseInt(dmy[0]));
      }
      return LocalDateTime.of(d, t);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * A single-segment header (or, with {@code layout}, the layout header of a multi-segment record, whose signals
   * have no file: name {@code ~}, format 0).
   */
  static Header parse(Lines lines, boolean layout) {
    List<String[]> content = lines.content();
    String[] rec = content.get(0);
    String where = lines.where(0);
    String name = rec[0];
    if (rec.length < 2) {
      throw new IllegalArgumentException(where + ": field 'number of signals' is missing");
    }
    int nsig = parseInt(rec[1], where, "number of signals");
    if (nsig < 1) {
      throw new IllegalArgumentException(where + ": field 'number of signals' is " + nsig + ", expected at least 1");
    }
    double fs = rec.length > 2 ? samplingRate(rec[2], where) : DEFAULT_RATE;
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
    LocalDateTime start = baseTime(rec, 4);
    if (content.size() - 1 < nsig) {
      throw new IllegalArgumentException(
          "WFDB header " + lines.file() + ": the record line announces " + nsig + " signals but there are "
              + (content.size() - 1) + " signal lines");
    }
    List<SignalSpec> specs = new ArrayList<>();
    for (int s = 0; s < nsig; s++) {
      String at = lines.where(s + 1) + " (signal " + s + ")";
      SignalSpec spec = parseSignal(content.get(s + 1), at, layout);
      if (!Double.isFinite(fs * spec.samplesPerFrame())) {
        throw new IllegalArgumentException(at + ": field 'samples per frame' " + spec.samplesPerFrame()
            + " times the sampling frequency " + fs + " Hz overflows; the signal's rate must be a finite number");
      }
      specs.add(spec);
    }
    return new Header(lines.file(), name, fs, nsamp, start, List.copyOf(specs), List.copyOf(lines.comments()));
  }

  private static SignalSpec parseSignal(String[] f, String where, boolean layout) {
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
    if (!WfdbFormat.FORMATS.contains(format) && !(layout && format == 0)) {
      throw new IllegalArgumentException(where + ": field 'format' is " + format + ", which is not supported;"
          + " supported formats are " + WfdbFormat.FORMATS);
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

  /** The signal file a header names, inside the header's folder unless the reader allows otherwise. */
  static Path signalFile(Header h, String fileName, boolean outside) {
    String what = "WFDB header " + h.file() + ": signal file name";
    return outside ? InputFiles.resolve(folder(h.file()), fileName, what)
        : InputFiles.resolveInside(folder(h.file()), fileName, what);
  }

  static Path folder(Path header) {
    Path dir = header.toAbsolutePath().getParent();
    return dir == null ? Path.of("").toAbsolutePath() : dir;
  }

  private static void verify(Header h, int i, int[] d, String file) {
    SignalSpec s = h.signals().get(i);
    String where = "WFDB signal " + i + " ('" + s.description() + "') in " + file;
    // in format 8 the initial value is where the first difference starts from, not the first sample
    if (s.initialValue() != null && s.format() != 8 && d.length > 0 && d[0] != s.initialValue()) {
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

  static int parseInt(String s, String where, String field) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": field '" + field + "' is '" + s + "', expected an integer");
    }
  }

  static long parseLong(String s, String where, String field) {
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
