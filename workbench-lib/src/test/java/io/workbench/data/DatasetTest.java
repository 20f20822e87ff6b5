package io.workbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A dataset is an immutable table with roles; table- and matrix-backed datasets behave alike. */
class DatasetTest {

  private static final float[][] X = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};

  @Test
  void matrixBackedDatasetBehavesLikeATable() {
    Dataset d = Dataset.of(X, List.of("a", "b"), new int[] {0, 1, 1, 0}, List.of("no", "yes"));
    assertEquals(4, d.rows());
    assertArrayEquals(new int[] {2, 2}, d.classCountsArray());
    Dataset sub = d.select(3, 1);
    assertArrayEquals(new float[] {7, 8}, sub.x()[0]);
    assertArrayEquals(new int[] {0, 1}, sub.y());
    Table t = d.table();
    assertEquals(List.of("a", "b", "label"), t.columnNames());
    assertEquals(6.0, ((tech.tablesaw.api.NumericColumn<?>) t.column("b")).getDouble(2), 1e-9);
    assertArrayEquals(new double[] {1, 3, 5, 7}, d.column("a"));
    float[][] copy = d.x();
    copy[0][0] = 99;
    assertEquals(1f, d.x()[0][0], "x() hands out a copy");
    assertEquals(List.of(1, 0, 1, 0).size(), d.withLabels(new int[] {1, 0, 1, 0}).y().length);
    assertEquals(0, d.head(0).rows(), "an empty selection is a dataset with no rows");
    assertEquals(0, Datasets.iris().head(0).rows());
    assertEquals(0, Datasets.iris().rows(new int[0]).x().length);
  }

  @Test
  void standardisingATableGivesTheSameNumbersAsTheMatrix() {
    Table t = Table.create("t", DoubleColumn.create("a", 1, 3, 5, 7), DoubleColumn.create("b", 2, 4, 6, 8),
        IntColumn.create("y", 0, 1, 1, 0));
    Dataset table = Dataset.builder(t).target("y").build();
    Dataset matrix = Dataset.of(X, List.of("a", "b"), new int[] {0, 1, 1, 0}, List.of("0", "1"));
    assertArrayEquals(Standardizer.fit(table).apply(table).x()[2], Standardizer.fit(matrix).apply(matrix).x()[2]);
    assertEquals(table.classNames(), matrix.classNames());
  }

  @Test
  void rolesAreCheckedAgainstTheColumns() {
    Table t = Table.create("t", DoubleColumn.create("a", 1, 2), StringColumn.create("y", "u", "v"));
    String msg = assertThrows(IllegalArgumentException.class,
        () -> Dataset.builder(t).target("z").build()).getMessage();
    assertTrue(msg.contains("'z'") && msg.contains("[a, y]"), msg);
    msg = assertThrows(IllegalArgumentException.class,
        () -> Dataset.builder(t).target("y").features("a", "y").build()).getMessage();
    assertTrue(msg.contains("'y'"), msg);
    msg = assertThrows(IllegalArgumentException.class,
        () -> Dataset.builder(t).target("y").classNames("u").build()).getMessage();
    assertTrue(msg.contains("'v'") && msg.contains("[u]"), msg);
    msg = assertThrows(IllegalArgumentException.class,
        () -> Dataset.of(new float[][] {{1, Float.NaN}}, List.of("a", "b"), new int[] {0}, List.of("0", "1"))).getMessage();
    assertTrue(msg.contains("'b'") && msg.contains("row index 0"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> Datasets.iris().featureIndex("petal")).getMessage();
    assertTrue(msg.contains("petal length (cm)"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> Datasets.iris().select(150)).getMessage();
    assertTrue(msg.contains("150") && msg.contains("0..149"), msg);
  }

  @Test
  void summaryAndCountsRender() {
    Dataset iris = Datasets.iris();
    Table s = iris.summary();
    assertEquals(4, s.rowCount());
    assertEquals(5.843333, s.doubleColumn("mean").get(0), 1e-6, "sepal length mean (Fisher's iris)");
    assertEquals(3, iris.classCountsTable().rowCount());
    assertTrue(iris.toString().contains("150 rows") && iris.toString().contains("setosa=50"), iris.toString());
  }
}
