package io.workbench.analysis.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.analysis.MetricFixtures;
import io.workbench.analysis.MetricInput;
import io.workbench.analysis.axiomatic.InputInvariance;
import io.workbench.analysis.axiomatic.InvarianceResult;
import io.workbench.analysis.robustness.RelativeStability;
import io.workbench.data.Dataset;
import io.workbench.explain.Attribution;
import io.workbench.explain.Baseline;
import io.workbench.explain.Explain;
import io.workbench.explain.Explainer;
import io.workbench.explain.Target;
import io.workbench.model.Differentiable;
import io.workbench.model.WeightArray;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.factory.Models;
import io.workbench.testing.TestModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The two metrics that look inside a network: input invariance (Kindermans et al. 2019) on a small MLP, where the
 * paper's findings must come out (gradients invariant, gradient x input not, integrated gradients only with a
 * baseline that moves with the input), and the relative representation stability (Agarwal et al. 2022) on a
 * logistic network, whose representation (the logits) is an affine map read off its weights.
 */
class NetworkMetricsTest {

  static final int D = 4;
  static Dataset data;
  static NeuralNetModel mlp;
  static float[][] x;

  @BeforeAll
  static void train() {
    float[][] all = TestModels.gaussian(200, D, 5);
    int[] y = new int[all.length];
    for (int i = 0; i < all.length; i++) {
      y[i] = all[i][0] + 0.5 * all[i][1] > 0 ? 1 : 0;
    }
    data = Dataset.of(all, TestModels.names(D), y, List.of("no", "yes"));
    mlp = Models.mlp(8).epochs(5).batchSize(32).seed(2).fit(data);
    x = data.head(6).x();
  }

  static float[][] plus(float[][] rows, float[] shift) {
    float[][] out = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] += shift[j];
      }
    }
    return out;
  }

  static MetricInput input(Explainer<?> e) {
    return MetricInput.of(mlp, e.explain(x)).withExplainer(MetricInput.Reexplainer.of(e, D));
  }

  @Test
  void theShiftedTwinHasTheSameOutputs() {
    float[] shift = {1, -2, 0.5f, 3};
    NeuralNetModel twin = InputInvariance.twin(mlp, shift);
    float[][] xs = plus(x, shift);
    float[][] a = mlp.output(x, Differentiable.Output.LOGIT);
    float[][] b = twin.output(xs, Differentiable.Output.LOGIT);
    float[][] unshifted = twin.output(x, Differentiable.Output.LOGIT);
    double moved = 0;
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < a[i].length; k++) {
        assertEquals(a[i][k], b[i][k], 1e-5, "row " + i + " logit " + k);
        moved = Math.max(moved, Math.abs(a[i][k] - unshifted[i][k]));
      }
    }
    assertTrue(moved > 1e-2, "the twin is another network: on unshifted rows it differs, by " + moved);
    WeightArray bias = mlp.weights().get(1);
    assertEquals("dense1.bias", bias.name());
    assertFalse(bias.equals(twin.weights().get(1)), "only the first bias changes");
    assertEquals(mlp.weights().get(2), twin.weights().get(2));
  }

  @Test
  void gradientsAreInvariantGradientTimesInputIsNot() {
    InputInvariance inv = new InputInvariance().shift(1);
    InvarianceResult saliency = inv.check(input(Explain.saliency(mlp).abs(false)));
    assertTrue(saliency.passed(), saliency.toText());
    assertTrue(saliency.maxDifference() < 1e-4, saliency.toText());
    InvarianceResult ixg = inv.check(input(Explain.inputXGradient(mlp)));
    assertFalse(ixg.passed(), ixg.toText());
    for (double v : ixg.differences()) {
      assertTrue(v > 0.05, "gradient x input moves with the shift: " + ixg.toText());
    }
    assertEquals(6, ixg.toTable().rowCount());
    assertTrue(ixg.toHtml().contains("failed"), ixg.toHtml());
  }

  @Test
  void integratedGradientsAreInvariantOnlyWithAMovingBaseline() {
    float c = -1.5f;
    Explainer<?> fixed = Explain.integratedGradients(mlp).steps(32).baseline(Baseline.constant(0));
    InputInvariance inv = new InputInvariance().shift(c);
    assertFalse(inv.check(input(fixed)).passed(), "a zero baseline does not follow the shift");
    MetricInput.Reexplainer moving = (m, rows, t) -> Explain.integratedGradients(m).steps(32)
        .baseline(Baseline.constant(m == mlp ? 0 : c)).target(Target.perRow(t)).explain(rows);
    MetricInput in = MetricInput.of(mlp, fixed.explain(x)).withExplainer(moving);
    InvarianceResult r = inv.check(in);
    assertTrue(r.passed(), r.toText());
    assertTrue(in.evaluations() >= x.length, "the twin's re-explanation is counted: " + in.evaluations());
  }

  /** The logits of a logistic network from its weights: {@code W (x - mean) / scale + b}, in double precision. */
  static double[] logits(NeuralNetModel net, float[] row) {
    WeightArray w = net.weights().get(0);
    float[] b = net.weights().get(1).values();
    double[] mean = net.standardizer().mean();
    double[] scale = net.standardizer().scale();
    double[] out = new double[b.length];
    for (int k = 0; k < b.length; k++) {
      double s = b[k];
      for (int j = 0; j < row.length; j++) {
        s += w.get(k, j) * (row[j] - mean[j]) / scale[j];
      }
      out[k] = s;
    }
    return out;
  }

  static double relative(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double den = Math.abs(a[j]) < 1e-6 ? Math.copySign(1e-6, a[j]) : a[j];
      s += (a[j] - b[j]) * (a[j] - b[j]) / (den * den);
    }
    return Math.sqrt(s);
  }

  static int argmax(double[] v) {
    int best = 0;
    for (int k = 1; k < v.length; k++) {
      best = v[k] > v[best] ? k : best;
    }
    return best;
  }

  @Test
  void representationStabilityOfALogisticNetworkByHand() {
    NeuralNetModel logistic = Models.logistic().epochs(3).batchSize(32).seed(4).fit(data);
    String layer = logistic.layerNames().get(logistic.layerNames().size() - 1);
    assertEquals(List.of(layer), logistic.layerNames(), "a logistic network is one affine layer");
    float[][] rows = data.head(5).x();
    List<float[]> seen = new ArrayList<>();
    MetricFixtures.RowExplainer twice = (r, t) -> {
      seen.add(r.clone());
      double[] e = new double[r.length];
      for (int j = 0; j < r.length; j++) {
        e[j] = 2 * r[j] + 3;
      }
      return e;
    };
    double[][] v = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      v[i] = twice.explain(rows[i], 0);
    }
    seen.clear();
    MetricInput in = MetricInput.of(logistic, MetricFixtures.attribution(v, rows))
        .withExplainer(MetricFixtures.explainer(twice));
    int samples = 6;
    double[] rrs = RelativeStability.representation(layer).radius(0.3).samples(samples).score(in);
    assertEquals(rows.length * samples, seen.size(), "every perturbed copy is explained once");
    for (int i = 0; i < rows.length; i++) {
      double[] lx = logits(logistic, rows[i]);
      double expected = Double.NaN;
      for (int k = 0; k < samples; k++) {
        float[] xp = seen.get(i * samples + k);
        double[] lp = logits(logistic, xp);
        if (argmax(lp) != argmax(lx)) {
          continue;
        }
        double[] ex = twice.explain(rows[i], 0);
        double[] ep = twice.explain(xp, 0);
        double r = relative(ex, ep) / Math.max(relative(lx, lp), 1e-6);
        expected = Double.isNaN(expected) ? r : Math.max(expected, r);
      }
      assertFalse(Double.isNaN(expected), "row " + i + " keeps its class under some copy");
      assertEquals(expected, rrs[i], 1e-3 * expected, "row " + i);
    }
  }

  @Test
  void bothMetricsRunInEvaluateAndTheRegistry() {
    Map<String, Explainer<?>> methods = new LinkedHashMap<>();
    methods.put("saliency", Explain.saliency(mlp).abs(false));
    methods.put("input x gradient", Explain.inputXGradient(mlp));
    RelativeStability rrs = RelativeStability.representation("dense1").samples(4);
    MethodComparison c = Evaluate.of(mlp, data).rows(5).bootstrap(10).metrics(new InputInvariance(), rrs)
        .compare(methods);
    assertTrue(c.mean("saliency", "input invariance") < 1e-3, c.toText());
    assertTrue(c.mean("input x gradient", "input invariance") > 0.05, c.toText());
    // a ReLU network's gradient is constant within a linear region, which the small perturbations rarely leave
    assertTrue(c.mean("saliency", rrs.name()) < c.mean("input x gradient", rrs.name()), c.toText());
    assertTrue(c.mean("input x gradient", rrs.name()) > 0, c.toText());
    assertTrue(MetricSets.robustness("dense1").stream().anyMatch(m -> m.name().equals(rrs.name())));
    assertTrue(MetricSets.axiomaticForNetworks().stream().anyMatch(m -> m instanceof InputInvariance));
  }

  /** 40 rows of two channels of 8 seeded Gaussian values, labelled by the sign of channel 0's sum. */
  static Dataset signals() {
    float[][] v = TestModels.gaussian(40, 16, 9);
    List<Column<?>> cols = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int j = 0; j < 16; j++) {
      double[] c = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        c[i] = v[i][j] * (1 + j % 3);
      }
      names.add("ch" + j / 8 + "_" + j % 8);
      cols.add(DoubleColumn.create(names.get(j), c));
    }
    String[] label = new String[v.length];
    for (int i = 0; i < v.length; i++) {
      double sum = 0;
      for (int j = 0; j < 8; j++) {
        sum += v[i][j];
      }
      label[i] = sum > 0 ? "up" : "down";
    }
    cols.add(StringColumn.create("label", label));
    return Dataset.builder(Table.create("signals", cols.toArray(new Column<?>[0]))).target("label").features(names)
        .classNames("down", "up").sampleShape(2, 8).build();
  }

  @Test
  void aConvolutionAbsorbsAShiftOnlyWithoutPadding() {
    Dataset s = signals();
    float[][] rows = s.head(4).x();
    NeuralNetModel pointwise = Models.cnn1d(3).kernelSize(1).epochs(1).batchSize(16).seed(1).fit(s);
    double[] scale = pointwise.standardizer().scale();
    float[] shift = new float[16];
    for (int j = 0; j < 16; j++) {
      shift[j] = (float) (0.7 * scale[j] * (j < 8 ? 1 : -2));   // the same standardised shift along each channel
    }
    NeuralNetModel twin = InputInvariance.twin(pointwise, shift);
    float[][] a = pointwise.output(rows, Differentiable.Output.LOGIT);
    float[][] b = twin.output(plus(rows, shift), Differentiable.Output.LOGIT);
    for (int i = 0; i < rows.length; i++) {
      for (int k = 0; k < a[i].length; k++) {
        assertEquals(a[i][k], b[i][k], 1e-5, "row " + i + " logit " + k);
      }
    }
    InvarianceResult r = new InputInvariance().shift(shift).check(MetricInput.of(pointwise,
        Explain.saliency(pointwise).explain(rows)).withExplainer(MetricInput.Reexplainer.of(
            Explain.saliency(pointwise), 2, 8)));
    assertTrue(r.passed(), r.toText());
    float[] uneven = shift.clone();
    uneven[3] += 0.5f * (float) scale[3];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InputInvariance.twin(pointwise, uneven));
    assertTrue(e.getMessage().contains("channel 0") && e.getMessage().contains("position 3"), e.getMessage());
    NeuralNetModel padded = Models.cnn1d(3).kernelSize(3).epochs(1).batchSize(16).seed(1).fit(s);
    float[] shiftPadded = new float[16];
    double[] scalePadded = padded.standardizer().scale();
    for (int j = 0; j < 16; j++) {
      shiftPadded[j] = (float) (0.7 * scalePadded[j]);
    }
    MetricInput in = MetricInput.of(padded, Explain.saliency(padded).explain(rows))
        .withExplainer(MetricInput.Reexplainer.of(Explain.saliency(padded), 2, 8));
    e = assertThrows(IllegalArgumentException.class, () -> new InputInvariance().shift(shiftPadded).check(in));
    assertTrue(e.getMessage().contains("padding"), e.getMessage());
  }

  @Test
  void badInputNamesTheArgument() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InputInvariance().shift(0));
    assertTrue(e.getMessage().contains("shift"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new InputInvariance().tolerance(-1));
    assertTrue(e.getMessage().contains("tolerance"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> InputInvariance.twin(mlp, new float[3]));
    assertTrue(e.getMessage().contains("shift has 3"), e.getMessage());
    MetricInput sal = input(Explain.saliency(mlp));
    e = assertThrows(IllegalArgumentException.class, () -> new InputInvariance().shift(new float[] {1}).score(sal));
    assertTrue(e.getMessage().contains("shift has 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RelativeStability.representation(" "));
    assertTrue(e.getMessage().contains("layer"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RelativeStability.representation("dense9").score(sal));
    assertTrue(e.getMessage().contains("dense9") && e.getMessage().contains("dense1"), e.getMessage());
    TestModels.Logit flat = new TestModels.Logit(TestModels.names(D), r -> r[0]);
    Attribution a = MetricFixtures.attribution(new double[2][D], TestModels.gaussian(2, D, 1));
    MetricInput other = MetricInput.of(flat, a).withExplainer(MetricFixtures.explainer((r, t) -> new double[D]));
    e = assertThrows(IllegalArgumentException.class, () -> new InputInvariance().score(other));
    assertTrue(e.getMessage().contains("NeuralNetModel"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RelativeStability.representation("dense1").score(other));
    assertTrue(e.getMessage().contains("Differentiable"), e.getMessage());
  }
}
