package io.workbench.analysis.faithfulness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.explain.Attribution;
import io.workbench.explain.Explain;
import io.workbench.testing.TestModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaxSensitivityTest {

  static final int D = FaithfulnessTest.D;

  /** Index of the original row nearest to {@code z} (originals are far apart, perturbations tiny). */
  static int nearest(float[][] x, float[] z) {
    int best = -1;
    double bd = Double.POSITIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      double s = 0;
      for (int j = 0; j < z.length; j++) {
        s += (z[j] - x[i][j]) * (z[j] - x[i][j]);
      }
      if (s < bd) {
        bd = s;
        best = i;
      }
    }
    return best;
  }

  static double norm(double[] v) {
    return Math.sqrt(Arrays.stream(v).map(a -> a * a).sum());
  }

  @Test
  void constantExplainerHasZeroSensitivity() {
    float[][] x = FaithfulnessTest.data(20, 21, false);
    SensitivityResult s = MaxSensitivity.create().compute(rows -> {
      double[][] out = new double[rows.length][D];
      for (double[] r : out) {
        Arrays.fill(r, 0.7);
      }
      return out;
    }, x);
    assertEquals(0, Arrays.stream(s.perRow()).max().getAsDouble(), 0);
    assertEquals(20, s.toTable().rowCount());
  }

  @Test
  void identityExplainerMatchesHandComputation() {
    // phi(x) = x (the gradient of |x|^2 / 2): sensitivity of each perturbation = ||d|| / ||x||
    float[][] x = FaithfulnessTest.data(50, 22, false);
    double r = 0.05;
    List<float[]> seen = new ArrayList<>();
    int[] calls = {0};
    SensitivityResult s = MaxSensitivity.create().radius(r).samples(10).seed(4).batchRows(100).compute(rows -> {
      calls[0]++;
      double[][] out = new double[rows.length][D];
      for (int i = 0; i < rows.length; i++) {
        seen.add(rows[i].clone());
        for (int j = 0; j < D; j++) {
          out[i][j] = rows[i][j];
        }
      }
      return out;
    }, x);
    assertEquals(1 + 5, calls[0]);   // originals, then 500 perturbed rows in chunks of 100
    assertEquals(50 + 500, seen.size());
    double[] max = new double[x.length];
    int[] count = new int[x.length];
    for (float[] z : seen.subList(50, seen.size())) {
      int i = nearest(x, z);
      double[] dv = new double[D];
      double[] xv = new double[D];
      for (int j = 0; j < D; j++) {
        dv[j] = z[j] - x[i][j];
        xv[j] = x[i][j];
        assertTrue(Math.abs(dv[j]) <= r + 1e-6, "outside the L-inf ball: " + dv[j]);
      }
      max[i] = Math.max(max[i], norm(dv) / norm(xv));
      count[i]++;
    }
    for (int i = 0; i < x.length; i++) {
      assertEquals(10, count[i]);
      assertEquals(max[i], s.perRow()[i], 1e-9);
      // never above the ball's corner, r sqrt(d) / ||x||
      double xn = 0;
      for (float v : x[i]) {
        xn += v * v;
      }
      assertTrue(s.perRow()[i] > 0 && s.perRow()[i] <= r * Math.sqrt(D) / Math.sqrt(xn) + 1e-6);
    }
    // seeded
    SensitivityResult again = MaxSensitivity.create().radius(r).samples(10).seed(4).batchRows(7).compute(rows -> {
      double[][] out = new double[rows.length][D];
      for (int i = 0; i < rows.length; i++) {
        for (int j = 0; j < D; j++) {
          out[i][j] = rows[i][j];
        }
      }
      return out;
    }, x);
    assertEquals(Arrays.toString(s.perRow()), Arrays.toString(again.perRow()));
  }

  @Test
  void zeroAttributionNormCountsAsOne() {
    float[][] x = {{1f, 2f, 3f}};
    float[] c = x[0].clone();
    List<float[]> seen = new ArrayList<>();
    SensitivityResult s = MaxSensitivity.create().samples(5).compute(rows -> {
      double[][] out = new double[rows.length][3];
      for (int i = 0; i < rows.length; i++) {
        seen.add(rows[i]);
        for (int j = 0; j < 3; j++) {
          out[i][j] = rows[i][j] - c[j];   // phi(x) = 0 at the explained row
        }
      }
      return out;
    }, x);
    double max = 0;
    for (float[] z : seen.subList(1, seen.size())) {
      double sq = 0;
      for (int j = 0; j < 3; j++) {
        sq += ((double) z[j] - c[j]) * ((double) z[j] - c[j]);
      }
      max = Math.max(max, Math.sqrt(sq));
    }
    assertTrue(max > 0);
    assertEquals(max, s.perRow()[0], 1e-9);
  }

  @Test
  void datasetExplainerSeesPerturbedCopiesWithLabels() {
    double[] w = FaithfulnessTest.weights(false);
    float[][] x = FaithfulnessTest.data(12, 23, false);
    TestModels.Logit model = new TestModels.Logit(TestModels.names(D), r -> FaithfulnessTest.dot(w, r));
    int[] y = new int[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 2;
    }
    Dataset data = Dataset.of(x, TestModels.names(D), y, List.of("0", "1"));
    List<Dataset> seen = new ArrayList<>();
    SensitivityResult s = MaxSensitivity.create().samples(4).compute(d -> {
      seen.add(d);
      return Explain.featureAblation(model).explain(d);
    }, data);
    assertEquals(2, seen.size());
    Dataset perturbed = seen.get(1);
    assertEquals(48, perturbed.rows());
    assertEquals(TestModels.names(D), perturbed.features());
    // labels follow their rows; hand sensitivity from the explainer's own outputs on each copy
    Attribution base = Explain.featureAblation(model).explain(data);
    Attribution pert = Explain.featureAblation(model).explain(perturbed);
    double[] max = new double[x.length];
    for (int k = 0; k < perturbed.rows(); k++) {
      int i = nearest(x, perturbed.x()[k]);
      assertEquals(y[i], perturbed.y()[k]);
      double[] diff = new double[D];
      for (int j = 0; j < D; j++) {
        diff[j] = pert.value(k, j) - base.value(i, j);
      }
      max[i] = Math.max(max[i], norm(diff) / norm(base.values(i)));
    }
    for (int i = 0; i < x.length; i++) {
      assertEquals(max[i], s.perRow()[i], 1e-9);
      assertTrue(s.perRow()[i] > 0);
    }
  }

  @Test
  void unlabelledSignalDatasetKeepsItsSampleShape() {
    float[][] x = FaithfulnessTest.data(3, 25, false);
    Dataset data = Dataset.builder(tech.tablesaw.api.Table.create("signals")).featureMatrix(TestModels.names(D), x)
        .sampleShape(2, 5).build();
    List<int[]> shapes = new ArrayList<>();
    SensitivityResult s = MaxSensitivity.create().samples(3).compute(d -> {
      shapes.add(d.sampleShape());
      double[][] v = new double[d.rows()][D];
      for (double[] row : v) {
        Arrays.fill(row, 1);
      }
      return Attribution.builder("constant", d.features()).sampleShape(d.sampleShape()).values(v).inputs(d.x())
          .baseValues(new double[d.rows()]).outputs(new double[d.rows()]).targets(new int[d.rows()]).build();
    }, data);
    assertEquals(2, shapes.size());
    for (int[] sh : shapes) {
      assertEquals("[2, 5]", Arrays.toString(sh));
    }
    assertEquals(0, s.mean(), 0);
  }

  @Test
  void badInput() {
    float[][] x = FaithfulnessTest.data(3, 24, false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaxSensitivity.create().radius(0));
    assertTrue(e.getMessage().contains("radius must be > 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MaxSensitivity.create().radius(-0.1));
    assertTrue(e.getMessage().contains("radius must be > 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MaxSensitivity.create().samples(0));
    assertTrue(e.getMessage().contains("samples"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> MaxSensitivity.create().compute(rows -> new double[rows.length - 1][D], x));
    assertTrue(e.getMessage().contains("explainer returned 2 rows for 3 rows"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> MaxSensitivity.create().compute(rows -> new double[rows.length][D], new float[0][]));
    assertTrue(e.getMessage().contains("x is null or has no rows"), e.getMessage());
  }
}
