package io.workbench.analysis.robustness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.analysis.MetricFixtures;
import io.workbench.analysis.MetricInput;
import io.workbench.testing.TestModels;
import org.junit.jupiter.api.Test;

/** Robustness metrics with explainers whose rate of change is known. */
class RobustnessMetricsTest {

  static final int D = 5;

  static MetricInput input(TestModels.Logit model, float[][] x, MetricFixtures.RowExplainer e) {
    double[][] v = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      v[i] = e.explain(x[i], 0);
    }
    return MetricInput.of(model, MetricFixtures.attribution(v, x)).withExplainer(MetricFixtures.explainer(e));
  }

  static double[] scaled(float[] r, double c) {
    double[] a = new double[r.length];
    for (int j = 0; j < r.length; j++) {
      a[j] = c * r[j];
    }
    return a;
  }

  @Test
  void knownRatesOfChange() {
    TestModels.Logit model = new TestModels.Logit(TestModels.names(D), r -> 3 + 0.01 * r[0]);   // always class 1, flat
    float[][] x = TestModels.gaussian(4, D, 2);
    for (float[] r : x) {
      for (int j = 0; j < D; j++) {
        r[j] += 3;   // away from 0, so relative changes are small and finite
      }
    }
    // e(x) = 2x: Lipschitz exactly 2; e(x) = const: 0 for every metric
    MetricInput twice = input(model, x, (r, t) -> scaled(r, 2));
    for (double v : new LocalLipschitz().radius(0.05).score(twice)) {
      assertEquals(2, v, 1e-5);
    }
    MetricInput constant = input(model, x, (r, t) -> new double[] {1, 2, 3, 4, 5});
    assertArrayEquals(new double[4], new LocalLipschitz().score(constant), 0);
    assertArrayEquals(new double[4], new AverageSensitivity().score(constant), 0);
    assertArrayEquals(new double[4], RelativeStability.input().score(constant), 0);
    // e(x) = c x: (e - e') / e = (x - x') / x, so RIS = 1 whatever c
    for (double v : RelativeStability.input().radius(0.05).score(twice)) {
      assertEquals(1, v, 1e-4);
    }
    // average sensitivity of e(x) = 2x: mean ||2 delta|| / ||2x|| = mean ||delta|| / ||x|| < radius sqrt(d) / ||x||
    double[] avg = new AverageSensitivity().radius(0.1).score(twice);
    for (int i = 0; i < x.length; i++) {
      double norm = 0;
      for (float v : x[i]) {
        norm += v * v;
      }
      assertTrue(avg[i] > 0 && avg[i] <= 0.1 * Math.sqrt(D) / Math.sqrt(norm) + 1e-9, "row " + i + ": " + avg[i]);
    }
    // ROS: the output barely moves (saturated sigmoid), so the relative output stability is large
    double[] ros = RelativeStability.output().radius(0.05).score(twice);
    double[] ris = RelativeStability.input().radius(0.05).score(twice);
    for (int i = 0; i < x.length; i++) {
      assertTrue(ros[i] > ris[i], "ROS " + ros[i] + " vs RIS " + ris[i]);
    }
    // 4 rows x 10 copies re-explained, and for ROS 4 x 11 rows through the model too
    MetricInput fresh = input(model, x, (r, t) -> scaled(r, 2));
    RelativeStability.output().score(fresh);
    assertEquals(40 + 44, fresh.evaluations());
  }

  @Test
  void sameSeedSameNumbersAndBadInput() {
    TestModels.Logit model = new TestModels.Logit(TestModels.names(D), r -> r[0] * r[1]);
    float[][] x = TestModels.gaussian(3, D, 8);
    MetricFixtures.RowExplainer e = (r, t) -> new double[] {r[0] * r[1], r[0] * r[0], 0, 1, r[4]};
    double[] a = new LocalLipschitz().score(input(model, x, e));
    double[] b = new LocalLipschitz().score(input(model, x, e));
    assertArrayEquals(a, b, 0);
    double[] c = new LocalLipschitz().score(input(model, x, e).withOptions(io.workbench.run.RunOptions.defaults()
        .withSeed(9)));
    assertTrue(a[0] != c[0], "another seed draws other perturbations");
    assertThrows(IllegalArgumentException.class, () -> new LocalLipschitz().radius(0));
    assertThrows(IllegalArgumentException.class, () -> new AverageSensitivity().samples(0));
    MetricInput noExplainer = MetricInput.of(model, MetricFixtures.attribution(new double[3][D], x));
    IllegalArgumentException err = assertThrows(IllegalArgumentException.class,
        () -> new AverageSensitivity().score(noExplainer));
    assertTrue(err.getMessage().contains("explainer"), err.getMessage());
  }
}
