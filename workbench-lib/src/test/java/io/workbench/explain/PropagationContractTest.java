package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Task;
import io.workbench.model.Differentiable;
import io.workbench.model.Model;
import io.workbench.model.djl.Architecture;
import io.workbench.model.djl.NetworkFixtures;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.run.RunOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The explainer contract for the propagation methods (DeepLIFT, DeepLiftShap, LRP), as the shared explainer
 * contract words it: the input's shape and names, the inputs left untouched, outputs that are the model's logits
 * for the reported targets, additivity where claimed, the default/explicit/per-row targets, the same values at 1
 * and 2 worker threads and across seeds (none of them draws anything), and bad input naming the argument.
 */
class PropagationContractTest {

  record Case(String name, Model model, Function<Model, Explainer<?>> build) {}

  static List<Case> cases() {
    NeuralNetModel mlp = NetworkFixtures.random(new Architecture("mlp", new int[] {5}, 3, new int[] {6, 4},
        new int[0], 3, "tanh", 0, true), Task.CLASSIFICATION, 3, 0.3);
    NeuralNetModel binary = NetworkFixtures.random(new Architecture("cnn1d", new int[] {2, 8}, 2, new int[] {4},
        new int[] {3}, 3, "relu", 0.1, false), Task.CLASSIFICATION, 4, 0.2);
    NeuralNetModel regression = NetworkFixtures.random(new Architecture("mlp", new int[] {4}, 1, new int[] {5},
        new int[0], 3, "gelu", 0, false), Task.REGRESSION, 5, 0.2);
    List<Case> out = new ArrayList<>();
    for (NeuralNetModel m : List.of(mlp, binary, regression)) {
      float[][] bg = DeepLiftTest.gaussian(4, m.featureNames().size(), 77, 1);
      String arch = m.architecture().describe();
      out.add(new Case("DeepLIFT " + arch, m, Explain::deepLift));
      out.add(new Case("DeepLIFT reveal-cancel " + arch, m, x -> Explain.deepLift(x).rule(DeepLift.Rule.REVEAL_CANCEL)));
      out.add(new Case("DeepLiftShap " + arch, m, x -> Explain.deepLiftShap(x, Background.of(bg))));
      out.add(new Case("LRP " + arch, m, Explain::lrp));
      out.add(new Case("LRP gamma-box " + arch, m, x -> Explain.lrp(x).composite(LrpComposite.epsilonGammaBox(-4, 4))));
    }
    return out;
  }

  static Attribution run(Case c, float[][] x, Target t, int threads, long seed) {
    Explainer<?> e = c.build().apply(c.model());
    return e.target(t).withOptions(RunOptions.defaults().withThreads(threads).withSeed(seed)).explain(x);
  }

  static Target valid(Model m) {
    return m.task() == Task.REGRESSION || m.classNames().size() == 2 ? Target.auto() : Target.of(1);
  }

  @Test
  void shapeOutputsAdditivityAndThreads() {
    for (Case c : cases()) {
      Model m = c.model();
      int d = m.featureNames().size();
      float[][] x = DeepLiftTest.gaussian(7, d, 11, 1);
      float[][] before = DeepLiftTest.gaussian(7, d, 11, 1);
      Attribution a = run(c, x, valid(m), 1, 42);
      for (int i = 0; i < x.length; i++) {
        assertArrayEquals(before[i], x[i], c.name() + ": the explained rows changed");
        assertArrayEquals(before[i], a.inputs()[i], c.name() + ": inputs row " + i);
      }
      assertEquals(x.length, a.rows(), c.name());
      assertEquals(d, a.numFeatures(), c.name());
      assertEquals(m.featureNames(), a.featureNames(), c.name());
      assertEquals(d, Arrays.stream(a.sampleShape()).reduce(1, (p, q) -> p * q), c.name());
      float[][] logits = m.as(Differentiable.class).orElseThrow().output(x, Differentiable.Output.LOGIT);
      for (int i = 0; i < x.length; i++) {
        for (double v : a.values(i)) {
          assertTrue(Double.isFinite(v), c.name() + " row " + i);
        }
        double z = logits[i][a.targets()[i]];
        assertEquals(z, a.outputs()[i], 1e-4 * (1 + Math.abs(z)), c.name() + ": output of row " + i);
        double gap = Arrays.stream(a.values(i)).sum() - (a.outputs()[i] - a.baseValues()[i]);
        if (a.additive()) {
          assertEquals(0, gap, 1e-4 * (1 + Math.abs(a.outputs()[i])), c.name() + ": additivity of row " + i);
          assertEquals(gap, a.convergenceDelta().orElseThrow()[i], 1e-6 * (1 + Math.abs(gap)), c.name());
        }
      }
      Attribution twoThreads = run(c, x, valid(m), 2, 7);
      for (int i = 0; i < x.length; i++) {
        assertArrayEquals(a.values(i), twoThreads.values(i), 0, c.name() + ": 2 threads and another seed, row " + i);
      }
    }
  }

  @Test
  void targetsMeanTheSameEverywhere() {
    for (Case c : cases()) {
      Model m = c.model();
      float[][] x = DeepLiftTest.gaussian(5, m.featureNames().size(), 12, 1);
      int k = m.task() == Task.REGRESSION ? 1 : m.classNames().size();
      if (m.task() == Task.REGRESSION || k == 2) {
        int expected = k == 2 ? 1 : 0;
        for (int t : run(c, x, Target.auto(), 1, 42).targets()) {
          assertEquals(expected, t, c.name() + ": default target");
        }
      } else {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> run(c, x, Target.auto(), 1, 42), c.name());
        assertTrue(e.getMessage().contains(m.classNames().get(0)), e.getMessage());
      }
      Attribution zero = run(c, x, Target.of(0), 1, 42);
      if (m.task() != Task.REGRESSION) {
        Attribution byName = run(c, x, Target.of(m.classNames().get(0)), 1, 42);
        for (int i = 0; i < x.length; i++) {
          assertArrayEquals(zero.values(i), byName.values(i), 0, c.name());
        }
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> run(c, x, Target.of(k), 1, 42), c.name());
      assertTrue(e.getMessage().contains(String.valueOf(k)), e.getMessage());
      int[] per = new int[x.length];
      for (int i = 0; i < x.length; i++) {
        per[i] = (i + 1) % k;
      }
      Attribution mixed = run(c, x, Target.perRow(per), 1, 42);
      assertArrayEquals(per, mixed.targets(), c.name());
      for (int t = 0; t < k; t++) {
        Attribution all = t == 0 ? zero : run(c, x, Target.of(t), 1, 42);
        for (int i = 0; i < x.length; i++) {
          if (per[i] == t) {
            assertArrayEquals(all.values(i), mixed.values(i), 1e-5, c.name() + ": per-row target of row " + i);
          }
        }
      }
    }
  }

  /**
   * The settings serialise without the model (as workbench-spark ships them) and {@link Explainer#withModel}
   * rebinds them to another instance of the network: the same numbers; a model without layers is refused.
   */
  @Test
  void settingsSerialiseAndRebindToAnotherInstance() throws Exception {
    for (Case c : cases()) {
      Model m = c.model();
      float[][] x = DeepLiftTest.gaussian(4, m.featureNames().size(), 13, 1);
      Explainer<?> e = c.build().apply(m).target(valid(m));
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
        out.writeObject(e);
      }
      Explainer<?> back;
      try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
          new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
        back = (Explainer<?>) in.readObject();
      }
      Model copy = ((NeuralNetModel) m).withBatchSize(3);
      Attribution a = e.explain(x);
      Attribution b = back.withModel(copy).explain(x);
      for (int i = 0; i < x.length; i++) {
        assertArrayEquals(a.values(i), b.values(i), 1e-6, c.name() + ": rebound explainer, row " + i);
      }
      SoftmaxLinearNet plain = SoftmaxLinearNet.random(m.task() == Task.REGRESSION ? 1 : m.classNames().size(),
          m.featureNames().size(), 1);
      assertEquals(m.featureNames(), plain.featureNames());
      IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.withModel(plain));
      assertTrue(ex.getMessage().contains("Propagation"), ex.getMessage());
    }
  }

  @Test
  void badInputNamesTheArgument() {
    for (Case c : cases()) {
      Model m = c.model();
      int d = m.featureNames().size();
      Explainer<?> e = c.build().apply(m).target(valid(m));
      IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> e.explain((float[][]) null));
      assertTrue(ex.getMessage().contains("rows"), c.name() + ": " + ex.getMessage());
      ex = assertThrows(IllegalArgumentException.class, () -> e.explain(new float[0][]));
      assertTrue(ex.getMessage().contains("rows"), c.name() + ": " + ex.getMessage());
      ex = assertThrows(IllegalArgumentException.class, () -> e.explain(new float[][] {new float[d + 1]}));
      assertTrue(ex.getMessage().contains(String.valueOf(d)), c.name() + ": " + ex.getMessage());
      float[][] nan = new float[2][d];
      nan[1][d - 1] = Float.NaN;
      ex = assertThrows(IllegalArgumentException.class, () -> e.explain(nan));
      assertTrue(ex.getMessage().contains("NaN") && ex.getMessage().contains("row 1"), c.name() + ": "
          + ex.getMessage());
    }
  }
}
