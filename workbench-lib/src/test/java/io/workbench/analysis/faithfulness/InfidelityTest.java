package io.workbench.analysis.faithfulness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.explain.Attribution;
import io.workbench.explain.Baseline;
import io.workbench.explain.Explain;
import io.workbench.testing.TestModels;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InfidelityTest {

  static final int D = FaithfulnessTest.D;

  static double[][] rowsOf(double[] w, int n) {
    double[][] phi = new double[n][];
    Arrays.fill(phi, w);
    return phi;
  }

  @Test
  void linearModelWithExactAttributionsIsFaithful() {
    double[] w = FaithfulnessTest.weights(false);
    float[][] x = FaithfulnessTest.data(100, 11, false);
    TestModels.Fn model = new TestModels.Fn(TestModels.names(D), r -> FaithfulnessTest.dot(w, r) + 1);
    int[] t = new int[x.length];
    // the gradient phi = w: I . w = f(x) - f(x - I) exactly
    InfidelityResult grad = Infidelity.create().samples(50).seed(1).batchRows(4096).compute(model, x, rowsOf(w, x.length), t);
    assertTrue(Arrays.stream(grad.perRow()).max().getAsDouble() < 1e-8, grad.toString());
    // 100 + 100 * 50 rows through the model in 2 calls (<= 4096 rows each)
    assertEquals(2, model.calls);
    assertNull(grad.beta());
    // phi = w * x with perturbations relative to the inputs (baseline 0), Captum's multiply_by_inputs
    InfidelityResult times = Infidelity.create().samples(50).multiplyByInputs(Baseline.constant(0))
        .compute(model, x, FaithfulnessTest.wx(w, x), t);
    assertTrue(Arrays.stream(times.perRow()).max().getAsDouble() < 1e-8, times.toString());
    // ... and the same attributions from occlusion (baseline 0) through the Attribution overload
    Attribution occ = Explain.featureAblation(model).explain(x);
    InfidelityResult viaAttribution = Infidelity.create().multiplyByInputs(Baseline.constant(0)).compute(model, occ);
    assertTrue(viaAttribution.mean() < 1e-8, viaAttribution.toString());
  }

  @Test
  void wrongAttributionScoresSigmaSquaredTimesErrorNorm() {
    // phi = w + e: residual I . e, so infidelity = E[(I . e)^2] = sigma^2 |e|^2 for Gaussian I
    double[] w = FaithfulnessTest.weights(false);
    float[][] x = FaithfulnessTest.data(2, 12, false);
    TestModels.Fn model = new TestModels.Fn(TestModels.names(D), r -> FaithfulnessTest.dot(w, r));
    double[] phi = new double[D];
    double e2 = 0;
    for (int j = 0; j < D; j++) {
      phi[j] = 2 * w[j];
      e2 += w[j] * w[j];
    }
    double sigma = 0.1;
    InfidelityResult r = Infidelity.create().std(sigma).samples(4000).seed(5).compute(model, x, rowsOf(phi, 2),
        new int[2]);
    for (double v : r.perRow()) {
      assertEquals(sigma * sigma * e2, v, 0.1 * sigma * sigma * e2);
    }
    // normalize: beta = 1/2 undoes the factor 2 exactly
    InfidelityResult n = Infidelity.create().std(sigma).samples(200).normalize(true).compute(model, x, rowsOf(phi, 2),
        new int[2]);
    assertArrayEquals(new double[] {0.5, 0.5}, n.beta(), 1e-5);
    assertTrue(n.mean() < 1e-8, n.toString());
    assertTrue(n.normalized());
  }

  @Test
  void quadraticModelWithGradientMatchesClosedForm() {
    // f = |x|^2, phi = 2x: f(x) - f(x - I) - I . phi = -|I|^2, E[|I|^4] = sigma^4 (d^2 + 2d)
    int d = 4;
    float[][] x = {{0.5f, -1f, 2f, 0.25f}};
    TestModels.Fn model = new TestModels.Fn(TestModels.names(d), r -> {
      double s = 0;
      for (float v : r) {
        s += v * v;
      }
      return s;
    });
    double[][] phi = {{1, -2, 4, 0.5}};
    double sigma = 0.1;
    InfidelityResult r = Infidelity.create().std(sigma).samples(8000).seed(3).compute(model, x, phi, new int[1]);
    double expect = Math.pow(sigma, 4) * (d * d + 2 * d);
    assertEquals(expect, r.mean(), 0.08 * expect);
  }

  @Test
  void explainsTheTargetClassAndIsSeeded() {
    double[] w = FaithfulnessTest.weights(false);
    float[][] x = FaithfulnessTest.data(40, 13, false);
    TestModels.Logit model = new TestModels.Logit(TestModels.names(D), r -> FaithfulnessTest.dot(w, r));
    // gradient of P(class 1) = p (1 - p) w
    double[][] g = new double[x.length][D];
    for (int i = 0; i < x.length; i++) {
      double p = 1 / (1 + Math.exp(-FaithfulnessTest.dot(w, x[i])));
      for (int j = 0; j < D; j++) {
        g[i][j] = p * (1 - p) * w[j];
      }
    }
    int[] ones = new int[x.length];
    Arrays.fill(ones, 1);
    Infidelity inf = Infidelity.create().std(0.01).samples(30).seed(8);
    InfidelityResult right = inf.compute(model, x, g, ones);
    InfidelityResult wrong = inf.compute(model, x, g, new int[x.length]);   // gradient of class 1 used for class 0
    assertTrue(right.mean() * 100 < wrong.mean(), right + " vs " + wrong);
    assertArrayEquals(right.perRow(), inf.compute(model, x, g, ones).perRow(), 0);
    assertNotEquals(right.mean(), inf.seed(9).compute(model, x, g, ones).mean());
    // a custom noise that moves nothing gives 0 whatever the attribution
    InfidelityResult still = inf.noise((row, rnd, i) -> Arrays.fill(i, 0)).compute(model, x, g, new int[x.length]);
    assertEquals(0, still.mean(), 0);
    assertEquals(x.length, right.toTable().rowCount());
    assertTrue(right.toHtml().contains("mean infidelity"));
  }

  @Test
  void badInput() {
    double[] w = FaithfulnessTest.weights(false);
    float[][] x = FaithfulnessTest.data(5, 14, false);
    TestModels.Fn model = new TestModels.Fn(TestModels.names(D), r -> FaithfulnessTest.dot(w, r));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Infidelity.create().compute(model, x, rowsOf(w, 3), new int[5]));
    assertTrue(e.getMessage().contains("attributions have 3 rows but x has 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Infidelity.create().compute(model, x, rowsOf(new double[4], 5), new int[5]));
    assertTrue(e.getMessage().contains("attribution row 0 has 4 values, expected 10"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Infidelity.create().samples(0));
    assertTrue(e.getMessage().contains("samples"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Infidelity.create().std(0));
    assertTrue(e.getMessage().contains("std must be > 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Infidelity.create()
        .multiplyByInputs(Baseline.values(new float[2])).compute(model, x, rowsOf(w, 5), new int[5]));
    assertTrue(e.getMessage().contains("baseline has 2 values, expected 10"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Infidelity.create().compute(model, x, rowsOf(w, 5), new int[] {0, 0, 3, 0, 0}));
    assertTrue(e.getMessage().contains("target of row 2 is 3"), e.getMessage());
  }
}
