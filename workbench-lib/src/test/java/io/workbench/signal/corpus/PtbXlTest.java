package io.workbench.signal.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PTB-XL on a miniature written at test time: labels, folds, signals and hostile layouts. */
class PtbXlTest {

  @TempDir
  Path tmp;

  /** One database row as the test reads it, without the loader's code. */
  private record Row(long ecgId, long patient, int fold, List<String> codes, String lr) {}

  private static List<Row> rows(Path dir) throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("ptbxl_database.csv"));
    Pattern dict = Pattern.compile("\"(\\{[^\"]*\\})\"");
    Pattern code = Pattern.compile("'([^']+)': [0-9.]+");
    List<Row> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      Matcher m = dict.matcher(line);
      assertTrue(m.find(), "scp_codes in " + line);
      List<String> codes = new ArrayList<>();
      Matcher c = code.matcher(m.group(1));
      while (c.find()) {
        codes.add(c.group(1));
      }
      String[] f = line.split(",");
      out.add(new Row(Long.parseLong(f[0]), (long) Double.parseDouble(f[1]), Integer.parseInt(f[f.length - 3]),
          codes, f[f.length - 2]));
    }
    return out;
  }

  /** code -> {diagnostic, superclass} read with a plain split (the miniature's statements hold no commas). */
  private static Map<String, String> superclassOf(Path dir) throws Exception {
    Map<String, String> out = new HashMap<>();
    List<String> lines = Files.readAllLines(dir.resolve("scp_statements.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f[2].equals("1.0")) {
        out.put(f[0], f[5]);
      }
    }
    return out;
  }

  @Test
  void labelsFoldsAndSignalsMatchTheFilesReadIndependently() throws Exception {
    Path dir = PtbXl.writeMiniature(tmp.resolve("ptbxl"), 42);
    PtbXl ptb = PtbXl.open(dir);
    List<Row> rows = rows(dir);
    assertEquals(rows.size(), ptb.size(), "one record per database row");
    Map<String, String> sup = superclassOf(dir);

    Dataset d = ptb.dataset(PtbXl.LabelSet.SUPERDIAGNOSTIC, 100);
    List<String> expectedNames = new ArrayList<>(new TreeSet<>(sup.values()));
    expectedNames.retainAll(rows.stream().flatMap(r -> r.codes().stream()).map(sup::get).toList());
    assertEquals(expectedNames, d.labelNames(), "superclasses that occur, sorted");
    int[][] y = d.yMulti();
    int row = 0;
    for (Row r : rows) {
      Set<String> want = new TreeSet<>();
      r.codes().stream().filter(sup::containsKey).map(sup::get).forEach(want::add);
      if (want.isEmpty()) {
        continue;
      }
      Set<String> got = new TreeSet<>();
      for (int l = 0; l < expectedNames.size(); l++) {
        if (y[row][l] == 1) {
          got.add(expectedNames.get(l));
        }
      }
      assertEquals(want, got, "superdiagnostic labels of ecg_id " + r.ecgId());
      row++;
    }
    assertEquals(row, d.rows(), "records without a diagnostic statement are left out");

    Set<String> all = new TreeSet<>();
    rows.forEach(r -> all.addAll(r.codes()));
    assertEquals(List.copyOf(all), ptb.labelNames(PtbXl.LabelSet.ALL), "every statement that occurs");
    assertEquals(List.of("AFIB", "SR", "STACH").stream().filter(all::contains).toList(),
        ptb.labelNames(PtbXl.LabelSet.RHYTHM), "rhythm statements");
    assertTrue(ptb.labelNames(PtbXl.LabelSet.FORM).contains("NDT"), "NDT is diagnostic and form");

    // folds: 1-8, 9, 10, and no patient in two parts
    PtbXl.Folds folds = PtbXl.folds(d);
    assertEquals(d.rows(), folds.train().rows() + folds.validation().rows() + folds.test().rows(), "a partition");
    for (double f : folds.validation().column("strat_fold")) {
      assertEquals(9, f, "validation is fold 9");
    }
    for (double f : folds.test().column("strat_fold")) {
      assertEquals(10, f, "test is fold 10");
    }
    Set<String> train = new HashSet<>(List.of(folds.train().groups()));
    for (Dataset other : List.of(folds.validation(), folds.test())) {
      for (String g : other.groups()) {
        assertTrue(!train.contains(g), "patient " + g + " is in train and another part");
      }
    }

    // signals: lead II of the first kept record from the format 16 bytes, gain 1000
    assertArrayEquals(new int[] {12, 1000}, d.sampleShape(), "12 leads x 10 s at 100 Hz");
    Row first = rows.stream().filter(r -> r.codes().stream().anyMatch(sup::containsKey)).findFirst().orElseThrow();
    byte[] raw = Files.readAllBytes(dir.resolve(first.lr() + ".dat"));
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    float[] x = d.x()[0];
    int lead = 1;
    for (int k = 0; k < 1000; k += 37) {
      double want = b.getShort(2 * (k * 12 + lead)) / 1000.0;
      assertEquals(want, x[1000 * lead + k], 1e-6, "lead II sample " + k);
    }
    assertEquals(5000, ptb.recording(0, 500).channels().get(0).length(), "500 Hz records hold 5000 samples");
    assertEquals(String.valueOf(first.patient()), d.groups()[0], "patient id is the group");

    for (PtbXl.LabelSet set : PtbXl.LabelSet.values()) {
      int[][] labels = ptb.labels(set);
      assertEquals(ptb.size(), labels.length, set + " has a row per record");
      assertEquals(ptb.labelNames(set).size(), labels[0].length, set + " has a column per label");
    }
    assertTrue(Set.of("NORM", "IMI", "AMI", "LVH", "STTC", "LAFB/LPFB", "IRBBB").containsAll(
        ptb.labelNames(PtbXl.LabelSet.SUBDIAGNOSTIC)), "subclasses from the statement table");
  }

  @Test
  void hostileLayoutsFailNamingTheFile() throws Exception {
    Path dir = PtbXl.writeMiniature(tmp.resolve("h"), 3);
    Path db = dir.resolve("ptbxl_database.csv");
    String original = Files.readString(db);

    Files.move(dir.resolve("scp_statements.csv"), dir.resolve("moved.csv"));
    assertMessage(() -> PtbXl.open(dir), "scp_statements.csv", "does not exist");
    Files.move(dir.resolve("moved.csv"), dir.resolve("scp_statements.csv"));

    Files.writeString(db, original.replaceFirst("strat_fold", "fold"));
    assertMessage(() -> PtbXl.open(dir), "ptbxl_database.csv", "strat_fold");

    Files.writeString(db, original.replaceFirst("\\{'", "{"));
    assertMessage(() -> PtbXl.open(dir), "ptbxl_database.csv line 2", "scp_codes");

    // codes become label column names: a space or line break inside one would make names that print alike
    Files.writeString(db, original.replaceFirst("\\{'([A-Z0-9/_]+)'", "{'$1 '"));
    assertMessage(() -> PtbXl.open(dir), "ptbxl_database.csv line 2", "U+0020");
    Files.writeString(db, original);
    Path st = dir.resolve("scp_statements.csv");
    String statements = Files.readString(st);
    Files.writeString(st, statements.replaceFirst("\nNDT,", "\n\"N\nDT\","));
    assertMessage(() -> PtbXl.open(dir), "scp_statements.csv", "statement code", "U+000A");
    Files.writeString(st, statements);

    String[] lines = original.split("\n");
    String[] f = lines[1].split(",");
    lines[1] = lines[1].replace("," + f[f.length - 3] + ",records100", ",11,records100");
    Files.writeString(db, String.join("\n", lines) + "\n");
    assertMessage(() -> PtbXl.open(dir), "ptbxl_database.csv line 2", "strat_fold");

    Files.writeString(db, original);
    Path dat = dir.resolve(lines[1].split(",")[f.length - 2] + ".dat");
    Files.write(dat, new byte[10]);
    assertMessage(() -> PtbXl.open(dir).dataset(PtbXl.LabelSet.ALL, 100), "PTB-XL record 1", "00001_lr");
    assertMessage(() -> PtbXl.open(dir).dataset(PtbXl.LabelSet.ALL, 250), "100 or 500 Hz");
    assertMessage(() -> PtbXl.open(tmp.resolve("absent")), "absent", "does not exist");
  }

  static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "message names '" + p + "': " + e.getMessage());
    }
  }
}
