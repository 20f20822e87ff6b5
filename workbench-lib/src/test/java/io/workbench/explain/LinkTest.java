package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.model.Model;
import io.workbench.model.TreeEnsemble;
import io.workbench.model.factory.Models;
import io.workbench.testing.TestModels;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The logit link of the Shapley explainers, against brute-force interventional Shapley values: with one background
 * row, of XGBoost's own margin ({@code predictMargin}, the space of TreeSHAP); with several, of {@code logit} of the
 * background-mean probability (shap's definition).
 */
class LinkTest {

  static final int D = 4;

  static Dataset data() {
    Random rnd = new Random(11);
    float[][] x = new float[300][D];
    int[] y = new int[300];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < D; j++) {
        x[i][j] = (float) rnd.nextGaussian();
      }
      double z = 1.2 * x[i][0] - 0.8 * x[i][1] * x[i][2] + 0.5 * x[i][3] + rnd.nextGaussian();
      y[i] = z > 0 ? 1 : 0;
    }
    return Dataset.of(x, TestModels.names(D), y, List.of("no", "yes"));
  }

  /** phi_j = sum over S without j of |S|!(M-|S|-1)!/M! (v(S+j) - v(S)), v given on bit masks. */
  static double[] shapley(double[] v) {
    double[] phi = new double[D];
    double[] fact = {1, 1, 2, 6, 24};
    for (int j = 0; j < D; j++) {
      for (int s = 0; s < 1 << D; s++) {
        if ((s & (1 << j)) == 0) {
          int size = Integer.bitCount(s);
          phi[j] += fact[size] * fact[D - size - 1] / fact[D] * (v[s | (1 << j)] - v[s]);
        }
      }
    }
    return phi;
  }

  static float[] masked(float[] x, float[] b, int s) {
    float[] r = b.clone();
    for (int j = 0; j < D; j++) {
      if ((s & (1 << j)) != 0) {
        r[j] = x[j];
      }
    }
    return r;
  }

  @Test
  void oneBackgroundRowGivesInterventionalShapleyOfTheMargin() {
    Dataset data = data();
    Model xgb = Models.xgboost().rounds(30).maxDepth(3).seed(1).fit(data);
    TreeEnsemble trees = xgb.as(TreeEnsemble.class).orElseThrow();
    float[][] x = data.head(6).x();
    float[][] bg = {data.x()[200]};
    Attribution exact = Explain.exactShapley(xgb, Background.of(bg)).link(Link.LOGIT).explain(x);
    Attribution kernel = Explain.kernelShap(xgb, Background.of(bg)).link(Link.LOGIT).seed(2).explain(x);
    Attribution sampling = Explain.samplingShapley(xgb, Background.of(bg)).link(Link.LOGIT).samples(400).seed(3)
        .explain(x);
    assertEquals("log-odds", exact.outputSpace());
    assertEquals("logit", exact.settings().get("link"));
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      float[][] rows = new float[1 << D][];
      for (int s = 0; s < rows.length; s++) {
        rows[s] = masked(x[i], bg[0], s);
      }
      double[] v = trees.predictMargin(rows, 1);
      double[] phi = shapley(v);
      assertEquals(v[0], exact.baseValues()[i], 1e-4, "base = margin of the background row");
      assertEquals(v[(1 << D) - 1], exact.outputs()[i], 1e-4, "output = margin of x");
      for (int j = 0; j < D; j++) {
        worst = Math.max(worst, Math.abs(phi[j] - exact.value(i, j)));
        assertEquals(phi[j], exact.value(i, j), 1e-4, "exact Shapley, row " + i + " feature " + j);
        assertEquals(phi[j], kernel.value(i, j), 1e-4, "Kernel SHAP (all coalitions), row " + i + " feature " + j);
        assertEquals(phi[j], sampling.value(i, j), 0.1 * (1 + Math.abs(phi[j])), "sampling, row " + i);
      }
      double sum = 0;
      for (int j = 0; j < D; j++) {
        sum += sampling.value(i, j);
      }
      assertEquals(v[(1 << D) - 1] - v[0], sum, 1e-4, "sampling Shapley is efficient in margin space");
    }
    System.out.printf(java.util.Locale.ROOT, "logit link vs XGBoost margin brute force: max |diff| = %.3g%n", worst);
    Attribution tree = Explain.treeShap(xgb).explain(x);
    for (int i = 0; i < x.length; i++) {
      assertEquals(tree.outputs()[i], exact.outputs()[i], 1e-4, "TreeSHAP and the logit link explain the same margin");
    }
  }

  @Test
  void severalBackgroundRowsLinkTheMeanProbability() {
    Dataset data = data();
    Model xgb = Models.xgboost().rounds(30).maxDepth(3).seed(1).fit(data);
    float[][] x = data.head(3).x();
    float[][] bg = java.util.Arrays.copyOfRange(data.x(), 100, 110);
    Attribution exact = Explain.exactShapley(xgb, Background.of(bg)).link(Link.LOGIT).explain(x);
    Attribution kernel = Explain.kernelShap(xgb, Background.of(bg)).link(Link.LOGIT).explain(x);
    Attribution identity = Explain.exactShapley(xgb, Background.of(bg)).explain(x);
    for (int i = 0; i < x.length; i++) {
      double[] v = new double[1 << D];
      for (int s = 0; s < v.length; s++) {
        float[][] rows = new float[bg.length][];
        for (int b = 0; b < bg.length; b++) {
          rows[b] = masked(x[i], bg[b], s);
        }
        double mean = 0;
        for (float[] p : xgb.predictProba(rows)) {
          mean += p[1] / bg.length;
        }
        v[s] = Math.log(mean / (1 - mean));
      }
      double[] phi = shapley(v);
      for (int j = 0; j < D; j++) {
        assertEquals(phi[j], exact.value(i, j), 1e-5, "exact, row " + i + " feature " + j);
        assertEquals(phi[j], kernel.value(i, j), 1e-5, "kernel, row " + i + " feature " + j);
      }
      assertTrue(Math.abs(identity.value(i, 0) - exact.value(i, 0)) > 1e-3, "probability and log-odds differ");
    }
    assertEquals("probability", identity.outputSpace());
  }

  @Test
  void logitNeedsProbabilities() {
    Model reg = new TestModels.Fn(TestModels.names(2), r -> r[0] + r[1]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Explain.kernelShap(reg, Background.of(new float[][] {{0, 0}})).link(Link.LOGIT));
    assertTrue(e.getMessage().contains("regression"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Explain.exactShapley(reg, Background.of(new float[][] {{0, 0}})).link(null));
    assertEquals(Math.log((1 - 0x1p-24) / 0x1p-24), Link.LOGIT.apply(1.0), 1e-12, "saturated float clamps");
    assertEquals(0.0, Link.LOGIT.apply(0.5), 0);
    assertEquals(0.3, Link.IDENTITY.apply(0.3), 0);
  }
}
