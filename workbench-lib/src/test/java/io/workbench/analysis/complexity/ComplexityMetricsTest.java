package io.workbench.analysis.complexity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.analysis.MetricFixtures;
import io.workbench.analysis.MetricInput;
import io.workbench.explain.Attribution;
import io.workbench.testing.Python;
import io.workbench.testing.TestModels;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComplexityMetricsTest {

  static MetricInput input(double[][] v) {
    float[][] x = new float[v.length][v[0].length];
    return MetricInput.of(TestModels.regression(v[0].length, r -> 0), MetricFixtures.attribution(v, x));
  }

  @Test
  void closedForms() {
    double[][] v = {{0, 0, 5, 0}, {1, 1, 1, 1}, {1, -2, 3, 4}, {0, 0, 0, 0}};
    // Gini: one-hot (d-1)/d; uniform 0; |v| = 1,2,3,4: (-3 - 2 + 3 + 12) / (4 * 10) = 0.25; all zero 0
    assertArrayEquals(new double[] {0.75, 0, 0.25, 0}, new Sparseness().score(input(v)), 1e-12);
    // entropy: one-hot 0; uniform ln 4; p = .1 .2 .3 .4
    double h = -(0.1 * Math.log(0.1) + 0.2 * Math.log(0.2) + 0.3 * Math.log(0.3) + 0.4 * Math.log(0.4));
    double[] e = new Complexity().score(input(v));
    assertArrayEquals(new double[] {0, Math.log(4), h}, Arrays.copyOf(e, 3), 1e-12);
    assertTrue(Double.isNaN(e[3]), "all-zero row has no distribution: " + e[3]);
    // effective complexity counts |a| / max > eps
    assertArrayEquals(new double[] {1, 4, 4, 0}, new EffectiveComplexity().score(input(v)), 0);
    assertArrayEquals(new double[] {1, 4, 2, 0}, new EffectiveComplexity(0.6).score(input(v)), 0);
    assertThrows(IllegalArgumentException.class, () -> new EffectiveComplexity(1));
    assertEquals("complexity", new Sparseness().family());
  }

  @Test
  void agreesWithNumpyOnRandomRows() throws Exception {
    String py = Python.with("numpy");
    if (py == null) {
      System.out.println("SKIPPED ComplexityMetricsTest.agreesWithNumpyOnRandomRows: no python3 with numpy");
      return;
    }
    Random rnd = new Random(5);
    double[][] v = new double[6][17];
    StringBuilder rows = new StringBuilder("[");
    for (double[] r : v) {
      for (int j = 0; j < r.length; j++) {
        r[j] = rnd.nextGaussian() * (rnd.nextBoolean() ? 1 : 0.01);
      }
      rows.append(Arrays.toString(r)).append(',');
    }
    rows.append(']');
    // Quantus' formulas written with NumPy
    String script = String.join("\n", "import numpy as np", "A = np.abs(np.array(" + rows + "))",
        "for a in A:", "    s = np.sort(a); d = len(a); k = np.arange(1, d + 1)",
        "    g = np.sum((2 * k - d - 1) * s) / (d * np.sum(s))",
        "    p = a / a.sum(); h = -np.sum(p * np.log(p))",
        "    print('%.12f %.12f' % (g, h))");
    Python.Result r = Python.run(py, List.of("-c", script), 60);
    assertEquals(0, r.exit(), r.out());
    String[] lines = r.out().trim().split("\n");
    double[] g = new Sparseness().score(input(v));
    double[] h = new Complexity().score(input(v));
    for (int i = 0; i < v.length; i++) {
      String[] f = lines[i].trim().split(" ");
      assertEquals(Double.parseDouble(f[0]), g[i], 1e-9, "Gini row " + i);
      assertEquals(Double.parseDouble(f[1]), h[i], 1e-9, "entropy row " + i);
    }
    assertEquals(String.format(Locale.ROOT, "%d", v.length), String.valueOf(lines.length));
  }

  @Test
  void rejectsMismatchedAttribution() {
    Attribution a = MetricFixtures.attribution(new double[][] {{1, 2}}, new float[1][2]);
    assertThrows(IllegalArgumentException.class, () -> MetricInput.of(TestModels.regression(3, r -> 0), a));
    assertThrows(IllegalArgumentException.class, () -> MetricInput.of(null, a));
  }
}
