package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.factory.Models;
import io.workbench.signal.EcgGenerator;
import io.workbench.signal.SyntheticSignals;
import io.workbench.testing.SoftmaxModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** Grad-CAM / Grad-CAM++: arithmetic by hand, localisation on pulses, image shapes, bad layers. */
class GradCamTest {

  /** A fixed "conv" layer: 2 channels x 2 positions, for inputs of shape [2, 4]. */
  private static SoftmaxModel fixedLayer() {
    SoftmaxModel net = new SoftmaxModel(new double[2][8], new double[2], 2, 4);
    net.layerShape = new int[] {2, 2};
    net.layerActs = new float[] {1, 2, 3, 0};
    net.layerGrads = new float[] {0.5f, 1.5f, -1f, 0.2f};
    return net;
  }

  @Test
  void mapsMatchHandComputationAndAreUpsampledAndBroadcast() {
    SoftmaxModel net = fixedLayer();
    float[][] x = new float[3][8];
    // Grad-CAM: w = (mean(0.5, 1.5), mean(-1, 0.2)) = (1, -0.4); map = (1 - 1.2, 2) = (-0.2, 2) -> relu (0, 2)
    // linear upsampling 2 -> 4 with half-pixel centres: (v0, 3/4 v0 + 1/4 v1, 1/4 v0 + 3/4 v1, v1)
    Attribution cam = Explain.gradCam(net).explain(x);
    assertArrayEquals(new int[] {2, 4}, cam.sampleShape());
    assertArrayEquals(new double[] {0, 0.5, 1.5, 2, 0, 0.5, 1.5, 2}, cam.values(2), 1e-6);
    Attribution noRelu = Explain.gradCam(net).relu(false).explain(x);
    assertArrayEquals(new double[] {-0.2, 0.35, 1.45, 2, -0.2, 0.35, 1.45, 2}, noRelu.values(0), 1e-6);
    // Grad-CAM++: alpha = g^2 / (2 g^2 + sum(A) g^3), w = sum alpha relu(g), sum(A) = 3 for both channels
    // channel 0: 0.25/0.875*0.5 + 2.25/14.625*1.5 = 1/7 + 3/13 = 34/91; channel 1: 0 + 0.04/0.104*0.2 = 7/91
    // map = (34/91 + 3*7/91, 2*34/91) = (55/91, 68/91)
    double a = 55.0 / 91;
    double b = 68.0 / 91;
    Attribution pp = Explain.gradCamPlusPlus(net).explain(x);
    assertArrayEquals(new double[] {a, 0.75 * a + 0.25 * b, 0.25 * a + 0.75 * b, b, a, 0.75 * a + 0.25 * b,
        0.25 * a + 0.75 * b, b}, pp.values(1), 1e-6);
    assertEquals("Grad-CAM++", pp.method());
    assertEquals("conv", pp.settings().get("layer"));
  }

  @Test
  void bilinearUpsamplingUsesHalfPixelCentres() {
    double[] up = GradCam.upsample2d(new double[] {0, 1, 2, 3}, 2, 2, 4, 4);
    // at output (1, 1) the source point is (0.25, 0.25): 0.75*0.75*0 + 0.75*0.25*1 + 0.25*0.75*2 + 0.25*0.25*3
    assertEquals(0.75, up[5], 1e-12);
    assertEquals(0, up[0], 1e-12);
    assertEquals(3, up[15], 1e-12);
    assertEquals(1.0 * 0.25 + 0.75 * 0 + 0.5 * 0, up[1], 1e-12);
    assertArrayEquals(new double[] {1, 1, 1}, GradCam.upsample1d(new double[] {1}, 3), 0);
    assertArrayEquals(new double[] {0, 0.5, 1.5, 2.5, 3.5, 4}, GradCam.upsample1d(new double[] {0, 2, 4}, 6), 1e-12);
  }

  /** Two-channel signals of length {@code len}: class = the channel holding one pulse; returns its positions. */
  private static Dataset pulses(int n, int len, long seed, int[] at) {
    Random r = new Random(seed);
    float[][] x = new float[n][2 * len];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2;
      at[i] = 6 + r.nextInt(len - 12);
      for (int c = 0; c < 2; c++) {
        for (int t = 0; t < len; t++) {
          double pulse = c == y[i] ? 2.5 * Math.exp(-0.5 * (t - at[i]) * (t - at[i]) / 2.0) : 0;
          x[i][c * len + t] = (float) (pulse + 0.3 * r.nextGaussian());
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 2; c++) {
      for (int t = 0; t < len; t++) {
        names.add("ch" + c + "@t" + t);
      }
    }
    Table t = Table.create("pulses", IntColumn.create("label", y));
    return Dataset.builder(t).featureMatrix(names, x).target("label").classNames("first", "second")
        .sampleShape(2, len).build();
  }

  @Test
  void onA1dCnnTheMapConcentratesAroundThePulse() {
    int len = 64;
    int n = 400;
    int[] at = new int[n];
    Dataset data = pulses(n, len, 7, at);
    NeuralNetModel cnn = Models.cnn1d(8, 16).epochs(12).seed(2).fit(data.select(java.util.stream.IntStream
        .range(0, 300).toArray()));
    int[] rows = java.util.stream.IntStream.range(300, 340).toArray();
    Dataset test = data.select(rows);
    double acc = 0;
    int[] pred = cnn.predict(test);
    for (int i = 0; i < rows.length; i++) {
      acc += pred[i] == test.y()[i] ? 1.0 / rows.length : 0;
    }
    assertTrue(acc > 0.9, "the CNN learned the task: accuracy " + acc);
    int half = 5; // ground truth: positions within 5 samples of the pulse centre (11 of 64 = 17% of the window)
    for (boolean plusPlus : new boolean[] {false, true}) {
      GradCam method = plusPlus ? Explain.gradCamPlusPlus(cnn) : Explain.gradCam(cnn);
      Attribution cam = method.target(Target.perRow(test.y())).explain(test);
      assertArrayEquals(new int[] {2, len}, cam.sampleShape());
      assertEquals("conv2", cam.settings().get("layer"));
      double sumInside = 0;
      double sumAll = 0;
      int better = 0;
      for (int i = 0; i < rows.length; i++) {
        double[] v = cam.values(i);
        double in = 0;
        double all = 0;
        for (int t = 0; t < len; t++) {
          assertTrue(v[t] >= 0, "ReLU map");
          assertEquals(v[t], v[len + t], 0.0, "same map on both channels");
          all += v[t];
          if (Math.abs(t - at[rows[i]]) <= half) {
            in += v[t];
          }
        }
        sumInside += in;
        sumAll += all;
        better += in / all > 0.5 ? 1 : 0;
      }
      double share = sumInside / sumAll;
      System.out.printf("%s on a 1D CNN (pulses, conv2): %.1f%% of the map mass within +-%d samples of the pulse"
          + " (region = %.1f%% of the window); rows with > 50%%: %d/%d%n", cam.method(), 100 * share, half,
          100.0 * (2 * half + 1) / len, better, rows.length);
      // chance (a flat map) would put 17% of the mass there
      assertTrue(share > (plusPlus ? 0.45 : 0.55), cam.method() + ": mass in the pulse region " + share);
      assertTrue(better >= rows.length * 0.6, better + " rows of " + rows.length);
    }
    Attribution first = Explain.gradCam(cnn).layer("conv1").explain(test.head(3));
    assertEquals("conv1", first.settings().get("layer"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Explain.gradCam(cnn).layer("pool2"));
    assertTrue(e.getMessage().contains("'pool2' is not a convolution") && e.getMessage().contains("[conv1, conv2]"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.gradCam(cnn).layer("conv9"));
    assertTrue(e.getMessage().contains("Unknown layer 'conv9'") && e.getMessage().contains("global_pool"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Explain.gradCam(cnn).target(Target.of(2)).explain(test.head(2)));
    assertTrue(e.getMessage().contains("out of range"), e.getMessage());
  }

  @Test
  void onAnEcgCnnTheMapFavoursTheGeneratorsGroundTruthIntervals() {
    SyntheticSignals s = EcgGenerator.defaults().samplingRate(100).window(3).samplesPerClass(100).seed(3).generate();
    Dataset d = s.data();
    int[] train = java.util.stream.IntStream.range(0, 240).toArray();
    int[] rows = java.util.stream.IntStream.range(240, 300).toArray();
    NeuralNetModel cnn = Models.cnn1d(8, 16).epochs(15).seed(1).fit(d.select(train));
    Dataset test = d.select(rows);
    Attribution cam = Explain.gradCam(cnn).target(Target.perRow(test.y())).explain(test);
    assertArrayEquals(new int[] {1, 300}, cam.sampleShape());
    for (String cls : new String[] {"pvc", "st_elevation"}) {
      int k = EcgGenerator.CLASSES.indexOf(cls);
      double mass = 0;
      double share = 0;
      double auc = 0;
      int n = 0;
      for (int i = 0; i < rows.length; i++) {
        if (test.y()[i] != k) {
          continue;
        }
        boolean[] m = s.featureMask(rows[i]);
        double[] v = cam.values(i);
        double in = 0;
        double all = 0;
        int inside = 0;
        for (int j = 0; j < m.length; j++) {
          all += v[j];
          if (m[j]) {
            in += v[j];
            inside++;
          }
        }
        if (all == 0) {
          continue; // no positive evidence for the true class in this row (a misclassified window)
        }
        mass += in / all;
        share += (double) inside / m.length;
        auc += s.relevanceAuc(rows[i], v);
        n++;
      }
      mass /= n;
      share /= n;
      auc /= n;
      System.out.printf("Grad-CAM on an ECG 1D CNN, class %s: %.1f%% of the map mass inside the ground-truth"
          + " intervals (%.1f%% of the samples), relevance AUC %.3f over %d rows%n", cls, 100 * mass, 100 * share, auc, n);
      assertTrue(n >= 10, cls + ": " + n + " rows");
      assertTrue(mass > share + 0.1, cls + ": mass " + mass + " vs region share " + share);
      assertTrue(auc > 0.6, cls + ": relevance AUC " + auc);
    }
  }

  @Test
  void onADigitsCnnTheAttributionHasTheImageShape() {
    Split s = Datasets.digits().split(0.75, 1);
    NeuralNetModel cnn = Models.cnn2d(8, 16).epochs(4).batchSize(32).seed(3).fit(s.train());
    Dataset rows = s.test().head(12);
    Attribution cam = Explain.gradCam(cnn).target(Target.predicted()).explain(rows);
    Attribution pp = Explain.gradCamPlusPlus(cnn).layer("conv1").target(Target.predicted()).explain(rows);
    for (Attribution a : new Attribution[] {cam, pp}) {
      assertArrayEquals(new int[] {1, 8, 8}, a.sampleShape());
      assertEquals(64, a.numFeatures());
      assertEquals(12, a.rows());
      double total = 0;
      for (int i = 0; i < 12; i++) {
        for (double v : a.values(i)) {
          assertTrue(v >= 0);
          total += v;
        }
      }
      assertTrue(total > 0, a.method() + " is not all zero");
    }
    // the default explained output is the predicted class's logit
    float[][] logits = cnn.output(rows.x(), io.workbench.model.Differentiable.Output.LOGIT);
    assertEquals(logits[0][cam.targets()[0]], cam.outputs()[0], 1e-5);
    assertEquals(cnn.predict(rows)[5], cam.targets()[5]);
  }
}
