package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.model.Differentiable.Output;
import io.workbench.model.Differentiable;
import io.workbench.model.LayerGradients;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Input and layer gradients against finite differences and exact identities; randomised copies. */
class GradientsTest {

  /** Central finite difference of output[target] in raw feature j, with a step of 0.01 standard deviations. */
  static double finiteDifference(Differentiable m, float[] row, int j, int target, Output out, double scale) {
    float[] plus = row.clone();
    float[] minus = row.clone();
    plus[j] = (float) (row[j] + 0.01 * scale);
    minus[j] = (float) (row[j] - 0.01 * scale);
    float[][] o = m.output(new float[][] {plus, minus}, out);
    return (o[0][target] - o[1][target]) / ((double) plus[j] - minus[j]);
  }

  @Test
  void inputGradientsOfASmoothNetworkMatchCentralFiniteDifferences() {
    Dataset iris = Datasets.iris();
    NeuralNetModel m = Models.mlp(16, 8).activation("tanh").epochs(20).seed(2).batchSize(5).fit(iris);
    Differentiable d = m.as(Differentiable.class).orElseThrow();
    double[] scale = m.standardizer().scale();
    float[][] x = iris.select(0, 60, 120, 77).x();
    int[] targets = {0, 1, 2, 2};
    for (Output out : Output.values()) {
      float[][] g = d.inputGradients(x, targets, out);
      assertEquals(4, g.length);
      double maxAbs = 0;
      for (float[] r : g) {
        for (float v : r) {
          maxAbs = Math.max(maxAbs, Math.abs(v));
        }
      }
      assertTrue(maxAbs > 1e-3, "gradients are not all zero");
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < x[i].length; j++) {
          double fd = finiteDifference(d, x[i], j, targets[i], out, scale[j]);
          assertEquals(fd, g[i][j], 2e-3 * maxAbs + 1e-4, out + " row " + i + " feature " + j);
        }
      }
    }
  }

  @Test
  void gradientsAreBatchedConsistentlyAndLinearRegressionHasConstantGradients() {
    Dataset diabetes = Datasets.diabetes();
    NeuralNetModel lin = Models.linear().epochs(30).seed(1).fit(diabetes);
    float[][] x = diabetes.head(300).x();
    float[][] g = lin.withBatchSize(64).inputGradients(x, null, Output.LOGIT);
    double[] scale = lin.standardizer().scale();
    for (int j = 0; j < x[0].length; j++) {
      for (int i = 1; i < x.length; i++) {
        assertEquals(g[0][j], g[i][j], 1e-6 * Math.abs(g[0][j]) + 1e-9, "feature " + j + " row " + i);
      }
      double fd = finiteDifference(lin, x[5], j, 0, Output.LOGIT, scale[j]);
      assertEquals(fd, g[0][j], 1e-3 * Math.abs(g[0][j]) + 1e-3);
    }
    // small inference batches give the same predictions as one big batch
    float[][] a = lin.withBatchSize(7).predictProba(x);
    float[][] b = lin.predictProba(x);
    for (int i = 0; i < x.length; i++) {
      assertEquals(b[i][0], a[i][0], 1e-4 * Math.abs(b[i][0]));
    }
  }

  @Test
  void layerGradientsSatisfyTheLinearHeadIdentity() {
    Dataset iris = Datasets.iris();
    NeuralNetModel m = Models.mlp(12, 6).epochs(10).seed(4).fit(iris);
    float[][] x = iris.select(3, 55, 140).x();
    int[] t = {1, 1, 1};
    // output layer: activations are the logits, gradient of logit t is one-hot
    LayerGradients out = m.layerGradients("output", x, t, Output.LOGIT);
    float[][] logits = m.output(x, Output.LOGIT);
    assertArrayEquals(new int[] {3, 3}, out.shape());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(logits[i], out.activationsOfRow(i), 1e-6f);
      assertArrayEquals(new float[] {0, 1, 0}, out.gradientsOfRow(i));
    }
    // last hidden layer: logit_t = w_t . a + b_t, so the gradient is the same for every row and
    // (a_i - a_j) . g = logit_i - logit_j
    LayerGradients h = m.layerGradients("dense2", x, t, Output.LOGIT);
    assertArrayEquals(new int[] {3, 6}, h.shape());
    assertArrayEquals(h.gradientsOfRow(0), h.gradientsOfRow(2), 1e-6f);
    float[] g = h.gradientsOfRow(0);
    for (int i = 1; i < 3; i++) {
      double dot = 0;
      for (int u = 0; u < 6; u++) {
        dot += (h.activation(i, u) - h.activation(0, u)) * g[u];
      }
      assertEquals(logits[i][1] - logits[0][1], dot, 1e-4);
    }
    // probability output: chain rule through the softmax, d p_t / d logit_t = p_t (1 - p_t)
    LayerGradients pOut = m.layerGradients("output", x, t, Output.PROBABILITY);
    float[][] p = m.predictProba(x);
    assertEquals(p[0][1] * (1 - p[0][1]), pOut.gradient(0, 1), 1e-5);
    assertEquals(-p[0][1] * p[0][0], pOut.gradient(0, 0), 1e-5);
  }

  @Test
  void randomizedCopiesChangeOnlyTheNamedLayers() {
    Dataset iris = Datasets.iris();
    NeuralNetModel m = Models.mlp(12, 6).epochs(10).seed(4).fit(iris);
    float[][] x = iris.x();
    int[] t = iris.y();
    float[][] before = m.predictProba(x);
    Differentiable r = m.withRandomizedLayers(List.of("output"), 11);
    float[][] after = m.predictProba(x);
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(before[i], after[i], "the original is unchanged");
    }
    // layers below the randomised one keep their activations; the output changes
    assertArrayEquals(m.layerGradients("dense2", x, t, Output.LOGIT).activations(),
        r.layerGradients("dense2", x, t, Output.LOGIT).activations());
    assertFalse(java.util.Arrays.equals(m.output(x, Output.LOGIT)[0], r.output(x, Output.LOGIT)[0]));
    Differentiable r2 = m.withRandomizedLayers(List.of("output"), 11);
    assertArrayEquals(r.output(x, Output.LOGIT)[7], r2.output(x, Output.LOGIT)[7], "same seed, same copy");
    Differentiable cascade = m.withRandomizedLayers(List.of("output", "dense2", "dense1"), 11);
    assertFalse(java.util.Arrays.equals(m.layerGradients("dense1", x, t, Output.LOGIT).activations(),
        cascade.layerGradients("dense1", x, t, Output.LOGIT).activations()));
    assertTrue(cascade.toString().contains("randomized"), cascade.toString());
  }

  @Test
  void concurrentInferenceAndGradientsGiveTheSequentialResults() throws Exception {
    Dataset bc = Datasets.breastCancer();
    NeuralNetModel m = Models.mlp(16).epochs(3).seed(8).fit(bc).withBatchSize(50);
    float[][] x = bc.x();
    int[] t = bc.y();
    float[][] p = m.predictProba(x);
    float[][] g = m.inputGradients(x, t, Output.PROBABILITY);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<float[][]>> fp = new java.util.ArrayList<>();
      List<java.util.concurrent.Future<float[][]>> fg = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        fp.add(pool.submit(() -> m.predictProba(x)));
        fg.add(pool.submit(() -> m.inputGradients(x, t, Output.PROBABILITY)));
      }
      for (int i = 0; i < 4; i++) {
        float[][] pi = fp.get(i).get();
        float[][] gi = fg.get(i).get();
        for (int r = 0; r < x.length; r++) {
          assertArrayEquals(p[r], pi[r]);
          assertArrayEquals(g[r], gi[r]);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unknownLayersAndBadTargetsAreRejected() {
    Dataset iris = Datasets.iris();
    Model model = Models.mlp(4).epochs(1).fit(iris);
    Differentiable m = model.as(Differentiable.class).orElseThrow();
    float[][] x = iris.head(2).x();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.layerGradients("conv9", x, new int[] {0, 0}, Output.LOGIT));
    assertTrue(e.getMessage().contains("conv9") && e.getMessage().contains("[dense1, output]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.withRandomizedLayers(List.of("dense7"), 1));
    assertTrue(e.getMessage().contains("[dense1, output]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.isConvolution("nope"));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.inputGradients(x, new int[] {0, 3}, Output.LOGIT));
    assertTrue(e.getMessage().contains("targets[1] = 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.inputGradients(x, new int[] {0}, Output.LOGIT));
    assertTrue(e.getMessage().contains("one class index per row"), e.getMessage());
  }
}
