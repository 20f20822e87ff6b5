package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.model.Model;
import io.workbench.testing.TestModels;
import org.junit.jupiter.api.Test;

/** Shapley-value explainers against closed forms, brute force and the Shapley axioms. */
class ShapleyTest {

  private static final double[] W = {1.5, -2.0, 0.5, 3.0, 0, -1.0, 0.25, 2.0};

  /** Closed form for a linear model: phi_i = w_i (x_i - mean_b x_i). */
  private static double[] linearShapley(float[] x, float[][] bg) {
    double[] phi = new double[W.length];
    for (int j = 0; j < W.length; j++) {
      double mean = 0;
      for (float[] b : bg) {
        mean += b[j];
      }
      mean /= bg.length;
      phi[j] = W[j] * (x[j] - mean);
    }
    return phi;
  }

  @Test
  void linearModelExactKernelAndSamplingEqualClosedForm() {
    Model model = TestModels.withoutLinearInput(new TestModels.Linear(W, 0.7));
    float[][] bg = TestModels.gaussian(25, W.length, 1);
    float[][] x = TestModels.gaussian(4, W.length, 2);
    Background background = Background.of(bg);
    Attribution exact = Explain.exactShapley(model, background).explain(x);
    Attribution kernel = Explain.kernelShap(model, background).samples(60).seed(3).explain(x);
    Attribution sampling = Explain.samplingShapley(model, background).samples(2).seed(3).explain(x);
    for (int i = 0; i < x.length; i++) {
      double[] ref = linearShapley(x[i], bg);
      assertArrayEquals(ref, exact.values(i), 1e-4, "exact row " + i);
      // an additive model makes every coalition design and every permutation exact
      assertArrayEquals(ref, kernel.values(i), 1e-4, "kernel row " + i);
      assertArrayEquals(ref, sampling.values(i), 1e-4, "sampling row " + i);
    }
    assertTrue(exact.additivityGap() < 1e-4);
    assertTrue(kernel.additivityGap() < 1e-4);
    assertEquals(exact.rows() * 256L * 25, exact.evaluations());
  }

  @Test
  void logisticProbabilityExactMatchesBruteForceAndEstimatorsConverge() {
    double[] w = {1.2, -0.8, 2.0, 0.5, -1.5, 1.0, 0.3, -2.2, 0.9, 1.7};
    TestModels.Logistic logistic = new TestModels.Logistic(w, -0.2);
    Model model = TestModels.withoutLinearInput(logistic);
    float[][] bg = TestModels.gaussian(12, w.length, 5);
    float[][] x = TestModels.gaussian(3, w.length, 6);
    Background background = Background.of(bg);
    Attribution exact = Explain.exactShapley(model, background).target(Target.of("pos")).explain(x);
    double[][] ref = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      ref[i] = TestModels.bruteForceShapley(model, x[i], bg, 1);
      assertArrayEquals(ref[i], exact.values(i), 2e-6, "exact vs brute force, row " + i);
    }
    assertEquals(1, exact.targets()[0]);
    // estimators: error at 4x the samples must be lower (averaged over rows and seeds)
    double kSmall = 0;
    double kLarge = 0;
    double sSmall = 0;
    double sLarge = 0;
    for (long seed = 0; seed < 4; seed++) {
      Attribution ks = Explain.kernelShap(model, background).samples(100).seed(seed).target(Target.of(1)).explain(x);
      Attribution kl = Explain.kernelShap(model, background).samples(400).seed(seed).target(Target.of(1)).explain(x);
      Attribution ss = Explain.samplingShapley(model, background).samples(4).seed(seed).target(Target.of(1)).explain(x);
      Attribution sl = Explain.samplingShapley(model, background).samples(16).seed(seed).target(Target.of(1)).explain(x);
      for (int i = 0; i < x.length; i++) {
        kSmall += rmse(ks.values(i), ref[i]);
        kLarge += rmse(kl.values(i), ref[i]);
        sSmall += rmse(ss.values(i), ref[i]);
        sLarge += rmse(sl.values(i), ref[i]);
      }
      assertTrue(ks.additivityGap() < 1e-5 && ss.additivityGap() < 1e-5);
    }
    assertTrue(kLarge < kSmall, "kernel SHAP error " + kLarge + " at 400 samples vs " + kSmall + " at 100");
    assertTrue(sLarge < sSmall, "sampling error " + sLarge + " at 16 permutations vs " + sSmall + " at 4");
    // 1022 coalitions = all of them: exact
    Attribution full = Explain.kernelShap(model, background).samples(1022).target(Target.of(1)).explain(x);
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(ref[i], full.values(i), 2e-5, "kernel SHAP with full enumeration, row " + i);
    }
  }

  private static double rmse(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return Math.sqrt(s / a.length);
  }

  /** f = x0 * x1 + sin(x2) + 0 * x3 on a background symmetric in (x0, x1). */
  private static double f(float[] v) {
    return v[0] * v[1] + Math.sin(v[2]);
  }

  private static double g(float[] v) {
    return Math.exp(0.3 * v[3]) - v[2] * v[0];
  }

  private static float[][] symmetricBackground() {
    float[][] half = TestModels.gaussian(10, 4, 11);
    float[][] bg = new float[20][];
    for (int b = 0; b < 10; b++) {
      bg[b] = half[b].clone();
      float[] s = half[b].clone();
      s[0] = half[b][1];
      s[1] = half[b][0];
      bg[10 + b] = s;
    }
    return bg;
  }

  @Test
  void axiomsOnNonLinearModel() {
    Model fm = TestModels.regression(4, ShapleyTest::f);
    Model gm = TestModels.regression(4, ShapleyTest::g);
    Model sum = TestModels.regression(4, v -> f(v) + g(v));
    Background bg = Background.of(symmetricBackground());
    float[][] x = {{0.7f, 0.7f, 1.1f, -0.4f}, {-1.3f, -1.3f, 0.2f, 2.0f}};
    double ef = 0;
    for (float[] b : bg.rows()) {
      ef += f(b);
    }
    ef /= bg.size();
    for (Explainer<?> e : new Explainer<?>[] {Explain.exactShapley(fm, bg), Explain.kernelShap(fm, bg),
        Explain.samplingShapley(fm, bg).samples(200).seed(2)}) {
      Attribution a = e.explain(x);
      String m = a.method();
      for (int i = 0; i < x.length; i++) {
        double[] phi = a.values(i);
        double total = phi[0] + phi[1] + phi[2] + phi[3];
        assertEquals(f(x[i]) - ef, total, 1e-5, m + " efficiency");
        assertEquals(ef, a.baseValues()[i], 1e-5, m + " base value");
        double symTol = m.startsWith("sampling") ? 0.05 : 1e-5;
        assertEquals(phi[0], phi[1], symTol, m + " symmetry");
        assertEquals(0, phi[3], m.startsWith("sampling") ? 1e-5 : 1e-5, m + " dummy");
        // x2's value is exactly sin(x2) - E sin(b2): it enters additively
        double es = 0;
        for (float[] b : bg.rows()) {
          es += Math.sin(b[2]);
        }
        assertEquals(Math.sin(x[i][2]) - es / bg.size(), phi[2], 1e-5, m + " additive term");
      }
    }
    Attribution af = Explain.exactShapley(fm, bg).explain(x);
    Attribution ag = Explain.exactShapley(gm, bg).explain(x);
    Attribution as = Explain.exactShapley(sum, bg).explain(x);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 4; j++) {
        assertEquals(af.value(i, j) + ag.value(i, j), as.value(i, j), 1e-5, "linearity");
      }
    }
  }

  @Test
  void sameSeedSameNumbersWhateverTheThreads() {
    Model model = TestModels.withoutLinearInput(new TestModels.Logistic(new double[] {1, -1, 2, 0.5, -0.3, 0.8,
        1.1, -0.7, 0.2, 0.4, -1.2, 0.6, 0.9, -0.5}, 0.1));
    Background bg = Background.of(TestModels.gaussian(8, 14, 3));
    float[][] x = TestModels.gaussian(5, 14, 4);
    Attribution a1 = Explain.kernelShap(model, bg).seed(9).threads(1).batchRows(500).explain(x);
    Attribution a2 = Explain.kernelShap(model, bg).seed(9).threads(2).explain(x);
    Attribution a3 = Explain.kernelShap(model, bg).seed(10).threads(2).explain(x);
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(a1.values(i), a2.values(i), 1e-12);
    }
    assertTrue(TestModels.maxAbsDiff(a1.values(0), a3.values(0)) > 0, "another seed gives other samples");
    assertEquals(a1.evaluations(), a2.evaluations());
    Attribution s1 = Explain.samplingShapley(model, bg).seed(9).threads(1).explain(x);
    Attribution s2 = Explain.samplingShapley(model, bg).seed(9).threads(2).explain(x);
    assertArrayEquals(s1.values(3), s2.values(3), 1e-12);
    // a single row spreads its batches over the threads: still the same numbers
    float[][] one = {x[2]};
    Attribution o1 = Explain.kernelShap(model, bg).seed(9).threads(1).batchRows(300).explain(one);
    Attribution o2 = Explain.kernelShap(model, bg).seed(9).threads(2).batchRows(300).explain(one);
    Attribution o3 = Explain.kernelShap(model, bg).seed(9).threads(3).batchRows(300).explain(one);
    assertArrayEquals(o1.values(0), o2.values(0), 0);
    assertArrayEquals(o1.values(0), o3.values(0), 0);
    Attribution p1 = Explain.samplingShapley(model, bg).seed(9).threads(1).batchRows(50).explain(one);
    Attribution p2 = Explain.samplingShapley(model, bg).seed(9).threads(2).batchRows(50).explain(one);
    assertArrayEquals(p1.values(0), p2.values(0), 0);
  }

  @Test
  void kernelShapL1SelectionKeepsTheStrongFeatures() {
    double[] w = {0.05, 3.0, -0.02, 0.01, -2.5, 0.03, 0.02, 2.0, -0.01, 0.04, 0.02, -0.03};
    Model model = TestModels.withoutLinearInput(new TestModels.Linear(w, 0));
    Background bg = Background.of(TestModels.gaussian(10, w.length, 8));
    float[][] x = {{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}};
    Attribution a = Explain.kernelShap(model, bg).numFeatures(3).samples(500).seed(1).explain(x);
    double[] phi = a.values(0);
    int nonzero = 0;
    for (double p : phi) {
      if (p != 0) {
        nonzero++;
      }
    }
    assertEquals(3, nonzero);
    assertTrue(phi[1] != 0 && phi[4] != 0 && phi[7] != 0, java.util.Arrays.toString(phi));
    assertTrue(a.additivityGap() < 1e-4);
  }

  @Test
  void kmeansBackgroundIsWeightedAndSeeded() {
    float[][] data = TestModels.gaussian(300, 3, 12);
    for (int i = 0; i < 100; i++) {
      data[i][0] += 10;
    }
    Background k1 = Background.kmeans(data, null, 5, 7);
    Background k2 = Background.kmeans(data, null, 5, 7);
    assertEquals(5, k1.size());
    assertArrayEquals(k1.weights(), k2.weights(), 0);
    double s = 0;
    double meanX0 = 0;
    for (int c = 0; c < k1.size(); c++) {
      s += k1.weights()[c];
      meanX0 += k1.weights()[c] * k1.rows()[c][0];
    }
    assertEquals(1, s, 1e-12);
    double ref = 0;
    for (float[] r : data) {
      ref += r[0];
    }
    // weighted centres keep the mean (Lloyd centres are cluster means)
    assertEquals(ref / data.length, meanX0, 1e-4);
  }

  @Test
  void groupsArePlayersAndMatchBruteForceOverGroups() {
    // f depends on 6 features; groups {0,1}, {2,3}, {4} are players; feature 5 is in no group (kept at x)
    Model model = TestModels.regression(6, v -> v[0] * v[2] + Math.tanh(v[1] - v[4]) + v[3] * v[5]);
    float[][] bg = TestModels.gaussian(7, 6, 41);
    float[][] x = TestModels.gaussian(2, 6, 42);
    java.util.Map<String, int[]> groups = new java.util.LinkedHashMap<>();
    groups.put("a", new int[] {0, 1});
    groups.put("b", new int[] {2, 3});
    groups.put("c", new int[] {4});
    int[][] g = {{0, 1}, {2, 3}, {4}};
    Background background = Background.of(bg);
    Attribution exact = Explain.exactShapley(model, background).groups(groups).explain(x);
    Attribution kernel = Explain.kernelShap(model, background).groups(groups).explain(x);
    Attribution sampling = Explain.samplingShapley(model, background).groups(groups).samples(400).seed(1).explain(x);
    assertEquals(java.util.List.of("a", "b", "c"), exact.featureNames());
    assertArrayEquals(new int[] {3}, exact.sampleShape());
    for (int i = 0; i < x.length; i++) {
      // brute force over the 3 players, written out: v(S) = mean_b f(x on S's features and feature 5, b elsewhere)
      double[] v = new double[8];
      for (int s = 0; s < 8; s++) {
        for (float[] b : bg) {
          float[] row = b.clone();
          row[5] = x[i][5];
          for (int p = 0; p < 3; p++) {
            if ((s >> p & 1) == 1) {
              for (int j : g[p]) {
                row[j] = x[i][j];
              }
            }
          }
          v[s] += model.predictProba(new float[][] {row})[0][0] / bg.length;
        }
      }
      double[] ref = new double[3];
      for (int p = 0; p < 3; p++) {
        for (int s = 0; s < 8; s++) {
          if ((s >> p & 1) == 0) {
            int k = Integer.bitCount(s);
            ref[p] += TestModels.factorial(k) * TestModels.factorial(2 - k) / TestModels.factorial(3)
                * (v[s | 1 << p] - v[s]);
          }
        }
      }
      assertArrayEquals(ref, exact.values(i), 1e-5, "exact, groups");
      assertArrayEquals(ref, kernel.values(i), 1e-5, "kernel SHAP (all 6 coalitions), groups");
      assertArrayEquals(ref, sampling.values(i), 0.05, "sampling, groups");
      assertEquals((x[i][0] + x[i][1]) / 2, exact.inputs()[i][0], 1e-6);
    }
    // base = v(empty) keeps feature 5 (in no group) at the row's value: efficiency still holds
    assertTrue(exact.additivityGap() < 1e-5 && kernel.additivityGap() < 1e-5 && sampling.additivityGap() < 1e-5);
    assertTrue(Math.abs(exact.baseValues()[0] - exact.baseValues()[1]) > 1e-6, "per-row base values");
    assertThrows(IllegalArgumentException.class, () -> Explain.kernelShap(model, background)
        .groups(java.util.Map.of("p", new int[] {0, 1}, "q", new int[] {1, 2})));
  }
}
