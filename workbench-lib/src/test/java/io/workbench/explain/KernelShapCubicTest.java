package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.model.Model;
import io.workbench.testing.TestModels;
import org.junit.jupiter.api.Test;

/**
 * {@link KernelShap.Design#CUBIC}: the leverage sample with a third-order surrogate. Reference values are brute-force
 * Shapley values (every coalition); the closed forms: a model whose coalition game has interactions of order at
 * most three is fitted exactly once the pairs determine the surrogate, one of order at most two at any budget.
 */
class KernelShapCubicTest {

  /** Interactions of order 2 to 4 and smooth non-polynomial terms. */
  private static final Model NONLINEAR = TestModels.regression(10, v -> Math.tanh(v[0] * v[1] * v[2])
      + 0.7 * v[3] * v[4] * v[5] + Math.sin(v[6] + v[7]) + 0.5 * Math.max(0, v[8] - v[9]) + 0.3 * v[0] * v[9] * v[5]
      + 0.2 * v[1] * v[2] * v[3] * v[4]);

  @Test
  void thirdOrderGamesAreExactOncePairsDetermineTheSurrogate() {
    // products of at most three inputs: a coalition game with interactions of order at most three
    Model model = TestModels.regression(10, v -> 1.5 * v[0] - v[1] * v[2] + 0.8 * v[3] * v[4] * v[5]
        - 0.6 * v[0] * v[6] * v[9] + 0.4 * v[7] * v[8] + 0.3 * v[2] * v[7] * v[9]);
    float[][] bg = TestModels.gaussian(6, 10, 81);
    float[][] x = TestModels.gaussian(3, 10, 82);
    Background background = Background.of(bg);
    // 10 + 120 coefficients; 400 coalitions = 200 pairs > 130 + MIN_DF
    Attribution cubic = Explain.kernelShap(model, background).design(KernelShap.Design.CUBIC).samples(400)
        .tolerance(0).seed(4).explain(x);
    Attribution leverage = Explain.kernelShap(model, background).samples(400).tolerance(0).seed(4).explain(x);
    double worstLeverage = 0;
    for (int i = 0; i < x.length; i++) {
      double[] exact = TestModels.bruteForceShapley(model, x[i], bg, 0);
      assertArrayEquals(exact, cubic.values(i), 1e-5, "row " + i);
      for (double se : cubic.standardErrors().orElseThrow()[i]) {
        assertTrue(se < 1e-5, "an exact fit leaves no error: " + se);
      }
      worstLeverage = Math.max(worstLeverage, TestModels.maxAbsDiff(exact, leverage.values(i)));
    }
    assertTrue(worstLeverage > 1e-3, "paired Kernel SHAP is not exact at order three: " + worstLeverage);
    assertEquals("cubic", cubic.settings().get("design"));
  }

  @Test
  void additiveAndPairwiseGamesAreExactAtAnyBudget() {
    Model additive = TestModels.regression(10, v -> 2 * v[0] - Math.sin(v[1]) + v[2] * v[2] + 0.5 * Math.abs(v[7]));
    Model pairwise = TestModels.regression(10, v -> v[0] * v[1] - 0.5 * v[2] * v[9] + Math.cos(v[3] + v[4])
        + Math.max(v[5], v[6]));
    float[][] bg = TestModels.gaussian(5, 10, 83);
    float[][] x = TestModels.gaussian(2, 10, 84);
    for (Model model : new Model[] {additive, pairwise}) {
      // 60 coalitions: far fewer pairs than coefficients (the ridge keeps the third-order terms at zero)
      Attribution a = Explain.kernelShap(model, Background.of(bg)).design(KernelShap.Design.CUBIC).samples(60)
          .tolerance(0).seed(7).explain(x);
      for (int i = 0; i < x.length; i++) {
        assertArrayEquals(TestModels.bruteForceShapley(model, x[i], bg, 0), a.values(i), 1e-5, "row " + i);
        for (double se : a.standardErrors().orElseThrow()[i]) {
          assertTrue(Double.isNaN(se), "too few pairs for a standard error: " + se);
        }
      }
      assertTrue(a.additivityGap() < 1e-6);
    }
  }

  @Test
  void agreesWithBruteForceWithinItsStandardErrorsAndBeatsLeverage() {
    float[][] bg = TestModels.gaussian(6, 10, 85);
    float[][] x = TestModels.gaussian(3, 10, 86);
    Background background = Background.of(bg);
    double[][] exact = TestModels.bruteForceShapley(NONLINEAR, x, bg, 0);
    int inside = 0;
    int count = 0;
    double sumZ2 = 0;
    double cubicSq = 0;
    double leverageSq = 0;
    for (long seed = 1; seed <= 12; seed++) {
      Attribution a = Explain.kernelShap(NONLINEAR, background).design(KernelShap.Design.CUBIC).samples(400)
          .tolerance(0).seed(seed).explain(x);
      Attribution b = Explain.kernelShap(NONLINEAR, background).samples(400).tolerance(0).seed(seed).explain(x);
      assertEquals(b.evaluations(), a.evaluations(), "the same sample");
      double[][] se = a.standardErrors().orElseThrow();
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < 10; j++) {
          assertTrue(se[i][j] > 0, "row " + i + " feature " + j + ": " + se[i][j]);
          double z = (a.value(i, j) - exact[i][j]) / se[i][j];
          sumZ2 += z * z;
          inside += Math.abs(z) <= 2 ? 1 : 0;
          count++;
          cubicSq += Math.pow(a.value(i, j) - exact[i][j], 2);
          leverageSq += Math.pow(b.value(i, j) - exact[i][j], 2);
        }
      }
    }
    double coverage = (double) inside / count;
    double rmsZ = Math.sqrt(sumZ2 / count);
    assertTrue(coverage > 0.85 && coverage < 0.999, "coverage of +-2 standard errors: " + coverage + ", rms z " + rmsZ);
    assertTrue(rmsZ > 0.5 && rmsZ < 1.5, "rms of error / standard error: " + rmsZ);
    assertTrue(cubicSq < leverageSq / 2, "squared error, cubic " + cubicSq + " vs leverage " + leverageSq);
  }

  @Test
  void sameSeedSameNumbersWhateverTheThreadCount() {
    float[][] bg = TestModels.gaussian(6, 10, 87);
    float[][] x = TestModels.gaussian(5, 10, 88);
    KernelShap ks = Explain.kernelShap(NONLINEAR, Background.of(bg)).design(KernelShap.Design.CUBIC).samples(500)
        .tolerance(0.01).seed(11);
    Attribution one = ks.threads(1).explain(x);
    Attribution three = ks.threads(3).explain(x);
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(one.values(i), three.values(i), 0.0, "row " + i);
      assertArrayEquals(one.standardErrors().orElseThrow()[i], three.standardErrors().orElseThrow()[i], 0.0);
    }
    assertEquals(one.evaluations(), three.evaluations());
    assertTrue(one.additivityGap() < 1e-6);
  }

  @Test
  void stoppingRuleWaitsForKnownErrorsAndLassoIsRefused() {
    float[][] bg = TestModels.gaussian(6, 10, 89);
    float[][] x = TestModels.gaussian(2, 10, 90);
    Background background = Background.of(bg);
    KernelShap cubic = Explain.kernelShap(NONLINEAR, background).design(KernelShap.Design.CUBIC).seed(3);
    Attribution loose = cubic.samples(1000).tolerance(0.05).explain(x);
    Attribution all = cubic.samples(1000).tolerance(0).explain(x);
    assertTrue(loose.evaluations() < all.evaluations(), loose.evaluations() + " vs " + all.evaluations());
    // it cannot stop before the pairs determine the 130 coefficients (162 pairs, 324 coalitions)
    assertTrue(loose.evaluations() >= 324L * bg.length * x.length, "evaluations " + loose.evaluations());
    StoppingRuleAssertions.standardErrorsWithin(loose, 0.05, 10);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> cubic.numFeatures(3).explain(x));
    assertTrue(e.getMessage().contains("numFeatures 3") && e.getMessage().contains("Design.CUBIC"), e.getMessage());
  }

  @Test
  void gramMatrixOfTheParitiesMatchesTheDirectProducts() {
    int m = 12;
    PairedStrata sample = new PairedStrata(m);
    sample.growTo(700, new java.util.SplittableRandom(5));
    double[] linear = new double[m];
    for (int i = 0; i < m; i++) {
      linear[i] = (i * 7) % 5 - 2.0; // ties and signs: the top players by |value|
    }
    int[][] triples = ThirdOrderShapley.triples(m, linear);
    assertEquals(220, triples.length, "12 players: every triple fits within the cap");
    int n = sample.unitStratum.size();
    double[] w = new double[n];
    long[] bits = new long[n];
    int p = m + triples.length - 1;
    double[][] xt = new double[p][n];
    double[] cw = sample.weights();
    for (int u = 0; u < n; u++) {
      java.util.BitSet s = sample.masks.get(2 * u);
      w[u] = cw[2 * u] + cw[2 * u + 1];
      bits[u] = s.toLongArray()[0];
      double f0 = s.get(0) ? 1 : -1;
      for (int c = 1; c < m; c++) {
        xt[c - 1][u] = (s.get(c) ? 1 : -1) - f0;
      }
      for (int q = 0; q < triples.length; q++) {
        double prod = 1;
        for (int j : triples[q]) {
          prod *= s.get(j) ? 1 : -1;
        }
        xt[m - 1 + q][u] = prod - f0;
      }
    }
    double[][] direct = ThirdOrderShapley.gram(xt, w);
    double[][] walsh = ThirdOrderShapley.parityGram(bits, w, m, triples, true);
    double[][] counted = ThirdOrderShapley.parityGram(bits, w, m, triples, false);
    for (int c = 0; c < p; c++) {
      assertArrayEquals(direct[c], walsh[c], 1e-12, "Walsh-Hadamard row " + c);
      assertArrayEquals(direct[c], counted[c], 1e-12, "bit-count row " + c);
    }
    // past the cap of coefficients the triples cover the players with the largest |first-order value|
    double[] wide = new double[30];
    wide[29] = 5;
    wide[3] = -4;
    int[][] some = ThirdOrderShapley.triples(30, wide);
    assertTrue(30 + some.length <= ThirdOrderShapley.MAX_TERMS, "within the cap: " + some.length);
    assertTrue(java.util.Arrays.stream(some).anyMatch(t -> t[0] == 3 && t[2] == 29), "the two largest are in");
    assertTrue(ThirdOrderShapley.fitsTriples(3) && ThirdOrderShapley.fitsTriples(599), "one triple fits");
    assertTrue(!ThirdOrderShapley.fitsTriples(2) && !ThirdOrderShapley.fitsTriples(600), "no room: leverage's fit");
  }
}
