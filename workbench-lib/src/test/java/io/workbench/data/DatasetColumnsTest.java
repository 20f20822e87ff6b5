package io.workbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Column selection, the builder's sample-shape rule, summaries and the messages for mistyped names. */
class DatasetColumnsTest {

  @TempDir
  Path dir;

  /** id, age, sex, bmi, bp, site, outcome, patient: a table with an id, a text feature and a group. */
  private static Table patients(int n) {
    int[] id = new int[n];
    double[] age = new double[n];
    String[] sex = new String[n];
    double[] bmi = new double[n];
    double[] bp = new double[n];
    String[] site = new String[n];
    String[] outcome = new String[n];
    String[] patient = new String[n];
    for (int i = 0; i < n; i++) {
      id[i] = 1000 + i;
      age[i] = 30 + (i * 7) % 40;
      sex[i] = i % 3 == 0 ? "m" : "f";
      bmi[i] = 20 + (i * 3) % 11;
      bp[i] = 110 + (i * 13) % 30;
      site[i] = i % 4 == 0 ? "north" : i % 4 == 1 ? "south" : "north";
      outcome[i] = i % 2 == 0 ? "yes" : "no";
      patient[i] = "p" + (i / 2);
    }
    return Table.create("patients", IntColumn.create("id", id), DoubleColumn.create("age", age),
        StringColumn.create("sex", sex), DoubleColumn.create("bmi", bmi), DoubleColumn.create("bp", bp),
        StringColumn.create("site", site), StringColumn.create("outcome", outcome), StringColumn.create("patient", patient));
  }

  @Test
  void selectAndDropPickFeatureColumnsAndKeepTheRoles() {
    Dataset d = Dataset.builder(patients(24)).target("outcome").group("patient").build();
    assertEquals(List.of("id", "age", "sex", "bmi", "bp", "site"), d.features(), "the id became a feature");
    Dataset noId = d.drop("id");
    assertEquals(List.of("age", "sex", "bmi", "bp", "site"), noId.features());
    assertEquals(d.classCounts(), noId.classCounts());
    assertEquals("patient", noId.group());
    assertArrayEquals(d.groups(), noId.groups());
    assertEquals(List.of("age", "sex", "bmi", "bp", "site", "outcome", "patient"), noId.table().columnNames());

    Dataset two = d.select("bp", "age");
    assertEquals(List.of("bp", "age"), two.features());
    assertEquals(List.of("bp", "age"), d.select(List.of("bp", "age")).features(), "List overload");
    assertArrayEquals(new int[] {2}, two.sampleShape(), "a flat sample shape follows the features");
    float[][] x = two.x();
    assertEquals(110 + (5 * 13) % 30, x[5][0]);
    assertEquals(30 + (5 * 7) % 40, x[5][1]);
    assertEquals("outcome", two.target());
    assertEquals(List.of("bp", "age", "outcome", "patient"), two.table().columnNames());
    assertEquals(d.features(), d.features(), "the original is unchanged");
    assertEquals(6, d.numFeatures());

    String msg = assertThrows(IllegalArgumentException.class, () -> d.drop("outcome")).getMessage();
    assertTrue(msg.contains("'outcome'") && msg.contains("target"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> d.select("age", "patient")).getMessage();
    assertTrue(msg.contains("'patient'") && msg.contains("group"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> d.drop("bpp")).getMessage();
    assertTrue(msg.contains("'bpp'") && msg.contains("did you mean 'bp'"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> d.select("age", "age")).getMessage();
    assertTrue(msg.contains("'age' twice"), msg);
    msg = assertThrows(IllegalArgumentException.class,
        () -> d.drop("id", "age", "sex", "bmi", "bp", "site")).getMessage();
    assertTrue(msg.contains("no feature"), msg);
  }

  @Test
  void dropRemovesAColumnThatIsNotAFeatureAndRowsSelectRows() {
    Dataset d = Dataset.builder(patients(24)).target("outcome").features("age", "bmi").build();
    assertTrue(d.table().columnNames().contains("id"));
    Dataset noId = d.drop("id");
    assertEquals(List.of("age", "bmi"), noId.features());
    assertTrue(!noId.table().columnNames().contains("id"), noId.table().columnNames().toString());
    assertArrayEquals(d.select(3, 1).x(), d.rows(3, 1).x(), "select(int...) and rows(int...) both pick rows");
    assertArrayEquals(new int[] {d.y()[3], d.y()[1]}, d.rows(3, 1).y());
  }

  @Test
  void matrixBackedSelectionAndSignalShapes() {
    float[][] x = new float[4][6];
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      for (int t = 0; t < 3; t++) {
        names.add("ch" + c + "_t" + t);
      }
    }
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 6; j++) {
        x[i][j] = 10 * i + j;
      }
    }
    Dataset flat = Dataset.of(x, names, new int[] {0, 1, 0, 1}, List.of("a", "b"));
    Dataset sub = flat.drop("ch0_t0");
    assertEquals(5, sub.numFeatures());
    assertEquals(21f, sub.x()[2][0]);
    assertEquals(List.of("ch0_t1", "ch0_t2", "ch1_t0", "ch1_t1", "ch1_t2", "label"), sub.table().columnNames());

    Dataset signal = flat.toBuilder().sampleShape(2, 3).build();
    Dataset second = signal.select("ch1_t0", "ch1_t1", "ch1_t2");
    assertArrayEquals(new int[] {1, 3}, second.sampleShape(), "a whole channel keeps the [channels, length] shape");
    assertEquals(33f, second.x()[3][0]);
    Dataset swapped = signal.select("ch1_t0", "ch1_t1", "ch1_t2", "ch0_t0", "ch0_t1", "ch0_t2");
    assertArrayEquals(new int[] {2, 3}, swapped.sampleShape());
    String msg = assertThrows(IllegalArgumentException.class, () -> signal.drop("ch0_t0")).getMessage();
    assertTrue(msg.contains("[2, 3]") && msg.contains("5 of 6") && msg.contains("whole"), msg);
  }

  @Test
  void aBuilderThatChangesTheFeaturesResetsAFlatSampleShape() {
    Table t = patients(24).removeColumns("sex", "site");
    Dataset d = Dataset.builder(t).target("outcome").group("patient").build();
    assertEquals(4, d.numFeatures());
    Dataset fewer = d.toBuilder().features("age", "bmi", "bp").build();
    assertArrayEquals(new int[] {3}, fewer.sampleShape());
    assertEquals("patient", fewer.group(), "other roles are kept");
    assertEquals(d.classCounts(), fewer.classCounts());

    Dataset matrix = Dataset.of(d.x(), d.features(), d.y(), d.classNames());
    Dataset m2 = matrix.toBuilder().features("bp", "age").build();
    assertEquals(List.of("bp", "age"), m2.features());
    assertArrayEquals(new float[] {d.x()[7][3], d.x()[7][1]}, m2.x()[7], "matrix columns picked by name");

    Dataset digits = Datasets.digits();
    String msg = assertThrows(IllegalArgumentException.class,
        () -> digits.toBuilder().features(digits.features().subList(0, 5)).build()).getMessage();
    assertTrue(msg.contains("[1, 8, 8]") && msg.contains("5 features"), msg);
    assertArrayEquals(new int[] {5},
        digits.toBuilder().features(digits.features().subList(0, 5)).sampleShape(5).build().sampleShape());
  }

  @Test
  void theBuilderIsImmutable() {
    Table t = patients(24);
    DatasetBuilder base = Dataset.builder(t).target("outcome");
    DatasetBuilder grouped = base.group("patient");
    assertNotSame(base, grouped);
    assertNull(base.build().group(), "setting the group on a copy leaves the original builder alone");
    assertEquals("patient", grouped.build().group());
  }

  @Test
  void toStringClosesItsParentheses() {
    for (Dataset d : List.of(Datasets.iris(), Datasets.diabetes(),
        Dataset.builder(patients(24)).target("outcome").group("patient").build())) {
      String s = d.toString();
      long open = s.chars().filter(ch -> ch == '(').count();
      long close = s.chars().filter(ch -> ch == ')').count();
      assertEquals(open, close, s);
      assertTrue(s.endsWith("]"), s);
    }
    assertEquals("Dataset[150 rows, 4 features, target 'species' (classification: {setosa=50, versicolor=50,"
        + " virginica=50})]", Datasets.iris().toString());
  }

  @Test
  void summaryDescribesCategoricalColumnsAndFlagsIds() {
    Table t = patients(24);
    ((DoubleColumn) t.column("bmi")).setMissing(3);
    StringColumn site5 = StringColumn.create("site");
    for (int i = 0; i < 24; i++) {
      if (i == 5) {
        site5.appendMissing();
      } else {
        site5.append(t.stringColumn("site").get(i));
      }
    }
    t.replaceColumn("site", site5);
    Dataset d = Dataset.builder(t).target("outcome").group("patient").build();
    Table s = d.summary();
    assertEquals(6, s.rowCount());
    int site = d.featureIndex("site");
    assertEquals(23, s.intColumn("count").get(site));
    assertEquals(1, s.intColumn("missing").get(site));
    assertEquals(2, s.intColumn("distinct").get(site));
    assertEquals("north", s.stringColumn("top").get(site));
    // rows 0..23 with row 5 missing: south at i % 4 == 1 (6 rows, one of them row 5), north elsewhere (18)
    assertEquals(18, s.intColumn("freq").get(site));
    int sex = d.featureIndex("sex");
    assertEquals("f", s.stringColumn("top").get(sex));
    assertEquals(16, s.intColumn("freq").get(sex));
    int bmi = d.featureIndex("bmi");
    assertEquals(1, s.intColumn("missing").get(bmi));
    assertEquals(23, s.intColumn("count").get(bmi));
    double sum = 0;
    for (int i = 0; i < 24; i++) {
      sum += i == 3 ? 0 : 20 + (i * 3) % 11;
    }
    assertEquals(sum / 23, s.doubleColumn("mean").get(bmi), 1e-12);
    assertTrue(s.intColumn("distinct").isMissing(bmi), "distinct is for categories");
    assertTrue(s.doubleColumn("mean").isMissing(site), "mean is for numbers");
    assertTrue(s.stringColumn("note").get(d.featureIndex("id")).contains("drop(\"id\")"), s.print());
    assertEquals("", s.stringColumn("note").get(d.featureIndex("age")));
  }

  @Test
  void mistypedNamesListEveryColumnAndSuggestTheClosest() throws IOException {
    List<Column<?>> cols = new ArrayList<>();
    StringBuilder csv = new StringBuilder();
    for (int j = 0; j < 30; j++) {
      cols.add(DoubleColumn.create("feature_" + j, 1, 2, 3));
      csv.append("feature_").append(j).append(',');
    }
    cols.add(IntColumn.create("outcome", 0, 1, 0));
    csv.append("outcome\n");
    for (int r = 0; r < 3; r++) {
      for (int j = 0; j < 30; j++) {
        csv.append(r + j).append(',');
      }
      csv.append(r % 2).append('\n');
    }
    Table t = Table.create("wide", cols.toArray(new Column<?>[0]));
    String msg = assertThrows(IllegalArgumentException.class, () -> Dataset.builder(t).target("outcom").build()).getMessage();
    assertTrue(msg.contains("did you mean 'outcome'") && msg.contains("feature_29") && msg.contains("feature_0"), msg);
    Dataset d = Dataset.builder(t).target("outcome").build();
    msg = assertThrows(IllegalArgumentException.class, () -> d.featureIndex("featur_27")).getMessage();
    assertTrue(msg.contains("did you mean 'feature_27'") && msg.contains("feature_29"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> d.column("Outcome")).getMessage();
    assertTrue(msg.contains("did you mean 'outcome'"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> d.select("zzz")).getMessage();
    assertTrue(!msg.contains("did you mean") && msg.contains("feature_29"), msg);
    msg = assertThrows(IllegalArgumentException.class,
        () -> Dataset.builder(t).target("outcome").features("feature_1", "featuer_2").build()).getMessage();
    assertTrue(msg.contains("did you mean 'feature_2'") && msg.contains("feature_29"), msg);

    Path f = dir.resolve("wide.csv");
    Files.writeString(f, csv);
    msg = assertThrows(IllegalArgumentException.class, () -> CsvLoader.from(f).target("outcme").load()).getMessage();
    assertTrue(msg.contains("wide.csv") && msg.contains("did you mean 'outcome'") && msg.contains("feature_29"), msg);
    msg = assertThrows(IllegalArgumentException.class,
        () -> CsvLoader.from(f).target("outcome").categorical("feature_3O").load()).getMessage();
    assertTrue(msg.contains("did you mean 'feature_30'") == false && msg.contains("did you mean 'feature_3"), msg);
  }

  @Test
  void closestNameByEditDistance() {
    List<String> names = List.of("age", "sex", "bmi", "blood pressure", "petal length (cm)");
    assertEquals("age", io.workbench.check.Checks.closest("agee", names));
    assertEquals("age", io.workbench.check.Checks.closest("AGE", names));
    assertEquals("blood pressure", io.workbench.check.Checks.closest("blod presure", names));
    assertEquals("petal length (cm)", io.workbench.check.Checks.closest("petal", names), "a name that contains it");
    assertNull(io.workbench.check.Checks.closest("cholesterol", names));
    assertEquals(3, io.workbench.check.Checks.distance("kitten", "sitting"));
    assertEquals(0, io.workbench.check.Checks.distance("", ""));
    assertEquals(4, io.workbench.check.Checks.distance("", "four"));
    assertEquals(1, io.workbench.check.Checks.distance("bim", "bmi"), "a swap of neighbours is one edit");
  }
}
