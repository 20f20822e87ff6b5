package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The dual (pairs x pairs) ridge fit of the third-order surrogate against the primal normal equations of its
 * coefficients ({@link ThirdOrderShapley#primal}), which are the reference: the same minimiser, so the same
 * Shapley values to rounding, on random games over every triple (10 and 16 players) and over the triples of the
 * players with the largest first-order values (20 players).
 */
class ParityKernelRidgeTest {

  @Test
  void dualFitEqualsThePrimalNormalEquations() {
    int[][] cases = {{10, 60}, {10, 200}, {16, 400}, {16, 768}, {20, 300}};
    for (int[] c : cases) {
      int m = c[0];
      PairedStrata sample = new PairedStrata(m);
      SplittableRandom rnd = new SplittableRandom(17 + m + c[1]);
      sample.growTo(c[1], rnd);
      double[] y = game(sample, m, rnd.split());
      double total = 0.7;
      double[] linear = new double[m];
      for (int i = 0; i < m; i++) {
        linear[i] = Math.sin(3 * i + 1);
      }
      int[][] triples = ThirdOrderShapley.triples(m, linear);
      assertTrue(sample.unitStratum.size() <= m + triples.length - 1 + ThirdOrderShapley.MIN_DF,
          "a ridge sample: " + m + " players, " + c[1] + " coalitions");
      long chosen = 0;
      for (int[] tr : triples) {
        chosen |= (1L << tr[0]) | (1L << tr[1]) | (1L << tr[2]);
      }
      double[] dual = ParityKernelRidge.fit(sample, y, total, m, triples, chosen, ThirdOrderShapley.RIDGE);
      ThirdOrderShapley.Estimate primal = ThirdOrderShapley.primal(sample, y, total, m, triples, true);
      double scale = 0;
      for (double v : primal.phi()) {
        scale = Math.max(scale, Math.abs(v));
      }
      assertArrayEquals(primal.phi(), dual, 1e-9 * Math.max(1, scale), m + " players, " + c[1] + " coalitions");
      double sum = 0;
      for (double v : dual) {
        sum += v;
      }
      assertEquals(total, sum, 1e-9, "efficiency");
      ThirdOrderShapley.Estimate viaFit = ThirdOrderShapley.fit(sample, y, total, m, linear, true);
      assertArrayEquals(dual, viaFit.phi(), 0.0, "fit takes the dual path for ridge samples");
      assertTrue(Double.isNaN(viaFit.se()[0]), "no standard errors while the pairs do not determine the fit");
    }
  }

  @Test
  void singularFirstOrderSystemFallsBackToThePrimalFit() {
    // 4 pairs cannot determine 11 first-order coefficients: the dual declines, the primal (with its ridge) answers
    int m = 12;
    PairedStrata sample = new PairedStrata(m);
    sample.growTo(8, new SplittableRandom(3));
    double[] y = game(sample, m, new SplittableRandom(4));
    int[][] triples = ThirdOrderShapley.triples(m, new double[m]);
    long chosen = (1L << m) - 1;
    assertNull(ParityKernelRidge.fit(sample, y, 0.3, m, triples, chosen, ThirdOrderShapley.RIDGE));
    assertArrayEquals(ThirdOrderShapley.primal(sample, y, 0.3, m, triples, false).phi(),
        ThirdOrderShapley.fit(sample, y, 0.3, m, new double[m], false).phi(), 0.0);
  }

  /** A random game with terms up to order four and a smooth non-polynomial part, at every mask of the sample. */
  private static double[] game(PairedStrata sample, int m, SplittableRandom rnd) {
    double[] a = new double[m];
    for (int i = 0; i < m; i++) {
      a[i] = rnd.nextGaussian();
    }
    double[] y = new double[sample.size()];
    for (int q = 0; q < y.length; q++) {
      BitSet s = sample.masks.get(q);
      double[] z = new double[m];
      double lin = 0;
      for (int i = 0; i < m; i++) {
        z[i] = s.get(i) ? 1 : 0;
        lin += a[i] * z[i];
      }
      y[q] = lin + 0.8 * z[0] * z[1] * z[2] - 0.5 * z[3] * z[4] + 0.3 * z[1] * z[5] * z[6] * z[7]
          + Math.tanh(lin / 3);
    }
    return y;
  }
}
