package io.workbench.explain;

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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeepLIFT and DeepLIFT SHAP: the closed form of a one-hidden-layer ReLU network (rescale and reveal-cancel),
 * summation-to-delta through the explainer on standardised, batch-normalised, convolutional networks, an
 * independent PyTorch rebuild of the rescale rule on the same weights, DeepLIFT SHAP as the weighted mean of
 * DeepLIFT over the background, and bad input.
 */
class DeepLiftTest {

  static final double[] MEAN = {0.5, -1, 2, 0, 0.1};
  static final double[] SCALE = {2, 0.5, 1, 3, 1};

  static float[][] gaussian(int n, int d, long seed, double sd) {
    return NetworkFixtures.gaussian(n, d, seed, sd);
  }

  static NeuralNetModel oneHiddenRelu() {
    return NetworkFixtures.random(new Architecture("mlp", new int[] {5}, 3, new int[] {7}, new int[0], 3, "relu", 0,
        false), Task.CLASSIFICATION, MEAN, SCALE, 21, 0.5);
  }

  static float[] param(NeuralNetModel net, String layer, String suffix) {
    for (NetworkFixtures.Param p : NetworkFixtures.parameters(net)) {
      if (p.layer().equals(layer) && p.key().endsWith(suffix)) {
        return p.values();
      }
    }
    throw new IllegalStateException(layer + "." + suffix);
  }

  /**
   * {@code f_t(x) = sum_k v_tk relu(z_k) + c_t}, {@code z_k = sum_j w_kj (x_j - mu_j) / s_j + b_k}. Rescale:
   * {@code C_j = sum_k v_tk m_k w_kj (x_j - r_j) / s_j} with {@code m_k = (relu(z_k) - relu(z'_k)) / (z_k -
   * z'_k)}. Reveal-cancel: each product {@code w_kj (x_j - r_j) / s_j} takes the multiplier of its sign, {@code
   * m+_k = dy+_k / dz+_k}, with {@code dy+ = (relu(z' + dz+) - relu(z') + relu(z) - relu(z' + dz-)) / 2}.
   */
  @Test
  void onOneHiddenReluLayerTheValuesAreTheClosedFormOfBothRules() {
    NeuralNetModel net = oneHiddenRelu();
    float[] w = param(net, "dense1", "weight");
    float[] b = param(net, "dense1", "bias");
    float[] v = param(net, "output", "weight");
    int h = 7;
    int d = 5;
    float[][] x = gaussian(30, d, 1, 2);
    float[] ref = {0.3f, -0.8f, 1.5f, 0.5f, 0f};
    for (DeepLift.Rule rule : DeepLift.Rule.values()) {
      Attribution a = Explain.deepLift(net).baseline(Baseline.values(ref)).rule(rule)
          .target(Target.predicted()).explain(x);
      for (int i = 0; i < x.length; i++) {
        int t = a.targets()[i];
        double[] expected = new double[d];
        for (int k = 0; k < h; k++) {
          double z = b[k];
          double zr = b[k];
          double pos = 0;
          double neg = 0;
          double[] term = new double[d];
          for (int j = 0; j < d; j++) {
            double wj = w[k * d + j] / SCALE[j];
            z += wj * (x[i][j] - MEAN[j]);
            zr += wj * (ref[j] - MEAN[j]);
            term[j] = wj * (x[i][j] - ref[j]);
            pos += Math.max(term[j], 0);
            neg += Math.min(term[j], 0);
          }
          double relu = Math.max(z, 0);
          double reluRef = Math.max(zr, 0);
          double m = z != zr ? (relu - reluRef) / (z - zr) : (z > 0 ? 1 : 0);
          double yPos = (Math.max(zr + pos, 0) - reluRef + relu - Math.max(zr + neg, 0)) / 2;
          double yNeg = (Math.max(zr + neg, 0) - reluRef + relu - Math.max(zr + pos, 0)) / 2;
          double mPos = pos != 0 ? yPos / pos : 0;
          double mNeg = neg != 0 ? yNeg / neg : 0;
          for (int j = 0; j < d; j++) {
            double mult = rule == DeepLift.Rule.RESCALE ? m : term[j] > 0 ? mPos : mNeg;
            expected[j] += v[t * h + k] * mult * term[j];
          }
        }
        for (int j = 0; j < d; j++) {
          assertEquals(expected[j], a.value(i, j), 2e-5 * (1 + Math.abs(expected[j])),
              rule + " row " + i + " feature " + j);
        }
      }
      assertEquals("DeepLIFT", a.method());
      assertEquals(rule.name().toLowerCase(java.util.Locale.ROOT), a.settings().get("rule"));
    }
  }

  @Test
  void contributionsSumToTheOutputDifferenceThroughTheExplainer() {
    List<NeuralNetModel> nets = List.of(
        NetworkFixtures.random(new Architecture("mlp", new int[] {5}, 2, new int[] {8, 6}, new int[0], 3, "tanh", 0.3,
            true), Task.CLASSIFICATION, MEAN, SCALE, 3, 0.4),
        NetworkFixtures.random(new Architecture("cnn1d", new int[] {2, 20}, 3, new int[] {5}, new int[] {4, 6}, 5,
            "gelu", 0, true), Task.CLASSIFICATION, 4, 0.4),
        NetworkFixtures.random(new Architecture("cnn2d", new int[] {1, 8, 8}, 2, new int[] {4}, new int[] {3, 4}, 3,
            "relu", 0, false), Task.CLASSIFICATION, 5, 0.4));
    for (NeuralNetModel net : nets) {
      int d = net.featureNames().size();
      float[][] x = gaussian(25, d, 7, 1.5);
      float[][] perRow = gaussian(25, d, 8, 0.5);
      for (Output out : Output.values()) {
        for (Baseline base : List.of(Baseline.constant(0), Baseline.perRow(perRow), Baseline.mean(x))) {
          Attribution a = Explain.deepLift(net).output(out).baseline(base).target(Target.predicted()).explain(x);
          float[][] ref = base.resolve(net, x.length);
          float[][] fx = net.output(x, out);
          float[][] fr = net.output(ref, out);
          for (int i = 0; i < x.length; i++) {
            int t = a.targets()[i];
            double delta = fx[i][t] - fr[i][t];
            double sum = java.util.Arrays.stream(a.values(i)).sum();
            assertTrue(Math.abs(sum - delta) <= 1e-4 * Math.max(Math.abs(delta), 1e-3), net.architecture().describe()
                + " " + out + " " + base + " row " + i + ": sum " + sum + " vs " + delta);
            assertEquals(fr[i][t], a.baseValues()[i], 1e-4 * (1 + Math.abs(fr[i][t])));
          }
          assertTrue(a.additive());
          double worst = 0;
          for (double e : a.convergenceDelta().orElseThrow()) {
            worst = Math.max(worst, Math.abs(e));
          }
          assertTrue(worst < 1e-3, "convergence delta " + worst);
          assertEquals(2L * x.length, a.evaluations());
        }
      }
    }
  }

  @Test
  void rescaleRuleAgreesWithAPyTorchRebuildOnTheSameWeights(@TempDir Path dir) throws Exception {
    String python = Python.with("torch, numpy");
    assumeTrue(python != null, "python3 with torch not installed (Debian: apt-get install python3-torch)");
    List<NeuralNetModel> nets = List.of(
        NetworkFixtures.random(new Architecture("mlp", new int[] {5}, 3, new int[] {8, 6}, new int[0], 3, "tanh", 0,
            true), Task.CLASSIFICATION, MEAN, SCALE, 31, 0.4),
        NetworkFixtures.random(new Architecture("mlp", new int[] {5}, 2, new int[] {6}, new int[0], 3, "gelu", 0.2,
            false), Task.CLASSIFICATION, MEAN, SCALE, 32, 0.4),
        NetworkFixtures.random(new Architecture("cnn1d", new int[] {2, 17}, 2, new int[] {5}, new int[] {4, 3}, 3,
            "relu", 0, true), Task.CLASSIFICATION, 33, 0.4),
        NetworkFixtures.random(new Architecture("cnn2d", new int[] {2, 6, 7}, 3, new int[] {4}, new int[] {3}, 3,
            "relu", 0, true), Task.CLASSIFICATION, 34, 0.4));
    Path script = dir.resolve("deeplift_torch.py");
    try (InputStream in = DeepLiftTest.class.getResourceAsStream("deeplift_torch.py")) {
      Files.copy(in, script);
    }
    List<Attribution> java = new java.util.ArrayList<>();
    List<String> args = new java.util.ArrayList<>(List.of(script.toString()));
    for (int k = 0; k < nets.size(); k++) {
      NeuralNetModel net = nets.get(k);
      int d = net.featureNames().size();
      float[][] x = gaussian(12, d, 41, 1.5);
      float[][] ref = gaussian(12, d, 42, 0.7);
      Attribution a = Explain.deepLift(net).baseline(Baseline.perRow(ref)).target(Target.predicted()).explain(x);
      java.add(a);
      Path spec = dir.resolve("spec" + k + ".json");
      Files.writeString(spec, TorchSpec.json(net, x, ref, a.targets()));
      args.add(spec.toString());
    }
    Python.Result r = Python.run(python, args, 300);
    assertEquals(0, r.exit(), r.out());
    String out = r.out();
    String[] sections = out.substring(out.indexOf("# spec")).split("# spec\n");
    assertEquals(nets.size() + 1, sections.length, out);
    for (int k = 0; k < nets.size(); k++) {
      Attribution a = java.get(k);
      String what = nets.get(k).architecture().describe();
      List<String> rows = sections[k + 1].strip().lines().toList();
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
          assertEquals(Double.parseDouble(vals[j]), a.value(i, j), 1e-5 * Math.max(1, scale),
              what + " row " + i + " feature " + j);
        }
      }
    }
  }

  @Test
  void deepLiftShapIsTheWeightedMeanOfDeepLiftOverTheBackground() {
    NeuralNetModel net = NetworkFixtures.random(new Architecture("cnn1d", new int[] {1, 12}, 2, new int[] {4},
        new int[] {3}, 3, "tanh", 0, false), Task.CLASSIFICATION, 9, 0.3);
    float[][] x = gaussian(6, 12, 2, 1);
    float[][] bg = gaussian(4, 12, 3, 1);
    double[] w = {0.1, 0.2, 0.3, 0.4};
    Background background = Background.of(bg, w);
    for (DeepLift.Rule rule : DeepLift.Rule.values()) {
      Attribution shap = Explain.deepLiftShap(net, background).rule(rule).internalBatchSize(5).explain(x);
      double[][] mean = new double[x.length][12];
      double[] base = new double[x.length];
      for (int b = 0; b < bg.length; b++) {
        float[][] ref = new float[x.length][];
        java.util.Arrays.fill(ref, bg[b]);
        Attribution one = Explain.deepLift(net).rule(rule).baseline(Baseline.perRow(ref)).explain(x);
        for (int i = 0; i < x.length; i++) {
          for (int j = 0; j < 12; j++) {
            mean[i][j] += w[b] * one.value(i, j);
          }
          base[i] += w[b] * one.baseValues()[i];
        }
      }
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < 12; j++) {
          assertEquals(mean[i][j], shap.value(i, j), 1e-5, rule + " row " + i + " feature " + j);
        }
        assertEquals(base[i], shap.baseValues()[i], 1e-5);
        double sum = java.util.Arrays.stream(shap.values(i)).sum();
        assertEquals(shap.outputs()[i] - base[i], sum, 1e-4 * (1 + Math.abs(sum)), "summation-to-delta row " + i);
      }
      assertEquals(2L * x.length * bg.length, shap.evaluations());
      assertEquals("DeepLIFT SHAP", shap.method());
    }
  }

  @Test
  void badInputNamesTheArgument() {
    NeuralNetModel net = oneHiddenRelu();
    SoftmaxLinearNet noPropagation = SoftmaxLinearNet.random(2, 5, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Explain.deepLift(noPropagation));
    assertTrue(e.getMessage().contains("model.Propagation") && e.getMessage().contains("integratedGradients"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.deepLift(null));
    assertTrue(e.getMessage().contains("needs a model"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.deepLift(net).baseline(null));
    assertTrue(e.getMessage().contains("baseline"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.deepLift(net).baseline(Baseline.values(new float[3])));
    assertTrue(e.getMessage().contains("expected 5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.deepLift(net).rule(null));
    assertTrue(e.getMessage().contains("REVEAL_CANCEL"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.deepLift(net).target(Target.of(1))
        .baseline(Baseline.perRow(new float[2][5])).explain(new float[3][5]));
    assertTrue(e.getMessage().contains("one per explained row (3)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.deepLift(net).target(Target.of(1))
        .explain(new float[][] {{1, 2, Float.NaN, 4, 5}}));
    assertTrue(e.getMessage().contains("not finite"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.deepLiftShap(net, (Background) null));
    assertTrue(e.getMessage().contains("background"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.deepLiftShap(net, Background.of(new float[2][4])));
    assertTrue(e.getMessage().contains("4 columns"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.deepLift(net).explain(new float[2][5]));
    assertTrue(e.getMessage().contains("3 classes"), e.getMessage());
  }
}
