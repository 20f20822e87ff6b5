package io.workbench.analysis.representation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.workbench.testing.Python;
import io.workbench.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CKA's published invariances (Kornblith et al. 2019), independence, and the paper's formula in NumPy. */
class CkaTest {

  /** A random orthogonal matrix (Gram-Schmidt of a seeded Gaussian matrix). */
  static double[][] orthogonal(int d, long seed) {
    Random r = new Random(seed);
    double[][] q = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        q[i][j] = r.nextGaussian();
      }
      for (int k = 0; k < i; k++) {
        double p = Matrices.dot(q[i], q[k]);
        for (int j = 0; j < d; j++) {
          q[i][j] -= p * q[k][j];
        }
      }
      double n = Math.sqrt(Matrices.dot(q[i], q[i]));
      for (int j = 0; j < d; j++) {
        q[i][j] /= n;
      }
    }
    return q;
  }

  static float[][] times(float[][] x, double[][] q, double scale) {
    float[][] out = new float[x.length][q.length];
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < q.length; k++) {
        double s = 0;
        for (int j = 0; j < x[i].length; j++) {
          s += x[i][j] * q[k][j];
        }
        out[i][k] = (float) (scale * s);
      }
    }
    return out;
  }

  @Test
  void orthogonalTransformsAndIsotropicScalingLeaveCkaAtOne() {
    float[][] x = TestModels.gaussian(120, 8, 3);
    float[][] rotated = times(x, orthogonal(8, 11), 7.5);
    assertEquals(1.0, Cka.linear(x, rotated), 1e-5, "linear CKA of X and 7.5 X Q");
    assertEquals(1.0, Cka.rbf(x, rotated), 1e-5, "RBF CKA of X and 7.5 X Q (bandwidth follows the median distance)");
    assertEquals(1.0, Cka.linear(x, x), 1e-9, "CKA of X with itself");
    // not invariant to an arbitrary invertible linear map: stretch one axis
    float[][] stretched = TestModels.gaussian(120, 8, 3);
    for (float[] row : stretched) {
      row[0] *= 20;
    }
    assertTrue(Cka.linear(x, stretched) < 0.9, "an anisotropic stretch lowers linear CKA: " + Cka.linear(x, stretched));
  }

  @Test
  void independentRandomFeaturesGiveCkaNearZero() {
    float[][] a = TestModels.gaussian(300, 10, 1);
    float[][] b = TestModels.gaussian(300, 10, 2);
    double lin = Cka.linear(a, b);
    double rbf = Cka.rbf(a, b);
    assertTrue(lin < 0.08, "linear CKA of independent features (NumPy mean over seeds is 0.03): " + lin);
    assertTrue(rbf < 0.08, "RBF CKA of independent features: " + rbf);
  }

  @Test
  void matrixIsSymmetricWithUnitDiagonalAndComparesModels() {
    Map<String, float[][]> reps = new LinkedHashMap<>();
    float[][] x = TestModels.gaussian(60, 5, 4);
    reps.put("x", x);
    reps.put("xq", times(x, orthogonal(5, 2), 3));
    reps.put("noise", TestModels.gaussian(60, 7, 9));
    CkaMatrix m = Cka.linear(reps);
    for (String r : m.rows()) {
      assertEquals(1.0, m.value(r, r), 1e-6, "diagonal at " + r);
      for (String c : m.columns()) {
        assertEquals(m.value(r, c), m.value(c, r), 1e-12, r + " vs " + c);
      }
    }
    assertEquals(1.0, m.value("x", "xq"), 1e-5);
    CkaMatrix cross = Cka.rbf(Map.of("a", x), reps);
    assertEquals(List.of("a"), cross.rows());
    assertEquals(1.0, cross.value("a", "xq"), 1e-5);
    assertTrue(m.toHtml().contains("linear CKA"), m.toHtml());
    assertTrue(m.heatmap().toPng(72).length > 1000, "heatmap renders");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Cka.linear(Map.of("a", x), Map.of("b", TestModels.gaussian(59, 5, 1))));
    assertTrue(e.getMessage().contains("59 rows, expected 60"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.value("x", "y"));
    assertTrue(e.getMessage().contains("[x, xq, noise]"), e.getMessage());
    float[][] bad = TestModels.gaussian(10, 3, 1);
    bad[4][1] = Float.NaN;
    e = assertThrows(IllegalArgumentException.class, () -> Cka.linear(bad, bad));
    assertTrue(e.getMessage().contains("row 4, column 1"), e.getMessage());
  }

  @Test
  void linearCkaEqualsTheFeatureSpaceFormulaInNumpy(@TempDir Path dir) throws Exception {
    String python = Python.with("numpy");
    assumeTrue(python != null, "python3 with numpy not installed (Debian: apt-get install python3-numpy)");
    float[][] a = TestModels.gaussian(50, 6, 21);
    float[][] b = times(a, orthogonal(6, 5), 1);
    for (int i = 0; i < b.length; i++) {
      b[i][0] = (float) (b[i][0] + Math.sin(a[i][2]) + (i % 3));   // a non-linear, non-trivial relation
    }
    write(dir.resolve("a.csv"), a);
    write(dir.resolve("b.csv"), b);
    String script = String.join("\n",
        "import sys, numpy as np",
        "X = np.loadtxt(sys.argv[1] + '/a.csv', delimiter=',')",
        "Y = np.loadtxt(sys.argv[1] + '/b.csv', delimiter=',')",
        "X = X - X.mean(0); Y = Y - Y.mean(0)",
        "print(repr(float(np.linalg.norm(Y.T @ X) ** 2 / (np.linalg.norm(X.T @ X) * np.linalg.norm(Y.T @ Y)))))");
    Python.Result r = Python.run(python, List.of("-c", script, dir.toString()), 60);
    assertEquals(0, r.exit(), r.out());
    double expected = Double.parseDouble(r.out().trim());
    assertTrue(expected > 0.2 && expected < 0.99, "a case away from 0 and 1: " + expected);
    assertEquals(expected, Cka.linear(a, b), 1e-9, "||Y^T X||^2 / (||X^T X|| ||Y^T Y||)");
  }

  private static void write(Path p, float[][] x) throws Exception {
    StringBuilder s = new StringBuilder();
    for (float[] row : x) {
      for (int j = 0; j < row.length; j++) {
        s.append(j == 0 ? "" : ",").append(row[j]);
      }
      s.append('\n');
    }
    Files.writeString(p, s.toString(), StandardCharsets.UTF_8);
  }
}
