package io.workbench.signal.corpus;

import io.workbench.data.Dataset;
import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.io.InputFiles;
import io.workbench.signal.ChannelInfo;
import io.workbench.signal.LazyRecording;
import io.workbench.signal.Wfdb;
import io.workbench.signal.WfdbAnnotation;
import io.workbench.signal.WfdbAnnotations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The MIT-BIH Arrhythmia Database (Moody and Mark 2001) as downloaded from PhysioNet: records {@code NNN.hea}/{@code
 * .dat} with their reference beat annotations {@code NNN.atr} (and optionally a {@code RECORDS} list). Beats become
 * rows labelled with the AAMI EC57 classes as de Chazal et al. (2004) map the annotation symbols: N (N, L, R, e,
 * j), S (A, a, J, S), V (V, E), F (F) and Q (/, f, Q); other symbols are not beats of a class but still count for
 * the RR intervals. The inter-patient split is de Chazal's: {@link #DS1} for training and {@link #DS2} for testing,
 * the paced records {@link #PACED} excluded. Each beat carries its RR features: pre-RR and post-RR (seconds to the
 * previous and the next beat), local RR (mean of the ten RR intervals around it: the four before, its own and the five after, fewer at
 * the ends) and average RR (mean of the RR intervals that end within five minutes either side); the first and the last beat of a record have no pre- or post-RR and are left out.
 *
 * <pre>{@code
 * MitBih db = MitBih.open(Path.of("/data/mitdb"));          // or MitBih.writeMiniature(tmp, 42)
 * Table beats = db.beats();                                   // record, sample, symbol, aami, set, RR features
 * Dataset train = db.dataset("MLII", 0.25, 0.45, MitBih.DS1); // beat windows, target aami, RR columns beside
 * Dataset test = db.dataset("MLII", 0.25, 0.45, MitBih.DS2);
 * }</pre>
 */
public final class MitBih implements Displayable {

  /** The AAMI classes in index order. */
  public static final List<String> AAMI = List.of("N", "S", "V", "F", "Q");

  /** De Chazal's training records. */
  public static final Set<String> DS1 = Set.of("101", "106", "108", "109", "112", "114", "115", "116", "118", "119",
      "122", "124", "201", "203", "205", "207", "208", "209", "215", "220", "223", "230");

  /** De Chazal's test records. */
  public static final Set<String> DS2 = Set.of("100", "103", "105", "111", "113", "117", "121", "123", "200", "202",
      "210", "212", "213", "214", "219", "221", "222", "228", "231", "232", "233", "234");

  /** Records with paced beats, left out of both sets. */
  public static final Set<String> PACED = Set.of("102", "104", "107", "217");

  private static final Map<String, String> CLASS_OF = Map.ofEntries(
      Map.entry("N", "N"), Map.entry("L", "N"), Map.entry("R", "N"), Map.entry("e", "N"), Map.entry("j", "N"),
      Map.entry("A", "S"), Map.entry("a", "S"), Map.entry("J", "S"), Map.entry("S", "S"),
      Map.entry("V", "V"), Map.entry("E", "V"), Map.entry("F", "F"),
      Map.entry("/", "Q"), Map.entry("f", "Q"), Map.entry("Q", "Q"));

  /** Seconds either side of a beat for the average RR. */
  static final double AVERAGE_SPAN = 300;
  /** RR intervals in the local RR. */
  static final int LOCAL = 10;

  private final Path dir;
  private final List<String> records;

  private MitBih(Path dir, List<String> records) {
    this.dir = dir;
    this.records = records;
  }

  /**
   * Opens a MIT-BIH folder: the records of its {@code RECORDS} file, or every {@code *.hea} when there is none; each
   * must have its {@code .atr}. Headers are checked now, samples and annotations read when asked.
   *
   * @throws IllegalArgumentException naming the missing or malformed file
   */
  public static MitBih open(Path dir) {
    Layouts.requireFolder(dir, "MIT-BIH folder");
    List<String> names = new ArrayList<>();
    Path list = dir.resolve("RECORDS");
    try {
      if (Files.exists(list)) {
        String text = new String(InputFiles.readAll(list, "MIT-BIH record list", 1 << 20), StandardCharsets.UTF_8);
        text.lines().map(String::strip).filter(s -> !s.isEmpty()).forEach(names::add);
      } else {
        try (Stream<Path> s = Files.list(dir)) {
          s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".hea"))
              .map(f -> f.substring(0, f.length() - 4)).sorted().forEach(names::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list MIT-BIH folder " + dir + ": " + e.getMessage(), e);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("MIT-BIH folder " + dir + " holds no records (no RECORDS file and no .hea"
          + " files)");
    }
    for (String r : names) {
      Path hea = InputFiles.resolveInside(dir, r + ".hea", "record '" + r + "' of " + list);
      InputFiles.requireRegularFile(hea, "MIT-BIH header");
      InputFiles.requireRegularFile(dir.resolve(r + ".atr"), "MIT-BIH annotation file of record " + r);
      Wfdb.readHeader(hea);
    }
    return new MitBih(dir, List.copyOf(names));
  }

  /**
   * Writes a miniature MIT-BIH folder into {@code dir}: a {@code RECORDS} list and a few records named as real DS1,
   * DS2 and paced records, each a minute of the shipped record 208 excerpt (lead MLII, real samples from different
   * offsets, plus a derived V1) in format 16, with {@code .atr} beat annotations at the detected R peaks whose
   * symbols are drawn with the seed (so every AAMI class occurs), a rhythm and a noise annotation.
   */
  public static Path writeMiniature(Path dir, long seed) {
    return MitBihMiniature.write(dir, seed);
  }

  /** The record names. */
  public List<String> records() {
    return records;
  }

  /** A record opened lazily (samples read on demand), with its {@code atr} annotations. */
  public LazyRecording recording(String record) {
    if (!records.contains(record)) {
      throw new IllegalArgumentException("No record '" + record + "' in " + dir + "; records are " + records);
    }
    return Wfdb.open(dir.resolve(record + ".hea"), "atr");
  }

  /** The AAMI class of an annotation symbol, or {@code null} when the symbol is not a beat of a class. */
  public static String aamiClass(String symbol) {
    return CLASS_OF.get(symbol);
  }

  /** "DS1", "DS2" or "paced" for a record name, "other" for records outside de Chazal's lists. */
  public static String setOf(String record) {
    return DS1.contains(record) ? "DS1" : DS2.contains(record) ? "DS2" : PACED.contains(record) ? "paced" : "other";
  }

  /** One row per classified beat of every record: record, set, sample, time, symbol, aami and the RR features. */
  public Table beats() {
    Table all = null;
    for (String r : records) {
      Table t = beatsOf(r, rate(r));
      all = all == null ? t : all.append(t);
    }
    return all.setName("MIT-BIH beats");
  }

  private double rate(String record) {
    return Wfdb.readHeader(dir.resolve(record + ".hea")).samplingRate();
  }

  private Table beatsOf(String record, double fs) {
    List<WfdbAnnotation> ann = WfdbAnnotations.read(dir.resolve(record + ".atr"));
    List<WfdbAnnotation> beats = ann.stream().filter(WfdbAnnotation::isBeat).toList();
    int n = beats.size();
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = beats.get(i).sample() / fs;
    }
    StringColumn rec = StringColumn.create("record");
    StringColumn set = StringColumn.create("set");
    LongColumn sample = LongColumn.create("sample");
    DoubleColumn time = DoubleColumn.create("time");
    StringColumn symbol = StringColumn.create("symbol");
    StringColumn aami = StringColumn.create("aami");
    DoubleColumn pre = DoubleColumn.create("pre_rr");
    DoubleColumn post = DoubleColumn.create("post_rr");
    DoubleColumn local = DoubleColumn.create("local_rr");
    DoubleColumn avg = DoubleColumn.create("average_rr");
    int lo = 1;
    int hi = 1;
    for (int i = 1; i < n - 1; i++) {
      String cls = aamiClass(beats.get(i).label());
      if (cls == null) {
        continue;
      }
      while (t[lo] < t[i] - AVERAGE_SPAN) {
        lo++;
      }
      hi = Math.max(hi, i);
      while (hi + 1 < n && t[hi + 1] <= t[i] + AVERAGE_SPAN) {
        hi++;
      }
      rec.append(record);
      set.append(setOf(record));
      sample.append(beats.get(i).sample());
      time.append(t[i]);
      symbol.append(beats.get(i).label());
      aami.append(cls);
      pre.append(t[i] - t[i - 1]);
      post.append(t[i + 1] - t[i]);
      int a = Math.max(1, i - LOCAL / 2 + 1);
      int b = Math.min(n - 1, a + LOCAL - 1);
      local.append((t[b] - t[a - 1]) / (b - a + 1));
      avg.append((t[hi] - t[lo - 1]) / (hi - lo + 1));
    }
    return Table.create(record, rec, set, sample, time, symbol, aami, pre, post, local, avg);
  }

  /**
   * Beat windows of one lead from {@code before} to {@code after} seconds around each classified beat of the
   * records in {@code set} (for example {@link #DS1}): features {@code "<lead>@t<k>"}, sampleShape {@code [1,
   * length]}, target {@code aami} with classes {@link #AAMI}, the record as group, and the beat table's columns
   * (sample, symbol, RR features) beside. Beats whose window leaves the record are skipped.
   */
  public Dataset dataset(String lead, double before, double after, Set<String> set) {
    if (!(before >= 0) || !(after > 0) || Double.isInfinite(before + after)) {
      throw new IllegalArgumentException("dataset needs before >= 0 and after > 0 seconds, got before=" + before
          + ", after=" + after);
    }
    List<String> chosen = records.stream().filter(set::contains).toList();
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("None of the records " + new TreeSet<>(set) + " is in " + dir
          + "; its records are " + records);
    }
    Table rows = null;
    List<float[]> x = new ArrayList<>();
    int len = -1;
    for (String r : chosen) {
      LazyRecording rec = recording(r);
      int c = rec.indexOf(lead);
      ChannelInfo info = rec.channels().get(c);
      double fs = info.samplingRate();
      int b = (int) Math.round(before * fs);
      int l = (int) Math.round((before + after) * fs);
      if (len >= 0 && l != len) {
        throw new IllegalArgumentException("Record " + r + " is at " + fs + " Hz, so its beat windows have " + l
            + " samples, unlike the " + len + " of the records before it");
      }
      len = l;
      double[] all = rec.samples(info.name(), 0, info.length());
      Table t = beatsOf(r, fs);
      List<Integer> keep = new ArrayList<>();
      for (int i = 0; i < t.rowCount(); i++) {
        long s = t.longColumn("sample").get(i) - b;
        if (s < 0 || s + l > all.length) {
          continue;
        }
        float[] w = new float[l];
        for (int k = 0; k < l; k++) {
          w[k] = (float) all[(int) s + k];
        }
        x.add(w);
        keep.add(i);
      }
      Table kept = t.rows(keep.stream().mapToInt(Integer::intValue).toArray());
      rows = rows == null ? kept : rows.append(kept);
    }
    List<String> features = new ArrayList<>();
    for (int k = 0; k < len; k++) {
      features.add(lead + "@t" + k);
    }
    int[] y = rows.stringColumn("aami").asList().stream().mapToInt(AAMI::indexOf).toArray();
    rows.removeColumns("aami");
    rows.addColumns(IntColumn.create("aami", y));
    rows.setName("MIT-BIH beats of " + lead);
    return Dataset.builder(rows).featureMatrix(features, x.toArray(new float[0][])).sampleShape(1, len)
        .target("aami").classNames(AAMI).group("record").build();
  }

  /** Classified beats per record and AAMI class. */
  public Table summary() {
    Table b = beats();
    return b.xTabCounts("record", "aami").setName("MIT-BIH beats per record and AAMI class");
  }

  @Override
  public String toHtml() {
    return "<div><b>MIT-BIH Arrhythmia</b> " + dir + ": " + records.size() + " records" + Tables.html(summary())
        + "</div>";
  }

  @Override
  public String toString() {
    return "MitBih[" + dir + ", records " + records + "]";
  }
}
