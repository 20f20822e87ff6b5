package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.eval.Metric;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Permutation importance's tree fast path (trees walked in Java, only those splitting on the permuted column) gives
 * the same importances as the generic path, whose permuted copies go through XGBoost's native predictions.
 */
class TreeFastPathTest {

  @Test
  void binaryClassifierMatchesNativePredictions() {
    Split s = Datasets.breastCancer().split(0.7, 3);
    Model m = Models.xgboost().rounds(40).maxDepth(4).threads(1).seed(0).progress(e -> {}).fit(s.train());
    for (Metric metric : new Metric[] {Metric.ACCURACY, Metric.LOG_LOSS}) {
      PermutationImportance pi = Explain.permutationImportance(m, s.test()).metric(metric).repeats(3).seed(4);
      FeatureImportance fast = pi.explain();
      FeatureImportance slow = pi.fastPath(false).explain();
      assertEquals("tree fast path", fast.settings().get("path"));
      assertEquals("batched copies", slow.settings().get("path"));
      assertEquals(slow.baselineScore(), fast.baselineScore(), 1e-12);
      assertArrayEquals(slow.importances(), fast.importances(), metric == Metric.ACCURACY ? 1e-12 : 1e-5);
      assertArrayEquals(slow.std(), fast.std(), metric == Metric.ACCURACY ? 1e-12 : 1e-5);
    }
  }

  @Test
  void regressorAndGroupsMatchNativePredictions() {
    Dataset d = Datasets.diabetes();
    Split s = d.split(0.7, 3);
    Model m = Models.xgboost().rounds(30).maxDepth(3).threads(1).seed(0).progress(e -> {}).fit(s.train());
    PermutationImportance pi = Explain.permutationImportance(m, s.test()).metric(Metric.RMSE).repeats(2).seed(9)
        .groups(Map.of("first", new int[] {0, 1, 2}, "rest", new int[] {3, 4, 5, 6, 7, 8, 9}));
    FeatureImportance fast = pi.explain();
    FeatureImportance slow = pi.fastPath(false).explain();
    assertEquals("tree fast path", fast.settings().get("path"));
    assertArrayEquals(slow.importances(), fast.importances(), 1e-3);
  }
}
