package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.model.Differentiable;
import io.workbench.model.LayerGradients;
import io.workbench.model.factory.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** 2D CNNs on images, 1D CNNs on multi-channel signals, and their layer activations and gradients. */
class ConvolutionalTest {

  @Test
  void cnn2dOnDigitsReachesHighTestAccuracyWithReadableLayers() {
    Dataset digits = Datasets.digits();
    Split split = digits.split(0.75, 1);
    NeuralNetModel m = Models.cnn2d(16, 32).epochs(12).batchSize(32).seed(3).fit(split.train());
    double acc = NeuralTrainerTest.accuracy(m.predict(split.test()), split.test().y());
    assertTrue(acc > 0.95, "test accuracy " + acc);
    assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "flatten", "dense1", "output"), m.layerNames());
    assertTrue(m.isConvolution("conv2"));
    assertFalse(m.isConvolution("pool2"));
    assertArrayEquals(new int[] {1, 8, 8}, m.sampleShape());

    float[][] x = split.test().head(10).x();
    int[] targets = split.test().head(10).y();
    LayerGradients lg = m.layerGradients("conv2", x, targets, Differentiable.Output.LOGIT);
    assertArrayEquals(new int[] {10, 32, 4, 4}, lg.shape());
    assertEquals(32 * 16, lg.valuesPerRow());
    float min = Float.MAX_VALUE;
    boolean anyGradient = false;
    for (float a : lg.activations()) {
      min = Math.min(min, a);
    }
    for (float g : lg.gradients()) {
      anyGradient |= g != 0;
    }
    assertTrue(min >= 0, "conv activations are taken after the ReLU");
    assertTrue(anyGradient);
    // pool2 halves the spatial size, flatten gives channels*h*w values per row
    assertArrayEquals(new int[] {10, 32, 2, 2},
        m.layerGradients("pool2", x, targets, Differentiable.Output.LOGIT).shape());
    assertArrayEquals(new int[] {10, 128},
        m.layerGradients("flatten", x, targets, Differentiable.Output.LOGIT).shape());
  }

  /** Two-channel signals: the class says in which channel a short pulse sits (at a random position). */
  static Dataset pulses(int n, int length, long seed) {
    Random rnd = new Random(seed);
    List<Column<?>> cols = new ArrayList<>();
    double[][] v = new double[2 * length][n];
    String[] label = new String[n];
    for (int i = 0; i < n; i++) {
      int cls = i % 2;
      label[i] = cls == 0 ? "first" : "second";
      int at = 4 + rnd.nextInt(length - 8);
      for (int c = 0; c < 2; c++) {
        for (int t = 0; t < length; t++) {
          double pulse = c == cls ? Math.exp(-0.5 * (t - at) * (t - at)) * 2 : 0;
          v[c * length + t][i] = pulse + rnd.nextGaussian() * 0.3;
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      for (int t = 0; t < length; t++) {
        names.add("ch" + c + "_" + t);
        cols.add(DoubleColumn.create("ch" + c + "_" + t, v[c * length + t]));
      }
    }
    cols.add(StringColumn.create("label", label));
    Table t = Table.create("pulses", cols.toArray(new Column<?>[0]));
    return Dataset.builder(t).target("label").features(names).classNames("first", "second")
        .sampleShape(2, length).build();
  }

  @Test
  void cnn1dFindsPulsesInMultiChannelSignals() {
    Dataset data = pulses(400, 32, 5);
    Split split = data.split(0.75, 2);
    NeuralNetModel m = Models.cnn1d(8, 16).epochs(15).seed(1).fit(split.train());
    double acc = NeuralTrainerTest.accuracy(m.predict(split.test()), split.test().y());
    assertTrue(acc > 0.9, "test accuracy " + acc);
    assertEquals(List.of("conv1", "pool1", "conv2", "pool2", "global_pool", "dense1", "output"), m.layerNames());
    float[][] x = split.test().head(6).x();
    LayerGradients lg = m.layerGradients("conv1", x, split.test().head(6).y(), Differentiable.Output.PROBABILITY);
    assertArrayEquals(new int[] {6, 8, 32}, lg.shape(), "conv1 keeps the length (same padding)");
    assertArrayEquals(new int[] {6, 16, 16},
        m.layerGradients("conv2", x, split.test().head(6).y(), Differentiable.Output.LOGIT).shape());
    assertEquals(lg.activationsOfRow(2)[8 * 32 - 1], lg.activation(2, 7, 31));
  }
}
