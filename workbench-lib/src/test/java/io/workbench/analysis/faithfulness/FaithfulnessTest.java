package io.workbench.analysis.faithfulness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.explain.Attribution;
import io.workbench.explain.Background;
import io.workbench.explain.Baseline;
import io.workbench.explain.Explain;
import io.workbench.explain.Target;
import io.workbench.testing.TestModels;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaithfulnessTest {

  static final int D = 10;

  static float[][] data(int n, long seed, boolean positive) {
    Random r = new Random(seed);
    float[][] x = new float[n][D];
    for (float[] row : x) {
      for (int j = 0; j < D; j++) {
        row[j] = positive ? (float) (0.1 + r.nextDouble()) : (float) r.nextGaussian();
      }
    }
    return x;
  }

  static double[] weights(boolean positive) {
    double[] w = new double[D];
    for (int j = 0; j < D; j++) {
      w[j] = (positive ? 1 : (j % 2 == 0 ? 1 : -1)) * (0.2 + 0.3 * j);
    }
    return w;
  }

  static double dot(double[] w, float[] x) {
    double s = 0;
    for (int j = 0; j < w.length; j++) {
      s += w[j] * x[j];
    }
    return s;
  }

  static double[][] wx(double[] w, float[][] x) {
    double[][] phi = new double[x.length][D];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < D; j++) {
        phi[i][j] = w[j] * x[i][j];
      }
    }
    return phi;
  }

  @Test
  void deletionOfLinearModelByAbsoluteContributionFallsFastest() {
    double[] w = weights(true);
    float[][] x = data(200, 1, true);
    TestModels.Fn model = new TestModels.Fn(TestModels.names(D), r -> dot(w, r));
    double[][] phi = wx(w, x);
    int[] t = new int[x.length];
    Faithfulness f = Faithfulness.create().absolute(true).steps(10).seed(3).batchRows(4096);
    FaithfulnessCurve most = f.deletion(model, x, phi, t);
    // ordered + random curves: 2 * 200 rows * 11 points = 4400 rows -> 2 calls of <= 4096
    assertEquals(2, model.calls);
    assertEquals(4096, model.maxBatch);
    FaithfulnessCurve least = f.order(Faithfulness.Order.LEAST_RELEVANT_FIRST).deletion(model, x, phi, t);
    assertTrue(most.auc() < most.randomAuc() - 0.3, most.toString());
    assertTrue(most.randomAuc() < least.auc() - 0.3, least.toString());

    // the mean curve by hand: f(x) minus the k largest |w_j x_j| (all positive here)
    double[] expect = new double[11];
    for (int i = 0; i < x.length; i++) {
      double[] c = phi[i].clone();
      Arrays.sort(c);
      double fx = dot(w, x[i]);
      for (int k = 0; k <= 10; k++) {
        double removed = 0;
        for (int m = 0; m < k; m++) {
          removed += c[D - 1 - m];
        }
        expect[k] += (fx - removed) / x.length;
      }
    }
    assertArrayEquals(expect, most.y(), 1e-4);
    for (int k = 0; k <= 10; k++) {
      assertEquals(k / 10.0, most.x()[k], 1e-12);
    }
    // trapezoid area of the hand curve, x step 0.1
    double area = 0;
    for (int k = 0; k < 10; k++) {
      area += 0.1 * (expect[k] + expect[k + 1]) / 2;
    }
    assertEquals(area, most.auc(), 1e-4);
    assertEquals(area, Arrays.stream(most.rowAuc()).average().getAsDouble(), 1e-4);
    // deleting everything leaves f(0) = 0 for every ordering
    assertEquals(0, most.y()[10], 1e-6);
    assertEquals(0, most.randomY()[10], 1e-6);
    assertEquals(most.y()[0], most.randomY()[0], 1e-9);
  }

  @Test
  void signedDeletionIsPointwiseBelowAnyOtherOrdering() {
    double[] w = weights(false);
    float[][] x = data(100, 2, false);
    TestModels.Fn model = new TestModels.Fn(TestModels.names(D), r -> dot(w, r) + 1);
    double[][] phi = wx(w, x);
    FaithfulnessCurve c = Faithfulness.create().steps(D).keepRows(true).deletion(model, x, phi, new int[x.length]);
    for (int i = 0; i < x.length; i++) {
      double[] desc = phi[i].clone();
      Arrays.sort(desc);
      double v = dot(w, x[i]) + 1;
      assertEquals(v, c.rows()[i][0], 1e-5);
      for (int k = 1; k <= D; k++) {
        v -= desc[D - k];
        assertEquals(v, c.rows()[i][k], 1e-4, "row " + i + " step " + k);
      }
    }
    for (int k = 0; k <= D; k++) {
      assertTrue(c.y()[k] <= c.randomY()[k] + 1e-6);
    }
  }

  @Test
  void insertionWithExactShapleyBeatsRandom() {
    double[] w = weights(false);
    float[][] x = data(60, 4, false);
    TestModels.Logit model = new TestModels.Logit(TestModels.names(D), r -> dot(w, r));
    float[][] zero = new float[1][D];
    Attribution a = Explain.exactShapley(model, Background.of(zero)).target(Target.of(1)).explain(x);
    Faithfulness f = Faithfulness.create().baseline(Baseline.values(new float[D])).seed(9);
    FaithfulnessCurve ins = f.insertion(model, a);
    assertEquals("insertion", ins.kind());
    assertTrue(ins.auc() > ins.randomAuc() + 0.05, ins.toString());
    // insertion starts at the baseline output, sigmoid(0) = 0.5, and ends at the mean P(class 1 | x)
    assertEquals(0.5, ins.y()[0], 1e-6);
    double mean = IntStream.range(0, x.length).mapToDouble(i -> 1 / (1 + Math.exp(-dot(w, x[i])))).average()
        .getAsDouble();
    assertEquals(mean, ins.y()[ins.y().length - 1], 1e-5);
    FaithfulnessCurve del = f.deletion(model, a);
    assertTrue(del.auc() < del.randomAuc() - 0.05, del.toString());
  }

  @Test
  void randomOrderingIsSeeded() {
    double[] w = weights(false);
    float[][] x = data(30, 5, false);
    TestModels.Fn model = new TestModels.Fn(TestModels.names(D), r -> dot(w, r));
    double[][] phi = wx(w, x);
    int[] t = new int[x.length];
    FaithfulnessCurve a = Faithfulness.create().seed(1).deletion(model, x, phi, t);
    FaithfulnessCurve b = Faithfulness.create().seed(1).threads(3).batchRows(17).deletion(model, x, phi, t);
    FaithfulnessCurve c = Faithfulness.create().seed(2).deletion(model, x, phi, t);
    assertArrayEquals(a.randomY(), b.randomY(), 0);
    assertNotEquals(a.randomAuc(), c.randomAuc());
    FaithfulnessCurve none = Faithfulness.create().random(false).deletion(model, x, phi, t);
    assertNull(none.randomY());
    assertTrue(Double.isNaN(none.randomAuc()));
    assertEquals(a.auc(), none.auc(), 1e-12);
  }

  @Test
  void stepRules() {
    double[] w = weights(true);
    float[][] x = data(5, 6, true);
    TestModels.Fn model = new TestModels.Fn(TestModels.names(D), r -> dot(w, r));
    double[][] phi = wx(w, x);
    int[] t = new int[x.length];
    assertEquals(D + 1, Faithfulness.create().deletion(model, x, phi, t).x().length);   // 50 steps capped at 10
    assertEquals(5, Faithfulness.create().stepSize(3).deletion(model, x, phi, t).x().length);   // 0,3,6,9,10
    assertArrayEquals(new double[] {0, 0.3, 0.6, 0.9, 1}, Faithfulness.create().stepSize(3)
        .deletion(model, x, phi, t).x(), 1e-12);
    assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1}, Faithfulness.create().stepFraction(0.2)
        .deletion(model, x, phi, t).x(), 1e-12);
  }

  @Test
  void windowsOverASignalRemoveWholeWindowsByTotalAttribution() {
    // sample shape [2, 20]: 2 channels, windows of 5 samples -> 8 windows; model = sum of all values
    int c = 2;
    int len = 20;
    int d = c * len;
    int[] groups = Faithfulness.windowGroups(new int[] {c, len}, 5);
    assertEquals(0, groups[4]);
    assertEquals(1, groups[5]);
    assertEquals(4, groups[20]);
    assertEquals(7, groups[39]);
    int[] img = Faithfulness.windowGroups(new int[] {1, 4, 4}, 2);   // 2x2 patches
    assertArrayEquals(new int[] {0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3}, img);

    Random r = new Random(7);
    float[][] x = new float[3][d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) r.nextGaussian();
      }
    }
    double[][] phi = new double[3][d];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < d; j++) {
        phi[i][j] = x[i][j];
      }
    }
    TestModels.Fn model = new TestModels.Fn(TestModels.names(d), row -> {
      double s = 0;
      for (float v : row) {
        s += v;
      }
      return s;
    });
    Attribution a = Attribution.builder("test", TestModels.names(d)).sampleShape(c, len).values(phi).inputs(x)
        .baseValues(new double[3]).outputs(new double[3]).targets(new int[3]).build();
    FaithfulnessCurve curve = Faithfulness.create().windows(5).keepRows(true).deletion(model, a);
    assertEquals(8, curve.units());
    assertEquals(9, curve.x().length);
    for (int i = 0; i < 3; i++) {
      // hand: window sums, removed in descending order
      double[] sums = new double[8];
      for (int j = 0; j < d; j++) {
        sums[(j / len) * 4 + (j % len) / 5] += x[i][j];
      }
      Double[] sorted = Arrays.stream(sums).boxed().sorted(Comparator.reverseOrder()).toArray(Double[]::new);
      double v = Arrays.stream(sums).sum();
      assertEquals(v, curve.rows()[i][0], 1e-4);
      for (int k = 1; k <= 8; k++) {
        v -= sorted[k - 1];
        assertEquals(v, curve.rows()[i][k], 1e-4);
      }
    }
    // explicit groups give the same curve
    FaithfulnessCurve g = Faithfulness.create().groups(groups).deletion(model, a);
    assertArrayEquals(curve.y(), g.y(), 1e-9);
  }

  @Test
  void displaysAsTables() {
    double[] w = weights(true);
    float[][] x = data(5, 6, true);
    TestModels.Fn model = new TestModels.Fn(TestModels.names(D), r -> dot(w, r));
    FaithfulnessCurve c = Faithfulness.create().deletion(model, x, wx(w, x), new int[5]);
    assertEquals(3, c.toTable().columnCount());
    assertEquals(D + 1, c.toTable().rowCount());
    assertEquals(2, c.summary().rowCount());
    assertTrue(c.toHtml().contains("random"));
    assertTrue(c.toText().contains("fraction"));
  }

  @Test
  void badInput() {
    double[] w = weights(true);
    float[][] x = data(5, 6, true);
    TestModels.Fn model = new TestModels.Fn(TestModels.names(D), r -> dot(w, r));
    double[][] phi = wx(w, x);
    Faithfulness f = Faithfulness.create();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.deletion(model, x, Arrays.copyOf(phi, 4), new int[5]));
    assertTrue(e.getMessage().contains("attributions have 4 rows but x has 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> f.baseline(Baseline.values(new float[3])).deletion(model, x, phi, new int[5]));
    assertTrue(e.getMessage().contains("baseline has 3 values, expected 10"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> f.steps(0));
    assertTrue(e.getMessage().contains("steps must be >= 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> f.stepSize(0));
    assertTrue(e.getMessage().contains("stepSize"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> f.stepFraction(1.5));
    assertTrue(e.getMessage().contains("stepFraction"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> f.deletion(model, x, phi, new int[] {0, 0, 0, 0, 1}));
    assertTrue(e.getMessage().contains("target of row 4 is 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> f.groups(0, 2));
    assertTrue(e.getMessage().contains("group 1 is empty"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> f.groups(0, 1).deletion(model, x, phi, new int[5]));
    assertTrue(e.getMessage().contains("groups cover 2 features, expected 10"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> f.baseline(Baseline.perRow(new float[2][D])).insertion(model, x, phi, new int[5]));
    assertTrue(e.getMessage().contains("baseline has 2 rows"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Baseline.constant(Double.NaN));
    assertTrue(e.getMessage().contains("finite"), e.getMessage());
    double[][] bad = wx(w, x);
    bad[2][3] = Double.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> f.deletion(model, x, bad, new int[5]));
    assertTrue(e.getMessage().contains("attribution row 2, feature 3"), e.getMessage());
  }
}
