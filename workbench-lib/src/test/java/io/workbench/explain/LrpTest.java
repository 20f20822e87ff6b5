package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Task;
import io.workbench.model.Differentiable.Output;
import io.workbench.model.Propagation;
import io.workbench.model.RelevanceRule;
import io.workbench.model.djl.Architecture;
import io.workbench.model.djl.NetworkFixtures;
import io.workbench.model.djl.NeuralNetModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LRP: every rule against a hand computation on a one-hidden-layer network, LRP-0 as gradient x input on
 * bias-free ReLU networks (dense and convolutional), conservation stage by stage, batch norm folding against a
 * network with the folded weights written by hand, composites assigning rules by layer type, bad input.
 */
class LrpTest {

  static float[] param(NeuralNetModel net, String layer, String suffix) {
    return DeepLiftTest.param(net, layer, suffix);
  }

  /** The relevance of the inputs of {@code z = W a + b} (rows of W per output) by one rule, in double precision. */
  static double[] byHand(RelevanceRule rule, double[][] w, double[] b, double[] a, double[] r) {
    int out = w.length;
    int in = a.length;
    double[] res = new double[in];
    for (int k = 0; k < out; k++) {
      double[] num = new double[in];
      double den;
      switch (rule.kind()) {
        case EPSILON, GAMMA -> {
          double g = rule.kind() == RelevanceRule.Kind.GAMMA ? rule.a() : 0;
          den = b[k] + g * Math.max(b[k], 0);
          for (int j = 0; j < in; j++) {
            num[j] = a[j] * (w[k][j] + g * Math.max(w[k][j], 0));
            den += num[j];
          }
          double eps = rule.kind() == RelevanceRule.Kind.EPSILON ? rule.a() : 1e-6;
          den += eps * (den >= 0 ? 1 : -1);
          for (int j = 0; j < in; j++) {
            res[j] += den == 0 ? 0 : num[j] / den * r[k];
          }
        }
        case ALPHA_BETA, Z_PLUS -> {
          double pos = rule.kind() == RelevanceRule.Kind.ALPHA_BETA ? Math.max(b[k], 0) : 0;
          double neg = rule.kind() == RelevanceRule.Kind.ALPHA_BETA ? Math.min(b[k], 0) : 0;
          for (int j = 0; j < in; j++) {
            pos += Math.max(a[j] * w[k][j], 0);
            neg += Math.min(a[j] * w[k][j], 0);
          }
          pos += 1e-6;
          neg -= neg == 0 ? -1e-6 : 1e-6;
          double alpha = rule.kind() == RelevanceRule.Kind.ALPHA_BETA ? rule.a() : 1;
          double beta = rule.kind() == RelevanceRule.Kind.ALPHA_BETA ? rule.b() : 0;
          for (int j = 0; j < in; j++) {
            res[j] += (alpha * Math.max(a[j] * w[k][j], 0) / pos - beta * Math.min(a[j] * w[k][j], 0) / neg) * r[k];
          }
        }
        case FLAT, W_SQUARE -> {
          den = 0;
          for (int j = 0; j < in; j++) {
            num[j] = rule.kind() == RelevanceRule.Kind.FLAT ? 1 : w[k][j] * w[k][j];
            den += num[j];
          }
          den += 1e-6;
          for (int j = 0; j < in; j++) {
            res[j] += num[j] / den * r[k];
          }
        }
        default -> throw new IllegalStateException(rule.toString());
      }
    }
    return res;
  }

  static double[][] matrix(float[] flat, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m[i][j] = flat[i * cols + j];
      }
    }
    return m;
  }

  static double[] vector(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  @Test
  void everyRuleMatchesAHandComputationOnOneHiddenLayer() {
    double[] mean = {0.5, -1, 0.2, 0};
    double[] scale = {2, 0.5, 1, 1.5};
    NeuralNetModel net = NetworkFixtures.random(new Architecture("mlp", new int[] {4}, 3, new int[] {5}, new int[0], 3,
        "relu", 0, false), Task.CLASSIFICATION, mean, scale, 12, 0.4);
    double[][] w1 = matrix(param(net, "dense1", "weight"), 5, 4);
    double[] b1 = vector(param(net, "dense1", "bias"));
    double[][] w2 = matrix(param(net, "output", "weight"), 3, 5);
    double[] b2 = vector(param(net, "output", "bias"));
    float[][] x = DeepLiftTest.gaussian(15, 4, 5, 2);
    List<RelevanceRule> rules = List.of(RelevanceRule.zero(), RelevanceRule.epsilon(0.3), RelevanceRule.gamma(0.25),
        RelevanceRule.alphaBeta(2, 1), RelevanceRule.alphaBeta(1, 0), RelevanceRule.zPlus(), RelevanceRule.flat(),
        RelevanceRule.wSquare(), RelevanceRule.zBox(-1.5, 2.5));
    for (RelevanceRule first : rules) {
      RelevanceRule upper = first.kind() == RelevanceRule.Kind.Z_BOX ? RelevanceRule.epsilon(0.1) : first;
      LrpComposite c = LrpComposite.of(upper, upper).withFirst(first);
      Attribution a = Explain.lrp(net).composite(c).target(Target.predicted()).explain(x);
      for (int i = 0; i < x.length; i++) {
        double[] h = new double[4];
        for (int j = 0; j < 4; j++) {
          h[j] = (x[i][j] - mean[j]) / scale[j];
        }
        double[] act = new double[5];
        for (int k = 0; k < 5; k++) {
          double z = b1[k];
          for (int j = 0; j < 4; j++) {
            z += w1[k][j] * h[j];
          }
          act[k] = Math.max(z, 0);
        }
        int t = a.targets()[i];
        double logit = b2[t];
        for (int k = 0; k < 5; k++) {
          logit += w2[t][k] * act[k];
        }
        double[] start = new double[3];
        start[t] = logit;
        double[] rHidden = byHand(upper, w2, b2, act, start);
        double[] expected = first.kind() == RelevanceRule.Kind.Z_BOX ? zBoxStandardised(w1, h, rHidden, mean, scale)
            : byHand(first, w1, b1, h, rHidden);
        for (int j = 0; j < 4; j++) {
          assertEquals(expected[j], a.value(i, j), 1e-4 * (1 + Math.abs(expected[j])),
              first + " row " + i + " feature " + j);
        }
        assertEquals(logit, a.outputs()[i], 1e-4 * (1 + Math.abs(logit)));
        double sum = java.util.Arrays.stream(a.values(i)).sum();
        assertEquals(logit - sum, a.extra("absorbed").orElseThrow()[i], 1e-4 * (1 + Math.abs(logit)));
      }
    }
  }

  /** z^B with raw bounds [-1.5, 2.5] mapped per feature through the standardisation. */
  private static double[] zBoxStandardised(double[][] w, double[] h, double[] r, double[] mean, double[] scale) {
    int in = h.length;
    double[] res = new double[in];
    for (int k = 0; k < w.length; k++) {
      double[] num = new double[in];
      double den = 0;
      for (int j = 0; j < in; j++) {
        double lo = (-1.5 - mean[j]) / scale[j];
        double hi = (2.5 - mean[j]) / scale[j];
        num[j] = h[j] * w[k][j] - lo * Math.max(w[k][j], 0) - hi * Math.min(w[k][j], 0);
        den += num[j];
      }
      den += 1e-6 * (den >= 0 ? 1 : -1);
      for (int j = 0; j < in; j++) {
        res[j] += num[j] / den * r[k];
      }
    }
    return res;
  }

  @Test
  void lrpZeroIsGradientTimesInputOnBiasFreeReluNetworks() {
    List<NeuralNetModel> nets = List.of(
        NetworkFixtures.random(new Architecture("mlp", new int[] {6}, 3, new int[] {9, 5}, new int[0], 3, "relu", 0,
            false), Task.CLASSIFICATION, 1, 0),
        NetworkFixtures.random(new Architecture("cnn1d", new int[] {2, 16}, 2, new int[] {5}, new int[] {4, 3}, 3,
            "relu", 0.2, false), Task.CLASSIFICATION, 2, 0),
        NetworkFixtures.random(new Architecture("cnn2d", new int[] {1, 6, 6}, 2, new int[] {4}, new int[] {3}, 3,
            "relu", 0, false), Task.CLASSIFICATION, 3, 0));
    for (NeuralNetModel net : nets) {
      float[][] x = DeepLiftTest.gaussian(10, net.featureNames().size(), 4, 1);
      Attribution lrp = Explain.lrp(net).composite(LrpComposite.epsilon(0)).target(Target.predicted()).explain(x);
      Attribution gxi = Explain.inputXGradient(net).target(Target.predicted()).explain(x);
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < x[i].length; j++) {
          assertEquals(gxi.value(i, j), lrp.value(i, j), 1e-5 * (1 + Math.abs(gxi.value(i, j))),
              net.architecture().describe() + " row " + i + " feature " + j);
        }
        assertEquals(0, lrp.extra("absorbed").orElseThrow()[i], 1e-4 * (1 + Math.abs(lrp.outputs()[i])));
      }
    }
  }

  @Test
  void conservingRulesConserveRelevanceStageByStageOnBiasFreeNetworks() {
    NeuralNetModel cnn = NetworkFixtures.random(new Architecture("cnn1d", new int[] {2, 16}, 2, new int[] {5},
        new int[] {4, 3}, 3, "relu", 0, false), Task.CLASSIFICATION, 6, 0);
    float[][] x = DeepLiftTest.gaussian(8, 32, 9, 1);
    // alpha 2 beta 1 is left out: a unit whose contributions are all positive (common after a ReLU, and at
    // padded borders) has no negative part and hands on alpha R, twice its relevance; alpha 1 beta 0 conserves.
    List<LrpComposite> composites = List.of(LrpComposite.epsilon(0), LrpComposite.epsilonPlus(),
        LrpComposite.epsilonPlusFlat(), LrpComposite.of(RelevanceRule.epsilon(0), RelevanceRule.alphaBeta(1, 0)),
        LrpComposite.epsilonGammaBox(-4, 4), LrpComposite.of(RelevanceRule.epsilon(0), RelevanceRule.gamma(0.5))
            .withFirst(RelevanceRule.wSquare()));
    for (LrpComposite c : composites) {
      LrpConservation flow = Explain.lrp(cnn).composite(c).conservation(x);
      assertEquals(cnn.as(Propagation.class).orElseThrow().stages().size(), flow.stages().size());
      for (int s = 0; s < flow.stages().size(); s++) {
        assertTrue(flow.maxLeak(s) < 1e-3, c + ": stage " + flow.stages().get(s) + " leaks " + flow.maxLeak(s));
      }
      assertEquals(flow.stages().size(), flow.toTable().rowCount());
    }
    LrpConservation eps = Explain.lrp(cnn).composite(LrpComposite.epsilon(5)).conservation(x);
    double leak = 0;
    for (int s = 0; s < eps.stages().size(); s++) {
      leak = Math.max(leak, eps.maxLeak(s));
    }
    assertTrue(leak > 1e-2, "a large epsilon absorbs relevance: " + leak);
  }

  @Test
  void batchNormIsFoldedIntoTheLayerBeforeIt() {
    NeuralNetModel bn = NetworkFixtures.random(new Architecture("mlp", new int[] {4}, 2, new int[] {5}, new int[0], 3,
        "relu", 0, true), Task.CLASSIFICATION, 7, 0.3);
    NeuralNetModel plain = NetworkFixtures.random(new Architecture("mlp", new int[] {4}, 2, new int[] {5}, new int[0],
        3, "relu", 0, false), Task.CLASSIFICATION, 8, 0.3);
    float[] w = param(bn, "dense1", "weight");
    float[] b = param(bn, "dense1", "bias");
    float[] gamma = param(bn, "dense1", "gamma");
    float[] beta = param(bn, "dense1", "beta");
    float[] mu = param(bn, "dense1", "runningMean");
    float[] var = param(bn, "dense1", "runningVar");
    float[] wf = new float[w.length];
    float[] bf = new float[b.length];
    for (int k = 0; k < 5; k++) {
      double s = gamma[k] / Math.sqrt(var[k] + 1e-5);
      for (int j = 0; j < 4; j++) {
        wf[k * 4 + j] = (float) (w[k * 4 + j] * s);
      }
      bf[k] = (float) ((b[k] - mu[k]) * s + beta[k]);
    }
    NetworkFixtures.set(plain, "dense1", "weight", wf);
    NetworkFixtures.set(plain, "dense1", "bias", bf);
    NetworkFixtures.set(plain, "output", "weight", param(bn, "output", "weight"));
    NetworkFixtures.set(plain, "output", "bias", param(bn, "output", "bias"));
    float[][] x = DeepLiftTest.gaussian(12, 4, 3, 1);
    for (LrpComposite c : List.of(LrpComposite.epsilon(0.01), LrpComposite.of(RelevanceRule.zPlus(),
        RelevanceRule.zPlus()), LrpComposite.of(RelevanceRule.alphaBeta(2, 1), RelevanceRule.zPlus()))) {
      Attribution a = Explain.lrp(bn).composite(c).explain(x);
      Attribution e = Explain.lrp(plain).composite(c).explain(x);
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < 4; j++) {
          assertEquals(e.value(i, j), a.value(i, j), 1e-4 * (1 + Math.abs(e.value(i, j))), c + " row " + i);
        }
      }
    }
  }

  @Test
  void compositesAssignRulesByLayerType() {
    NeuralNetModel cnn = NetworkFixtures.random(new Architecture("cnn1d", new int[] {1, 12}, 2, new int[] {4},
        new int[] {3, 3}, 3, "relu", 0.1, true), Task.CLASSIFICATION, 1, 0.1);
    List<Propagation.Stage> stages = cnn.as(Propagation.class).orElseThrow().stages();
    List<RelevanceRule> rules = LrpComposite.epsilonGammaBox(-2, 2).withLayer("dense1", RelevanceRule.epsilon(0.5))
        .rules(stages);
    StringBuilder seen = new StringBuilder();
    for (int s = 0; s < stages.size(); s++) {
      seen.append(stages.get(s).layer()).append('=').append(rules.get(s)).append(' ');
    }
    assertEquals("input=pass conv1=zB conv1=pass pool1=winner-takes-all conv2=gamma(0.25) conv2=pass "
        + "pool2=winner-takes-all global_pool=epsilon(1.0E-6) dense1=epsilon(0.5) dense1=pass dense1=pass "
        + "output=epsilon(1.0E-6) ", seen.toString());
    assertEquals(List.of(RelevanceRule.Kind.FLAT), List.of(LrpComposite.epsilonPlusFlat().rules(stages).get(1).kind()));
  }

  @Test
  void badInputNamesTheArgument() {
    NeuralNetModel net = NetworkFixtures.random(new Architecture("cnn1d", new int[] {1, 12}, 2, new int[] {4},
        new int[] {3, 3}, 3, "relu", 0, false), Task.CLASSIFICATION, 1, 0.1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Explain.lrp(net).output(Output.PROBABILITY));
    assertTrue(e.getMessage().contains("logit") && e.getMessage().contains("deepLift"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Explain.lrp(net).composite(LrpComposite.epsilonPlus().withLayer("conv9", RelevanceRule.zPlus())));
    assertTrue(e.getMessage().contains("conv9") && e.getMessage().contains("[conv1, conv2, dense1, output]"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.lrp(net).composite(LrpComposite.epsilonPlus()
        .withLayer("conv2", RelevanceRule.zBox(0, 1))).explain(new float[1][12]));
    assertTrue(e.getMessage().contains("first dense or convolution"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LrpComposite.epsilonPlus().withFirst(RelevanceRule.pass()));
    assertTrue(e.getMessage().contains("epsilon, gamma"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RelevanceRule.alphaBeta(2, 2));
    assertTrue(e.getMessage().contains("alpha - beta = 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RelevanceRule.epsilon(-1));
    assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RelevanceRule.zBox(new float[] {1}, new float[] {0}));
    assertTrue(e.getMessage().contains("low <= high"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.lrp(net).composite(LrpComposite.epsilonPlus()
        .withFirst(RelevanceRule.zBox(new float[3], new float[3]))).explain(new float[1][12]));
    assertTrue(e.getMessage().contains("one value per feature (12)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.lrp(net).composite(null));
    assertTrue(e.getMessage().contains("composite"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.lrp(net).conservation(new float[0][]));
    assertTrue(e.getMessage().contains("0 rows"), e.getMessage());
  }
}
