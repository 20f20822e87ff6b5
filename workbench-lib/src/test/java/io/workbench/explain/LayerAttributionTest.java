package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.workbench.data.Task;
import io.workbench.model.Differentiable.Output;
import io.workbench.model.djl.Architecture;
import io.workbench.model.djl.NetworkFixtures;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.djl.TorchSpec;
import io.workbench.testing.Python;
import io.workbench.testing.SoftmaxModel;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layer and neuron attributions: closed forms on a one-hidden-layer ReLU network (layer integrated gradients and
 * conductance of the hidden layer are the activation difference times the output weight; neuron gradient and
 * neuron integrated gradients of a hidden unit from its weights and the share of the path where it is on),
 * completeness on curved convolutional networks, a PyTorch rebuild of the three definitions on the same weights,
 * batching that does not change the numbers, Grad-CAM at a
 * layer's resolution, and bad input.
 */
class LayerAttributionTest {

  static final double[] MEAN = DeepLiftTest.MEAN;
  static final double[] SCALE = DeepLiftTest.SCALE;

  /** {@code h_k = relu(sum_j w_kj (x_j - mu_j) / s_j + b_k)} for every row. */
  static double[][] hidden(float[] w, float[] b, float[][] x, int h) {
    int d = MEAN.length;
    double[][] out = new double[x.length][h];
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < h; k++) {
        out[i][k] = Math.max(0, z(w, b, x[i], k, h));
      }
    }
    return out;
  }

  static double z(float[] w, float[] b, float[] x, int k, int h) {
    int d = MEAN.length;
    double z = b[k];
    for (int j = 0; j < d; j++) {
      z += w[k * d + j] * (x[j] - MEAN[j]) / SCALE[j];
    }
    return z;
  }

  @Test
  void onOneHiddenReluLayerLayerIgAndConductanceAreActivationDifferenceTimesOutputWeight() {
    NeuralNetModel net = DeepLiftTest.oneHiddenRelu();
    float[] w = DeepLiftTest.param(net, "dense1", "weight");
    float[] b = DeepLiftTest.param(net, "dense1", "bias");
    float[] v = DeepLiftTest.param(net, "output", "weight");
    int h = 7;
    float[][] x = NetworkFixtures.gaussian(20, 5, 1, 2);
    float[] ref = {0.3f, -0.8f, 1.5f, 0.5f, 0f};
    double[][] hx = hidden(w, b, x, h);
    double[][] hb = hidden(w, b, new float[][] {ref}, h);
    Attribution lig = Explain.layerIntegratedGradients(net, "dense1").baseline(Baseline.values(ref)).steps(4)
        .target(Target.predicted()).explain(x);
    Attribution cond = Explain.conductance(net, "dense1").baseline(Baseline.values(ref)).steps(5)
        .target(Target.predicted()).explain(x);
    for (Attribution a : List.of(lig, cond)) {
      assertArrayEquals(new int[] {h}, a.sampleShape(), a.method());
      assertEquals("dense1[3]", a.featureNames().get(3));
      for (int i = 0; i < x.length; i++) {
        int t = a.targets()[i];
        for (int k = 0; k < h; k++) {
          double expected = (hx[i][k] - hb[0][k]) * v[t * h + k];
          assertEquals(expected, a.value(i, k), 2e-5 * (1 + Math.abs(expected)), a.method() + " row " + i + " unit " + k);
          assertEquals(hx[i][k], a.inputs()[i][k], 1e-5, a.method() + " activation row " + i + " unit " + k);
        }
        double sum = Arrays.stream(a.values(i)).sum();
        assertEquals(a.outputs()[i] - a.baseValues()[i], sum, 1e-4 * (1 + Math.abs(sum)), "completeness row " + i);
      }
      assertTrue(a.additive());
    }
    assertEquals(4L * x.length, lig.evaluations());
    assertEquals(6L * x.length, cond.evaluations());
    assertEquals("layer integrated gradients", lig.method());
    assertEquals("conductance", cond.method());
    assertEquals("logit", lig.outputSpace());
  }

  @Test
  void neuronGradientAndNeuronIntegratedGradientsOfAHiddenReluUnitFollowItsWeights() {
    NeuralNetModel net = DeepLiftTest.oneHiddenRelu();
    float[] w = DeepLiftTest.param(net, "dense1", "weight");
    float[] b = DeepLiftTest.param(net, "dense1", "bias");
    int h = 7;
    int d = 5;
    float[][] x = NetworkFixtures.gaussian(12, d, 3, 2);
    float[] ref = {1f, 0f, 2f, -1f, 0.5f};
    for (int k : new int[] {0, 4}) {
      Attribution grad = Explain.neuronGradient(net, "dense1", k).target(Target.of(0)).explain(x);
      // the midpoint rule on 2000 points: the unit's on-share of the path to 1/2000
      Attribution nig = Explain.neuronIntegratedGradients(net, "dense1", k).baseline(Baseline.values(ref))
          .method(IntegratedGradients.Method.RIEMANN_MIDDLE).steps(2000).target(Target.of(0)).explain(x);
      double zb = z(w, b, ref, k, h);
      for (int i = 0; i < x.length; i++) {
        double zx = z(w, b, x[i], k, h);
        double on;
        if (zx > 0 && zb > 0) {
          on = 1;
        } else if (zx <= 0 && zb <= 0) {
          on = 0;
        } else {
          double cross = -zb / (zx - zb);
          on = zx > 0 ? 1 - cross : cross;
        }
        for (int j = 0; j < d; j++) {
          double wj = w[k * d + j] / SCALE[j];
          assertEquals(zx > 0 ? wj : 0, grad.value(i, j), 1e-5 * (1 + Math.abs(wj)), "gradient unit " + k + " row "
              + i + " feature " + j);
          double expected = wj * (x[i][j] - ref[j]) * on;
          assertEquals(expected, nig.value(i, j), 1e-3 * (1 + Math.abs(wj * (x[i][j] - ref[j]))),
              "neuron IG unit " + k + " row " + i + " feature " + j);
        }
        assertEquals(Math.max(zx, 0), grad.outputs()[i], 1e-5, "unit value row " + i);
        assertEquals(Math.max(zx, 0), nig.outputs()[i], 1e-5, "unit value row " + i);
        assertEquals(Math.max(zb, 0), nig.baseValues()[i], 1e-5, "unit value at the baseline, row " + i);
      }
      assertEquals("activation", nig.outputSpace());
      assertEquals("dense1[" + k + "]", nig.settings().get("neuron"));
      assertEquals(0, grad.baseValues()[3], 0);
    }
  }

  @Test
  void valuesOfCurvedConvolutionalNetworksAreCompleteAndDoNotDependOnTheBatching() {
    List<NeuralNetModel> nets = List.of(
        NetworkFixtures.random(new Architecture("cnn1d", new int[] {2, 20}, 3, new int[] {5}, new int[] {4, 6}, 5,
            "gelu", 0, true), Task.CLASSIFICATION, 4, 0.4),
        NetworkFixtures.random(new Architecture("cnn2d", new int[] {1, 8, 8}, 2, new int[] {4}, new int[] {3, 4}, 3,
            "tanh", 0, false), Task.CLASSIFICATION, 5, 0.4));
    List<List<String>> layers = List.of(List.of("conv1", "dense1"), List.of("pool1"));
    for (int n = 0; n < nets.size(); n++) {
      NeuralNetModel net = nets.get(n);
      int d = net.featureNames().size();
      float[][] x = NetworkFixtures.gaussian(4, d, 7, 1.5);
      float[][] ref = NetworkFixtures.gaussian(4, d, 8, 0.5);
      String what = net.architecture().describe();
      for (String layer : layers.get(n)) {
        LayerIntegratedGradients lig = Explain.layerIntegratedGradients(net, layer).baseline(Baseline.perRow(ref))
            .steps(256).target(Target.predicted());
        Attribution a = lig.explain(x);
        // max pools make the integrand piecewise smooth: the quadrature's gap shrinks with the steps, slowly
        assertTrue(maxAbs(a.convergenceDelta().orElseThrow()) < 2e-3 * Math.max(spread(a), 1), what + " " + layer
            + " LIG completeness " + Arrays.toString(a.convergenceDelta().orElseThrow()) + " for f(x) - f(b) up to "
            + spread(a));
        LayerConductance cond = Explain.conductance(net, layer).baseline(Baseline.perRow(ref)).steps(100)
            .target(Target.predicted());
        Attribution c = cond.explain(x);
        assertTrue(maxAbs(c.convergenceDelta().orElseThrow()) < 2e-2 * Math.max(spread(c), 1), what + " " + layer
            + " conductance completeness " + Arrays.toString(c.convergenceDelta().orElseThrow()));
        if (layer.equals(layers.get(n).get(0))) {
          assertEquals(0, maxDiff(a, lig.internalBatchSize(1).explain(x)), 1e-6,
              what + " " + layer + ": layer IG in calls of one row against all rows in one call");
          assertEquals(0, maxDiff(c, cond.internalBatchSize(150).explain(x)), 1e-6,
              what + " " + layer + ": conductance in calls of one row against all rows in one call");
        }
      }
      Attribution nig = Explain.neuronIntegratedGradients(net, "conv1", 13).baseline(Baseline.perRow(ref))
          .steps(64).target(Target.of(0)).explain(x);
      assertTrue(maxAbs(nig.convergenceDelta().orElseThrow()) < 2e-3 * Math.max(spread(nig), 1), what
          + " neuron IG completeness " + Arrays.toString(nig.convergenceDelta().orElseThrow()));
      assertEquals(d, nig.numFeatures());
      assertEquals(d == 40 ? "conv1[0,13]" : "conv1[0,1,5]", nig.settings().get("neuron"), "flat index 13");
    }
  }

  @Test
  void agreeWithAPyTorchRebuildOfTheDefinitionsOnTheSameWeights(@TempDir Path dir) throws Exception {
    String python = Python.with("torch, numpy");
    assumeTrue(python != null, "python3 with torch not installed (Debian: apt-get install python3-torch)");
    Path script = dir.resolve("layer_attr_torch.py");
    try (InputStream in = LayerAttributionTest.class.getResourceAsStream("layer_attr_torch.py")) {
      Files.copy(in, script);
    }
    List<NeuralNetModel> nets = List.of(
        NetworkFixtures.random(new Architecture("mlp", new int[] {5}, 3, new int[] {8, 6}, new int[0], 3, "tanh", 0,
            true), Task.CLASSIFICATION, MEAN, SCALE, 31, 0.4),
        NetworkFixtures.random(new Architecture("cnn1d", new int[] {2, 17}, 2, new int[] {5}, new int[] {4, 3}, 3,
            "gelu", 0, true), Task.CLASSIFICATION, 33, 0.4),
        NetworkFixtures.random(new Architecture("cnn2d", new int[] {2, 6, 7}, 3, new int[] {4}, new int[] {3}, 3,
            "relu", 0, false), Task.CLASSIFICATION, 34, 0.4));
    List<String> layers = List.of("dense2", "pool1", "conv1");
    int igSteps = 24;
    int condSteps = 16;
    int unit = 3;
    List<String> args = new java.util.ArrayList<>(List.of(script.toString(), String.valueOf(unit),
        String.valueOf(igSteps), String.valueOf(condSteps)));
    List<Attribution[]> java = new java.util.ArrayList<>();
    for (int k = 0; k < nets.size(); k++) {
      NeuralNetModel net = nets.get(k);
      String layer = layers.get(k);
      int d = net.featureNames().size();
      float[][] x = NetworkFixtures.gaussian(6, d, 41, 1.5);
      float[][] ref = NetworkFixtures.gaussian(6, d, 42, 0.7);
      Baseline base = Baseline.perRow(ref);
      Attribution lig = Explain.layerIntegratedGradients(net, layer).baseline(base).steps(igSteps)
          .target(Target.predicted()).explain(x);
      Target same = Target.perRow(lig.targets());
      java.add(new Attribution[] {lig,
          Explain.conductance(net, layer).baseline(base).steps(condSteps).target(same).explain(x),
          Explain.neuronIntegratedGradients(net, layer, unit).baseline(base).steps(igSteps).target(same).explain(x)});
      Path spec = dir.resolve("spec" + k + ".json");
      Files.writeString(spec, TorchSpec.json(net, x, ref, lig.targets()));
      args.add(spec.toString());
      args.add(layer);
    }
    Python.Result r = Python.run(python, args, 300);
    assertEquals(0, r.exit(), r.out());
    String[] specs = r.out().substring(r.out().indexOf("# spec")).split("# spec\n");
    assertEquals(nets.size() + 1, specs.length, r.out());
    for (int k = 0; k < nets.size(); k++) {
      String what = nets.get(k).architecture().describe() + " " + layers.get(k);
      compare(what + " layer IG", java.get(k)[0], section(specs[k + 1], "lig"));
      compare(what + " conductance", java.get(k)[1], section(specs[k + 1], "cond"));
      compare(what + " neuron IG", java.get(k)[2], section(specs[k + 1], "nig"));
    }
  }

  private static List<String> section(String out, String name) {
    int at = out.indexOf("# " + name + "\n");
    assertTrue(at >= 0, "no section '" + name + "' in " + out);
    String rest = out.substring(at + name.length() + 3);
    int next = rest.indexOf("# ");
    return (next < 0 ? rest : rest.substring(0, next)).strip().lines().toList();
  }

  private static void compare(String what, Attribution a, List<String> rows) {
    assertEquals(a.rows(), rows.size(), what);
    double scale = 0;
    for (int i = 0; i < a.rows(); i++) {
      for (double v : a.values(i)) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    for (int i = 0; i < a.rows(); i++) {
      String[] vals = rows.get(i).split(" ");
      assertEquals(a.numFeatures(), vals.length, what);
      for (int j = 0; j < vals.length; j++) {
        assertEquals(Double.parseDouble(vals[j]), a.value(i, j), 1e-4 * Math.max(1, scale),
            what + " row " + i + " value " + j + " (" + a.featureNames().get(j) + ")");
      }
    }
  }

  static double maxDiff(Attribution a, Attribution b) {
    double worst = 0;
    for (int i = 0; i < a.rows(); i++) {
      for (int j = 0; j < a.numFeatures(); j++) {
        worst = Math.max(worst, Math.abs(a.value(i, j) - b.value(i, j)));
      }
    }
    return worst;
  }

  /** The largest {@code |f(x) - f(b)|} over the rows. */
  static double spread(Attribution a) {
    double worst = 0;
    for (int i = 0; i < a.rows(); i++) {
      worst = Math.max(worst, Math.abs(a.outputs()[i] - a.baseValues()[i]));
    }
    return worst;
  }

  static double maxAbs(double[] v) {
    double worst = 0;
    for (double e : v) {
      worst = Math.max(worst, Math.abs(e));
    }
    return worst;
  }

  @Test
  void gradCamAtTheLayersResolutionIsTheMapBeforeUpsampling() {
    SoftmaxModel net = new SoftmaxModel(new double[2][8], new double[2], 2, 4);
    net.layerShape = new int[] {2, 2};
    net.layerActs = new float[] {1, 2, 3, 0};
    net.layerGrads = new float[] {0.5f, 1.5f, -1f, 0.2f};
    // w = (mean(0.5, 1.5), mean(-1, 0.2)) = (1, -0.4); map = (1 - 1.2, 2 + 0) = (-0.2, 2) -> relu (0, 2)
    Attribution cam = Explain.gradCam(net).upsample(false).explain(new float[3][8]);
    assertArrayEquals(new int[] {2}, cam.sampleShape());
    assertEquals(List.of("conv[0]", "conv[1]"), cam.featureNames());
    assertArrayEquals(new double[] {0, 2}, cam.values(1), 1e-6);
    assertArrayEquals(new float[] {2, 1}, cam.inputs()[0], 1e-6f, "channel means of the activations");
    assertEquals("false", cam.settings().get("upsample"));
  }

  @Test
  void badInputNamesTheLayersAndTheExpectedIndex() {
    NeuralNetModel net = DeepLiftTest.oneHiddenRelu();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Explain.layerIntegratedGradients(net, "dense9"));
    assertTrue(e.getMessage().contains("'dense9'") && e.getMessage().contains("[dense1, output]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.conductance(net, null));
    assertTrue(e.getMessage().contains("[dense1, output]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.neuronGradient(net, "dense1", 7));
    assertTrue(e.getMessage().contains("[0, 7)") && e.getMessage().contains("[7]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.neuronIntegratedGradients(net, "dense1"));
    assertTrue(e.getMessage().contains("got []"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.neuronIntegratedGradients(net, "output", 0, 1));
    assertTrue(e.getMessage().contains("[3]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.neuronGradient(net, "nope", 0));
    assertTrue(e.getMessage().contains("[dense1, output]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Explain.layerIntegratedGradients(SoftmaxModel.random(2, 5, 1), "output"));
    assertTrue(e.getMessage().contains("model.Propagation"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.conductance(net, "dense1").steps(0));
    assertTrue(e.getMessage().contains("steps"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.layerIntegratedGradients(net, "dense1")
        .baseline(Baseline.values(new float[2])));
    assertTrue(e.getMessage().contains("expected 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.layerIntegratedGradients(net, "dense1")
        .target(Target.of(0)).explain(new float[][] {{1, 2, Float.NaN, 4, 5}}));
    assertTrue(e.getMessage().contains("not finite"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.layerIntegratedGradients(net, "dense1")
        .method(IntegratedGradients.Method.RIEMANN_TRAPEZOID).steps(1).target(Target.of(0)).explain(new float[1][5]));
    assertTrue(e.getMessage().contains("trapezoid"), e.getMessage());
  }
}
