package io.workbench.explain.counterfactual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.model.Model;
import io.workbench.testing.TestModels;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Counterfactuals against the closed form of a logistic model (the nearest L1-MAD change moves the one
 * feature with the largest |w_j| * MAD_j to the decision boundary), and the constraints: immutable features,
 * whole numbers, ranges, the goal reached by every counterfactual, seeds and threads, bad input.
 */
class CounterfactualsTest {

  private static final double[] SD = {1, 2, 0.5, 3};

  private static Dataset reference(int n, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][4];
    int[] y = new int[n];
    for (float[] row : x) {
      for (int j = 0; j < 4; j++) {
        row[j] = (float) (SD[j] * r.nextGaussian());
      }
    }
    return Dataset.of(x, TestModels.names(4), y, List.of("neg", "pos"));
  }

  private static double logit(TestModels.Logistic m, float[] x) {
    double s = m.b;
    for (int j = 0; j < x.length; j++) {
      s += m.w[j] * x[j];
    }
    return s;
  }

  private static double mad(Dataset data, int j) {
    double[] v = data.column("x" + j).clone();
    Arrays.sort(v);
    return Space.scale(v);
  }

  @Test
  void logisticModelMovesTheFeatureWithTheBestWeightTimesMadToTheBoundary() {
    Dataset train = reference(400, 1);
    TestModels.Logistic m = new TestModels.Logistic(new double[] {1, 0.4, 3, 0.2}, 0);
    float[] x = {-0.3f, -0.5f, -0.2f, 0.4f};
    double z = logit(m, x);
    assertTrue(z < -0.5, "the row is class neg, logit " + z);
    int best = -1;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int j = 0; j < 4; j++) {
      double cost = Math.abs(z) / (Math.abs(m.w[j]) * mad(train, j));
      if (cost < bestCost) {
        bestCost = cost;
        best = j;
      }
    }
    assertEquals(2, best, "the design: x2 has the largest |w| * MAD");
    CounterfactualSet s = Counterfactuals.create(train).explain(m, x);
    assertEquals(1, s.size(), "one counterfactual by default");
    assertEquals(List.of("x2"), s.changed(0), "only the best feature changes");
    double want = x[2] - z / m.w[2];
    assertEquals(want, s.rows()[0][2], 2e-3, "x2 moves to the decision boundary");
    assertEquals(bestCost, s.distances()[0], 0.01 * bestCost, "distance is the closed-form L1/MAD cost");
    assertTrue(s.outputs()[0][1] >= 0.5, "predicted pos: " + s.outputs()[0][1]);
    assertTrue(s.toHtml().contains("background"), "changed cells highlighted");
    assertTrue(s.toText().contains("x2: "), s.toText());
  }

  @Test
  void immutableFeaturesNeverChangeAndEveryCounterfactualReachesTheGoal() {
    Dataset train = reference(300, 2);
    TestModels.Logistic m = new TestModels.Logistic(new double[] {1, 0.4, 3, 0.2}, 0);
    float[] x = {-0.3f, -0.5f, -0.2f, 0.4f};
    CounterfactualSet s = Counterfactuals.create(train).immutable("x2").count(4).candidates(300).explain(m, x);
    assertEquals(4, s.size(), "four diverse counterfactuals");
    float[][] again = m.predictProba(s.rows());
    for (int i = 0; i < s.size(); i++) {
      assertEquals(x[2], s.rows()[i][2], "immutable x2 unchanged in counterfactual " + i);
      assertTrue(again[i][1] >= 0.5, "counterfactual " + i + " is predicted pos: " + again[i][1]);
      for (int j = 0; j < 4; j++) {
        double[] col = train.column("x" + j);
        double lo = Arrays.stream(col).min().getAsDouble();
        double hi = Arrays.stream(col).max().getAsDouble();
        float v = s.rows()[i][j];
        assertTrue(v >= (float) lo && v <= (float) hi, "x" + j + " = " + v + " within the data's range");
      }
      for (int k = 0; k < i; k++) {
        assertTrue(!Arrays.equals(s.rows()[i], s.rows()[k]), "distinct counterfactuals " + k + ", " + i);
      }
    }
    assertTrue(s.distances()[0] <= Arrays.stream(s.distances()).min().getAsDouble(), "the cheapest first");
  }

  @Test
  void wholeNumberFeaturesStayWholeAndRegressionReachesTheRange() {
    Random r = new Random(3);
    int n = 200;
    float[][] x = new float[n][3];
    for (float[] row : x) {
      row[0] = r.nextInt(10);
      row[1] = (float) r.nextGaussian();
      row[2] = r.nextInt(3);
    }
    Dataset train = Dataset.of(x, TestModels.names(3), new double[n]);
    TestModels.Fn f = TestModels.regression(3, v -> 2 * v[0] + v[1] + 5 * v[2]);
    float[] row = {1, 0, 0};
    CounterfactualSet s = Counterfactuals.create(train).categorical("x2").toRange(12.5, 14).count(3).explain(f, row);
    assertTrue(s.size() >= 1, s.toString());
    for (int i = 0; i < s.size(); i++) {
      float[] c = s.rows()[i];
      double y = f.predictValue(new float[][] {c})[0];
      assertTrue(y >= 12.5 && y <= 14, "counterfactual " + i + " predicts " + y + ", in [12.5, 14]");
      assertEquals(Math.rint(c[0]), c[0], 0, "x0 stays a whole number: " + c[0]);
      assertTrue(c[2] == 0 || c[2] == 1 || c[2] == 2, "categorical x2 takes a data value: " + c[2]);
    }
  }

  @Test
  void sameSeedSameCounterfactualsAtOneAndTwoThreads() {
    Dataset train = reference(200, 4);
    Model m = new TestModels.Logit(TestModels.names(4), v -> v[0] * v[1] + v[2] - 0.5 * v[3] - 1);
    float[] x = {0.1f, 0.2f, -0.4f, 0.3f};
    Counterfactuals cf = Counterfactuals.create(train).count(3).candidates(200).seed(11);
    CounterfactualSet one = cf.threads(1).explain(m, x);
    CounterfactualSet two = cf.threads(2).batchRows(97).explain(m, x);
    assertEquals(one.size(), two.size(), "same number found");
    for (int i = 0; i < one.size(); i++) {
      assertArrayEquals(one.rows()[i], two.rows()[i], "counterfactual " + i);
    }
  }

  @Test
  void badInputFailsNamingTheArgument() {
    Dataset train = reference(50, 5);
    TestModels.Logistic m = new TestModels.Logistic(new double[] {1, 0.4, 3, 0.2}, 0);
    float[] x = {-0.3f, -0.5f, -0.2f, 0.4f};
    Counterfactuals cf = Counterfactuals.create(train);
    assertMessage(() -> cf.immutable("x9"), "x9");
    assertMessage(() -> cf.count(0), "count");
    assertMessage(() -> cf.diversity(-1), "diversity");
    assertMessage(() -> cf.toRange(2, 1), "toRange");
    assertMessage(() -> cf.toRange(0, 1).explain(m, x), "toRange");
    assertMessage(() -> cf.toClass("neg").explain(m, x), "already");
    assertMessage(() -> cf.toClass("maybe").explain(m, x), "maybe");
    assertMessage(() -> cf.explain(m, new float[] {1, 2}), "Row 0 has 2 values");
    assertMessage(() -> cf.explain(m, train, 50), "row 50");
    assertMessage(() -> cf.immutable("x0", "x1", "x2", "x3").explain(m, x), "immutable");
    TestModels.Fn f = TestModels.regression(4, v -> v[0]);
    assertMessage(() -> cf.explain(f, x), "toRange");
    assertMessage(() -> Counterfactuals.create(train.head(1)), "reference");
    Model xgbLike = new TestModels.Logistic(new double[] {1, 0.4, 3, 0.2}, 0) {
      @Override
      public List<String> missingValueFeatures() {
        return featureNames();
      }
    };
    assertMessage(() -> cf.explain(xgbLike, new float[] {Float.NaN, 0, 0, 0}), "x: row 0, feature 'x0' is NaN");
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), "message should name '" + part + "': " + e.getMessage());
  }
}
