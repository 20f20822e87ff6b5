package io.workbench.signal.corpus;

import static io.workbench.signal.corpus.PtbXlTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.signal.WfdbAnnotation;
import io.workbench.signal.WfdbAnnotations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** MIT-BIH on a miniature cut from the shipped record 208: AAMI classes, split, RR features, windows. */
class MitBihTest {

  @TempDir
  Path tmp;

  /** The AAMI mapping written out again, independently of the loader's table. */
  private static final Map<String, String> AAMI = Map.ofEntries(Map.entry("N", "N"), Map.entry("L", "N"),
      Map.entry("R", "N"), Map.entry("e", "N"), Map.entry("j", "N"), Map.entry("A", "S"), Map.entry("a", "S"),
      Map.entry("J", "S"), Map.entry("S", "S"), Map.entry("V", "V"), Map.entry("E", "V"), Map.entry("F", "F"),
      Map.entry("/", "Q"), Map.entry("f", "Q"), Map.entry("Q", "Q"));

  @Test
  void beatsSplitAndRrFeaturesMatchABruteForceCount() throws Exception {
    Path dir = MitBih.writeMiniature(tmp.resolve("mitdb"), 5);
    MitBih db = MitBih.open(dir);
    assertEquals(List.of("101", "106", "118", "100", "103", "102"), db.records(), "records of the RECORDS file");
    Table beats = db.beats();
    Set<String> classes = new HashSet<>();
    for (String r : db.records()) {
      List<WfdbAnnotation> ann = WfdbAnnotations.read(dir.resolve(r + ".atr"));
      List<WfdbAnnotation> isBeat = new ArrayList<>();
      for (WfdbAnnotation a : ann) {
        if (!a.label().equals("+") && !a.label().equals("~")) {
          isBeat.add(a);
        }
      }
      int mine = 0;
      for (int i = 1; i < isBeat.size() - 1; i++) {
        String c = AAMI.get(isBeat.get(i).label());
        if (c != null) {
          mine++;
          classes.add(c);
        }
      }
      Table rows = beats.where(beats.stringColumn("record").isEqualTo(r));
      assertEquals(mine, rows.rowCount(), "classified beats of record " + r + " (first and last left out)");
      // RR features of the 20th beat by brute force
      int k = 20;
      long s = rows.longColumn("sample").get(k);
      int i = 0;
      while (isBeat.get(i).sample() != s) {
        i++;
      }
      assertEquals((s - isBeat.get(i - 1).sample()) / 360.0, rows.doubleColumn("pre_rr").get(k), 1e-9, "pre-RR");
      assertEquals((isBeat.get(i + 1).sample() - s) / 360.0, rows.doubleColumn("post_rr").get(k), 1e-9, "post-RR");
      double sum = 0;
      int n = 0;
      for (int j = i - 4; j <= i + 5; j++) {
        sum += (isBeat.get(j).sample() - isBeat.get(j - 1).sample()) / 360.0;
        n++;
      }
      assertEquals(sum / n, rows.doubleColumn("local_rr").get(k), 1e-9, "local RR: ten intervals around");
      double all = 0;
      int m = 0;
      for (int j = 1; j < isBeat.size(); j++) {
        if (Math.abs(isBeat.get(j).sample() - s) <= 300 * 360) {
          all += (isBeat.get(j).sample() - isBeat.get(j - 1).sample()) / 360.0;
          m++;
        }
      }
      assertEquals(all / m, rows.doubleColumn("average_rr").get(k), 1e-9, "average RR of the minute excerpt");
      assertEquals(MitBih.setOf(r), rows.stringColumn("set").get(0), "set of " + r);
    }
    assertEquals(Set.of("N", "S", "V", "F", "Q"), classes, "every AAMI class occurs in the miniature");

    Dataset train = db.dataset("MLII", 0.25, 0.45, MitBih.DS1);
    Dataset test = db.dataset("MLII", 0.25, 0.45, MitBih.DS2);
    assertEquals(Set.of("101", "106", "118"), new HashSet<>(List.of(train.groups())), "DS1 records only");
    assertEquals(Set.of("100", "103"), new HashSet<>(List.of(test.groups())), "DS2 records only, paced 102 in neither");
    assertEquals(MitBih.AAMI, train.classNames(), "AAMI classes");
    assertEquals(252, train.sampleShape()[1], "0.7 s at 360 Hz");
    // the first window of record 101 from the format 16 bytes (two signals, gain 200)
    byte[] raw = Files.readAllBytes(dir.resolve("101.dat"));
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    long start = (long) train.column("sample")[0] - 90;
    float[] x = train.x()[0];
    for (int k = 0; k < 252; k += 25) {
      assertEquals(b.getShort((int) (2 * (2 * (start + k)))) / 200.0, x[k], 1e-6, "MLII sample " + k);
    }
    String[] symbols = train.table().stringColumn("symbol").asObjectArray();
    int[] y = train.y();
    for (int i = 0; i < y.length; i++) {
      assertEquals(AAMI.get(symbols[i]), MitBih.AAMI.get(y[i]), "class of beat " + i);
    }
  }

  @Test
  void hostileLayoutsFailNamingTheFile() throws Exception {
    Path dir = MitBih.writeMiniature(tmp.resolve("h"), 1);
    Files.delete(dir.resolve("103.atr"));
    assertMessage(() -> MitBih.open(dir), "103.atr", "does not exist");
    Files.writeString(dir.resolve("RECORDS"), "101\n999\n");
    assertMessage(() -> MitBih.open(dir), "999.hea");
    Files.writeString(dir.resolve("RECORDS"), "101\n");
    MitBih one = MitBih.open(dir);
    assertMessage(() -> one.dataset("MLII", 0.25, 0.45, MitBih.DS2), "None of the records");
    assertMessage(() -> one.dataset("V5", 0.25, 0.45, MitBih.DS1), "V5");
    assertMessage(() -> one.recording("208"), "No record '208'");
  }
}
