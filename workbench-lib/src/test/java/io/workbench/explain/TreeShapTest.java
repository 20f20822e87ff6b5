package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.model.Model;
import io.workbench.model.TreeEnsemble;
import io.workbench.model.factory.Models;
import io.workbench.testing.TestModels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Explain.treeShap on XGBoost: additivity against native margins, log-odds space, gain ranking, bad input. */
class TreeShapTest {

  static Split bc;
  static Model xgb;

  @BeforeAll
  static void fit() {
    bc = Datasets.breastCancer().split(0.7, 11);
    xgb = Models.xgboost().rounds(60).maxDepth(3).eta(0.1).seed(3).threads(1).fit(bc.train());
  }

  @Test
  void additiveInLogOddsAndRankedLikeGain() {
    Attribution a = Explain.treeShap(xgb).explain(bc.test());
    int n = bc.test().rows();
    int d = bc.test().features().size();
    assertEquals("tree SHAP", a.method());
    assertTrue(a.additive());
    assertEquals(n, a.rows());
    assertTrue(a.evaluations() == 0 || a.evaluations() == n, "evaluations " + a.evaluations());
    // every row: contributions + base = native margin (computed by XGBoost, not by summing)
    for (int i = 0; i < n; i++) {
      double s = a.baseValues()[i];
      for (double v : a.values(i)) {
        s += v;
      }
      assertEquals(a.outputs()[i], s, 1e-4, "row " + i);
    }
    assertTrue(a.additivityGap() < 1e-4, "gap " + a.additivityGap());
    // default target = class 1 (benign) for every row; the output is its log-odds, so sigmoid(output) = P(benign)
    float[][] proba = xgb.predictProba(bc.test().x());
    for (int i = 0; i < n; i++) {
      assertEquals(1, a.targets()[i], "row " + i);
      assertEquals(proba[i][1], 1 / (1 + Math.exp(-a.outputs()[i])), 1e-5, "row " + i);
    }
    assertEquals("log-odds of benign", a.explainedOutput());
    // global ranking's top feature is among the three features with the largest mean gain
    Table imp = xgb.as(TreeEnsemble.class).orElseThrow().importance();
    List<String> byGain = new ArrayList<>(imp.stringColumn("feature").asList());
    double[] gain = imp.numberColumn("gain").asDoubleArray();
    List<String> names = new ArrayList<>(byGain);
    byGain.sort(Comparator.comparingDouble(f -> -gain[names.indexOf(f)]));
    String top = a.global().topFeatures(1).get(0);
    assertTrue(byGain.subList(0, 3).contains(top), top + " not in gain top-3 " + byGain.subList(0, 3));
    assertEquals(d, a.numFeatures());
  }

  @Test
  void binaryClassZeroIsTheNegationOfClassOne() {
    float[][] rows = bc.test().head(20).x();
    Attribution one = Explain.treeShap(xgb).target(Target.of(1)).explain(rows);
    Attribution zero = Explain.treeShap(xgb).target(Target.of(0)).explain(rows);
    for (int i = 0; i < rows.length; i++) {
      double[] neg = zero.values(i);
      for (int j = 0; j < neg.length; j++) {
        neg[j] = -neg[j];
      }
      assertArrayEquals(one.values(i), neg, 1e-6);
      assertEquals(one.outputs()[i], -zero.outputs()[i], 1e-5);
    }
    // batching does not change the values
    Attribution small = Explain.treeShap(xgb).target(Target.of(1)).batchRows(7).explain(rows);
    for (int i = 0; i < rows.length; i++) {
      assertArrayEquals(one.values(i), small.values(i), 0.0);
    }
  }

  @Test
  void badInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Explain.treeShap(xgb).target(Target.of(2)).explain(bc.test().head(3)));
    assertTrue(e.getMessage().contains("class index 2 is out of range"), e.getMessage());
    Model logistic = new TestModels.Logistic(new double[] {1, -1, 0.5}, 0);
    e = assertThrows(IllegalArgumentException.class, () -> Explain.treeShap(logistic));
    assertTrue(e.getMessage().contains("tree SHAP needs a tree ensemble (XGBoost)")
        && e.getMessage().contains("use Explain.kernelShap"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.treeShap(null));
    assertTrue(e.getMessage().contains("model"), e.getMessage());
  }
}
