package io.workbench.analysis.randomisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.workbench.analysis.MetricFixtures;
import io.workbench.analysis.MetricInput;
import io.workbench.testing.TestModels;
import org.junit.jupiter.api.Test;

class RandomLogitTest {

  @Test
  void classBlindMapsScoreOneClassAwareMapsMinusOne() {
    TestModels.Logit model = new TestModels.Logit(TestModels.names(4), r -> r[0]);
    float[][] x = TestModels.gaussian(6, 4, 1);
    MetricFixtures.RowExplainer blind = (r, t) -> new double[] {r[0], r[1], r[2], r[3]};
    MetricFixtures.RowExplainer aware = (r, t) -> new double[] {t == 1 ? r[0] : -r[0], t == 1 ? r[1] : -r[1], 0,
      t == 1 ? 1 : -1};
    for (double v : new RandomLogit().score(input(model, x, blind))) {
      assertEquals(1, v, 1e-9);
    }
    for (double v : new RandomLogit().score(input(model, x, aware))) {
      assertEquals(-1, v, 1e-9);
    }
    TestModels.Fn regression = TestModels.regression(4, r -> r[0]);
    MetricInput reg = MetricInput.of(regression, MetricFixtures.attribution(new double[1][4], new float[1][4]));
    assertThrows(IllegalArgumentException.class, () -> new RandomLogit().score(reg));
  }

  static MetricInput input(TestModels.Logit model, float[][] x, MetricFixtures.RowExplainer e) {
    double[][] v = new double[x.length][];
    int[] t = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      t[i] = 1;
      v[i] = e.explain(x[i], 1);
    }
    io.workbench.explain.Attribution a = io.workbench.explain.Attribution.builder("m", model.featureNames()).values(v)
        .inputs(x).baseValues(new double[x.length]).outputs(new double[x.length]).targets(t).build();
    return MetricInput.of(model, a).withExplainer(MetricFixtures.explainer(e));
  }
}
