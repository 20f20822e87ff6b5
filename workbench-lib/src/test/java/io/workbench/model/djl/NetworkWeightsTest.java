package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.model.WeightArray;
import io.workbench.model.factory.Models;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weights in and out of the workbench's networks: names, shapes, an independent forward pass, replacement. */
class NetworkWeightsTest {

  /** softmax(W2 relu(W1 z + b1) + b2) with z the standardised row, computed here from the exported arrays. */
  static double[] forward(List<WeightArray> w, double[] mean, double[] scale, float[] x) {
    WeightArray w1 = w.get(0);
    WeightArray b1 = w.get(1);
    WeightArray w2 = w.get(2);
    WeightArray b2 = w.get(3);
    int h = w1.shape()[0];
    int d = w1.shape()[1];
    double[] hidden = new double[h];
    for (int k = 0; k < h; k++) {
      double s = b1.values()[k];
      for (int j = 0; j < d; j++) {
        s += w1.get(k, j) * ((x[j] - mean[j]) / scale[j]);
      }
      hidden[k] = Math.max(0, s);
    }
    int c = w2.shape()[0];
    double[] z = new double[c];
    double max = Double.NEGATIVE_INFINITY;
    for (int o = 0; o < c; o++) {
      double s = b2.values()[o];
      for (int k = 0; k < h; k++) {
        s += w2.get(o, k) * hidden[k];
      }
      z[o] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int o = 0; o < c; o++) {
      z[o] = Math.exp(z[o] - max);
      sum += z[o];
    }
    for (int o = 0; o < c; o++) {
      z[o] /= sum;
    }
    return z;
  }

  @Test
  void exportedWeightsReproduceThePredictions() {
    Dataset bc = Datasets.breastCancer();
    NeuralNetModel m = Models.mlp(8).epochs(3).seed(4).fit(bc);
    List<WeightArray> w = m.weights();
    assertEquals(List.of("dense1.weight", "dense1.bias", "output.weight", "output.bias"),
        w.stream().map(WeightArray::name).toList());
    assertArrayEquals(new int[] {8, 30}, w.get(0).shape());
    assertArrayEquals(new int[] {2, 8}, w.get(2).shape());
    float[][] x = bc.head(40).x();
    float[][] p = m.predictProba(x);
    for (int i = 0; i < x.length; i++) {
      double[] q = forward(w, m.standardizer().mean(), m.standardizer().scale(), x[i]);
      for (int c = 0; c < 2; c++) {
        assertEquals(q[c], p[i][c], 1e-5, "row " + i + " class " + c + " from the exported arrays");
      }
    }
  }

  @Test
  void withWeightsReplacesOnlyTheCopyAndChecksEverything() {
    Dataset bc = Datasets.breastCancer();
    NeuralNetModel m = Models.mlp(8).epochs(2).seed(4).fit(bc);
    float[][] x = bc.head(5).x();
    float[][] before = m.predictProba(x);
    NeuralNetModel flat = m.withWeights(List.of(new WeightArray("output.weight", new int[] {2, 8}, new float[16]),
        new WeightArray("output.bias", new int[] {2}, new float[] {0, 0})));
    for (float[] row : flat.predictProba(x)) {
      assertArrayEquals(new float[] {0.5f, 0.5f}, row, 1e-7f, "zero output layer: equal probabilities");
    }
    assertArrayEquals(before[0], m.predictProba(x)[0], "the original is unchanged");
    assertEquals(m.weights().get(0), flat.weights().get(0), "dense1 is kept");
    assertEquals(m.weights(), m.withWeights(m.weights()).weights(), "round trip");

    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> m.withWeights(List.of(new WeightArray("dense9.weight", new int[] {1}, new float[1]))));
    assertTrue(unknown.getMessage().contains("dense9.weight") && unknown.getMessage().contains("output.bias"),
        unknown.getMessage());
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
        () -> m.withWeights(List.of(new WeightArray("output.weight", new int[] {8, 2}, new float[16]))));
    assertTrue(shape.getMessage().contains("[2, 8]") && shape.getMessage().contains("[8, 2]"), shape.getMessage());
    float[] nan = new float[2];
    nan[1] = Float.NaN;
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> m.withWeights(List.of(new WeightArray("output.bias", new int[] {2}, nan))));
    assertTrue(bad.getMessage().contains("value 1 is NaN"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new WeightArray("w", new int[] {2, 2}, new float[3]));
  }

  @Test
  void convolutionAndBatchNormParametersHaveReadableNames() {
    Dataset data = ConvolutionalTest.pulses(60, 16, 3);
    NeuralNetModel m = Models.cnn1d(4).batchNorm(true).epochs(1).seed(2).fit(data);
    List<String> names = m.weights().stream().map(WeightArray::name).toList();
    assertTrue(names.containsAll(List.of("conv1.weight", "conv1.bias", "conv1.batchnorm.gamma",
        "conv1.batchnorm.runningMean", "output.weight")), names.toString());
    WeightArray kernel = m.weights().get(names.indexOf("conv1.weight"));
    assertEquals(3, kernel.shape().length, "a 1D kernel is [out, in, k]: " + kernel);
    assertEquals(4, kernel.shape()[0]);
    assertEquals(2, kernel.shape()[1]);
  }
}
