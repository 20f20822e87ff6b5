package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.model.Model;
import io.workbench.testing.TestModels;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LIME recovers a linear model's coefficients; occlusion and ablation find what the model reads. */
class LimeOcclusionTest {

  @Test
  void limeRecoversSignsAndRankingOfALinearModel() {
    double[] w = {2.0, -1.0, 0.5, -3.0, 0.0, 1.5};
    float[][] train = TestModels.gaussian(400, w.length, 21);
    for (float[] r : train) {
      r[2] *= 4; // feature 2 spreads 4x: its per-std effect is 2.0
    }
    Model model = TestModels.withoutLinearInput(new TestModels.Linear(w, 1));
    float[][] x = TestModels.gaussian(3, w.length, 22);
    Attribution a = Explain.lime(model, train).seed(5).explain(x);
    double[] sd = new double[w.length];
    for (int j = 0; j < w.length; j++) {
      double m = 0;
      double s = 0;
      for (float[] r : train) {
        m += r[j];
      }
      m /= train.length;
      for (float[] r : train) {
        s += (r[j] - m) * (r[j] - m);
      }
      sd[j] = Math.sqrt(s / train.length);
    }
    for (int i = 0; i < x.length; i++) {
      double[] phi = a.values(i);
      for (int j = 0; j < w.length; j++) {
        double expected = w[j] * sd[j]; // slope per standard deviation
        assertEquals(expected, phi[j], 0.02 * Math.abs(expected) + 0.01, "row " + i + " feature " + j);
      }
      assertTrue(a.extra("score").orElseThrow()[i] > 0.999, "surrogate R2 of a linear model");
      assertEquals(model.predictProba(new float[][] {x[i]})[0][0], a.extra("localPrediction").orElseThrow()[i], 0.01);
    }
    List<String> top = a.topFeatures(0, 3);
    // |w_j sd_j|: x3 3.0, x0 2.0, x2 2.0 (4 x 0.5), x5 1.5, x1 1.0, x4 0
    assertEquals("x3", top.get(0));
    assertTrue(top.subList(1, 3).containsAll(List.of("x0", "x2")), top.toString());
    assertEquals(5000L * x.length, a.evaluations());
    Attribution sel = Explain.lime(model, train).numFeatures(2).seed(5).explain(x);
    long nonzero = Arrays.stream(sel.values(0)).filter(v -> v != 0).count();
    assertEquals(2, nonzero);
    // x3 (-3.0 per std) and one of the tied x0 / x2 (2.0 per std) are kept
    assertTrue(sel.values(0)[3] < 0 && (sel.values(0)[0] > 0 || sel.values(0)[2] > 0), Arrays.toString(sel.values(0)));
  }

  @Test
  void occlusionOnASignalPutsEverythingInTheWindowTheModelReads() {
    int len = 100;
    Model model = TestModels.regression(len, v -> {
      double s = 0;
      for (int j = 30; j < 40; j++) {
        s += v[j];
      }
      return s;
    });
    float[][] x = new float[3][len];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < len; j++) {
        x[i][j] = 1 + i + 0.01f * j;
      }
    }
    Attribution a = Explain.occlusion(model, 1, 5).stride(1, 5).sampleShape(1, len).explain(x);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < len; j++) {
        double v = a.value(i, j);
        if (j < 30 || j >= 40) {
          assertEquals(0, v, 1e-6, "outside the read window, feature " + j);
        } else {
          // each feature is covered by one window: its value is the window's drop (sum of x over it)
          int s = j / 5 * 5;
          double drop = 0;
          for (int q = s; q < s + 5; q++) {
            drop += x[i][q];
          }
          assertEquals(drop, v, 1e-4, "feature " + j);
        }
      }
      assertEquals(0, a.baseValues()[i], 1e-6);
    }
    assertEquals(3L * (20 + 1), a.evaluations());
    // stride 1: a feature's value is the mean drop of the windows covering it
    Attribution s1 = Explain.occlusion(model, 3).explain(x);
    double mean = 0;
    for (int st = 28; st <= 30; st++) { // windows covering feature 30 start at 28, 29, 30
      double drop = 0;
      for (int q = st; q < st + 3; q++) {
        drop += (q >= 30 && q < 40) ? x[0][q] : 0;
      }
      mean += drop / 3;
    }
    assertEquals(mean, s1.value(0, 30), 1e-4);
  }

  @Test
  void occlusionOnImagesAndAblationOfGroups() {
    // [1, 6, 6] image, model reads the 2x2 patch at rows 2-3, cols 4-5
    Model model = TestModels.regression(36, v -> v[2 * 6 + 4] + v[2 * 6 + 5] + v[3 * 6 + 4] + v[3 * 6 + 5]);
    float[][] x = new float[1][36];
    Arrays.fill(x[0], 1f);
    Attribution a = Explain.occlusion(model, 1, 2, 2).stride(1, 2, 2).sampleShape(1, 6, 6).explain(x);
    for (int j = 0; j < 36; j++) {
      boolean inPatch = (j / 6 == 2 || j / 6 == 3) && (j % 6 == 4 || j % 6 == 5);
      assertEquals(inPatch ? 4.0 : 0.0, a.value(0, j), 1e-6, "pixel " + j);
    }
    assertEquals(List.of(1, 6, 6), Arrays.stream(a.sampleShape()).boxed().toList());
    Attribution g = Explain.featureAblation(model).groups(new int[][] {{16, 17}, {0, 1, 2}, {22, 23, 16}})
        .baseline(Baseline.constant(0)).explain(x);
    assertEquals(2.0, g.value(0, 17), 1e-6);
    assertEquals((2.0 + 3.0) / 2, g.value(0, 16), 1e-6); // in two groups: mean drop
    assertEquals(0.0, g.value(0, 0), 1e-6);
    assertEquals(0.0, g.value(0, 30), 1e-6); // in no group
  }
}
