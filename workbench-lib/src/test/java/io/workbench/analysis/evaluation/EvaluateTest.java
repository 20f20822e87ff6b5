package io.workbench.analysis.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.analysis.AttributionMetric;
import io.workbench.analysis.MetricInput;
import io.workbench.analysis.complexity.Sparseness;
import io.workbench.analysis.faithfulness.Road;
import io.workbench.analysis.localisation.RelevanceRankAccuracy;
import io.workbench.data.Dataset;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.testing.TestModels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class EvaluateTest {

  static final int D = 6;
  static final double[] W = {2, -1.5, 1, 0, 0, 0};

  static TestModels.Logit model() {
    return new TestModels.Logit(TestModels.names(D), r -> {
      double s = 0;
      for (int j = 0; j < D; j++) {
        s += W[j] * r[j];
      }
      return s;
    });
  }

  static Dataset data(TestModels.Logit model, int n) {
    float[][] x = TestModels.gaussian(n, D, 3);
    int[] y = model.predict(x);
    return Dataset.builder(Table.create("data", IntColumn.create("y", y))).featureMatrix(TestModels.names(D), x)
        .target("y").classNames(List.of("0", "1")).build();
  }

  static boolean[][] truth(int n) {
    boolean[][] m = new boolean[n][D];
    for (boolean[] r : m) {
      r[0] = true;
      r[1] = true;
      r[2] = true;
    }
    return m;
  }

  @Test
  void comparesRanksAndCountsEvaluations() {
    TestModels.Logit model = model();
    Dataset data = data(model, 24);
    Evaluate ev = Evaluate.of(model, data).groundTruth(truth(24)).rows(16).bootstrap(200).seed(4);
    MethodComparison cmp = ev.compare(Explain.featureAblation(model),
        Explain.exactShapley(model, Background.of(new float[1][D])));
    System.out.println(cmp);
    assertEquals(List.of("feature ablation", "exact Shapley").size(), cmp.methods().size());
    List<String> metrics = cmp.metrics();
    assertTrue(metrics.containsAll(List.of("faithfulness correlation", "ROAD MoRF", "ROAD LeRF", "average sensitivity",
        "sparseness (Gini)", "complexity (entropy)", "random logit", "pointing game", "relevance mass accuracy",
        "relevance rank accuracy", "localisation AUC")), metrics.toString());
    double[][] mean = cmp.means();
    double[][] lo = cmp.lower();
    double[][] hi = cmp.upper();
    double[][] rk = cmp.ranks();
    for (int m = 0; m < 2; m++) {
      for (int k = 0; k < metrics.size(); k++) {
        if (Double.isNaN(mean[m][k])) {
          continue;
        }
        assertTrue(lo[m][k] <= mean[m][k] + 1e-12 && mean[m][k] <= hi[m][k] + 1e-12, metrics.get(k));
        assertTrue(rk[m][k] >= 1 && rk[m][k] <= 2, metrics.get(k) + " rank " + rk[m][k]);
      }
    }
    // exact Shapley gives the unused features exactly 0 and sums to f(x) - f(0) > 0 for the predicted class, so
    // its largest value always lies on a used feature
    assertEquals(1, cmp.mean(cmp.methods().get(1), "pointing game"), 1e-12);
    // model rows: ROAD spends 9 steps per row, complexity none
    long[] per = cmp.evaluationsPerMetric();
    assertEquals(2L * 16 * 9, per[metrics.indexOf("ROAD MoRF")]);
    assertEquals(0, per[metrics.indexOf("sparseness (Gini)")]);
    assertEquals(2L * 16 * 101, per[metrics.indexOf("faithfulness correlation")]);
    // same seed, same numbers
    MethodComparison again = ev.compare(Explain.featureAblation(model),
        Explain.exactShapley(model, Background.of(new float[1][D])));
    for (int m = 0; m < 2; m++) {
      assertArrayEquals(mean[m], again.means()[m], 0);
      assertArrayEquals(lo[m], again.lower()[m], 0);
    }
    assertTrue(cmp.toHtml().contains("Kendall") && cmp.toText().contains("rank"), cmp.toText());
    assertEquals(2 * metrics.size(), cmp.toTable().rowCount());
    assertTrue(cmp.chart().toPng().length > 1000 && cmp.agreementChart().toPng().length > 1000);
  }

  @Test
  void agreementAndConcordanceOnConstructedScores() {
    List<AttributionMetric> ms = List.of(new Sparseness(), Road.morf(), new RelevanceRankAccuracy());
    // scores per method [metric][row]: a = (0.9, 0.1, 0.2), b = (0.5, 0.3, 0.1), c = (0.7, 0.2, 0.8)
    double[][] a = {{0.9, 0.9}, {0.1, 0.1}, {0.2, 0.2}};
    double[][] b = {{0.5, 0.5}, {0.3, 0.3}, {0.1, 0.1}};
    double[][] c = {{0.7, 0.7}, {0.2, 0.2}, {0.8, 0.8}};
    MethodComparison r = MethodComparison.of(List.of("a", "b", "c"), ms, List.of(a, b, c),
        List.of(new long[3], new long[3], new long[3]), List.of(0L, 0L, 0L), 50, 1);
    // sparseness (higher better) a=1 c=2 b=3; ROAD MoRF (lower better) a=1 c=2 b=3; rank accuracy c=1 a=2 b=3
    assertArrayEquals(new double[] {1, 1, 2}, r.ranks()[0], 0);
    assertArrayEquals(new double[] {3, 3, 3}, r.ranks()[1], 0);
    assertArrayEquals(new double[] {2, 2, 1}, r.ranks()[2], 0);
    double[][] agree = r.agreement();
    // the first two rank alike; (1,3,2) vs (2,3,1): Spearman 1 - 6 * 2 / (3 * 8) = 0.5
    assertEquals(1, agree[0][1], 1e-12);
    assertEquals(0.5, agree[0][2], 1e-12);
    // Kendall's W: rank sums a=4, b=9, c=5, mean 6: S = 4 + 9 + 1 = 14; W = 12 * 14 / (3^2 * (27 - 3))
    assertEquals(12.0 * 14 / (9 * 24), r.concordance(), 1e-12);
    // constant scores: the interval collapses onto the mean
    assertEquals(r.lower()[0][0], r.upper()[0][0], 1e-12);
    assertEquals(0.9, r.means()[0][0], 1e-12);
  }

  @Test
  void badInputFailsFast() {
    TestModels.Logit model = model();
    Dataset data = data(model, 5);
    assertThrows(IllegalArgumentException.class, () -> Evaluate.of(model, data).groundTruth(truth(4)));
    assertThrows(IllegalArgumentException.class, () -> Evaluate.of(model, data).compare());
    assertThrows(IllegalArgumentException.class, () -> Evaluate.of(model, data).bootstrap(3));
    assertThrows(IllegalArgumentException.class, () -> Evaluate.of(model, data).metrics(new Sparseness(),
        new Sparseness()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Evaluate.of(model, data)
        .metrics(new RelevanceRankAccuracy()).compare(Explain.featureAblation(model)));
    assertTrue(e.getMessage().contains("relevance rank accuracy") && e.getMessage().contains("ground-truth"),
        e.getMessage());
    MethodComparison named = Evaluate.of(model, data).metrics(new Sparseness()).bootstrap(10)
        .compare(Map.of("ablation", Explain.featureAblation(model)));
    assertEquals(List.of("ablation"), named.methods());
    assertThrows(IllegalArgumentException.class, () -> named.mean("nope", "sparseness (Gini)"));
    assertTrue(MetricInput.class.getSimpleName().length() > 0);
  }
}
