package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Task;
import io.workbench.model.Model;
import io.workbench.plot.Figure;
import io.workbench.testing.TestModels;
import io.workbench.testing.SoftmaxModel;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: without a target, every row is explained for the same output (class 1 of a binary model,
 * output 0 of a regression); more classes or labels need a choice, and charts name the explained class.
 */
class TargetDefaultTest {

  private final Model logistic = new TestModels.Logistic(new double[] {2.0, -0.5, 1.0}, 0.1);
  /** Rows the logistic model predicts as neg (0), pos (1), neg (0). */
  private final float[][] x = {{-2, 1, 0}, {2, 0, 0}, {-1, 0.5f, -1}};
  private final float[][] bg = TestModels.gaussian(8, 3, 7);

  @Test
  void binaryDefaultIsClassOneForEveryRow() {
    assertArrayEquals(new int[] {0, 1, 0}, logistic.predict(x), "the rows span both predicted classes");
    Attribution a = Explain.exactShapley(logistic, Background.of(bg)).explain(x);
    assertArrayEquals(new int[] {1, 1, 1}, a.targets());
    assertEquals(List.of("pos", "pos", "pos"), a.targetNames());
    for (int i = 0; i < x.length; i++) {
      assertEquals(logistic.predictProba(new float[][] {x[i]})[0][1], a.outputs()[i], 1e-6, "p(pos) of row " + i);
    }
    assertEquals("probability of pos", a.explainedOutput());
    Attribution lime = Explain.lime(logistic, bg).samples(200).seed(1).explain(x);
    assertArrayEquals(new int[] {1, 1, 1}, lime.targets(), "LIME explains the same class as the Shapley values");
    Attribution byName = Explain.exactShapley(logistic, Background.of(bg)).target(Target.of("pos")).explain(x);
    assertArrayEquals(byName.values(), a.values(), "the default equals Target.of(\"pos\")");
  }

  @Test
  void predictedStaysAnExplicitOption() {
    Attribution a = Explain.exactShapley(logistic, Background.of(bg)).target(Target.predicted()).explain(x);
    assertArrayEquals(new int[] {0, 1, 0}, a.targets());
    assertEquals("probability of each row's predicted class", a.explainedOutput());
  }

  @Test
  void targetsWithoutOutputsAreThoseFromOutputs() {
    SoftmaxModel three = SoftmaxModel.random(3, 3, 5);
    Model regression = TestModels.regression(3, r -> r[0] + 2 * r[1]);
    List<Target> choices = List.of(Target.auto(), Target.of(0), Target.of(1), Target.of(2), Target.of(-1),
        Target.of("pos"), Target.of("c2"), Target.perRow(1, 0, 1), Target.perRow(0, 2, 1), Target.perRow(1, 0));
    for (Model m : List.of(logistic, three, regression)) {
      float[][] fx = m.predictProba(x);
      for (Target t : choices) {
        String what = m.getClass().getSimpleName() + ", " + t;
        assertTrue(!t.needsOutputs(), what);
        String fromOutputs = outcome(() -> t.resolve(m, fx));
        assertEquals(fromOutputs, outcome(() -> t.resolve(m, x.length)), what);
      }
    }
    assertTrue(Target.predicted().needsOutputs());
    assertThrows(IllegalStateException.class, () -> Target.predicted().resolve(logistic, 3));
  }

  /** The resolved targets, or the message of the IllegalArgumentException. */
  private static String outcome(java.util.function.Supplier<int[]> resolve) {
    try {
      return java.util.Arrays.toString(resolve.get());
    } catch (IllegalArgumentException e) {
      return "refused: " + e.getMessage();
    }
  }

  @Test
  void gradientMethodsPredictOnlyForThePredictedTarget() {
    SoftmaxModel net = SoftmaxModel.random(3, 3, 5);
    int[] predicted = net.predict(x);
    net.predictCalls = 0;
    Attribution fixed = Explain.integratedGradients(net).steps(8).target(Target.perRow(predicted)).explain(x);
    assertEquals(0, net.predictCalls, "the gradient method computes the outputs it explains itself");
    Attribution byPrediction = Explain.integratedGradients(net).steps(8).target(Target.predicted()).explain(x);
    assertEquals(1, net.predictCalls, "Target.predicted() reads the probabilities once");
    assertArrayEquals(predicted, byPrediction.targets());
    assertArrayEquals(fixed.values(), byPrediction.values());
    assertArrayEquals(fixed.outputs(), byPrediction.outputs());
    for (int i = 0; i < x.length; i++) {
      assertEquals(net.logits(x[i])[predicted[i]], fixed.outputs()[i], 1e-6, "the logit of row " + i);
    }
    Explain.kernelShap(net, Background.of(bg)).target(Target.of(0)).explain(x);
    assertTrue(net.predictCalls > 1, "a Shapley method still reads the model's outputs");
  }

  @Test
  void moreThanTwoClassesNeedAChoice() {
    SoftmaxModel net = SoftmaxModel.random(3, 3, 5);
    String msg = assertThrows(IllegalArgumentException.class,
        () -> Explain.kernelShap(net, Background.of(bg)).explain(x)).getMessage();
    assertTrue(msg.contains("3 classes [c0, c1, c2]"), msg);
    assertTrue(msg.contains("Target.of(\"c0\")") && msg.contains("Target.perRow") && msg.contains("Target.predicted()"),
        msg);
    msg = assertThrows(IllegalArgumentException.class, () -> Explain.saliency(net).explain(x)).getMessage();
    assertTrue(msg.contains("[c0, c1, c2]"), msg);
    Attribution c2 = Explain.saliency(net).target(Target.of("c2")).explain(x);
    assertArrayEquals(new int[] {2, 2, 2}, c2.targets());
    assertEquals("logit of c2", c2.explainedOutput());
  }

  @Test
  void regressionExplainsOutputZeroAndMultiLabelNeedsALabel() {
    Model reg = TestModels.regression(3, r -> r[0] + 2 * r[1]);
    Attribution a = Explain.exactShapley(reg, Background.of(bg)).explain(x);
    assertArrayEquals(new int[] {0, 0, 0}, a.targets());
    assertEquals("predicted value", a.explainedOutput());
    Model labels = multiLabel();
    String msg = assertThrows(IllegalArgumentException.class,
        () -> Explain.exactShapley(labels, Background.of(bg)).explain(x)).getMessage();
    assertTrue(msg.contains("labels [fever, cough]") && msg.contains("Target.of(\"fever\")"), msg);
    Attribution cough = Explain.exactShapley(labels, Background.of(bg)).target(Target.of("cough")).explain(x);
    assertEquals("probability of cough", cough.explainedOutput());
  }

  @Test
  void chartsAndTablesNameTheExplainedClass() {
    Attribution a = Explain.exactShapley(logistic, Background.of(bg)).explain(x);
    assertTrue(texts(a.beeswarm()).contains("probability of pos"), texts(a.beeswarm()));
    String waterfall = texts(a.waterfall(0));
    assertTrue(waterfall.contains("row 0: probability of pos") && waterfall.contains("Probability of pos"), waterfall);
    assertTrue(texts(a.bar()).contains("probability of pos"), texts(a.bar()));
    assertTrue(texts(a.dependence("x0", null)).contains("probability of pos"), texts(a.dependence("x0", null)));
    assertTrue(a.toTable().name().contains("probability of pos"), a.toTable().name());
    assertTrue(a.global().toTable().name().contains("probability of pos"), a.global().toTable().name());
    Attribution sal = Explain.saliency(SoftmaxModel.random(3, 3, 5)).target(Target.of(1)).explain(x);
    assertTrue(texts(sal.beeswarm()).contains("logit of c1"), texts(sal.beeswarm()));
  }

  /** The text elements of a figure's SVG, joined. */
  static String texts(Figure f) {
    Matcher m = Pattern.compile("<text[^>]*>([^<]*)</text").matcher(f.toSvg());
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return String.join("|", out);
  }

  private static Model multiLabel() {
    return new Model() {
      @Override
      public Task task() {
        return Task.MULTI_LABEL;
      }

      @Override
      public List<String> featureNames() {
        return TestModels.names(3);
      }

      @Override
      public List<String> classNames() {
        return List.of("fever", "cough");
      }

      @Override
      public float[][] predictProba(float[][] rows) {
        float[][] p = new float[rows.length][2];
        for (int i = 0; i < rows.length; i++) {
          p[i][0] = (float) (1 / (1 + Math.exp(-rows[i][0])));
          p[i][1] = (float) (1 / (1 + Math.exp(-rows[i][1])));
        }
        return p;
      }
    };
  }
}
