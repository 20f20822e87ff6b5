package io.workbench.analysis.representation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.workbench.data.Dataset;
import io.workbench.model.Differentiable;
import io.workbench.model.LayerGradients;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.factory.Models;
import io.workbench.testing.Python;
import io.workbench.testing.TestModels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Layer activations, probes, CKA and TCAV on one small network trained on a generator whose answer is known:
 * the label is {@code x0 > 0}, the other three features are noise.
 */
class NetworkRepresentationTest {

  static Dataset data;
  static NeuralNetModel net;

  @BeforeAll
  static void train() {
    float[][] x = TestModels.gaussian(300, 4, 17);
    int[] y = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i][0] > 0 ? 1 : 0;
    }
    data = Dataset.of(x, List.of("x0", "x1", "x2", "x3"), y, List.of("no", "yes"));
    net = Models.mlp(16, 8).epochs(25).batchSize(32).seed(3).fit(data);
  }

  @Test
  void layerActivationsAreTheForwardPassOfLayerGradientsAndNamesAreChecked() {
    float[][] x = data.head(70).x();
    for (String layer : net.layerNames()) {
      float[][] a = net.withBatchSize(16).layerActivations(layer, x);
      LayerGradients g = net.layerGradients(layer, x, new int[x.length], Differentiable.Output.LOGIT);
      assertEquals(x.length, a.length, layer);
      for (int i = 0; i < x.length; i++) {
        float[] expected = g.activationsOfRow(i);
        for (int j = 0; j < expected.length; j++) {
          assertEquals(expected[j], a[i][j], 1e-5, layer + " row " + i + " value " + j);
        }
      }
    }
    String last = net.layerNames().get(net.layerNames().size() - 1);
    float[][] logits = net.output(x, Differentiable.Output.LOGIT);
    assertArrayEquals(logits[5], net.layerActivations(last, x)[5], 1e-5f, "the last layer's activations are the logits");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.layerActivations("dense9", x));
    assertTrue(e.getMessage().contains(net.layerNames().toString()), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> net.layerActivations(last, new float[][] {{1, 2}}));
    assertTrue(e.getMessage().contains("4"), e.getMessage());
  }

  @Test
  void probesReadTheLabelAtEveryDepthAndCkaComparesLayers() {
    ProbeResult p = LinearProbe.create().folds(3).seed(1).run(net, data);
    assertEquals("input", p.layers().get(0));
    assertEquals(net.layerNames(), p.layers().subList(1, p.layers().size()));
    for (String l : p.layers()) {
      assertTrue(p.accuracy(l) > 0.9, "the label x0 > 0 is linear in " + l + ": " + p.accuracy(l));
    }
    CkaMatrix m = Cka.linear(Cka.layers(net, data.head(120).x()));
    assertEquals(net.layerNames(), m.rows());
    String first = net.layerNames().get(0);
    assertEquals(1.0, m.value(first, first), 1e-6);
    PcaView v = PcaView.of(first, net.layerActivations(first, data.x()), data.y(), data.classNames());
    double[] ev = v.explainedVariance();
    assertTrue(ev[0] >= ev[1] && ev[0] + ev[1] <= 1 + 1e-9 && ev[1] > 0, "explained variance " + ev[0] + ", " + ev[1]);
    assertTrue(v.plot().toPng(72).length > 1000);
  }

  @Test
  void tcavFindsTheConceptTheLabelIsMadeOfAndNotARandomOne() throws Exception {
    float[][] pool = TestModels.gaussian(200, 4, 99);
    float[][] high = TestModels.gaussian(40, 4, 5);
    float[][] low = TestModels.gaussian(40, 4, 6);
    float[][] randomConcept = TestModels.gaussian(40, 4, 7);
    for (int i = 0; i < 40; i++) {
      high[i][0] = 2 + 0.3f * high[i][0];
      low[i][0] = -2 + 0.3f * low[i][0];
    }
    Map<String, float[][]> concepts = new LinkedHashMap<>();
    concepts.put("high x0", high);
    concepts.put("low x0", low);
    concepts.put("random rows", randomConcept);
    List<float[]> yes = new ArrayList<>();
    for (float[] row : data.x()) {
      if (row[0] > 0) {
        yes.add(row);
      }
    }
    String layer = net.layerNames().get(1);
    Tcav tcav = Tcav.create().layer(layer).target("yes").repeats(30).seed(4);
    TcavResult t = tcav.run(net, concepts, pool, yes.toArray(float[][]::new));
    assertTrue(t.score("high x0") > 0.9, "class 'yes' rises towards high x0: " + t.score("high x0"));
    assertTrue(t.score("low x0") < 0.1, "and falls towards low x0: " + t.score("low x0"));
    assertTrue(t.significant("high x0") && t.significant("low x0"), t.toTable().print());
    assertFalse(t.significant("random rows"), "a concept drawn like the random sets is not significant: " + t.toTable().print());
    assertEquals(Math.min(1, 3 * t.pValue("random rows")), t.correctedPValue("random rows"), 1e-15, "Bonferroni x 3");
    assertArrayEquals(t.scores("high x0"), tcav.run(net, concepts, pool, yes.toArray(float[][]::new)).scores("high x0"),
        "same seed, same scores");
    assertTrue(t.plot().toPng(72).length > 1000);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tcav.create().target("maybe").layer(layer).run(net, concepts, pool, data.x()));
    assertTrue(e.getMessage().contains("[no, yes]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tcav.create().run(net, concepts, pool, data.x()));
    assertTrue(e.getMessage().contains("layer"), e.getMessage());

    // the t-test against SciPy's Welch test
    String python = Python.with("scipy");
    assumeTrue(python != null, "python3 with scipy not installed (Debian: apt-get install python3-scipy)");
    double[] a = t.scores("random rows");
    double[] b = t.randomScores();
    String script = "from scipy.stats import ttest_ind\nprint(repr(float(ttest_ind(" + list(a) + ", " + list(b)
        + ", equal_var=False).pvalue)))";
    Python.Result r = Python.run(python, List.of("-c", script), 60);
    assertEquals(0, r.exit(), r.out());
    assertEquals(Double.parseDouble(r.out().trim()), t.pValue("random rows"), 1e-9, "Welch p-value vs SciPy");
  }

  private static String list(double[] v) {
    StringBuilder s = new StringBuilder("[");
    for (double x : v) {
      s.append(s.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.17g", x));
    }
    return s.append(']').toString();
  }
}
