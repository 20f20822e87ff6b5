package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.model.FlatInput;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import io.workbench.model.xgboost.XGBoostModel;
import io.workbench.testing.TestModels;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flat-batch path of the coalition evaluator ({@link FlatInput}, taken for XGBoost) gives the same attributions,
 * bit for bit, as the row path every other model takes: the reference is the same XGBoost model behind a plain
 * {@link Model} that hides the capability.
 */
class FlatBatchTest {

  static Split bc;
  static XGBoostModel model;

  @BeforeAll
  static void fit() {
    bc = Datasets.breastCancer().split(0.8, 42);
    model = Models.xgboost().rounds(40).maxDepth(4).eta(0.2).seed(3).threads(2).fit(bc.train());
  }

  static void assertSameBits(Attribution a, Attribution b) {
    assertEquals(a.rows(), b.rows());
    for (int i = 0; i < a.rows(); i++) {
      assertArrayEquals(a.values(i), b.values(i), 0.0, "row " + i);
    }
    assertArrayEquals(a.baseValues(), b.baseValues(), 0.0);
  }

  @Test
  void kernelShapExactShapleyAndOcclusionAgreeBitForBitWithTheRowPath() {
    Model rows = TestModels.withoutLinearInput(model); // every capability hidden, FlatInput too
    assertTrue(model.as(FlatInput.class).isPresent());
    assertFalse(rows.as(FlatInput.class).isPresent());
    float[][] bg = Arrays.copyOf(bc.train().x(), 12);
    float[][] x = Arrays.copyOf(bc.test().x(), 3);
    // one row (batches spread over two inner threads) and three rows (one per worker), several batches each
    for (float[][] r : new float[][][] {Arrays.copyOf(x, 1), x}) {
      Attribution flat = Explain.kernelShap(model, Background.of(bg)).samples(300).tolerance(0).seed(5).threads(2)
          .batchRows(700).explain(r);
      Attribution viaRows = Explain.kernelShap(rows, Background.of(bg)).samples(300).tolerance(0).seed(5).threads(2)
          .batchRows(700).explain(r);
      assertSameBits(flat, viaRows);
    }
    Attribution occl = Explain.featureAblation(model).threads(2).batchRows(7).explain(x);
    assertSameBits(occl, Explain.featureAblation(rows).threads(2).batchRows(7).explain(x));
    Background small = Background.of(Arrays.copyOf(bg, 3));
    assertSameBits(Explain.exactShapley(model, small).groups(groups()).batchRows(5).explain(x),
        Explain.exactShapley(rows, small).groups(groups()).batchRows(5).explain(x));
  }

  /** Five groups of six features: exact Shapley over 2^5 coalitions. */
  static java.util.Map<String, int[]> groups() {
    java.util.Map<String, int[]> g = new java.util.LinkedHashMap<>();
    for (int k = 0; k < 5; k++) {
      g.put("g" + k, new int[] {6 * k, 6 * k + 1, 6 * k + 2, 6 * k + 3, 6 * k + 4, 6 * k + 5});
    }
    return g;
  }

  @Test
  void badCallerValuesStillFailNamingRowAndFeature() {
    float[][] bg = Arrays.copyOf(bc.train().x(), 5);
    float[][] x = Arrays.copyOf(bc.test().x(), 3);
    x[2][7] = Float.NEGATIVE_INFINITY;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Explain.kernelShap(model, Background.of(bg)).samples(64).explain(x));
    assertTrue(e.getMessage().contains("row 2, feature '" + model.featureNames().get(7) + "'"), e.getMessage());
  }
}
