package io.workbench.signal.corpus;

import io.workbench.data.Dataset;
import io.workbench.data.DatasetBuilder;
import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.io.InputFiles;
import io.workbench.signal.LazyRecording;
import io.workbench.signal.Recording;
import io.workbench.signal.Wfdb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The PTB-XL 12-lead ECG corpus (Wagner et al. 2020) as downloaded from PhysioNet: {@code ptbxl_database.csv}
 * (one row per ECG: {@code ecg_id}, {@code patient_id}, {@code scp_codes}, {@code strat_fold}, {@code
 * filename_lr}, {@code filename_hr}), {@code scp_statements.csv} (one row per SCP statement with its {@code
 * diagnostic}, {@code form} and {@code rhythm} flags and {@code diagnostic_class}/{@code diagnostic_subclass}) and
 * the WFDB records under {@code records100/} (100 Hz) and {@code records500/} (500 Hz), ten seconds each.
 *
 * <p>The label sets follow the PTB-XL benchmark (Strodthoff et al. 2021): {@link LabelSet#ALL} every statement of a
 * record's {@code scp_codes}; {@link LabelSet#DIAGNOSTIC} those flagged diagnostic; {@link LabelSet#SUBDIAGNOSTIC}
 * and {@link LabelSet#SUPERDIAGNOSTIC} the diagnostic statements mapped to their {@code diagnostic_subclass} and
 * {@code diagnostic_class}; {@link LabelSet#FORM} and {@link LabelSet#RHYTHM} the statements flagged so. Every
 * statement counts whatever its likelihood (as the benchmark does); the labels of a set are those that occur, and
 * records without any label of the set are left out of its dataset. The official split is by {@code strat_fold}:
 * folds 1-8 train, 9 validation, 10 test; all records of a patient share a fold, and {@code patient_id} is the
 * datasets' group. The layout is checked when opened; nothing is downloaded.
 *
 * <pre>{@code
 * PtbXl ptb = PtbXl.open(Path.of("/data/ptb-xl-1.0.3"));       // or PtbXl.writeMiniature(tmp, 42)
 * Dataset all = ptb.dataset(PtbXl.LabelSet.SUPERDIAGNOSTIC, 100); // 12 x 1000 per row, multi-label
 * PtbXl.Folds folds = PtbXl.folds(all);                           // train 1-8, validation 9, test 10
 * LazyRecording first = ptb.recording(0, 500);                    // one record, read on demand
 * }</pre>
 */
public final class PtbXl implements Displayable {

  /** The twelve leads in PTB-XL's order. */
  public static final List<String> LEADS =
      List.of("I", "II", "III", "AVR", "AVL", "AVF", "V1", "V2", "V3", "V4", "V5", "V6");

  /** Seconds per record. */
  public static final double SECONDS = 10;

  /** The benchmark's label sets. */
  public enum LabelSet {
    /** Every statement (71 in the full corpus). */
    ALL,
    /** Diagnostic statements (44). */
    DIAGNOSTIC,
    /** Diagnostic subclasses (23). */
    SUBDIAGNOSTIC,
    /** Diagnostic superclasses (5: NORM, MI, STTC, CD, HYP). */
    SUPERDIAGNOSTIC,
    /** Form statements (19). */
    FORM,
    /** Rhythm statements (12). */
    RHYTHM
  }

  /**
   * The official split of a PTB-XL dataset.
   *
   * @param train folds 1-8
   * @param validation fold 9
   * @param test fold 10
   */
  public record Folds(Dataset train, Dataset validation, Dataset test) {}

  /** One row of {@code scp_statements.csv}. */
  private record Statement(boolean diagnostic, boolean form, boolean rhythm, String superclass, String subclass) {}

  private final Path dir;
  private final long[] ecgIds;
  private final long[] patients;
  private final int[] folds;
  private final List<Map<String, Double>> codes;
  private final String[] lowRes;
  private final String[] highRes;
  private final Map<String, Statement> statements;

  private PtbXl(Path dir, long[] ecgIds, long[] patients, int[] folds, List<Map<String, Double>> codes,
      String[] lowRes, String[] highRes, Map<String, Statement> statements) {
    this.dir = dir;
    this.ecgIds = ecgIds;
    this.patients = patients;
    this.folds = folds;
    this.codes = codes;
    this.lowRes = lowRes;
    this.highRes = highRes;
    this.statements = statements;
  }

  /**
   * Opens a PTB-XL folder: reads and checks both CSV files (columns, {@code scp_codes}, folds 1-10, one patient
   * per fold, unique ids) and that the records' headers exist. Signals are read later, on demand.
   *
   * @throws IllegalArgumentException naming the missing or malformed file, line and column
   */
  public static PtbXl open(Path dir) {
    Layouts.requireFolder(dir, "PTB-XL folder");
    Map<String, Statement> statements = statements(dir.resolve("scp_statements.csv"));
    CsvFile db = CsvFile.read(dir.resolve("ptbxl_database.csv"), "PTB-XL database");
    int cId = db.column("ecg_id");
    int cPatient = db.column("patient_id");
    int cCodes = db.column("scp_codes");
    int cFold = db.column("strat_fold");
    int cLr = db.column("filename_lr");
    int cHr = db.column("filename_hr");
    int n = db.rows();
    if (n == 0) {
      throw new IllegalArgumentException("File " + db.file() + " has a header but no records");
    }
    long[] ids = new long[n];
    long[] patients = new long[n];
    int[] folds = new int[n];
    String[] lr = new String[n];
    String[] hr = new String[n];
    List<Map<String, Double>> codes = new ArrayList<>(n);
    Map<Long, Integer> seen = new HashMap<>();
    Map<Long, Integer> foldOfPatient = new HashMap<>();
    for (int i = 0; i < n; i++) {
      ids[i] = db.integer(i, cId, "ecg_id");
      Integer before = seen.put(ids[i], i);
      if (before != null) {
        throw new IllegalArgumentException(db.where(i) + ": ecg_id " + ids[i] + " appears again (first at "
            + db.where(before) + ")");
      }
      patients[i] = db.integer(i, cPatient, "patient_id");
      long f = db.integer(i, cFold, "strat_fold");
      if (f < 1 || f > 10) {
        throw new IllegalArgumentException(db.where(i) + ": column 'strat_fold' is " + f
            + ", expected a fold 1..10 (1-8 train, 9 validation, 10 test)");
      }
      folds[i] = (int) f;
      Integer pf = foldOfPatient.putIfAbsent(patients[i], folds[i]);
      if (pf != null && pf != folds[i]) {
        throw new IllegalArgumentException(db.where(i) + ": patient " + patients[i] + " is in fold " + folds[i]
            + " but an earlier record of that patient is in fold " + pf + "; PTB-XL keeps a patient in one fold");
      }
      codes.add(ScpCodes.parse(db.cell(i, cCodes), db.where(i)));
      lr[i] = db.cell(i, cLr);
      hr[i] = db.cell(i, cHr);
      for (String[] name : new String[][] {{lr[i], "filename_lr"}, {hr[i], "filename_hr"}}) {
        if (name[0].isEmpty()) {
          throw new IllegalArgumentException(db.where(i) + ": column '" + name[1] + "' is empty");
        }
        InputFiles.resolveInside(dir, name[0] + ".hea", db.where(i) + ": column '" + name[1] + "'");
      }
    }
    boolean anyLow = Files.isDirectory(dir.resolve("records100"));
    boolean anyHigh = Files.isDirectory(dir.resolve("records500"));
    if (!anyLow && !anyHigh) {
      throw new IllegalArgumentException("PTB-XL folder " + dir + " has neither records100/ nor records500/;"
          + " download the WFDB records beside ptbxl_database.csv");
    }
    return new PtbXl(dir, ids, patients, folds, List.copyOf(codes), lr, hr, statements);
  }

  private static Map<String, Statement> statements(Path file) {
    CsvFile s = CsvFile.read(file, "PTB-XL statement table");
    int cCode = s.column("");
    int cDiag = s.column("diagnostic");
    int cForm = s.column("form");
    int cRhythm = s.column("rhythm");
    int cSuper = s.column("diagnostic_class");
    int cSub = s.column("diagnostic_subclass");
    Map<String, Statement> out = new LinkedHashMap<>();
    for (int i = 0; i < s.rows(); i++) {
      String code = s.cell(i, cCode);
      if (code.isEmpty()) {
        throw new IllegalArgumentException(s.where(i) + ": the first column (the statement code) is empty");
      }
      boolean diag = flag(s, i, cDiag, "diagnostic");
      String sup = s.cell(i, cSuper);
      String sub = s.cell(i, cSub);
      if (diag && (sup.isEmpty() || sub.isEmpty())) {
        throw new IllegalArgumentException(s.where(i) + ": diagnostic statement '" + code
            + "' needs a diagnostic_class and a diagnostic_subclass, got '" + sup + "' and '" + sub + "'");
      }
      requireCode(s, i, "the first column (the statement code)", code);
      if (diag) {
        requireCode(s, i, "column 'diagnostic_class'", sup);
        requireCode(s, i, "column 'diagnostic_subclass'", sub);
      }
      out.put(code, new Statement(diag, flag(s, i, cForm, "form"), flag(s, i, cRhythm, "rhythm"), sup, sub));
    }
    return out;
  }

  private static void requireCode(CsvFile s, int row, String what, String code) {
    String bad = ScpCodes.badCodeCharacter(code);
    if (bad != null) {
      throw new IllegalArgumentException(s.where(row) + ": " + what + " is '" + InputFiles.printable(code)
          + "', which holds " + bad);
    }
  }

  private static boolean flag(CsvFile s, int row, int col, String name) {
    String v = s.cell(row, col);
    if (v.isEmpty() || v.equals("0") || v.equals("0.0")) {
      return false;
    }
    if (v.equals("1") || v.equals("1.0")) {
      return true;
    }
    throw new IllegalArgumentException(s.where(row) + ": column '" + name + "' is '" + InputFiles.printable(v)
        + "', expected 1.0 or empty");
  }

  /**
   * Writes a miniature PTB-XL folder into {@code dir} (created when absent): 16 patients with one or two ten
   * second ECGs each, one patient in each training fold 1-8 and four each in folds 9 and 10, the two CSV files with PTB-XL's columns and real statement codes, and
   * WFDB records in format 16 under {@code records100/} and {@code records500/}. The twelve leads are weighted
   * copies of {@link io.workbench.signal.EcgGenerator} recordings (records with premature beats carry {@code PVC});
   * the same seed writes the same bytes.
   *
   * <pre>{@code
   * PtbXl mini = PtbXl.open(PtbXl.writeMiniature(Files.createTempDirectory("ptbxl"), 42));
   * }</pre>
   */
  public static Path writeMiniature(Path dir, long seed) {
    return PtbXlMiniature.write(dir, seed);
  }

  /** The folder. */
  public Path folder() {
    return dir;
  }

  /** Number of records (ECGs). */
  public int size() {
    return ecgIds.length;
  }

  /** One row per record: ecg_id, patient_id, strat_fold and the statements as text. */
  public Table records() {
    return Table.create("PTB-XL records", LongColumn.create("ecg_id", ecgIds), LongColumn.create("patient_id",
        patients), IntColumn.create("strat_fold", folds), StringColumn.create("scp_codes",
        codes.stream().map(m -> String.join(" ", m.keySet())).toList()));
  }

  /** The labels of a set that occur in the corpus, sorted. */
  public List<String> labelNames(LabelSet set) {
    TreeSet<String> names = new TreeSet<>();
    for (Map<String, Double> m : codes) {
      names.addAll(labelsOf(m, set));
    }
    return List.copyOf(names);
  }

  /** For every record, 1 where it carries a label of the set ({@link #labelNames} order), else 0. */
  public int[][] labels(LabelSet set) {
    List<String> names = labelNames(set);
    int[][] y = new int[size()][names.size()];
    for (int i = 0; i < y.length; i++) {
      for (String l : labelsOf(codes.get(i), set)) {
        y[i][names.indexOf(l)] = 1;
      }
    }
    return y;
  }

  private TreeSet<String> labelsOf(Map<String, Double> m, LabelSet set) {
    TreeSet<String> out = new TreeSet<>();
    for (String code : m.keySet()) {
      Statement s = statements.get(code);
      switch (set) {
        case ALL -> out.add(code);
        case DIAGNOSTIC -> {
          if (s != null && s.diagnostic()) {
            out.add(code);
          }
        }
        case SUBDIAGNOSTIC -> {
          if (s != null && s.diagnostic()) {
            out.add(s.subclass());
          }
        }
        case SUPERDIAGNOSTIC -> {
          if (s != null && s.diagnostic()) {
            out.add(s.superclass());
          }
        }
        case FORM -> {
          if (s != null && s.form()) {
            out.add(code);
          }
        }
        case RHYTHM -> {
          if (s != null && s.rhythm()) {
            out.add(code);
          }
        }
        default -> throw new IllegalArgumentException("Unknown label set " + set);
      }
    }
    return out;
  }

  /** The patient of every record. */
  public long[] patients() {
    return patients.clone();
  }

  /** The {@code strat_fold} (1-10) of every record. */
  public int[] folds() {
    return folds.clone();
  }

  /** The {@code ecg_id} of every record. */
  public long[] ecgIds() {
    return ecgIds.clone();
  }

  /**
   * Record {@code row} (0-based, in file order) at 100 or 500 Hz, opened lazily: nothing is read until asked.
   *
   * @throws IllegalArgumentException naming the header when it is missing or malformed
   */
  public LazyRecording recording(int row, int rate) {
    if (row < 0 || row >= size()) {
      throw new IllegalArgumentException("row must be 0.." + (size() - 1) + ", got " + row);
    }
    String name = rateFiles(rate)[row];
    Path header = InputFiles.resolveInside(dir, name + ".hea", "PTB-XL record " + ecgIds[row]);
    try {
      return Wfdb.open(header);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PTB-XL record " + ecgIds[row] + " (" + header + ") cannot be read: "
          + e.getMessage(), e);
    }
  }

  private String[] rateFiles(int rate) {
    if (rate == 100) {
      return lowRes;
    }
    if (rate == 500) {
      return highRes;
    }
    throw new IllegalArgumentException("PTB-XL records come at 100 or 500 Hz, got rate " + rate);
  }

  /**
   * The records that carry a label of {@code set} as a multi-label signal dataset: one row per record, {@code
   * sampleShape [12, 10 * rate]} with features {@code "I@t0"} ... (the leads in millivolts), the labels of
   * {@link #labelNames(LabelSet)} as 0/1 targets, {@code ecg_id} and {@code strat_fold} columns and {@code
   * patient_id} as the group. Loads every record (about 1 GB at 100 Hz for the whole corpus; fails before
   * allocating when the heap is too small).
   */
  public Dataset dataset(LabelSet set, int rate) {
    String[] files = rateFiles(rate);
    List<String> names = labelNames(set);
    int len = (int) Math.round(SECONDS * rate);
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      if (!labelsOf(codes.get(i), set).isEmpty()) {
        keep.add(i);
      }
    }
    if (keep.isEmpty()) {
      throw new IllegalArgumentException("No PTB-XL record in " + dir + " carries a label of the set " + set);
    }
    InputFiles.requireHeap(4L * keep.size() * LEADS.size() * len, "PTB-XL records at " + rate + " Hz");
    int[][] all = labels(set);
    float[][] x = new float[keep.size()][];
    int[][] y = new int[keep.size()][];
    for (int r = 0; r < x.length; r++) {
      int i = keep.get(r);
      x[r] = leads(i, rate, len);
      y[r] = all[i];
    }
    List<String> features = new ArrayList<>();
    for (String lead : LEADS) {
      for (int k = 0; k < len; k++) {
        features.add(lead + "@t" + k);
      }
    }
    List<Column<?>> cols = new ArrayList<>();
    cols.add(LongColumn.create("ecg_id", keep.stream().mapToLong(i -> ecgIds[i]).toArray()));
    cols.add(StringColumn.create("patient_id", keep.stream().map(i -> String.valueOf(patients[i])).toList()));
    cols.add(IntColumn.create("strat_fold", keep.stream().mapToInt(i -> folds[i]).toArray()));
    for (int l = 0; l < names.size(); l++) {
      int col = l;
      cols.add(IntColumn.create(names.get(l), Arrays.stream(y).mapToInt(v -> v[col]).toArray()));
    }
    Table t = Table.create("PTB-XL " + set.name().toLowerCase() + " at " + rate + " Hz", cols.toArray(new Column<?>[0]));
    DatasetBuilder b = Dataset.builder(t).featureMatrix(features, x).sampleShape(LEADS.size(), len)
        .targets(names).group("patient_id");
    return b.build();
  }

  private float[] leads(int row, int rate, int len) {
    LazyRecording r = recording(row, rate);
    String where = "PTB-XL record " + ecgIds[row] + " (" + r.file() + ")";
    float[] out = new float[LEADS.size() * len];
    for (int c = 0; c < LEADS.size(); c++) {
      String lead = LEADS.get(c);
      int idx = indexOfLead(r, lead);
      if (idx < 0) {
        throw new IllegalArgumentException(where + " has no lead " + lead + "; its signals are " + r.channelNames());
      }
      var info = r.channels().get(idx);
      if (info.samplingRate() != rate || info.length() < len) {
        throw new IllegalArgumentException(where + ": lead " + lead + " has " + info.length() + " samples at "
            + info.samplingRate() + " Hz, expected " + len + " at " + rate + " Hz");
      }
      double[] v = r.samples(info.name(), 0, len);
      for (int k = 0; k < len; k++) {
        if (!Double.isFinite(v[k])) {
          throw new IllegalArgumentException(where + ": lead " + lead + " sample " + k + " is " + v[k]);
        }
        out[c * len + k] = (float) v[k];
      }
    }
    return out;
  }

  private static int indexOfLead(LazyRecording r, String lead) {
    List<String> names = r.channelNames();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(lead)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The official split of a dataset made by {@link #dataset}: folds 1-8, 9 and 10.
   *
   * @throws IllegalArgumentException when the dataset has no {@code strat_fold} column or a part is empty
   */
  public static Folds folds(Dataset data) {
    double[] f;
    try {
      f = data.column("strat_fold");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PtbXl.folds needs a dataset with a 'strat_fold' column (from"
          + " PtbXl.dataset): " + e.getMessage(), e);
    }
    return new Folds(part(data, f, 1, 8, "train"), part(data, f, 9, 9, "validation"), part(data, f, 10, 10, "test"));
  }

  private static Dataset part(Dataset data, double[] f, int lo, int hi, String what) {
    int[] rows = java.util.stream.IntStream.range(0, f.length).filter(i -> f[i] >= lo && f[i] <= hi).toArray();
    if (rows.length == 0) {
      throw new IllegalArgumentException("The " + what + " part (strat_fold " + lo + (hi > lo ? "-" + hi : "")
          + ") of this PTB-XL dataset is empty");
    }
    return data.select(rows);
  }

  /** Records per fold. */
  public Table summary() {
    Table t = records().countBy("strat_fold");
    return t.setName("PTB-XL " + dir.getFileName() + ": records per fold");
  }

  @Override
  public String toHtml() {
    return "<div><b>PTB-XL</b> " + dir + ": " + size() + " records of " + Arrays.stream(patients).distinct().count()
        + " patients" + Tables.html(summary()) + "</div>";
  }

  @Override
  public String toString() {
    return "PtbXl[" + dir + ", " + size() + " records, " + Arrays.stream(patients).distinct().count() + " patients]";
  }

  /** A record as a recording in memory (convenience for plots). */
  public Recording read(int row, int rate) {
    return recording(row, rate).load();
  }
}
