package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Task;
import io.workbench.model.Differentiable.Output;
import io.workbench.model.Propagation;
import io.workbench.model.RelevanceRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The propagation engine on every kind of stage: the stages reproduce the network, DeepLIFT's contributions sum
 * to {@code f(x) - f(x')} row by row (rescale and reveal-cancel, logits and probabilities, batch norm folded,
 * dropout, max and average pools, 1D and 2D convolutions), LRP passes relevance stage by stage, and bad rules
 * are refused with the stage named.
 */
class PropagationEngineTest {

  static List<NeuralNetModel> zoo() {
    List<NeuralNetModel> nets = new ArrayList<>();
    double[] mean = {0.5, -1, 2, 0, 0.1, 0.3};
    double[] scale = {2, 0.5, 1, 3, 1, 0.7};
    nets.add(NetworkFixtures.random(new Architecture("mlp", new int[] {6}, 3, new int[] {8, 5}, new int[0], 3, "relu",
        0, false), Task.CLASSIFICATION, mean, scale, 1, 0.3));
    nets.add(NetworkFixtures.random(new Architecture("mlp", new int[] {6}, 2, new int[] {7}, new int[0], 3, "tanh",
        0.2, true), Task.CLASSIFICATION, mean, scale, 2, 0.3));
    nets.add(NetworkFixtures.random(new Architecture("mlp", new int[] {6}, 1, new int[] {9, 4}, new int[0], 3, "gelu",
        0, true), Task.REGRESSION, mean, scale, 3, 0.3));
    nets.add(NetworkFixtures.random(new Architecture("linear", new int[] {6}, 2, new int[0], new int[0], 3, "relu",
        0, false), Task.CLASSIFICATION, mean, scale, 4, 0.3));
    nets.add(NetworkFixtures.random(new Architecture("cnn1d", new int[] {2, 13}, 3, new int[] {6}, new int[] {4, 5}, 3,
        "relu", 0.1, true), Task.CLASSIFICATION, 5, 0.3));
    nets.add(NetworkFixtures.random(new Architecture("cnn2d", new int[] {1, 7, 6}, 2, new int[] {5}, new int[] {3}, 3,
        "tanh", 0, true), Task.MULTI_LABEL, 6, 0.3));
    return nets;
  }

  @Test
  void deepLiftContributionsSumToTheOutputDifferenceOnEveryKindOfStage() {
    for (NeuralNetModel net : zoo()) {
      Propagation p = net.as(Propagation.class).orElseThrow();
      int d = net.featureNames().size();
      float[][] x = NetworkFixtures.gaussian(70, d, 11, 1.5);
      float[][] ref = NetworkFixtures.gaussian(70, d, 12, 1);
      int[] t = new int[x.length];
      for (int i = 0; i < t.length; i++) {
        t[i] = i % Math.max(1, net.classNames().size());
      }
      List<Set<Integer>> modes = new ArrayList<>();
      modes.add(Set.of());
      Set<Integer> acts = new java.util.HashSet<>();
      for (Propagation.Stage s : p.stages()) {
        if (s.kind() == Propagation.Kind.ACTIVATION) {
          acts.add(s.index());
        }
      }
      modes.add(acts);
      for (Set<Integer> rc : modes) {
        for (Output out : Output.values()) {
          Propagation.Contributions c = p.deepLift(x, ref, t, out, rc);
          float[][] fx = net.output(x, out);
          float[][] fr = net.output(ref, out);
          for (int i = 0; i < x.length; i++) {
            int k = net.task() == Task.REGRESSION ? 0 : t[i];
            double sum = 0;
            for (float v : c.values()[i]) {
              sum += v;
            }
            double delta = fx[i][k] - fr[i][k];
            String what = net.architecture().describe() + " " + out + " rc=" + rc + " row " + i;
            assertEquals(fx[i][k], c.outputs()[i], 1e-4 * (1 + Math.abs(fx[i][k])), what + ": f(x)");
            assertEquals(fr[i][k], c.referenceOutputs()[i], 1e-4 * (1 + Math.abs(fr[i][k])), what + ": f(x')");
            assertTrue(Math.abs(sum - delta) <= 1e-4 * Math.max(Math.abs(delta), 1e-2),
                what + ": sum " + sum + " vs f(x) - f(x') = " + delta);
          }
        }
      }
    }
  }

  @Test
  void lrpZeroOnABiasFreeReluNetworkIsGradientTimesInputAndConservesStageByStage() {
    NeuralNetModel net = NetworkFixtures.random(new Architecture("mlp", new int[] {6}, 3, new int[] {8, 5}, new int[0],
        3, "relu", 0, false), Task.CLASSIFICATION, 7, 0);
    Propagation p = net.as(Propagation.class).orElseThrow();
    float[][] x = NetworkFixtures.gaussian(20, 6, 3, 1);
    int[] t = new int[20];
    List<RelevanceRule> rules = new ArrayList<>();
    for (Propagation.Stage s : p.stages()) {
      rules.add(s.weighted() ? RelevanceRule.zero() : RelevanceRule.pass());
    }
    Propagation.Relevance r = p.relevance(x, t, rules);
    float[][] g = net.inputGradients(x, t, Output.LOGIT);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 6; j++) {
        assertEquals(g[i][j] * x[i][j], r.values()[i][j], 1e-5, "row " + i + " feature " + j);
      }
      for (int s = 0; s < p.stages().size(); s++) {
        assertEquals(r.stageTotals()[i][s + 1], r.stageTotals()[i][s], 1e-4, "row " + i + " stage " + s);
      }
    }
    List<RelevanceRule> bad = new ArrayList<>(rules);
    bad.set(1, RelevanceRule.pass());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.relevance(x, t, bad));
    assertTrue(e.getMessage().contains("dense1"), e.getMessage());
  }
}
