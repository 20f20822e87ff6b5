package io.workbench.analysis.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.analysis.agreement.ImportanceFn;
import io.workbench.data.Dataset;
import io.workbench.eval.Metric;
import io.workbench.explain.FeatureImportance;
import io.workbench.testing.TestModels;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Correlated-feature grouping and grouped permutation importance against closed forms. */
class FeatureGroupsTest {

  static Dataset correlated(int n, long seed) {
    Random rnd = new Random(seed);
    float[][] x = new float[n][6];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double a = rnd.nextGaussian();
      double b = rnd.nextGaussian();
      x[i][0] = (float) a;
      x[i][1] = (float) (a + 0.01 * rnd.nextGaussian()); // near-duplicate of x0
      x[i][2] = (float) (2 * b + 1);                      // exact monotone copy of x3
      x[i][3] = (float) b;
      x[i][4] = (float) (-a * a * a);                     // decreasing in x0: |rho| = 1
      x[i][5] = (float) rnd.nextGaussian();               // independent
      y[i] = a;
    }
    return Dataset.of(x, TestModels.names(6), y);
  }

  @Test
  void duplicatedColumnsAreGroupedTogether() {
    FeatureGroups g = FeatureGroups.byCorrelation(correlated(500, 1), 0.1);
    assertEquals(List.of(List.of("x0", "x1", "x4"), List.of("x2", "x3"), List.of("x5")), g.groups(), g.toText());
    assertEquals(List.of("x0+x1+x4", "x2+x3", "x5"), g.names());
    assertEquals(1.0, g.toTable().doubleColumn("mean_abs_spearman").get(1), 1e-9);
    assertEquals(List.of("x2", "x3"), g.groupOf("x3"));
    // A threshold near 1 merges everything; a tiny one keeps only the exact monotone copies together.
    assertEquals(1, FeatureGroups.byCorrelation(correlated(500, 1), 1.0).size());
    FeatureGroups tight = FeatureGroups.byCorrelation(correlated(500, 1), 1e-9);
    assertTrue(tight.groups().contains(List.of("x2", "x3")), tight.toText());
    assertTrue(tight.groups().contains(List.of("x0", "x4")), tight.toText());
  }

  @Test
  void groupedImportanceOfDuplicatedFeatures() {
    // f = (x0 + x1) / 2 with x1 = x0 (exact copy), target y = x0, score MSE. Permuting both together:
    // f - y = x0[perm] - x0, E = 2 Var(x0) = 2. Permuting one: (x0[perm] - x0) / 2, E = 2/4 = 0.5.
    // x5 is unused: exactly 0.
    Random rnd = new Random(3);
    int n = 4000;
    float[][] x = new float[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = (float) rnd.nextGaussian();
      x[i][1] = x[i][0];
      x[i][2] = (float) rnd.nextGaussian();
      y[i] = x[i][0];
    }
    List<String> names = List.of("x0", "x1", "x5");
    Dataset data = Dataset.of(x, names, y);
    TestModels.Fn f = new TestModels.Fn(names, r -> (r[0] + r[1]) / 2);
    FeatureImportance imp = GroupImportance.create().score(Metric.MSE).repeats(3).seed(5).batchRows(4096)
        .compute(f, data, List.of(List.of("x0", "x1"), List.of("x0"), List.of("x5")));
    assertEquals(2.0, imp.importance("x0+x1"), 0.15);
    assertEquals(0.5, imp.importance("x0"), 0.05);
    assertEquals(0.0, imp.importance("x5"), 0.0);
    assertEquals(List.of("x0+x1", "x0", "x5"), imp.topFeatures(imp.size()));
    // 3 groups x 3 repeats x 4000 rows, 4096 rows per call, plus one baseline call.
    assertEquals(1 + 3 * 3, f.calls);
    FeatureImportance again = GroupImportance.create().score(Metric.MSE).repeats(3).seed(5).threads(3).batchRows(500)
        .compute(f, data, List.of(List.of("x0", "x1"), List.of("x0"), List.of("x5")));
    assertEquals(imp, again);

    double[] perFeature = ImportanceFn.permutation(Metric.MSE, 2, 1).importance(f, data);
    assertEquals(3, perFeature.length);
    assertEquals(0.5, perFeature[1], 0.05);
    assertEquals(0.0, perFeature[2], 0.0);
  }

  @Test
  void badInput() {
    Dataset data = correlated(20, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureGroups.byCorrelation(data, 0));
    assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FeatureGroups.of(List.of(List.of("a"), List.of("a", "b"))));
    assertTrue(e.getMessage().contains("'a' is in more than one group"), e.getMessage());
    TestModels.Fn f = new TestModels.Fn(TestModels.names(6), r -> r[0]);
    e = assertThrows(IllegalArgumentException.class,
        () -> GroupImportance.create().compute(f, data, List.of(List.of("x0", "nope"))));
    assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("x5"), e.getMessage());
  }
}
