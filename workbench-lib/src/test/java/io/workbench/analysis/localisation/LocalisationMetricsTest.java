package io.workbench.analysis.localisation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.analysis.MetricFixtures;
import io.workbench.analysis.MetricInput;
import io.workbench.testing.TestModels;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalisationMetricsTest {

  static MetricInput input(double[][] v, boolean[][] masks) {
    float[][] x = new float[v.length][v[0].length];
    return MetricInput.of(TestModels.regression(v[0].length, r -> 0), MetricFixtures.attribution(v, x))
        .withMasks(masks);
  }

  @Test
  void handComputedCases() {
    double[][] v = {{0.1, 0.9, -2, 0.5, 0}, {3, 0.2, 0.1, 1, 1}, {1, 1, 1, 1, 1}};
    boolean[][] m = {{false, true, true, false, false}, {false, true, true, false, false},
      {true, false, false, false, false}};
    MetricInput in = input(v, m);
    // argmax: feature 1 (inside), feature 0 (outside), all tied (some outside)
    assertArrayEquals(new double[] {1, 0, 0}, new PointingGame().score(in), 0);
    // positive mass inside / positive mass: 0.9 / 1.5; 0.3 / 5.3; 1 / 5
    assertArrayEquals(new double[] {0.9 / 1.5, 0.3 / 5.3, 0.2}, new RelevanceMassAccuracy().score(in), 1e-12);
    // K = 2: top-2 {1, 3} -> 1 of 2 inside; {0, 3} -> 0; K = 1: top-1 {0} (ties by order) -> 1
    assertArrayEquals(new double[] {0.5, 0, 1}, new RelevanceRankAccuracy().score(in), 1e-12);
    // AUC: inside {0.9, -2} vs outside {0.1, 0.5, 0}: 0.9 beats 3, -2 beats 0 -> 3 / 6
    double[] auc = new LocalisationAuc().score(in);
    assertEquals(0.5, auc[0], 1e-12);
    assertEquals(0, auc[1], 1e-12);
    assertEquals(0.5, auc[2], 1e-12);
  }

  @Test
  void aucEqualsPairCountingAndEmptyMasksAreNaN() {
    Random rnd = new Random(3);
    int d = 40;
    double[][] v = new double[20][d];
    boolean[][] m = new boolean[20][d];
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < d; j++) {
        v[i][j] = Math.round(rnd.nextGaussian() * 4) / 4.0;   // ties on purpose
        m[i][j] = rnd.nextDouble() < 0.3;
      }
    }
    m[0] = new boolean[d];
    double[] auc = new LocalisationAuc().score(input(v, m));
    assertTrue(Double.isNaN(auc[0]), "an empty mask has no AUC");
    for (int i = 1; i < v.length; i++) {
      double wins = 0;
      int pairs = 0;
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          if (m[i][a] && !m[i][b]) {
            pairs++;
            wins += v[i][a] > v[i][b] ? 1 : v[i][a] == v[i][b] ? 0.5 : 0;
          }
        }
      }
      assertEquals(wins / pairs, auc[i], 1e-12, "row " + i);
    }
  }

  @Test
  void needsMasks() {
    MetricInput in = MetricInput.of(TestModels.regression(2, r -> 0),
        MetricFixtures.attribution(new double[][] {{1, 2}}, new float[1][2]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PointingGame().score(in));
    assertTrue(e.getMessage().contains("ground-truth"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> in.withMasks(new boolean[][] {{true}}));
  }
}
