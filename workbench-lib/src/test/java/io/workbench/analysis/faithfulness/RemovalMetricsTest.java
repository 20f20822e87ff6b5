package io.workbench.analysis.faithfulness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.analysis.MetricFixtures;
import io.workbench.analysis.MetricInput;
import io.workbench.testing.TestModels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ROAD, its imputation, IROF and selectivity on cases computed by hand. */
class RemovalMetricsTest {

  @Test
  void linearImputationAlongTime() {
    NoisyLinearImputer imp = new NoisyLinearImputer(new int[] {2, 6}, 0);
    float[] x = {1, 9, 9, 4, 9, 0, /* channel 2 */ 9, 9, 2, 9, 9, 9};
    boolean[] removed = {false, true, true, false, true, true, true, true, false, true, true, true};
    float[] out = new float[12];
    imp.impute(x, removed, out, new Random(1));
    // channel 1: line from 1 (t0) to 4 (t3), then constant 4 beyond the last kept value
    // channel 2: constant 2 before and after its only kept value
    assertArrayEquals(new float[] {1, 2, 3, 4, 4, 4, 2, 2, 2, 2, 2, 2}, out, 1e-6f);
    // with noise: the kept values stay, removed ones move by about noise * sd
    NoisyLinearImputer noisy = new NoisyLinearImputer(new int[] {12}, 0.5);
    noisy.impute(x, removed, out, new Random(1));
    assertEquals(1f, out[0], 0);
    assertEquals(4f, out[3], 0);
    assertNotEquals(2f, out[1]);
  }

  @Test
  void imageImputationReproducesAPlane() {
    // harmonic interpolation with symmetric weights is exact on a linear function: a hole in a plane is refilled
    int h = 6;
    int w = 7;
    float[] x = new float[h * w];
    boolean[] removed = new boolean[h * w];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        x[r * w + c] = 2 * r - 0.5f * c + 1;
        removed[r * w + c] = r >= 2 && r <= 3 && c >= 2 && c <= 4;
      }
    }
    float[] out = new float[h * w];
    new NoisyLinearImputer(new int[] {1, h, w}, 0).impute(x, removed, out, new Random(1));
    assertArrayEquals(x, out, 1e-4f);
  }

  @Test
  void roadOnAModelThatReadsOneFeature() {
    // f(x) = x0, attribution e0; removing half the features MoRF removes x0 and x1 (ties by order) and imputes the
    // constant 2 from the right; LeRF removes x1 and x2 and keeps x0 = 4
    TestModels.Fn model = TestModels.regression(4, r -> r[0]);
    float[][] x = {{4, 1, 2, 3}};
    MetricInput in = MetricInput.of(model, MetricFixtures.attribution(new double[][] {{1, 0, 0, 0}}, x));
    assertArrayEquals(new double[] {2}, Road.morf().fractions(0.5).noise(0).score(in), 1e-6);
    assertArrayEquals(new double[] {4}, Road.lerf().fractions(0.5).noise(0).score(in), 1e-6);
    // two fractions: mean of the outputs after removing 1 (x0 -> 1) and 3 (x0 -> 3) features, MoRF
    assertArrayEquals(new double[] {2}, Road.morf().fractions(0.25, 0.75).noise(0).score(in), 1e-6);
    assertEquals(1 + 1 + 2, in.evaluations(), "one model row per row and step");
    assertTrue(Road.lerf().higherIsBetter() && !Road.morf().higherIsBetter());
    assertThrows(IllegalArgumentException.class, () -> Road.morf().fractions(0));
    assertThrows(IllegalArgumentException.class, () -> Road.morf().noise(-1));
  }

  @Test
  void irofAndSelectivityByHand() {
    TestModels.Fn model = TestModels.regression(4, r -> r[0] + r[1] + r[2] + r[3]);
    float[][] x = {{1, 2, 3, 4}};
    MetricInput in = MetricInput.of(model, MetricFixtures.attribution(new double[][] {{1, 2, 3, 4}}, x));
    // IROF: remove x3, x2, x1, x0 in turn, each replaced by the mean 2.5: f = 8.5, 8, 8.5, 10 of f(x) = 10
    assertArrayEquals(new double[] {(0.15 + 0.2 + 0.15 + 0) / 4}, new Irof().score(in), 1e-6);
    // selectivity: baseline 0, f = 10, 6, 3, 1, 0 at 0, 1/4, ..., 1: trapezoid 3.75
    assertArrayEquals(new double[] {3.75}, new Selectivity().score(in), 1e-6);
    // windows of 2: remove {x2, x3} then {x0, x1}: f = 10, 3, 0 at 0, 1/2, 1 -> 0.5 * 6.5 + 0.5 * 1.5
    assertArrayEquals(new double[] {4}, new Selectivity().windows(2).score(in), 1e-6);
  }

  @Test
  void correlationMetricsAreOneForExactLinearAttributions() {
    double[] w = {1, -2, 0.5, 3, 0, -1, 2, 0.25};
    TestModels.Fn model = TestModels.regression(w.length, r -> {
      double s = 0;
      for (int j = 0; j < w.length; j++) {
        s += w[j] * r[j];
      }
      return s;
    });
    float[][] x = TestModels.gaussian(5, w.length, 4);
    double[][] exact = MetricFixtures.map(x, r -> {
      double[] a = new double[r.length];
      for (int j = 0; j < r.length; j++) {
        a[j] = w[j] * r[j];
      }
      return a;
    });
    double[][] negated = MetricFixtures.map(x, r -> {
      double[] a = new double[r.length];
      for (int j = 0; j < r.length; j++) {
        a[j] = -w[j] * r[j];
      }
      return a;
    });
    MetricInput in = MetricInput.of(model, MetricFixtures.attribution(exact, x));
    double[] fc = new FaithfulnessCorrelation().runs(20).subsetFraction(0.25).score(in);
    for (double v : fc) {
      assertEquals(1, v, 1e-5);
    }
    // all 5 x (1 + 20) rows in one batched call
    assertEquals(1, model.calls);
    assertEquals(5 * 21, in.evaluations());
    MetricInput neg = MetricInput.of(model, MetricFixtures.attribution(negated, x));
    for (double v : new FaithfulnessCorrelation().runs(20).subsetFraction(0.25).score(neg)) {
      assertEquals(-1, v, 1e-5);
    }
    double[][] perSize = new SensitivityN().fractions(0.125, 0.5).runs(10).perSize(in);
    for (double[] row : perSize) {
      assertArrayEquals(new double[] {1, 1}, row, 1e-5);
    }
    assertThrows(IllegalArgumentException.class, () -> new SensitivityN().runs(1));
    // same seed, same numbers; another seed, other subsets
    double[] a = new FaithfulnessCorrelation().runs(5).score(MetricInput.of(model, MetricFixtures.attribution(
        MetricFixtures.map(x, r -> r), x)));
    double[] b = new FaithfulnessCorrelation().runs(5).score(MetricInput.of(model, MetricFixtures.attribution(
        MetricFixtures.map(x, r -> r), x)));
    assertArrayEquals(a, b, 0);
  }
}
