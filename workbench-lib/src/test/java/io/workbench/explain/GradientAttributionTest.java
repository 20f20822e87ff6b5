package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.model.Differentiable.Output;
import io.workbench.model.Model;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.factory.Models;
import io.workbench.testing.TestModels;
import io.workbench.testing.SoftmaxModel;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gradient attributions against closed forms (linear logits), quadrature identities, completeness on a smooth
 * network, SmoothGrad and GradientSHAP properties.
 */
class GradientAttributionTest {

  static Split bc;
  static NeuralNetModel tanhMlp;

  @BeforeAll
  static void train() {
    bc = Datasets.breastCancer().split(0.7, 5);
    tanhMlp = Models.mlp(16, 8).activation("tanh").epochs(10).seed(3).fit(bc.train());
  }

  static float[][] gaussian(int n, int d, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) r.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void gaussLegendreMatchesTheTabulatedThreePointRuleAndIntegratesPolynomialsExactly() {
    double[][] q = IntegratedGradients.quadrature(IntegratedGradients.Method.GAUSS_LEGENDRE, 3);
    double r = Math.sqrt(0.6);
    assertArrayEquals(new double[] {(1 - r) / 2, 0.5, (1 + r) / 2}, q[0], 1e-14);
    assertArrayEquals(new double[] {5.0 / 18, 8.0 / 18, 5.0 / 18}, q[1], 1e-14);
    for (int n : new int[] {1, 2, 7, 50, 64}) {
      double[][] g = IntegratedGradients.quadrature(IntegratedGradients.Method.GAUSS_LEGENDRE, n);
      for (int k = 0; k <= 2 * n - 1; k++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += g[1][i] * Math.pow(g[0][i], k);
        }
        assertEquals(1.0 / (k + 1), s, 1e-12, "n = " + n + ", integral of t^" + k);
      }
    }
    double[][] trap = IntegratedGradients.quadrature(IntegratedGradients.Method.RIEMANN_TRAPEZOID, 5);
    assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, trap[0], 1e-15);
    assertArrayEquals(new double[] {0.125, 0.25, 0.25, 0.25, 0.125}, trap[1], 1e-15);
    assertArrayEquals(new double[] {0.1, 0.3, 0.5, 0.7, 0.9},
        IntegratedGradients.quadrature(IntegratedGradients.Method.RIEMANN_MIDDLE, 5)[0], 1e-15);
    assertArrayEquals(new double[] {0.2, 0.4, 0.6, 0.8, 1.0},
        IntegratedGradients.quadrature(IntegratedGradients.Method.RIEMANN_RIGHT, 5)[0], 1e-15);
  }

  @Test
  void onLinearLogitsIgIsInputMinusBaselineTimesWeightAndSaliencyIsAbsWeight() {
    SoftmaxModel net = SoftmaxModel.random(3, 6, 11);
    float[][] x = gaussian(40, 6, 2);
    float[] b = {0.5f, -1f, 0f, 2f, 0.25f, -0.5f};
    for (IntegratedGradients.Method m : IntegratedGradients.Method.values()) {
      Attribution ig = Explain.integratedGradients(net).baseline(Baseline.values(b)).method(m).steps(m == IntegratedGradients.Method
          .RIEMANN_TRAPEZOID ? 2 : 1).target(Target.predicted()).explain(x);
      for (int i = 0; i < x.length; i++) {
        int t = ig.targets()[i];
        for (int j = 0; j < 6; j++) {
          assertEquals(((double) x[i][j] - b[j]) * net.w[t][j], ig.value(i, j), 1e-5, m + " row " + i + " feature " + j);
        }
      }
      assertTrue(ig.additivityGap() < 1e-5, "gap " + ig.additivityGap());
    }
    Attribution sal = Explain.saliency(net).target(Target.of(1)).explain(x);
    Attribution signed = Explain.saliency(net).abs(false).target(Target.of(2)).explain(x);
    Attribution ixg = Explain.inputXGradient(net).target(Target.of(0)).explain(x);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 6; j++) {
        assertEquals(Math.abs(net.w[1][j]), sal.value(i, j), 1e-6);
        assertEquals(net.w[2][j], signed.value(i, j), 1e-6);
        assertEquals(x[i][j] * net.w[0][j], ixg.value(i, j), 1e-5);
      }
      assertEquals(net.logits(x[i])[1], sal.outputs()[i], 1e-5, "outputs are logits by default");
    }
    // probability output: the closed-form softmax gradient p_t (w_t - sum_k p_k w_k)
    Attribution sp = Explain.saliency(net).abs(false).output(Output.PROBABILITY).target(Target.of(1)).explain(x);
    double[] p = SoftmaxModel.softmax(net.logits(x[3]));
    for (int j = 0; j < 6; j++) {
      double mix = p[0] * net.w[0][j] + p[1] * net.w[1][j] + p[2] * net.w[2][j];
      assertEquals(p[1] * (net.w[1][j] - mix), sp.value(3, j), 1e-6);
    }
    assertEquals(p[1], sp.outputs()[3], 1e-6);
  }

  @Test
  void igOfTheDjlLogisticModelMatchesFiniteDifferenceWeights() {
    NeuralNetModel logistic = Models.logistic().epochs(5).seed(1).fit(bc.train());
    float[] mean = columnMeans(bc.train());
    float[][] x = bc.test().head(5).x();
    Attribution ig = Explain.integratedGradients(logistic).baseline(Baseline.mean(bc.train())).target(Target.of(1)).explain(x);
    double[] scale = logistic.standardizer().scale();
    // the logit is linear in x: the weight of feature j is a symmetric difference over one standard deviation
    double[] w = new double[x[0].length];
    for (int j = 0; j < w.length; j++) {
      float[] plus = mean.clone();
      float[] minus = mean.clone();
      plus[j] += (float) scale[j];
      minus[j] -= (float) scale[j];
      float[][] o = logistic.output(new float[][] {plus, minus}, Output.LOGIT);
      w[j] = (o[0][1] - o[1][1]) / ((double) plus[j] - minus[j]);
    }
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < w.length; j++) {
        double ref = ((double) x[i][j] - mean[j]) * w[j];
        assertEquals(ref, ig.value(i, j), 1e-4 * Math.abs(ref) + 1e-4, "row " + i + " feature " + j);
      }
    }
  }

  @Test
  void regressionNetworksExplainThePredictedValue() {
    Dataset diabetes = Datasets.diabetes();
    NeuralNetModel lin = Models.linear().epochs(5).seed(2).fit(diabetes);
    float[][] x = diabetes.head(8).x();
    float[] mean = columnMeans(diabetes);
    Attribution ig = Explain.integratedGradients(lin).baseline(Baseline.mean(diabetes)).steps(3).explain(x);
    float[][] fx = lin.predictProba(x);
    float[][] fb = lin.predictProba(new float[][] {mean});
    for (int i = 0; i < x.length; i++) {
      assertEquals(0, ig.targets()[i]);
      assertEquals(fx[i][0], ig.outputs()[i], 1e-3 * Math.abs(fx[i][0]));
      assertEquals(fb[0][0], ig.baseValues()[i], 1e-3 * Math.abs(fb[0][0]));
    }
    assertTrue(ig.additivityGap() < 1e-3 * java.util.Arrays.stream(ig.outputs()).map(Math::abs).max().orElseThrow(),
        "gap " + ig.additivityGap());
    assertEquals(java.util.List.of("value"), ig.targetNames().subList(0, 1));
  }

  @Test
  void fiftyGaussLegendreStepsAreCompleteOnASmoothNetwork() {
    float[][] x = bc.test().head(40).x();
    for (Output out : Output.values()) {
      Attribution ig = Explain.integratedGradients(tanhMlp).baseline(Baseline.mean(bc.train())).output(out).explain(x);
      double[] delta = ig.convergenceDelta().orElseThrow();
      double[] fx = ig.outputs();
      double[] fb = ig.baseValues();
      double worst = 0;
      for (int i = 0; i < x.length; i++) {
        double gap = Math.abs(fx[i] - fb[i]);
        assertTrue(Math.abs(delta[i]) < 1e-3 * gap, out + " row " + i + ": delta " + delta[i] + " vs f(x)-f(b) " + gap);
        worst = Math.max(worst, Math.abs(delta[i]) / gap);
      }
      System.out.printf("IG completeness (%s, 50 Gauss-Legendre steps, tanh MLP): max |delta| / |f(x)-f(b)| = %.2e%n",
          out, worst);
      assertEquals(x.length * 50L, ig.evaluations());
      // f(x) is the network's own output
      float[][] o = tanhMlp.output(x, out);
      assertEquals(o[7][ig.targets()[7]], fx[7], 1e-6);
    }
  }

  @Test
  void riemannSumsConvergeToGaussLegendre() {
    float[][] x = bc.test().head(10).x();
    IntegratedGradients ig = Explain.integratedGradients(tanhMlp).baseline(Baseline.mean(bc.train()));
    double[][] ref = ig.steps(64).explain(x).values();
    for (IntegratedGradients.Method m : new IntegratedGradients.Method[] {IntegratedGradients.Method.RIEMANN_LEFT,
        IntegratedGradients.Method.RIEMANN_RIGHT, IntegratedGradients.Method.RIEMANN_MIDDLE,
        IntegratedGradients.Method.RIEMANN_TRAPEZOID}) {
      double previous = Double.POSITIVE_INFINITY;
      for (int steps : new int[] {4, 16, 64, 256}) {
        double[][] v = ig.method(m).steps(steps).explain(x).values();
        double err = 0;
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
          for (int j = 0; j < v[i].length; j++) {
            err += (v[i][j] - ref[i][j]) * (v[i][j] - ref[i][j]);
            norm += ref[i][j] * ref[i][j];
          }
        }
        double rel = Math.sqrt(err / norm);
        assertTrue(rel < previous, m + " with " + steps + " steps: error " + rel + " did not shrink from " + previous);
        previous = rel;
      }
      assertTrue(previous < 0.02, m + " with 256 steps is within 2% of Gauss-Legendre, got " + previous);
    }
  }

  @Test
  void batchingDoesNotChangeResultsAndAllStepsOfARowShareOneCall() {
    SoftmaxModel net = SoftmaxModel.random(2, 5, 3);
    float[][] x = gaussian(30, 5, 4);
    Attribution a = Explain.integratedGradients(net).steps(20).internalBatchSize(45).explain(x);
    assertEquals(40, net.largestCall, "45 points per call hold two rows of 20 steps");
    assertEquals(15, net.gradientCalls);
    net.gradientCalls = 0;
    net.largestCall = 0;
    Attribution b = Explain.integratedGradients(net).steps(20).internalBatchSize(1).explain(x);
    assertEquals(20, net.largestCall, "a row's steps are never split");
    assertEquals(30, net.gradientCalls);
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(a.values(i), b.values(i), 1e-12);
    }
    Attribution s1 = Explain.noiseTunnel(Explain.saliency(tanhMlp).internalBatchSize(7)).samples(6).stdev(0.3).seed(5)
        .explain(bc.test().head(9));
    Attribution s2 = Explain.noiseTunnel(Explain.saliency(tanhMlp)).samples(6).stdev(0.3).seed(5)
        .explain(bc.test().head(9));
    Attribution s3 = Explain.noiseTunnel(Explain.saliency(tanhMlp)).samples(6).stdev(0.3).seed(6)
        .explain(bc.test().head(9));
    assertArrayEquals(s1.values(4), s2.values(4), 1e-6);
    assertTrue(java.util.Arrays.stream(s1.values(4)).sum() != java.util.Arrays.stream(s3.values(4)).sum());
  }

  @Test
  void smoothGradWithoutNoiseIsThePlainGradientAndNoiseAggregatesAsDefined() {
    Dataset rows = bc.test().head(12);
    Attribution plain = Explain.saliency(tanhMlp).abs(false).explain(rows);
    for (NoiseTunnel.Type type : NoiseTunnel.Type.values()) {
      Attribution sg = Explain.noiseTunnel(Explain.saliency(tanhMlp).abs(false)).stdev(0).samples(4).type(type)
          .explain(rows);
      for (int i = 0; i < rows.rows(); i++) {
        for (int j = 0; j < rows.numFeatures(); j++) {
          double g = plain.value(i, j);
          double expected = switch (type) {
            case SMOOTHGRAD -> g;
            case SMOOTHGRAD_SQ -> g * g;
            case VARGRAD -> 0;
          };
          assertEquals(expected, sg.value(i, j), 1e-6 * Math.max(1, Math.abs(expected)), type + " " + i + "," + j);
        }
      }
      assertEquals(rows.rows() * 4L, sg.evaluations());
    }
    // on a linear model the signed gradient is constant under noise; IG's smoothgrad averages (x + e - b) w
    SoftmaxModel net = SoftmaxModel.random(2, 4, 9);
    float[][] x = gaussian(5, 4, 1);
    Attribution lin = Explain.noiseTunnel(Explain.saliency(net).abs(false)).stdev(2.0).samples(10)
        .target(Target.of(0)).explain(x);
    Attribution var = Explain.noiseTunnel(Explain.saliency(net).abs(false)).stdev(2.0).samples(10)
        .type(NoiseTunnel.Type.VARGRAD).target(Target.of(0)).explain(x);
    Attribution ixgNoise = Explain.noiseTunnel(Explain.inputXGradient(net)).stdev(1.0).samples(4000).seed(2)
        .type(NoiseTunnel.Type.SMOOTHGRAD_SQ).target(Target.of(0)).explain(x);
    for (int j = 0; j < 4; j++) {
      assertEquals(net.w[0][j], lin.value(0, j), 1e-6);
      assertEquals(0, var.value(0, j), 1e-9);
      // E[((x + e) w)^2] = w^2 (x^2 + 1) for e ~ N(0, 1): within 4 standard errors
      double w2 = net.w[0][j] * net.w[0][j];
      double expected = w2 * (x[0][j] * x[0][j] + 1);
      double se = w2 * Math.sqrt((4 * x[0][j] * x[0][j] + 2) / 4000.0);
      assertEquals(expected, ixgNoise.value(0, j), 4 * se);
    }
  }

  @Test
  void gradientShapIsCompleteInExpectationOnALinearModel() {
    SoftmaxModel net = SoftmaxModel.random(2, 5, 21);
    float[][] bg = gaussian(50, 5, 8);
    for (float[] r : bg) {
      r[0] += 3; // a background away from the origin
    }
    Background background = Background.of(bg);
    float[][] x = gaussian(200, 5, 9);
    int samples = 20;
    Attribution a = Explain.gradientShap(net, background).samples(samples).seed(4).target(Target.of(1)).explain(x);
    double[] delta = a.convergenceDelta().orElseThrow();
    // delta_i = w . (mean_b - mean of the drawn baselines): mean 0, variance var_b(w.b) / samples
    double[] wb = new double[bg.length];
    double m = 0;
    for (int b = 0; b < bg.length; b++) {
      for (int j = 0; j < 5; j++) {
        wb[b] += net.w[1][j] * bg[b][j];
      }
      m += wb[b] / bg.length;
    }
    double var = 0;
    for (double v : wb) {
      var += (v - m) * (v - m) / bg.length;
    }
    double meanDelta = 0;
    double meanSq = 0;
    for (double d : delta) {
      meanDelta += d / delta.length;
      meanSq += d * d / delta.length;
    }
    double sdMean = Math.sqrt(var / samples / delta.length);
    assertEquals(0, meanDelta, 4 * sdMean, "completeness holds in expectation");
    assertEquals(var / samples, meanSq, 0.3 * var / samples, "the spread of delta is the baseline sampling noise");
    // base value = E_b logit(b), outputs = logit(x)
    assertEquals(m + net.c[1], a.baseValues()[0], 1e-5);
    assertEquals(net.logits(x[3])[1], a.outputs()[3], 1e-5);
    // with more samples the delta shrinks
    Attribution many = Explain.gradientShap(net, background).samples(2000).seed(4).target(Target.of(1)).explain(x);
    double manySq = 0;
    for (double d : many.convergenceDelta().orElseThrow()) {
      manySq += d * d / x.length;
    }
    assertTrue(manySq < meanSq / 20, manySq + " vs " + meanSq);
    Attribution again = Explain.gradientShap(net, background).samples(samples).seed(4).target(Target.of(1)).explain(x);
    assertArrayEquals(a.values(17), again.values(17), 0.0);
  }

  @Test
  void gradientShapOnANetworkUsesTheBackgroundMeanAsBase() {
    Dataset bgData = bc.train().head(30);
    Attribution a = Explain.gradientShap(tanhMlp, bgData).samples(200).seed(1).target(Target.predicted())
        .explain(bc.test().head(6));
    float[][] logits = tanhMlp.output(bgData.x(), Output.LOGIT);
    double m = 0;
    int t = a.targets()[0];
    for (float[] r : logits) {
      m += r[t] / logits.length;
    }
    assertEquals(m, a.baseValues()[0], 1e-5);
    double[] delta = a.convergenceDelta().orElseThrow();
    for (int i = 0; i < delta.length; i++) {
      assertTrue(Math.abs(delta[i]) < 0.25 * Math.abs(a.outputs()[i] - a.baseValues()[i]) + 0.1,
          "row " + i + " delta " + delta[i]);
    }
  }

  @Test
  void badInputsFailFastWithHelpfulMessages() {
    Model notDifferentiable = TestModels.withoutLinearInput(tanhMlp);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Explain.integratedGradients(notDifferentiable));
    assertTrue(e.getMessage().contains("integrated gradients") && e.getMessage().contains("kernelShap"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.saliency(notDifferentiable));
    assertTrue(e.getMessage().startsWith("saliency needs gradients"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Explain.gradientShap(notDifferentiable, bc.train()));
    e = assertThrows(IllegalArgumentException.class, () -> Explain.integratedGradients(tanhMlp).steps(0));
    assertTrue(e.getMessage().contains("steps"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.integratedGradients(tanhMlp)
        .method(IntegratedGradients.Method.RIEMANN_TRAPEZOID).steps(1).explain(bc.test().head(2)));
    assertTrue(e.getMessage().contains("trapezoid"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Explain.integratedGradients(tanhMlp).target(Target.of(5)).explain(bc.test().head(2)));
    assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Explain.integratedGradients(tanhMlp).target(Target.of("benign?")).explain(bc.test().head(2)));
    assertTrue(e.getMessage().contains("valid class names"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Explain.integratedGradients(tanhMlp).baseline(Baseline.values(new float[3])));
    assertTrue(e.getMessage().contains("baseline has 3 values, expected 30"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.integratedGradients(tanhMlp)
        .baseline(Baseline.mean(Datasets.iris())));
    assertThrows(IllegalArgumentException.class, () -> Explain.integratedGradients(tanhMlp).output(null));
    assertThrows(IllegalArgumentException.class, () -> Explain.saliency(tanhMlp).internalBatchSize(0));
    e = assertThrows(IllegalArgumentException.class, () -> Explain.noiseTunnel(Explain.saliency(tanhMlp)).stdev(-1));
    assertTrue(e.getMessage().contains("stdev"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Explain.noiseTunnel(Explain.saliency(tanhMlp)).samples(0));
    assertThrows(IllegalArgumentException.class, () -> Explain.noiseTunnel(null));
    assertThrows(IllegalArgumentException.class, () -> Explain.noiseTunnel(Explain.gradientShap(tanhMlp, bc.train())));
    assertThrows(IllegalArgumentException.class, () -> Explain.gradientShap(tanhMlp, bc.train()).samples(0));
    assertThrows(IllegalArgumentException.class, () -> Explain.gradientShap(tanhMlp, Background.of(new float[2][4])));
    e = assertThrows(IllegalArgumentException.class, () -> Explain.gradCam(tanhMlp));
    assertTrue(e.getMessage().contains("no convolution") && e.getMessage().contains("dense1"), e.getMessage());
    float[][] nan = bc.test().head(2).x();
    nan[1][3] = Float.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> Explain.saliency(tanhMlp).explain(nan));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
  }

  @Test
  void aTreeModelIsRejectedWithModelAgnosticSuggestions() {
    Model tree = Models.xgboost().rounds(5).seed(1).fit(Datasets.iris());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Explain.gradCam(tree));
    assertTrue(e.getMessage().contains("gradCam needs gradients") && e.getMessage().contains("occlusion"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Explain.integratedGradients(tree));
  }

  /** Column means of a dataset, computed here independently of Baseline. */
  private static float[] columnMeans(Dataset data) {
    float[][] x = data.x();
    float[] m = new float[x[0].length];
    for (int j = 0; j < m.length; j++) {
      double sum = 0;
      for (float[] r : x) {
        sum += r[j];
      }
      m[j] = (float) (sum / x.length);
    }
    return m;
  }

  @Test
  void perRowBaselinesEqualOneBaselinePerRowExplainedAlone() {
    SoftmaxModel net = SoftmaxModel.random(3, 6, 11);
    float[][] x = gaussian(5, 6, 3);
    float[][] refs = gaussian(5, 6, 4);
    Attribution together = Explain.integratedGradients(net).baseline(Baseline.perRow(refs)).steps(8)
        .target(Target.of(2)).explain(x);
    for (int i = 0; i < x.length; i++) {
      Attribution alone = Explain.integratedGradients(net).baseline(Baseline.values(refs[i])).steps(8)
          .target(Target.of(2)).explain(new float[][] {x[i]});
      assertArrayEquals(alone.values()[0], together.values()[i], 1e-9, "row " + i);
      assertEquals(alone.baseValues()[0], together.baseValues()[i], 1e-9, "f(baseline) of row " + i);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Explain.integratedGradients(net).baseline(Baseline.perRow(refs)).target(Target.of(2))
            .explain(gaussian(4, 6, 5)));
    assertTrue(e.getMessage().contains("baseline has 5 rows, expected one per explained row (4)"), e.getMessage());
  }
}
