package io.workbench.model.cart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.workbench.data.Dataset;
import io.workbench.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CART against scikit-learn's DecisionTreeClassifier/Regressor (Debian python3-sklearn, run as a peer
 * process; skipped when absent): the same split features and thresholds in the same pre-order, and the
 * same predictions, on random data.
 */
class CartTrainerTest {

  static final String PY = "/usr/bin/python3";

  @TempDir
  Path tmp;

  @Test
  void classifierMatchesScikitLearn() throws Exception {
    Random rnd = new Random(3);
    int n = 300;
    int d = 4;
    float[][] x = new float[n][d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = (float) rnd.nextGaussian();
      }
      double s = x[i][0] + 0.8 * x[i][1] * x[i][2] + 0.5 * rnd.nextGaussian();
      y[i] = s < -0.5 ? 0 : s < 0.7 ? 1 : 2;
    }
    Dataset data = Dataset.of(x, TestModels.names(d), y, List.of("a", "b", "c"));
    CartTree tree = CartTrainer.create().maxDepth(4).minSamplesLeaf(3).fit(data);
    double[][] ref = sklearn(x, Arrays.stream(y).asDoubleStream().toArray(), "DecisionTreeClassifier", 4, 3);
    assertTreeEquals(tree, ref);
    int[] pred = tree.predict(x);
    for (int i = 0; i < n; i++) {
      assertEquals((int) ref[2][i], pred[i], "prediction of row " + i);
    }
  }

  @Test
  void regressorMatchesScikitLearn() throws Exception {
    Random rnd = new Random(5);
    int n = 250;
    int d = 3;
    float[][] x = new float[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = (float) rnd.nextDouble();
      }
      y[i] = Math.sin(6 * x[i][0]) + 2 * x[i][1] + 0.1 * rnd.nextGaussian();
    }
    Dataset data = Dataset.of(x, TestModels.names(d), y);
    CartTree tree = CartTrainer.create().maxDepth(3).minSamplesLeaf(5).fit(data);
    double[][] ref = sklearn(x, y, "DecisionTreeRegressor", 3, 5);
    assertTreeEquals(tree, ref);
    double[] pred = tree.predictValue(x);
    for (int i = 0; i < n; i++) {
      assertEquals(ref[2][i], pred[i], 1e-5, "prediction of row " + i);
    }
  }

  @Test
  void pureNodeIsALeafAndSettingsAreChecked() {
    Dataset one = Dataset.of(new float[][] {{1}, {2}, {3}, {4}}, List.of("a"), new int[] {0, 0, 1, 1},
        List.of("n", "y"));
    CartTree t = CartTrainer.create().fit(one);
    assertEquals(1, t.depth(), "both children of the root split are pure: no further split");
    assertEquals(2, t.leafCount());
    Dataset single = one.rows(2, 3);
    IllegalArgumentException single1 = assertThrows(IllegalArgumentException.class,
        () -> CartTrainer.create().fit(single));
    assertTrue(single1.getMessage().contains("single class"), single1.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CartTrainer.create().maxDepth(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CartTrainer.create().features("b").fit(one));
    assertTrue(e.getMessage().contains("'b'") && e.getMessage().contains("[a]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.predictProba(new float[][] {{1, 2}}));
    assertTrue(e.getMessage().contains("Row 0 has 2 values, expected 1"), e.getMessage());
  }

  private static void assertTreeEquals(CartTree tree, double[][] ref) {
    int[] f = tree.featureArray();
    double[] t = tree.thresholdArray();
    double[] refF = ref[0];
    assertEquals(refF.length, f.length, "node count");
    for (int i = 0; i < f.length; i++) {
      int rf = (int) refF[i];
      assertEquals(rf < 0 ? -1 : rf, f[i], "feature of node " + i);
      if (rf >= 0) {
        assertEquals(ref[1][i], t[i], 1e-6, "threshold of node " + i);
      }
    }
  }

  /** Returns {features per node, thresholds per node, predictions per row}. */
  private double[][] sklearn(float[][] x, double[] y, String cls, int depth, int leaf) throws Exception {
    assumeTrue(Files.isExecutable(Path.of(PY)), "no " + PY);
    Path csv = tmp.resolve("data.csv");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < x.length; i++) {
      for (float v : x[i]) {
        sb.append(Float.toString(v)).append(',');
      }
      sb.append(y[i]).append('\n');
    }
    Files.writeString(csv, sb.toString());
    String script = String.join("\n",
        "import sys, numpy as np",
        "try:",
        "    from sklearn.tree import " + cls,
        "except ImportError:",
        "    print('NOSKLEARN'); sys.exit(0)",
        "a = np.loadtxt(sys.argv[1], delimiter=',')",
        "X = a[:, :-1].astype(np.float32); y = a[:, -1]",
        "m = " + cls + "(max_depth=" + depth + ", min_samples_leaf=" + leaf + ", random_state=0).fit(X, y)",
        "t = m.tree_",
        "print(' '.join(str(int(v)) for v in t.feature))",
        "print(' '.join(repr(float(v)) for v in t.threshold))",
        "print(' '.join(repr(float(v)) for v in m.predict(X)))");
    Path py = tmp.resolve("tree.py");
    Files.writeString(py, script);
    Process p = new ProcessBuilder(PY, py.toString(), csv.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assumeTrue(!out.contains("NOSKLEARN"), "scikit-learn not installed");
    assertEquals(0, p.exitValue(), out);
    String[] lines = out.strip().split("\n");
    List<double[]> res = new ArrayList<>();
    for (String line : lines) {
      res.add(Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray());
    }
    return res.toArray(new double[0][]);
  }

}
