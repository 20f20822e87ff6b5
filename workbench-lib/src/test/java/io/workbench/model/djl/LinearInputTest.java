package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.eval.Metric;
import io.workbench.explain.Explain;
import io.workbench.explain.FeatureImportance;
import io.workbench.model.LinearInput;
import io.workbench.model.factory.Models;
import org.junit.jupiter.api.Test;

/** The DJL networks' LinearInput view: folded weights reproduce the network, and the permutation fast path. */
class LinearInputTest {

  /** z = W_raw x + b_raw computed here in double, then the rest of the network must give predictProba(x). */
  private static void assertReproduces(NeuralNetModel m, float[][] x, double tol) {
    LinearInput li = m.as(LinearInput.class).orElseThrow();
    float[][] w = li.inputWeights();
    float[] b = li.inputBias();
    assertEquals(x[0].length, w[0].length);
    float[][] z = new float[x.length][b.length];
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < b.length; k++) {
        double s = b[k];
        for (int j = 0; j < x[i].length; j++) {
          s += (double) w[k][j] * x[i][j];
        }
        z[i][k] = (float) s;
      }
    }
    float[][] direct = m.predictProba(x);
    float[][] via = li.predictFromPreActivation(z);
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < direct[i].length; k++) {
        assertEquals(direct[i][k], via[i][k], tol * Math.max(1, Math.abs(direct[i][k])), "row " + i + " output " + k);
      }
    }
  }

  @Test
  void foldedFirstLayerReproducesMlpLogisticAndLinearNetworks() {
    Dataset bc = Datasets.breastCancer();
    NeuralNetModel mlp = Models.mlp(16, 8).epochs(5).seed(1).fit(bc).withBatchSize(100);
    assertReproduces(mlp, bc.x(), 1e-5);
    assertEquals(16, mlp.as(LinearInput.class).orElseThrow().inputBias().length);
    NeuralNetModel bn = Models.mlp(8).batchNorm(true).dropout(0.2).epochs(3).seed(2).fit(bc);
    assertReproduces(bn, bc.head(100).x(), 1e-5);
    NeuralNetModel logistic = Models.logistic().epochs(5).seed(1).fit(bc);
    assertReproduces(logistic, bc.x(), 1e-5);
    assertEquals(2, logistic.as(LinearInput.class).orElseThrow().inputBias().length);
    Dataset diabetes = Datasets.diabetes();
    NeuralNetModel lin = Models.linear().epochs(5).seed(1).fit(diabetes);
    assertReproduces(lin, diabetes.x(), 1e-4);
    LinearInput li = mlp.as(LinearInput.class).orElseThrow();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> li.predictFromPreActivation(new float[][] {new float[3]}));
    assertTrue(e.getMessage().contains("expected 16"), e.getMessage());
  }

  @Test
  void convolutionalNetworksDoNotOfferLinearInput() {
    Dataset digits = Datasets.digits().head(200);
    NeuralNetModel cnn = Models.cnn2d(4).epochs(1).seed(1).fit(digits);
    assertFalse(cnn.as(LinearInput.class).isPresent());
    assertTrue(cnn.as(io.workbench.model.Differentiable.class).isPresent());
  }

  @Test
  void permutationImportanceFastPathEqualsTheGenericPath() {
    Split s = Datasets.breastCancer().split(0.7, 3);
    NeuralNetModel mlp = Models.mlp(32, 16).epochs(15).seed(4).fit(s.train());
    for (Metric metric : new Metric[] {Metric.LOG_LOSS, Metric.ACCURACY}) {
      FeatureImportance fast = Explain.permutationImportance(mlp, s.test()).metric(metric).repeats(5).seed(9).explain();
      FeatureImportance generic = Explain.permutationImportance(mlp, s.test()).metric(metric).repeats(5).seed(9)
          .fastPath(false).explain();
      assertEquals("linear-input fast path", fast.settings().get("path"));
      assertEquals("batched copies", generic.settings().get("path"));
      double[] a = fast.importances();
      double[] b = generic.importances();
      double maxAbs = 0;
      for (int j = 0; j < a.length; j++) {
        assertEquals(b[j], a[j], 1e-4, metric.name() + " feature " + s.test().features().get(j));
        maxAbs = Math.max(maxAbs, Math.abs(b[j]));
      }
      assertTrue(maxAbs > 1e-3, "some feature matters");
      assertEquals(generic.baselineScore(), fast.baselineScore(), 1e-4);
    }
  }
}
