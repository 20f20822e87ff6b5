package io.workbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Multi-label datasets: roles, label matrix, splits that keep rows aligned, and bad label columns. */
class MultiLabelDatasetTest {

  private static Table table() {
    return Table.create("t",
        DoubleColumn.create("a", 1, 2, 3, 4, 5, 6),
        DoubleColumn.create("b", 6, 5, 4, 3, 2, 1),
        IntColumn.create("fever", 1, 0, 1, 0, 1, 0),
        BooleanColumn.create("cough", true, true, false, false, true, false),
        DoubleColumn.create("rash", 0, 0, 0, 1, 1, 1),
        StringColumn.create("patient", "p1", "p1", "p2", "p2", "p3", "p3"));
  }

  @Test
  void builderTakesSeveralLabelColumnsAndLeavesThemOutOfTheFeatures() {
    Dataset d = Dataset.builder(table()).targets("fever", "cough", "rash").group("patient").build();
    assertEquals(Task.MULTI_LABEL, d.task());
    assertEquals(List.of("a", "b"), d.features());
    assertEquals(List.of("fever", "cough", "rash"), d.labelNames());
    assertEquals(d.labelNames(), d.classNames());
    assertEquals(3, d.numClasses());
    assertEquals(List.of("fever", "cough", "rash"), d.targets());
    assertNull(d.target());
    int[][] y = d.yMulti();
    assertArrayEquals(new int[] {1, 1, 0}, y[0]);
    assertArrayEquals(new int[] {0, 1, 0}, y[1]);
    assertArrayEquals(new int[] {0, 0, 1}, y[3]);
    assertArrayEquals(new int[] {1, 1, 1}, y[4]);
    assertEquals(Map.of("fever", 3, "cough", 3, "rash", 3), d.labelCounts());
    assertTrue(d.toString().contains("fever=3"), d.toString());
    IllegalStateException e = assertThrows(IllegalStateException.class, d::y);
    assertTrue(e.getMessage().contains("yMulti()"), e.getMessage());
    assertThrows(IllegalStateException.class, d::yDouble);
    assertThrows(IllegalStateException.class, d::classCounts);
  }

  @Test
  void singleTargetDatasetsAreUnchangedAndRejectLabelCalls() {
    Dataset d = Dataset.builder(table()).target("fever").features("a", "b").build();
    assertEquals(Task.CLASSIFICATION, d.task());
    assertEquals(List.of("0", "1"), d.classNames());
    assertEquals(List.of("fever"), d.targets());
    IllegalStateException e = assertThrows(IllegalStateException.class, d::yMulti);
    assertTrue(e.getMessage().contains("multi-label"), e.getMessage());
    assertThrows(IllegalStateException.class, d::labelNames);
  }

  @Test
  void ofArraysRoundTripsAndSelectKeepsRowsAligned() {
    float[][] x = new float[20][];
    int[][] y = new int[20][];
    for (int i = 0; i < 20; i++) {
      x[i] = new float[] {i, -i};
      y[i] = new int[] {i % 2, i % 3 == 0 ? 1 : 0, i >= 10 ? 1 : 0};
    }
    Dataset d = Dataset.of(x, List.of("u", "v"), y, List.of("odd", "third", "late"));
    assertEquals(List.of("odd", "third", "late"), d.labelNames());
    assertTrue(Arrays.deepEquals(y, d.yMulti()));
    Dataset s = d.select(17, 3, 10);
    assertTrue(Arrays.deepEquals(new int[][] {y[17], y[3], y[10]}, s.yMulti()));
    assertEquals(Task.MULTI_LABEL, s.task());
    // plain shuffled split: every row once, labels still belong to their feature row
    Split split = d.split(0.75, 7);
    assertEquals(15, split.train().rows());
    assertEquals(5, split.test().rows());
    for (Dataset part : List.of(split.train(), split.test())) {
      float[][] px = part.x();
      int[][] py = part.yMulti();
      for (int i = 0; i < px.length; i++) {
        assertArrayEquals(y[(int) px[i][0]], py[i]);
      }
    }
    List<Split> folds = d.kFold(4, 3);
    int total = 0;
    for (Split f : folds) {
      total += f.test().rows();
      float[][] px = f.test().x();
      int[][] py = f.test().yMulti();
      for (int i = 0; i < px.length; i++) {
        assertArrayEquals(y[(int) px[i][0]], py[i]);
      }
    }
    assertEquals(20, total);
    // standardising keeps the labels
    Dataset std = Standardizer.fit(d).apply(d);
    assertTrue(Arrays.deepEquals(y, std.yMulti()));
  }

  @Test
  void aLabelValueOtherThanZeroOrOneNamesColumnAndRow() {
    Table t = table();
    t.replaceColumn("rash", DoubleColumn.create("rash", 0, 0, 2, 1, 1, 1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.builder(t).targets("fever", "rash").features("a", "b").build());
    assertTrue(e.getMessage().contains("'rash'") && e.getMessage().contains("row index 2")
        && e.getMessage().contains("expected 0 or 1"), e.getMessage());

    int[][] y = {{0, 1}, {1, 3}};
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of(new float[][] {{1}, {2}}, List.of("f"), y, List.of("p", "q")));
    assertTrue(e2.getMessage().contains("'q'") && e2.getMessage().contains("row index 1"), e2.getMessage());
  }

  @Test
  void aMissingLabelNamesColumnAndRow() {
    Table t = table();
    IntColumn fever = IntColumn.create("fever", 1, 0, 1, 0, 1, 0);
    fever.setMissing(4);
    t.replaceColumn("fever", fever);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dataset.builder(t).targets("fever", "cough").features("a", "b").build());
    assertTrue(e.getMessage().contains("'fever'") && e.getMessage().contains("missing at row index 4"),
        e.getMessage());
  }

  @Test
  void csvLoaderReadsLabelColumns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path f = dir.resolve("ml.csv");
    java.nio.file.Files.writeString(f, "a,b,fever,cough\n1.5,2,1,0\n2.5,3,0,1\n3.5,1,1,1\n");
    Dataset d = CsvLoader.from(f).targets("fever", "cough").load();
    assertEquals(List.of("a", "b"), d.features());
    assertTrue(Arrays.deepEquals(new int[][] {{1, 0}, {0, 1}, {1, 1}}, d.yMulti()));
    java.nio.file.Files.writeString(f, "a,b,fever,cough\n1.5,2,1,0\n2.5,3,,1\n3.5,1,1,1\n");
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> CsvLoader.from(f).targets("fever", "cough").load());
    assertTrue(missing.getMessage().contains("line 3") && missing.getMessage().contains("'fever' is missing"),
        missing.getMessage());
    java.nio.file.Files.writeString(f, "a,b,fever,cough\n1.5,2,1,0\n2.5,3,0,1\n3.5,1,1,2\n");
    IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
        () -> CsvLoader.from(f).targets("fever", "cough").load());
    assertTrue(two.getMessage().contains("'cough' at row index 2 is 2"), two.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> CsvLoader.from(f).targets("fever", "rash").load());
    assertTrue(unknown.getMessage().contains("no column 'rash'"), unknown.getMessage());
  }

  @Test
  void badRolesFailFast() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> Dataset.builder(table()).targets("fever", "sneeze").build());
    assertTrue(unknown.getMessage().contains("'sneeze'") && unknown.getMessage().contains("fever"),
        unknown.getMessage());
    IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
        () -> Dataset.builder(table()).targets("fever", "patient").features("a").build());
    assertTrue(text.getMessage().contains("'patient'") && text.getMessage().contains("p1"), text.getMessage());
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
        () -> Dataset.builder(table()).target("fever").targets("cough", "rash").build());
    assertTrue(both.getMessage().contains("not both"), both.getMessage());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> Dataset.builder(table()).targets("fever", "fever").build());
    assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    IllegalArgumentException feature = assertThrows(IllegalArgumentException.class,
        () -> Dataset.builder(table()).targets("fever", "cough").features("a", "fever").build());
    assertTrue(feature.getMessage().contains("'fever'"), feature.getMessage());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
        () -> Dataset.builder(table()).targets());
    assertTrue(empty.getMessage().contains("at least one"), empty.getMessage());
    IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of(new float[][] {{1}, {2}}, List.of("f"), new int[][] {{1, 0}}, List.of("p", "q")));
    assertTrue(rows.getMessage().contains("2 rows, 1 label rows"), rows.getMessage());
    IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of(new float[][] {{1}, {2}}, List.of("f"), new int[][] {{1, 0}, {1}}, List.of("p", "q")));
    assertTrue(width.getMessage().contains("Label row 1 has 1 values, expected 2"), width.getMessage());
  }
}
