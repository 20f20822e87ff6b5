package io.workbench.labels;

import static io.workbench.labels.HandExamples.A_LABELS;
import static io.workbench.labels.HandExamples.A_PROBS;
import static io.workbench.labels.HandExamples.B_LABELS;
import static io.workbench.labels.HandExamples.B_PROBS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Confident joint, calibration and noise matrices against hand computations (see {@link HandExamples}). */
class ConfidentJointTest {

  private static final double TOL = 1e-12;

  @Test
  void exampleAThresholdsJointCalibrationAndMatricesMatchTheHandComputation() {
    ConfidentJoint cj = ConfidentJoint.compute(A_PROBS, A_LABELS);
    // t0 = (0.9 + 0.8 + 0.1 + 0.6) / 4 = 0.6; t1 = (0.7 + 0.6 + 0.9 + 0.2) / 4 = 0.6;
    // t2 = (0.7 + 0.5 + 0.3 + 0.1) / 4 = 0.4
    assertArrayEquals(new double[] {0.6, 0.6, 0.4}, cj.thresholds(), 1e-12);
    assertArrayEquals(new int[] {0, 0, 1, 0, 1, 1, 1, 0, 2, 2, -1, 1}, cj.confidentClasses());
    // given 0: rows 0,1,3 -> 0, row 2 -> 1; given 1: row 7 -> 0, rows 4,5,6 -> 1;
    // given 2: row 11 -> 1, rows 8,9 -> 2, row 10 not counted
    assertArrayEquals(new int[][] {{3, 1, 0}, {1, 3, 0}, {0, 1, 2}}, cj.counts());
    // calibration: rows 0 and 1 already sum to their class counts (4); row 2 sums to 3 but 4 rows are
    // labelled 2: [0, 1, 2] * 4/3 = [0, 1.333, 2.667] -> floors [0, 1, 2], the missing unit goes to the
    // largest fraction (0.667, class 2) -> [0, 1, 3]
    int[][] cal = {{3, 1, 0}, {1, 3, 0}, {0, 1, 3}};
    assertArrayEquals(cal, cj.calibrated());
    // column sums 4, 5, 3 (n = 12): P(given | true) = column-normalised calibrated joint
    double[][] noise = {
      {3 / 4.0, 1 / 5.0, 0},
      {1 / 4.0, 3 / 5.0, 0},
      {0, 1 / 5.0, 1}
    };
    assertMatrix(noise, cj.noiseMatrix());
    // row sums 4, 4, 4: P(true = j | given = i) = cal[i][j] / 4, stored as [j][i]
    double[][] inverse = {
      {3 / 4.0, 1 / 4.0, 0},
      {1 / 4.0, 3 / 4.0, 1 / 4.0},
      {0, 0, 3 / 4.0}
    };
    assertMatrix(inverse, cj.inverseNoiseMatrix());
    assertArrayEquals(new double[] {4 / 12.0, 5 / 12.0, 3 / 12.0}, cj.truePrior(), TOL);
    assertMatrix(new double[][] {{3 / 12.0, 1 / 12.0, 0}, {1 / 12.0, 3 / 12.0, 0}, {0, 1 / 12.0, 3 / 12.0}}, cj.joint());
    // 12 rows minus the trace 3 + 3 + 3
    assertEquals(3, cj.estimatedIssueCount());
    assertArrayEquals(new int[] {2, 7, 11}, cj.offDiagonalRows(A_LABELS));
    assertArrayEquals(new int[] {4, 4, 4}, cj.givenCounts());
  }

  @Test
  void exampleBCountsARowWithTwoConfidentClassesAsTheMostLikelyOfThem() {
    ConfidentJoint cj = ConfidentJoint.compute(B_PROBS, B_LABELS);
    assertArrayEquals(new double[] {0.8, 0.2, 0.2}, cj.thresholds(), 1e-12);
    // row 2 = [0.5, 0.25, 0.25]: classes 1 and 2 are confident (0.25 >= 0.2), class 0 is not
    // (0.5 < 0.8); equal probabilities -> the lower index 1
    assertArrayEquals(new int[] {0, 0, 1, 1, 0, 2, 0}, cj.confidentClasses());
    // given 0: 0,0,1 -> [2, 1, 0]; given 1: 1,0 -> [1, 1, 0]; given 2: 2,0 -> [1, 0, 1]
    assertArrayEquals(new int[][] {{2, 1, 0}, {1, 1, 0}, {1, 0, 1}}, cj.counts());
    // the rows already sum to the class counts 3, 2, 2: calibration changes nothing
    assertArrayEquals(new int[][] {{2, 1, 0}, {1, 1, 0}, {1, 0, 1}}, cj.calibrated());
    // column sums 4, 2, 1
    assertMatrix(new double[][] {{0.5, 0.5, 0}, {0.25, 0.5, 0}, {0.25, 0, 1}}, cj.noiseMatrix());
    assertArrayEquals(new double[] {4 / 7.0, 2 / 7.0, 1 / 7.0}, cj.truePrior(), TOL);
  }

  @Test
  void emptyDiagonalIsRaisedToOneBeforeCalibration() {
    double[][] r = {{0.9, 0.1}, {0.95, 0.05}, {0.9, 0.1}};
    // t0 = 0.9, t1 = (0.05 + 0.1) / 2 = 0.075. Row 0 -> 0. Row 1: 0.95 >= 0.9, 0.05 < 0.075 -> 0.
    // Row 2: 0.9 >= 0.9 and 0.1 >= 0.075, both confident -> the larger, 0.
    // Raw: given 0 -> [1, 0]; given 1 -> [2, 0], whose empty diagonal is raised to 1 -> [2, 1].
    // Calibrating given 1 to its 2 rows: [2, 1] * 2/3 = [1.333, 0.667] -> floors [1, 0], the missing
    // unit to the larger fraction (0.667) -> [1, 1].
    ConfidentJoint c = ConfidentJoint.compute(r, new int[] {0, 1, 1});
    assertArrayEquals(new int[] {0, 0, 0}, c.confidentClasses());
    assertArrayEquals(new int[][] {{1, 0}, {2, 1}}, c.counts());
    assertArrayEquals(new int[][] {{1, 0}, {1, 1}}, c.calibrated());
    // column sums 2, 1: P(given 1 | true 0) = 1/2, P(given 1 | true 1) = 1
    assertMatrix(new double[][] {{0.5, 0}, {0.5, 1}}, c.noiseMatrix());
  }

  @Test
  void absentClassIsNeverConfidentAndKeepsAnIdentityNoiseColumn() {
    double[][] p = {{0.8, 0.1, 0.1}, {0.2, 0.7, 0.1}, {0.1, 0.1, 0.8}, {0.7, 0.2, 0.1}};
    int[] y = {0, 1, 0, 1}; // nobody is labelled 2
    ConfidentJoint cj = ConfidentJoint.compute(p, y);
    assertEquals(Double.POSITIVE_INFINITY, cj.thresholds()[2]);
    // t0 = (0.8 + 0.1) / 2 = 0.45, t1 = (0.7 + 0.2) / 2 = 0.45. Row 0 -> 0; row 1 -> 1; row 2
    // (0.8 in class 2) has no confident class: 0.1 < 0.45 twice, class 2 never; row 3 -> 0.
    assertArrayEquals(new int[] {0, 1, -1, 0}, cj.confidentClasses());
    // raw: given 0 -> [1, 0, 0], given 1 -> [1, 1, 0], given 2 -> [0, 0, 1] (diagonal raised);
    // calibrated to the counts 2, 2, 0: [2, 0, 0], [1, 1, 0], [0, 0, 0]
    assertArrayEquals(new int[][] {{1, 0, 0}, {1, 1, 0}, {0, 0, 1}}, cj.counts());
    assertArrayEquals(new int[][] {{2, 0, 0}, {1, 1, 0}, {0, 0, 0}}, cj.calibrated());
    double[][] nm = cj.noiseMatrix();
    assertArrayEquals(new double[] {0, 0, 1}, new double[] {nm[0][2], nm[1][2], nm[2][2]}, TOL);
    assertEquals(0.0, cj.truePrior()[2], TOL);
  }

  @Test
  void roundingFollowsCleanlabAndBreaksTiesTowardsTheHigherClass() {
    // cleanlab 2.5 round_preserving_sum, worked by hand:
    // [0.5, 0.5, 1.0] sums to 2: rint -> [0, 0, 1] (halves to even), one unit short; value - rounded is
    //   [0.5, 0.5, 0], tie between columns 0 and 1 -> the higher, column 1
    // [2.2, 0.4, 0.4] sums to 3: rint -> [2, 0, 0], one short; [0.2, 0.4, 0.4] -> tie -> column 2
    // [0.6, 0.6, 0.8] sums to 2: rint -> [1, 1, 1], one too many; [-0.4, -0.4, -0.2] -> the largest is
    //   column 2, which loses its unit (cleanlab's order, not the largest remainder's [1, 0, 1])
    // [1.5, 2.5, 0.0] sums to 4: rint -> [2, 2, 0] already sums to 4
    // [0.25, 0.25, 0.25, 0.25] sums to 1: rint -> zeros; all equal -> the highest column, 3
    int[][] r = Inputs.roundPreservingRowTotals(new double[][] {{0.5, 0.5, 1.0}, {2.2, 0.4, 0.4}, {0.6, 0.6, 0.8},
        {1.5, 2.5, 0.0}});
    assertArrayEquals(new int[][] {{0, 1, 1}, {2, 0, 1}, {1, 1, 0}, {2, 2, 0}}, r);
    assertArrayEquals(new int[][] {{0, 0, 0, 1}},
        Inputs.roundPreservingRowTotals(new double[][] {{0.25, 0.25, 0.25, 0.25}}));
    // [3.4, 3.4, 3.2] sums to 10: rint -> [3, 3, 3], one short; residuals [0.4, 0.4, 0.2] -> tie -> column 1;
    // [0.4, 0.4, 0.4, 0.4, 0.4] sums to 2: two short, the two highest of five equal residuals move at once
    assertArrayEquals(new int[][] {{3, 4, 3}, {0, 0, 0, 1, 1}},
        Inputs.roundPreservingRowTotals(new double[][] {{3.4, 3.4, 3.2}, {0.4, 0.4, 0.4, 0.4, 0.4}}));
  }

  @Test
  void calibratedJointOfATieMatchesCleanlab() {
    // Given 0 (2 rows): both confidently class 0 -> [2, 0]; given 1 (3 rows): one confidently 0, one 1, one not
    // counted -> [1, 1]. Calibrated row 1: [1, 1] / 2 * 3 = [1.5, 1.5] -> rint [2, 2] (halves to even) overshoots
    // 3 by one; residuals [-0.5, -0.5] tie -> the higher column loses its unit: [2, 1].
    int[][] cal = ConfidentJoint.calibrate(new int[][] {{2, 0}, {1, 1}}, new int[] {2, 3});
    assertArrayEquals(new int[][] {{2, 0}, {2, 1}}, cal);
    // [1, 1] scaled to 5 = [2.5, 2.5] -> rint [2, 2], one short, tie -> the higher class: [2, 3] (cleanlab);
    // earlier versions gave [3, 2]
    assertArrayEquals(new int[][] {{2, 3}, {0, 1}},
        ConfidentJoint.calibrate(new int[][] {{1, 1}, {0, 1}}, new int[] {5, 1}));
  }

  @Test
  void floatInputGivesTheSameJointAndTablesNameTheClasses() {
    float[][] f = new float[A_PROBS.length][3];
    for (int i = 0; i < f.length; i++) {
      for (int j = 0; j < 3; j++) {
        f[i][j] = (float) A_PROBS[i][j];
      }
    }
    ConfidentJoint cj = ConfidentJoint.compute(f, A_LABELS);
    assertArrayEquals(new int[][] {{3, 1, 0}, {1, 3, 0}, {0, 1, 3}}, cj.calibrated());
    Table t = cj.noiseMatrixTable();
    assertEquals(4, t.columnCount());
    assertEquals(3, t.rowCount());
    assertEquals(0.2, t.doubleColumn("1").getDouble(0), TOL);
    assertEquals(3, cj.calibratedTable().intColumn("2").getInt(2));
    assertTrue(cj.toString().contains("estimated issues=3"));
    String html = cj.toHtml();
    assertTrue(html.contains("calibrated confident joint") && html.contains(">0.6</td>") && !html.contains("0.6000"), html);
    assertTrue(cj.toText().contains("noise matrix"), cj.toText());
  }

  @Test
  void badInputIsRejectedNamingTheRow() {
    IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
        () -> ConfidentJoint.compute(new double[][] {{0.5, 0.5}, {0.6, 0.3}}, new int[] {0, 1}));
    assertTrue(sum.getMessage().contains("row 1") && sum.getMessage().contains("sums to"), sum.getMessage());
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> ConfidentJoint.compute(new double[][] {{0.5, 0.5}, {0.6, 0.4}}, new int[] {0, 2}));
    assertTrue(label.getMessage().contains("labels row 1 is 2") && label.getMessage().contains("0..1"),
        label.getMessage());
    IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
        () -> ConfidentJoint.compute(new double[][] {{0.5, 0.5}}, new int[] {0, 1}));
    assertTrue(len.getMessage().contains("1 rows but labels has 2"), len.getMessage());
    IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
        () -> ConfidentJoint.compute(new double[][] {{0.5, 0.5}, {0.2, 0.3, 0.5}}, new int[] {0, 1}));
    assertTrue(ragged.getMessage().contains("row 1 has 3 values, expected 2"), ragged.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> ConfidentJoint.compute(new double[][] {{0.5, 0.5}, {Double.NaN, 1}}, new int[] {0, 1}));
    assertTrue(nan.getMessage().contains("row 1 class 0 is NaN"), nan.getMessage());
    IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
        () -> ConfidentJoint.compute(new double[][] {{1.2, -0.2}}, new int[] {0}));
    assertTrue(neg.getMessage().contains("row 0 class 0 is 1.2"), neg.getMessage());
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
        () -> ConfidentJoint.compute(new double[][] {{1.0}}, new int[] {0}));
    assertTrue(one.getMessage().contains("at least 2 classes"), one.getMessage());
    // within the 1e-3 tolerance is accepted
    ConfidentJoint.compute(new double[][] {{0.5, 0.5005}, {0.3, 0.7}}, new int[] {0, 1});
  }

  private static void assertMatrix(double[][] expected, double[][] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], actual[i], TOL, "row " + i);
    }
  }
}
