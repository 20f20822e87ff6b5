package io.workbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Splits are seeded, disjoint, complete, stratified, group-aware and time-ordered as promised. */
class SplitsTest {

  private final Dataset bc = Datasets.breastCancer();

  @Test
  void stratifiedTrainTestKeepsClassSharesAndIsSeeded() {
    Split s = bc.split(0.8, 42);
    assertEquals(569, s.train().rows() + s.test().rows());
    // 212 malignant, 357 benign: round(0.2 * 212) = 42 and round(0.2 * 357) = 71 go to test.
    assertArrayEquals(new int[] {42, 71}, s.test().classCountsArray());
    assertArrayEquals(new int[] {170, 286}, s.train().classCountsArray());
    assertDisjointAndComplete(s.trainRows(), s.testRows(), 569);
    assertArrayEquals(s.testRows(), bc.split(0.8, 42).testRows(), "same seed, same split");
    assertFalse(Arrays.equals(s.testRows(), bc.split(0.8, 7).testRows()), "other seed, other split");
    // the test part holds exactly the parent's rows
    int r = s.testRows()[3];
    assertArrayEquals(bc.x(new int[] {r})[0], s.test().x()[3]);
  }

  @Test
  void kFoldCoversEveryRowOnceAndStratifies() {
    List<Split> folds = bc.kFold(5, 1);
    int[] seen = new int[569];
    for (Split f : folds) {
      assertDisjointAndComplete(f.trainRows(), f.testRows(), 569);
      for (int r : f.testRows()) {
        seen[r]++;
      }
      int[] c = f.test().classCountsArray();
      assertTrue(c[0] >= 42 && c[0] <= 43, "malignant per fold ~212/5: " + c[0]);
    }
    for (int i = 0; i < seen.length; i++) {
      assertEquals(1, seen[i], "row " + i + " is in exactly one test fold");
    }
  }

  @Test
  void groupKFoldNeverPutsAPatientOnBothSides() {
    Dataset d = patients(60, 13);
    List<Split> folds = Splits.groupKFold(d, 4, 3);
    String[] g = d.groups();
    Set<String> testedGroups = new HashSet<>();
    for (Split f : folds) {
      Set<String> train = new HashSet<>();
      for (int r : f.trainRows()) {
        train.add(g[r]);
      }
      for (int r : f.testRows()) {
        assertFalse(train.contains(g[r]), "group " + g[r] + " on both sides");
        testedGroups.add(g[r]);
      }
      assertDisjointAndComplete(f.trainRows(), f.testRows(), 60);
    }
    assertEquals(13, testedGroups.size(), "every group tested once");
    Split s = Splits.byGroup(d, 0.75, 5);
    Set<String> train = new HashSet<>();
    for (int r : s.trainRows()) {
      train.add(g[r]);
    }
    for (int r : s.testRows()) {
      assertFalse(train.contains(g[r]));
    }
  }

  @Test
  void timeSplitTrainsStrictlyBeforeTest() {
    Dataset d = patients(50, 5);
    Split s = Splits.byTime(d, 0.7);
    double[] t = d.column("t");
    double maxTrain = Arrays.stream(s.trainRows()).mapToDouble(i -> t[i]).max().orElseThrow();
    double minTest = Arrays.stream(s.testRows()).mapToDouble(i -> t[i]).min().orElseThrow();
    assertTrue(maxTrain < minTest, maxTrain + " < " + minTest);
    assertEquals(35, s.train().rows());
    for (Split f : Splits.timeSeriesFolds(d, 4)) {
      double a = Arrays.stream(f.trainRows()).mapToDouble(i -> t[i]).max().orElseThrow();
      double b = Arrays.stream(f.testRows()).mapToDouble(i -> t[i]).min().orElseThrow();
      assertTrue(a < b, "fold trains before it tests");
    }
  }

  @Test
  void badSplitsFailClearly() {
    Dataset tiny = bc.head(3);
    String msg = assertThrows(IllegalArgumentException.class, () -> Splits.trainTest(tiny.toBuilder().regression().build(), 0.9, 1)).getMessage();
    assertTrue(msg.contains("test split would be empty"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> bc.split(1.0, 1)).getMessage();
    assertTrue(msg.contains("trainFraction"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> bc.kFold(1, 1)).getMessage();
    assertTrue(msg.contains("k >= 2"), msg);
    msg = assertThrows(IllegalArgumentException.class, () -> Splits.groupKFold(patients(20, 3), 4, 1)).getMessage();
    assertTrue(msg.contains("3") && msg.contains("groups"), msg);
    assertThrows(IllegalStateException.class, () -> Splits.byTime(bc, 0.5), "no time column");
  }

  private static void assertDisjointAndComplete(int[] train, int[] test, int n) {
    boolean[] seen = new boolean[n];
    for (int r : train) {
      seen[r] = true;
    }
    for (int r : test) {
      assertFalse(seen[r], "row " + r + " in train and test");
      seen[r] = true;
    }
    for (int i = 0; i < n; i++) {
      assertTrue(seen[i], "row " + i + " in neither part");
    }
  }

  /** n rows over g patients, times shuffled, a binary label. */
  static Dataset patients(int n, int g) {
    String[] pid = new String[n];
    double[] t = new double[n];
    double[] x = new double[n];
    int[] y = new int[n];
    java.util.Random r = new java.util.Random(9);
    for (int i = 0; i < n; i++) {
      pid[i] = "p" + (i % g);
      t[i] = (i * 37) % n;
      x[i] = r.nextGaussian();
      y[i] = i % 2;
    }
    Table tab = Table.create("patients", StringColumn.create("pid", pid), DoubleColumn.create("t", t),
        DoubleColumn.create("x", x), IntColumn.create("y", y));
    return Dataset.builder(tab).target("y").features("x").group("pid").time("t").build();
  }
}
