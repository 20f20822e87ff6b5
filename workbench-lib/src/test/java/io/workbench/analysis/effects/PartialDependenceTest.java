package io.workbench.analysis.effects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.workbench.data.Dataset;
import io.workbench.explain.Target;
import io.workbench.model.cart.CartTrainer;
import io.workbench.model.cart.CartTree;
import io.workbench.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PD/ICE against closed forms: a linear model's PD is a line with the coefficient as slope. */
class PartialDependenceTest {

  @TempDir
  Path tmp;

  /**
   * The same CART tree (ours matches scikit-learn's split for split, see CartTrainerTest) through our PD
   * and scikit-learn's brute-force partial_dependence on a uniform grid from min to max.
   */
  @Test
  void matchesScikitLearnOnATree() throws Exception {
    Path py = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(py), "no /usr/bin/python3");
    Random rnd = new Random(21);
    int n = 200;
    float[][] x = new float[n][3];
    int[] y = new int[n];
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = (float) rnd.nextGaussian();
        csv.append(x[i][j]).append(',');
      }
      y[i] = x[i][0] * x[i][0] + x[i][1] + 0.3 * rnd.nextGaussian() > 1 ? 1 : 0;
      csv.append(y[i]).append('\n');
    }
    Files.writeString(tmp.resolve("d.csv"), csv.toString());
    Dataset data = Dataset.of(x, TestModels.names(3), y, List.of("0", "1"));
    CartTree tree = CartTrainer.create().maxDepth(4).minSamplesLeaf(3).fit(data);
    PdCurve ours = PartialDependence.create().grid(GridType.UNIFORM).gridSize(10).oneWay(tree, data, "x0");
    Path script = tmp.resolve("pd.py");
    Files.writeString(script, String.join("\n",
        "import sys, numpy as np",
        "try:",
        "    from sklearn.tree import DecisionTreeClassifier",
        "    from sklearn.inspection import partial_dependence",
        "except ImportError:",
        "    print('NOSKLEARN'); sys.exit(0)",
        "a = np.loadtxt(sys.argv[1], delimiter=',')",
        "X = a[:, :-1].astype(np.float32); y = a[:, -1]",
        "m = DecisionTreeClassifier(max_depth=4, min_samples_leaf=3, random_state=0).fit(X, y)",
        "r = partial_dependence(m, X, [0], percentiles=(0, 1), grid_resolution=10, method='brute', kind='average')",
        "print(' '.join(repr(float(v)) for v in r['values'][0]))",
        "print(' '.join(repr(float(v)) for v in r['average'][0]))"));
    Process p = new ProcessBuilder(py.toString(), script.toString(), tmp.resolve("d.csv").toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assumeTrue(!out.contains("NOSKLEARN"), "scikit-learn not installed");
    assertEquals(0, p.exitValue(), out);
    String[] lines = out.split("\n");
    double[] grid = Arrays.stream(lines[lines.length - 2].split(" ")).mapToDouble(Double::parseDouble).toArray();
    double[] pd = Arrays.stream(lines[lines.length - 1].split(" ")).mapToDouble(Double::parseDouble).toArray();
    assertArrayEquals(grid, ours.grid(), 1e-5);
    assertArrayEquals(pd, ours.pd(), 1e-6);
  }

  static Dataset normalData(int n, int d, long seed) {
    Random rnd = new Random(seed);
    float[][] x = new float[n][d];
    for (float[] r : x) {
      for (int j = 0; j < d; j++) {
        r[j] = (float) rnd.nextGaussian();
      }
    }
    return TestModels.regressionData(x);
  }

  @Test
  void linearModelGivesStraightLineWithCoefficientSlope() {
    Dataset data = normalData(300, 3, 1);
    TestModels.Fn f = new TestModels.Fn(TestModels.names(3), r -> 2 + 3 * r[0] - r[1] + 0.5 * r[2]);
    PdCurve c = PartialDependence.create().gridSize(15).batchRows(4096).threads(2).oneWay(f, data, "x0");
    assertEquals(15, c.grid().length);
    assertEquals(300, c.ice().length);
    // PD(v) = 2 + 3 v + mean(-x1 + 0.5 x2) over the data.
    float[][] x = data.x();
    double offset = 0;
    for (float[] r : x) {
      offset += (2 - r[1] + 0.5 * r[2]) / x.length;
    }
    for (int t = 0; t < c.grid().length; t++) {
      assertEquals(offset + 3 * c.grid()[t], c.pd()[t], 1e-4);
      if (t > 0) {
        double slope = (c.pd()[t] - c.pd()[t - 1]) / (c.grid()[t] - c.grid()[t - 1]);
        assertEquals(3.0, slope, 1e-3);
      }
    }
    // 300 rows x 15 points = 4500 rows in 2 calls of at most 4096 rows.
    assertEquals(2, f.calls);
    assertEquals(4096, f.maxBatch);
    // Every ICE curve is parallel: centred ICE equals 3 (v - v0) for every row.
    PdCurve centred = PartialDependence.create().gridSize(15).centered(true).oneWay(f, data, "x0");
    for (double[] curve : centred.ice()) {
      for (int t = 0; t < curve.length; t++) {
        assertEquals(3 * (centred.grid()[t] - centred.grid()[0]), curve[t], 1e-4);
      }
    }
    assertEquals(15, c.toTable().rowCount());
    assertEquals(300 * 15, c.iceTable().rowCount());
  }

  @Test
  void gridsOnKnownValues() {
    double[] v = new double[11];
    for (int i = 0; i <= 10; i++) {
      v[i] = i * i; // 0, 1, 4, ..., 100
    }
    assertArrayEquals(new double[] {0, 25, 50, 75, 100}, GridType.UNIFORM.grid(v, 5), 1e-12);
    // Quantiles at p = 0, .25, .5, .75, 1 with linear interpolation: positions 0, 2.5, 5, 7.5, 10.
    assertArrayEquals(new double[] {0, 6.5, 25, 56.5, 100}, GridType.QUANTILE.grid(v, 5), 1e-12);
    // p = t/9 at positions 4t/9 of [0,0,0,1,1]: 0 (t <= 4), 2/9, 2/3, then 1 (t >= 7); repeats dropped.
    assertArrayEquals(new double[] {0, 2.0 / 9, 2.0 / 3, 1}, GridType.QUANTILE.grid(new double[] {0, 0, 0, 1, 1}, 10), 1e-12);
    assertArrayEquals(new double[] {3}, GridType.UNIFORM.grid(new double[] {3, 3}, 10), 1e-12);
  }

  @Test
  void twoWaySurfaceOfProductAndClassificationOutput() {
    Dataset data = normalData(50, 3, 2);
    TestModels.Fn f = new TestModels.Fn(TestModels.names(3), r -> r[0] * r[1] + r[2]);
    PdSurface s = PartialDependence.create().gridSize(5).grid(GridType.UNIFORM).twoWay(f, data, "x0", "x1");
    double meanX2 = 0;
    for (float[] r : data.x()) {
      meanX2 += r[2] / 50.0;
    }
    for (int a = 0; a < 5; a++) {
      for (int b = 0; b < 5; b++) {
        assertEquals(s.gridFirst()[a] * s.gridSecond()[b] + meanX2, s.pd()[a][b], 1e-4);
      }
    }
    assertEquals(25, s.toTable().rowCount());
    assertEquals(50, s.ice().length);

    TestModels.Logit logit = new TestModels.Logit(TestModels.names(3), r -> 2 * r[0]);
    Dataset cls = Dataset.of(data.x(), TestModels.names(3), new int[50], List.of("0", "1"));
    PdCurve p1 = PartialDependence.create().gridSize(4).oneWay(logit, cls, "x0");
    PdCurve p0 = PartialDependence.create().gridSize(4).target(Target.of("0")).oneWay(logit, cls, "x0");
    for (int t = 0; t < 4; t++) {
      double expected = 1 / (1 + Math.exp(-2 * p1.grid()[t]));
      assertEquals(expected, p1.pd()[t], 1e-6);
      assertEquals(1 - expected, p0.pd()[t], 1e-6);
    }
    assertEquals("P(1)", p1.output());
  }

  @Test
  void rowSampleIsSeeded() {
    Dataset data = normalData(500, 2, 3);
    TestModels.Fn f = new TestModels.Fn(TestModels.names(2), r -> r[0] * r[1]);
    PdCurve a = PartialDependence.create().rows(40).seed(7).oneWay(f, data, "x0");
    PdCurve b = PartialDependence.create().rows(40).seed(7).threads(3).batchRows(7).oneWay(f, data, "x0");
    assertArrayEquals(a.ice()[5], b.ice()[5], "the same seed gives the same curves at any thread count and batch size");
    PdCurve c = PartialDependence.create().rows(40).seed(8).oneWay(f, data, "x0");
    assertEquals(40, a.ice().length);
    assertArrayEquals(a.pd(), b.pd());
    assertTrue(!java.util.Arrays.equals(a.pd(), c.pd()));
  }

  @Test
  void badInput() {
    Dataset data = normalData(10, 2, 4);
    TestModels.Fn f = new TestModels.Fn(TestModels.names(2), r -> r[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PartialDependence.create().oneWay(f, data, "x9"));
    assertTrue(e.getMessage().contains("'x9'") && e.getMessage().contains("[x0, x1]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PartialDependence.create().gridSize(1));
    assertTrue(e.getMessage().contains("gridSize must be >= 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> PartialDependence.create().target(Target.of("yes")).oneWay(f, data, "x0"));
    assertTrue(e.getMessage().contains("regression"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> PartialDependence.create().target(Target.predicted()).oneWay(f, data, "x0"));
    assertTrue(e.getMessage().contains("one output for every row"), e.getMessage());
    TestModels.Logit logit = new TestModels.Logit(TestModels.names(2), r -> r[0]);
    Dataset cls = Dataset.of(data.x(), TestModels.names(2), new int[10], List.of("0", "1"));
    e = assertThrows(IllegalArgumentException.class,
        () -> PartialDependence.create().target(Target.of("2")).oneWay(logit, cls, "x0"));
    assertTrue(e.getMessage().contains("\"2\"") && e.getMessage().contains("[0, 1]"), e.getMessage());
    Dataset three = Dataset.of(data.x(), TestModels.names(2), new int[10], List.of("a", "b", "c"));
    io.workbench.model.Model softmax3 = new io.workbench.model.Model() {
      @Override
      public io.workbench.data.Task task() {
        return io.workbench.data.Task.CLASSIFICATION;
      }

      @Override
      public List<String> featureNames() {
        return TestModels.names(2);
      }

      @Override
      public List<String> classNames() {
        return List.of("a", "b", "c");
      }

      @Override
      public float[][] predictProba(float[][] x) {
        float[][] p = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
          p[i] = new float[] {1f / 3, 1f / 3, 1f / 3};
        }
        return p;
      }
    };
    e = assertThrows(IllegalArgumentException.class, () -> PartialDependence.create().oneWay(softmax3, three, "x0"));
    assertTrue(e.getMessage().contains("Target.of(\"a\")") && e.getMessage().contains("[a, b, c]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> PartialDependence.create().twoWay(f, data, "x0", "x0"));
    assertTrue(e.getMessage().contains("twice"), e.getMessage());
    Dataset wide = normalData(10, 3, 5);
    e = assertThrows(IllegalArgumentException.class, () -> PartialDependence.create().oneWay(f, wide, "x0"));
    assertTrue(e.getMessage().contains("expects 2 features"), e.getMessage());
  }
}
