package io.workbench.signal.corpus;

import io.workbench.data.Dataset;
import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.signal.ChannelInfo;
import io.workbench.signal.Edf;
import io.workbench.signal.LazyRecording;
import io.workbench.signal.Resampler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The TUH Abnormal EEG corpus (TUAB; Lopez 2017, Obeid and Picone 2016) as downloaded from Temple University:
 * {@code edf/train/normal/...}, {@code edf/train/abnormal/...}, {@code edf/eval/normal/...} and {@code
 * edf/eval/abnormal/...}, EDF files at any depth below those folders (the flat {@code 01_tcp_ar/aaaaamye_s001_t000.edf}
 * of v3 and the nested subject/session folders of v2 alike), the subject id being the file name's first part. The
 * fixed {@code eval} part is the test set; the subject is the group. Only the 21 electrodes of the 10-20 system that
 * every recording has are used ({@link #CHANNELS}, TUH's {@code EEG FP1-REF} naming; {@code -LE} references are
 * accepted too), in that order. Windows are made lazily, one recording at a time: the first {@link #crop()} seconds
 * are skipped, at most {@link #maxSeconds()} seconds are used, the channels are resampled to {@link #rate()} Hz and
 * cut into non-overlapping windows of {@link #window()} seconds. Settings are immutable ({@code withX} returns a
 * copy). Nothing is downloaded.
 *
 * <pre>{@code
 * Tuab tuab = Tuab.open(Path.of("/data/tuh_eeg_abnormal/v3.0.1")).withWindow(6).withRate(100);
 * for (TuabWindow w : tuab.windows(Tuab.Part.TRAIN)) { ... }   // never the corpus in memory at once
 * Dataset test = tuab.dataset(Tuab.Part.EVAL, 5);               // up to 5 windows per recording, in memory
 * }</pre>
 */
public final class Tuab implements Displayable {

  /** The 21 common channels, TUH naming with the average reference suffix. */
  public static final List<String> CHANNELS = List.of("EEG FP1-REF", "EEG FP2-REF", "EEG F3-REF", "EEG F4-REF",
      "EEG C3-REF", "EEG C4-REF", "EEG P3-REF", "EEG P4-REF", "EEG O1-REF", "EEG O2-REF", "EEG F7-REF", "EEG F8-REF",
      "EEG T3-REF", "EEG T4-REF", "EEG T5-REF", "EEG T6-REF", "EEG A1-REF", "EEG A2-REF", "EEG FZ-REF", "EEG CZ-REF",
      "EEG PZ-REF");

  /** Classes in label order. */
  public static final List<String> CLASSES = List.of("normal", "abnormal");

  private static final Pattern TUH_NAME = Pattern.compile("EEG (\\w+)-(REF|LE)", Pattern.CASE_INSENSITIVE);

  /** The corpus' two fixed parts. */
  public enum Part {
    /** {@code train/}. */
    TRAIN,
    /** {@code eval/}, the test set. */
    EVAL;

    String folder() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One recording file. */
  private record Entry(Path file, Part part, int label, String patient, String session) {}

  private final Path root;
  private final List<Entry> entries;
  private final double crop;
  private final double maxSeconds;
  private final double rate;
  private final double window;

  private Tuab(Path root, List<Entry> entries, double crop, double maxSeconds, double rate, double window) {
    this.root = root;
    this.entries = entries;
    this.crop = crop;
    this.maxSeconds = maxSeconds;
    this.rate = rate;
    this.window = window;
  }

  /**
   * Opens a TUAB folder (the one holding {@code edf/}, or {@code edf/} itself): lists the EDF files under {@code
   * train|eval/normal|abnormal}. Headers are read when windows are made. Defaults: crop 60 s, at most 1200 s, 100
   * Hz, windows of 10 s.
   *
   * @throws IllegalArgumentException naming the folder when neither {@code train} nor {@code eval} with {@code
   *     normal}/{@code abnormal} inside is there, or when it holds no EDF file
   */
  public static Tuab open(Path dir) {
    Layouts.requireFolder(dir, "TUAB folder");
    Path edf = Files.isDirectory(dir.resolve("edf")) ? dir.resolve("edf") : dir;
    List<Entry> entries = new ArrayList<>();
    boolean anyPart = false;
    for (Part part : Part.values()) {
      for (int label = 0; label < CLASSES.size(); label++) {
        Path folder = edf.resolve(part.folder()).resolve(CLASSES.get(label));
        if (!Files.isDirectory(folder)) {
          continue;
        }
        anyPart = true;
        try (Stream<Path> files = Files.walk(folder, 8)) {
          for (Path f : files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".edf"))
              .sorted().toList()) {
            String name = f.getFileName().toString();
            String[] parts = name.substring(0, name.length() - 4).split("_");
            if (parts.length < 2 || parts[0].isEmpty()) {
              throw new IllegalArgumentException("TUAB file " + f + " is not named <subject>_s<session>_t<token>.edf");
            }
            entries.add(new Entry(f, part, label, parts[0], parts[1]));
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot list TUAB folder " + folder + ": " + e.getMessage(), e);
        }
      }
    }
    if (!anyPart) {
      throw new IllegalArgumentException("TUAB folder " + dir + " has no train/normal, train/abnormal, eval/normal"
          + " or eval/abnormal folder (looked in " + edf + ")");
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("TUAB folder " + edf + " holds no .edf files under train|eval/normal|abnormal");
    }
    return new Tuab(edf, List.copyOf(entries), 60, 1200, 100, 10);
  }

  /**
   * Writes a miniature TUAB folder: {@code edf/train|eval/normal|abnormal/01_tcp_ar/<subject>_s00k_t000.edf} (one
   * abnormal subject in v2's nested subject/session folders), 21 common channels plus extra ones (EKG, T1, photic)
   * in shuffled order, 250 or 256 Hz, 70 s each; normal recordings carry a strong posterior alpha, abnormal ones
   * delta slowing. Subjects never cross parts.
   */
  public static Path writeMiniature(Path dir, long seed) {
    return TuabMiniature.write(dir, seed);
  }

  /** Seconds skipped at the start of every recording. */
  public double crop() {
    return crop;
  }

  /** Most seconds used per recording (after the crop). */
  public double maxSeconds() {
    return maxSeconds;
  }

  /** Sampling rate of the windows in hertz. */
  public double rate() {
    return rate;
  }

  /** Window length in seconds. */
  public double window() {
    return window;
  }

  /** A copy that skips the first {@code seconds} (0 or more) of every recording. */
  public Tuab withCrop(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("crop must be 0 or more seconds, got " + seconds);
    }
    return new Tuab(root, entries, seconds, maxSeconds, rate, window);
  }

  /** A copy that uses at most {@code seconds} of every recording after the crop. */
  public Tuab withMaxSeconds(double seconds) {
    if (!(seconds > 0)) {
      throw new IllegalArgumentException("maxSeconds must be positive, got " + seconds);
    }
    return new Tuab(root, entries, crop, seconds, rate, window);
  }

  /** A copy that resamples to {@code hertz}. */
  public Tuab withRate(double hertz) {
    if (!(hertz > 0) || Double.isInfinite(hertz)) {
      throw new IllegalArgumentException("rate must be a positive number of hertz, got " + hertz);
    }
    return new Tuab(root, entries, crop, maxSeconds, hertz, window);
  }

  /** A copy that cuts windows of {@code seconds}. */
  public Tuab withWindow(double seconds) {
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("window must be a positive number of seconds, got " + seconds);
    }
    return new Tuab(root, entries, crop, maxSeconds, rate, seconds);
  }

  /** One row per recording: file (relative), part, class, patient, session. */
  public Table recordings() {
    return Table.create("TUAB recordings",
        StringColumn.create("file", entries.stream().map(e -> root.relativize(e.file()).toString()).toList()),
        StringColumn.create("part", entries.stream().map(e -> e.part().folder()).toList()),
        StringColumn.create("class", entries.stream().map(e -> CLASSES.get(e.label())).toList()),
        StringColumn.create("patient", entries.stream().map(Entry::patient).toList()),
        StringColumn.create("session", entries.stream().map(Entry::session).toList()));
  }

  /**
   * The windows of one part, made lazily: iterating reads one recording at a time (its cropped span of the 21
   * channels), resamples it and hands out its windows; recordings shorter than the crop plus one window give none.
   * Each call to {@code iterator()} starts again from the first recording.
   *
   * @throws IllegalArgumentException (while iterating) naming the EDF file when it is unreadable or lacks channels
   */
  public Iterable<TuabWindow> windows(Part part) {
    List<Entry> mine = entries.stream().filter(e -> e.part() == part).toList();
    return () -> new Iterator<>() {
      private int next;
      private final ArrayDeque<TuabWindow> ready = new ArrayDeque<>();

      @Override
      public boolean hasNext() {
        while (ready.isEmpty() && next < mine.size()) {
          ready.addAll(windowsOf(mine.get(next++)));
        }
        return !ready.isEmpty();
      }

      @Override
      public TuabWindow next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no more TUAB windows in " + part);
        }
        return ready.poll();
      }
    };
  }

  private List<TuabWindow> windowsOf(Entry e) {
    LazyRecording r;
    try {
      r = Edf.open(e.file());
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("TUAB file " + e.file() + " cannot be read: " + ex.getMessage(), ex);
    }
    String[] names = channelsOf(r, e.file());
    ChannelInfo first = r.channel(names[0]);
    double fs = first.samplingRate();
    for (String n : names) {
      if (r.channel(n).samplingRate() != fs) {
        throw new IllegalArgumentException("TUAB file " + e.file() + ": channel '" + n + "' is at "
            + r.channel(n).samplingRate() + " Hz, unlike '" + names[0] + "' at " + fs + " Hz");
      }
    }
    long length = java.util.Arrays.stream(names).mapToLong(n -> r.channel(n).length()).min().orElse(0);
    long from = (long) Math.ceil(crop * fs);
    long to = Math.min(length, from + (long) Math.floor(maxSeconds * fs));
    int len = (int) Math.round(window * rate);
    if (to - from < Math.ceil(window * fs)) {
      return List.of();
    }
    float[][] all = new float[names.length][];
    for (int c = 0; c < names.length; c++) {
      double[] v = r.samples(names[c], from, to);
      double[] res = fs == rate ? v : Resampler.resample(v, fs, rate);
      all[c] = new float[res.length];
      for (int k = 0; k < res.length; k++) {
        all[c][k] = (float) res[k];
      }
    }
    int count = all[0].length / len;
    List<TuabWindow> out = new ArrayList<>(count);
    for (int w = 0; w < count; w++) {
      float[][] d = new float[names.length][];
      for (int c = 0; c < names.length; c++) {
        d[c] = java.util.Arrays.copyOfRange(all[c], w * len, (w + 1) * len);
      }
      out.add(new TuabWindow(root.relativize(e.file()).toString(), e.patient(), e.label(), from / fs + w * window, d));
    }
    return out;
  }

  /** The file's names of the 21 channels, in {@link #CHANNELS} order. */
  private static String[] channelsOf(LazyRecording r, Path file) {
    String[] out = new String[CHANNELS.size()];
    for (String name : r.channelNames()) {
      Matcher m = TUH_NAME.matcher(name.strip());
      if (m.matches()) {
        int i = CHANNELS.indexOf("EEG " + m.group(1).toUpperCase(Locale.ROOT) + "-REF");
        if (i >= 0 && out[i] == null) {
          out[i] = name;
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) {
        missing.add(CHANNELS.get(i));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("TUAB file " + file + " lacks the common channels " + missing
          + "; its channels are " + r.channelNames());
    }
    return out;
  }

  /**
   * The windows of one part in memory, at most {@code perRecording} from each recording (the first ones): a signal
   * dataset with sampleShape {@code [21, window * rate]}, target {@code label} ({@link #CLASSES}), the patient as
   * group and the onset as time. For a whole corpus iterate {@link #windows} instead.
   */
  public Dataset dataset(Part part, int perRecording) {
    if (perRecording < 1) {
      throw new IllegalArgumentException("perRecording must be at least 1, got " + perRecording);
    }
    List<TuabWindow> kept = new ArrayList<>();
    String file = null;
    int taken = 0;
    for (TuabWindow w : windows(part)) {
      if (!w.file().equals(file)) {
        file = w.file();
        taken = 0;
      }
      if (taken++ < perRecording) {
        kept.add(w);
      }
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException("The " + part.folder() + " part of " + root + " gives no window of "
          + window + " s after a crop of " + crop + " s");
    }
    int len = kept.get(0).data()[0].length;
    List<String> features = new ArrayList<>();
    for (String ch : CHANNELS) {
      for (int k = 0; k < len; k++) {
        features.add(ch + "@t" + k);
      }
    }
    float[][] x = new float[kept.size()][CHANNELS.size() * len];
    for (int i = 0; i < x.length; i++) {
      for (int c = 0; c < CHANNELS.size(); c++) {
        System.arraycopy(kept.get(i).data()[c], 0, x[i], c * len, len);
      }
    }
    Table t = Table.create("TUAB " + part.folder(),
        StringColumn.create("file", kept.stream().map(TuabWindow::file).toList()),
        StringColumn.create("patient", kept.stream().map(TuabWindow::patient).toList()),
        DoubleColumn.create("onset", kept.stream().mapToDouble(TuabWindow::onset).toArray()),
        tech.tablesaw.api.IntColumn.create("label", kept.stream().mapToInt(TuabWindow::label).toArray()));
    return Dataset.builder(t).featureMatrix(features, x).sampleShape(CHANNELS.size(), len).target("label")
        .classNames(CLASSES).group("patient").time("onset").build();
  }

  /** Recordings per part and class. */
  public Table summary() {
    return recordings().xTabCounts("part", "class").setName("TUAB recordings per part and class");
  }

  @Override
  public String toHtml() {
    return "<div><b>TUH Abnormal EEG</b> " + root + ": " + entries.size() + " recordings; crop " + crop + " s, at most "
        + maxSeconds + " s, " + rate + " Hz, windows of " + window + " s" + Tables.html(summary()) + "</div>";
  }

  @Override
  public String toString() {
    return "Tuab[" + root + ", " + entries.size() + " recordings, crop " + crop + " s, max " + maxSeconds + " s, "
        + rate + " Hz, window " + window + " s]";
  }
}
