package io.workbench.analysis.effects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.workbench.data.Dataset;
import io.workbench.plot.Figure;
import io.workbench.testing.Python;
import io.workbench.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ALE against closed forms (an additive model's ALE is each component, centred; x1*x2's interaction is the
 * product of the centred features), the correlated-inputs case where PD misleads and ALE does not, and a
 * NumPy implementation of the paper's definition.
 */
class AccumulatedLocalEffectsTest {

  @TempDir
  Path tmp;

  private static float[][] uniform(int n, int d, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) (2 * r.nextDouble() - 1);
      }
    }
    return x;
  }

  private static Dataset regression(float[][] x, TestModels.Fn f) {
    double[] y = new double[x.length];
    return Dataset.of(x, f.featureNames(), y);
  }

  @Test
  void additiveModelGivesEachComponentCentred() {
    DoubleUnaryOperator g0 = v -> v * v;
    DoubleUnaryOperator g1 = v -> 2 * Math.sin(3 * v);
    float[][] x = uniform(600, 3, 1);
    TestModels.Fn f = TestModels.regression(3, r -> g0.applyAsDouble(r[0]) + g1.applyAsDouble(r[1]) + 0.5 * r[2]);
    Dataset data = regression(x, f);
    for (int j = 0; j < 2; j++) {
      DoubleUnaryOperator g = j == 0 ? g0 : g1;
      AleCurve c = AccumulatedLocalEffects.create().bins(20).oneWay(f, data, "x" + j);
      double[] z = c.grid();
      assertEquals(21, z.length, "20 quantile bins of a continuous feature");
      // the uncentred curve is exactly g(z_k) - g(z_0): every row's difference across its bin is that of g
      for (int k = 0; k < z.length; k++) {
        double want = g.applyAsDouble((float) z[k]) - g.applyAsDouble((float) z[0]);
        assertEquals(want, c.ale()[k] - c.ale()[0], 2e-5, "x" + j + " edge " + k);
      }
      // centred: the curve at the data has mean ~0, so it is close to g minus the mean of g over the data
      int col = j;
      double meanG = Arrays.stream(x).mapToDouble(r -> g.applyAsDouble(r[col])).sum() / x.length;
      double meanAle = 0;
      for (float[] r : x) {
        meanAle += c.at(r[j]) / x.length;
        assertEquals(g.applyAsDouble(r[j]) - meanG, c.at(r[j]), 0.06, "ALE at x" + j + " = " + r[j]);
      }
      assertEquals(0, meanAle, 0.01, "mean effect over the data");
      int total = Arrays.stream(c.counts()).sum();
      assertEquals(x.length, total, "every row in one bin");
    }
  }

  /** The test: x2 = x1 + small noise, f uses x1 only; ALE of x2 stays ~0 while PD of x2 does not. */
  @Test
  void correlatedInputsAleIsHonestWherePdIsNot() {
    Random r = new Random(5);
    int n = 500;
    float[][] x = new float[n][3];
    for (float[] row : x) {
      row[0] = (float) (4 * r.nextDouble() - 2);
      row[1] = (float) (row[0] + 0.05 * r.nextGaussian());
      row[2] = (float) r.nextGaussian();
    }
    // f = x0 wherever the data lie (|x1 - x0| < 0.5, 10 noise sd); off the data it grows with |x1 - x0|, as
    // a fitted model may extrapolate: PD evaluates there, ALE (bins 0.2 wide) does not
    TestModels.Fn f = TestModels.regression(3, v -> v[0] + 4 * Math.max(0, Math.abs(v[1] - v[0]) - 0.5));
    Dataset data = regression(x, f);
    AleCurve ale = AccumulatedLocalEffects.create().oneWay(f, data, "x1");
    PdCurve pd = PartialDependence.create().oneWay(f, data, "x1");
    double aleRange = Arrays.stream(ale.ale()).max().getAsDouble() - Arrays.stream(ale.ale()).min().getAsDouble();
    double pdRange = Arrays.stream(pd.pd()).max().getAsDouble() - Arrays.stream(pd.pd()).min().getAsDouble();
    assertTrue(aleRange < 0.1, "ALE of the unused correlated x1 should be ~0, range " + aleRange);
    assertTrue(pdRange > 2, "PD of x1 extrapolates off the data and is not ~0, range " + pdRange);
    AleCurve used = AccumulatedLocalEffects.create().oneWay(f, data, "x0");
    double usedRange = Arrays.stream(used.ale()).max().getAsDouble() - Arrays.stream(used.ale()).min().getAsDouble();
    assertTrue(usedRange > 3, "ALE of x0 shows its effect, range " + usedRange);
  }

  @Test
  void secondOrderIsZeroForAnAdditiveModelAndTheProductForXTimesY() {
    float[][] x = uniform(3000, 3, 2);
    TestModels.Fn additive = TestModels.regression(3, r -> r[0] * r[0] + Math.sin(2 * r[1]) + r[2]);
    AleSurface s = AccumulatedLocalEffects.create().twoWay(additive, regression(x, additive), "x0", "x1");
    assertTrue(s.maxAbs() < 1e-5, "an additive model has no interaction: " + s.maxAbs());
    TestModels.Fn product = TestModels.regression(3, r -> r[0] * r[1] + r[2]);
    Dataset data = regression(x, product);
    AleSurface p = AccumulatedLocalEffects.create().twoWay(product, data, "x0", "x1");
    double m0 = Arrays.stream(data.column("x0")).average().getAsDouble();
    double m1 = Arrays.stream(data.column("x1")).average().getAsDouble();
    double[] za = p.gridFirst();
    double[] zb = p.gridSecond();
    double[][] v = p.ale();
    for (int a = 0; a < za.length; a++) {
      for (int b = 0; b < zb.length; b++) {
        // the double difference of the surface is exactly that of x0*x1: a pure interaction keeps all of it
        assertEquals((za[a] - za[0]) * (zb[b] - zb[0]), v[a][b] - v[a][0] - v[0][b] + v[0][0], 1e-5,
            "double difference at " + a + "," + b);
        double want = (p.gridFirst()[a] - m0) * (p.gridSecond()[b] - m1);
        assertEquals(want, p.ale()[a][b], 0.04, "x0*x1 at corner " + a + "," + b);
      }
    }
    Figure heat = p.plot();
    assertTrue(heat.title().contains("x0 x x1"), heat.title());
    assertTrue(heat.toPng().length > 1000, "heatmap renders");
    assertTrue(data.rows() > 0 && p.toText().contains("ale"), "renders as a table");
    assertTrue(p.toTable().rowCount() == p.gridFirst().length * p.gridSecond().length, "long table");
  }

  @Test
  void wholeNumberFeaturesGetWholeNumberEdgesAndBadInputIsNamed() {
    Random r = new Random(3);
    float[][] x = new float[200][3];
    for (float[] row : x) {
      row[0] = r.nextInt(5);
      row[1] = (float) r.nextGaussian();
      row[2] = 7;
    }
    TestModels.Fn f = TestModels.regression(3, v -> 3 * v[0] + v[1]);
    Dataset data = regression(x, f);
    AleCurve c = AccumulatedLocalEffects.create().oneWay(f, data, "x0");
    assertArrayEquals(new double[] {0, 1, 2, 3, 4}, c.grid(), "edges are the whole numbers present");
    for (int k = 1; k < 5; k++) {
      assertEquals(3, c.ale()[k] - c.ale()[k - 1], 1e-5, "step of 3 per unit");
    }
    IllegalArgumentException constant = assertThrows(IllegalArgumentException.class,
        () -> AccumulatedLocalEffects.create().oneWay(f, data, "x2"));
    assertTrue(constant.getMessage().contains("'x2'") && constant.getMessage().contains("single value"),
        constant.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> AccumulatedLocalEffects.create().oneWay(f, data, "x9"));
    assertTrue(unknown.getMessage().contains("x9"), unknown.getMessage());
    IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
        () -> AccumulatedLocalEffects.create().twoWay(f, data, "x1", "x1"));
    assertTrue(same.getMessage().contains("x1"), same.getMessage());
    assertTrue(c.plot().toPng().length > 1000, "the curve renders");
    IllegalArgumentException bins = assertThrows(IllegalArgumentException.class,
        () -> AccumulatedLocalEffects.create().bins(0));
    assertTrue(bins.getMessage().contains("bins"), bins.getMessage());
  }

  @Test
  void sameNumbersWhateverTheThreadsAndBatchesAndBatchedCalls() {
    float[][] x = uniform(300, 3, 4);
    TestModels.Fn f = TestModels.regression(3, r -> r[0] * r[1] + Math.exp(r[2]));
    Dataset data = regression(x, f);
    AccumulatedLocalEffects ale = AccumulatedLocalEffects.create().rows(250).seed(9);
    AleCurve one = ale.threads(1).oneWay(f, data, "x0");
    assertEquals(1, f.calls, "one batched model call for all edges of all rows");
    AleCurve two = ale.threads(2).batchRows(37).oneWay(f, data, "x0");
    assertArrayEquals(one.ale(), two.ale(), 0, "threads and batch size change nothing");
    AleSurface s1 = ale.threads(1).twoWay(f, data, "x0", "x1");
    AleSurface s2 = ale.threads(2).batchRows(41).twoWay(f, data, "x0", "x1");
    for (int a = 0; a < s1.ale().length; a++) {
      assertArrayEquals(s1.ale()[a], s2.ale()[a], 0, "surface row " + a);
    }
  }

  /** First-order ALE against a NumPy implementation of Apley and Zhu's definition on the same data. */
  @Test
  void matchesNumpyImplementationOfThePaper() throws Exception {
    String py = Python.with("numpy");
    assumeTrue(py != null, "no python3 with numpy: skipping the NumPy cross-check");
    float[][] x = uniform(400, 2, 6);
    StringBuilder csv = new StringBuilder();
    for (float[] r : x) {
      csv.append(r[0]).append(',').append(r[1]).append('\n');
    }
    Files.writeString(tmp.resolve("x.csv"), csv.toString());
    TestModels.Fn f = TestModels.regression(2, r -> r[0] * r[1] + r[0] * r[0] * r[0]);
    AleCurve ours = AccumulatedLocalEffects.create().bins(10).oneWay(f, regression(x, f), "x0");
    Path script = tmp.resolve("ale.py");
    Files.writeString(script, String.join("\n",
        "import sys, numpy as np",
        "X = np.loadtxt(sys.argv[1], delimiter=',', dtype=np.float32).astype(np.float64)",
        "f = lambda a: a[:, 0] * a[:, 1] + a[:, 0] ** 3",
        "K = 10",
        "z = np.unique(np.quantile(X[:, 0], np.linspace(0, 1, K + 1)).astype(np.float32).astype(np.float64))",
        "k = np.clip(np.searchsorted(z, X[:, 0], side='left'), 1, len(z) - 1)",
        "hi = X.copy(); hi[:, 0] = z[k]",
        "lo = X.copy(); lo[:, 0] = z[k - 1]",
        "d = f(hi) - f(lo)",
        "n = np.bincount(k, minlength=len(z))[1:]",
        "s = np.bincount(k, weights=d, minlength=len(z))[1:]",
        "acc = np.concatenate([[0.0], np.cumsum(np.where(n > 0, s / np.maximum(n, 1), 0.0))])",
        "acc -= np.sum(n * (acc[:-1] + acc[1:]) / 2) / len(X)",
        "print(' '.join(repr(float(v)) for v in z))",
        "print(' '.join(repr(float(v)) for v in acc))"));
    Python.Result r = Python.run(py, List.of(script.toString(), tmp.resolve("x.csv").toString()), 60);
    assertEquals(0, r.exit(), r.out());
    String[] lines = r.out().strip().split("\n");
    double[] z = Arrays.stream(lines[lines.length - 2].split(" ")).mapToDouble(Double::parseDouble).toArray();
    double[] ale = Arrays.stream(lines[lines.length - 1].split(" ")).mapToDouble(Double::parseDouble).toArray();
    assertArrayEquals(z, ours.grid(), 0, "the same quantile edges");
    assertArrayEquals(ale, ours.ale(), 1e-5, "the same centred ALE");
  }
}
