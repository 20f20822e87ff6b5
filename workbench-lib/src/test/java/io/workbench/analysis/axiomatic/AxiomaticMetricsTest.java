package io.workbench.analysis.axiomatic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.analysis.MetricFixtures;
import io.workbench.analysis.MetricInput;
import io.workbench.explain.Attribution;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.testing.TestModels;
import org.junit.jupiter.api.Test;

class AxiomaticMetricsTest {

  @Test
  void completenessOfExactShapleyAndOfAHandMadeGap() {
    TestModels.Fn model = TestModels.regression(4, r -> 2 * r[0] - r[1] + r[2] * r[3]);
    float[][] x = TestModels.gaussian(3, 4, 5);
    Attribution exact = Explain.exactShapley(model, Background.of(new float[1][4])).explain(x);
    double[] gap = new Completeness().score(MetricInput.of(model, exact));
    for (double v : gap) {
      assertEquals(0, v, 1e-5);
    }
    // sum 3, output 5, base 1: |3 - 4| / 4
    Attribution hand = Attribution.builder("hand", TestModels.names(2)).values(new double[][] {{1, 2}})
        .inputs(new float[1][2]).baseValues(new double[] {1}).outputs(new double[] {5}).targets(new int[1])
        .additive(true).build();
    assertArrayEquals(new double[] {0.25}, new Completeness().score(MetricInput.of(TestModels.regression(2,
        r -> 0), hand)), 1e-12);
    // occlusion promises no additivity: undefined
    Attribution occ = Explain.featureAblation(model).explain(x);
    assertTrue(Double.isNaN(new Completeness().score(MetricInput.of(model, occ))[0]));
  }

  @Test
  void nonSensitivityCountsDisagreements() {
    TestModels.Fn model = TestModels.regression(4, r -> r[0] + r[1]);
    float[][] x = {{1, 2, 3, 4}};
    // right: x0 and x1 attributed and used, x2 and x3 neither
    MetricInput right = MetricInput.of(model, MetricFixtures.attribution(new double[][] {{1, 2, 0, 0}}, x));
    assertArrayEquals(new double[] {0}, new NonSensitivity().score(right), 0);
    // wrong: x1 used but unattributed, x2 attributed but inert
    MetricInput wrong = MetricInput.of(model, MetricFixtures.attribution(new double[][] {{1, 0, 3, 0}}, x));
    assertArrayEquals(new double[] {0.5}, new NonSensitivity().score(wrong), 0);
    // windows of 2: {x0, x1} used and attributed, {x2, x3} inert but attributed
    assertArrayEquals(new double[] {0.5}, new NonSensitivity().windows(2).score(wrong), 0);
    assertEquals(1 + 4 + 1 + 4 + 1 + 2, right.evaluations() + wrong.evaluations());
  }
}
