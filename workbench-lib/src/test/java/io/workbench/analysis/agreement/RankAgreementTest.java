package io.workbench.analysis.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rank agreement against hand-computed examples (with ties) and against SciPy on random tied data. */
class RankAgreementTest {

  @TempDir
  Path tmp;

  @Test
  void handComputedWithTies() {
    // a = [1,2,2,3], b = [1,3,2,2]. Pairs: (0,1) (0,2) (0,3) concordant; (1,3) discordant; (1,2) tied in a;
    // (2,3) tied in b. tau-b = (3 - 1) / sqrt((6 - 1)(6 - 1)) = 0.4.
    double[] a = {1, 2, 2, 3};
    double[] b = {1, 3, 2, 2};
    assertEquals(0.4, RankAgreement.kendallTauB(a, b), 1e-12);
    // Average ranks a = [1, 2.5, 2.5, 4], b = [1, 4, 2.5, 2.5]; centred dot product 2.25 over sqrt(4.5 * 4.5).
    assertEquals(0.5, RankAgreement.spearman(a, b), 1e-12);
  }

  @Test
  void handComputedWithoutTies() {
    double[] a = {1, 2, 3, 4, 5};
    double[] b = {2, 1, 4, 3, 5};
    // d = [1,1,1,1,0]: 1 - 6 * 4 / (5 * 24) = 0.8; two discordant pairs of ten: (8 - 2) / 10 = 0.6.
    assertEquals(0.8, RankAgreement.spearman(a, b), 1e-12);
    assertEquals(0.6, RankAgreement.kendallTauB(a, b), 1e-12);
    assertEquals(-1.0, RankAgreement.kendallTauB(a, new double[] {5, 4, 3, 2, 1}), 1e-12);
    assertEquals(1.0, RankAgreement.spearman(a, new double[] {10, 20, 30, 40, 50}), 1e-12);
    assertTrue(Double.isNaN(RankAgreement.spearman(a, new double[] {1, 1, 1, 1, 1})));
  }

  @Test
  void topKKeepsNames() {
    List<String> names = List.of("a", "b", "c", "d", "e");
    double[] x = {5, 4, 3, 2, 1};
    double[] y = {1, 4, 5, 2, 3};
    Agreement g = RankAgreement.compare(names, x, y, 2);
    assertEquals(0.5, g.topKOverlap(), 1e-12);
    assertEquals(1.0 / 3, g.jaccard(), 1e-12);
    assertEquals(List.of("b"), g.shared());
    assertEquals(List.of("a"), g.onlyFirst());
    assertEquals(List.of("c"), g.onlySecond());
    // Same comparison with the second vector given in another name order.
    Agreement h = RankAgreement.compare(names, x, List.of("e", "d", "c", "b", "a"), new double[] {3, 2, 5, 4, 1}, 2);
    assertEquals(g, h);
    assertEquals(6, g.toTable().rowCount());
  }

  @Test
  void matrixOfThreeMethods() {
    List<String> names = List.of("a", "b", "c", "d");
    Map<String, double[]> m = new LinkedHashMap<>();
    m.put("m1", new double[] {4, 3, 2, 1});
    m.put("m2", new double[] {-4, 3, -2, 1});
    m.put("m3", new double[] {1, 2, 3, 4});
    AgreementMatrix am = AgreementMatrix.compute(names, m, 2, true);
    assertEquals(3, am.toTable().rowCount());
    assertEquals(1.0, am.get("m1", "m2").spearman(), 1e-12, "equal magnitudes");
    assertEquals(-1.0, am.get("m1", "m3").kendall(), 1e-12);
    assertEquals(0.0, am.get("m1", "m3").topKOverlap(), 1e-12);
    assertEquals(1.0, am.matrix("jaccard").doubleColumn("m2").get(1), 1e-12);
    AgreementMatrix signed = AgreementMatrix.compute(names, m, 2, false);
    assertTrue(signed.get("m1", "m2").spearman() < 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> am.matrix("pearson"));
    assertTrue(e.getMessage().contains("[spearman, kendall, top_k_overlap, jaccard]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> am.get("m1", "m9"));
    assertTrue(e.getMessage().contains("[m1, m2, m3]"), e.getMessage());
  }

  @Test
  void heatmapTitleNamesTheStatisticNotWhatIsCompared() {
    Map<String, double[]> models = new LinkedHashMap<>();
    models.put("xgb s1", new double[] {4, 3, 2, 1});
    models.put("xgb s2", new double[] {4, 2, 3, 1});
    AgreementMatrix am = AgreementMatrix.compute(List.of("a", "b", "c", "d"), models, 2, false);
    assertEquals("Spearman's \u03c1 between importance rankings", am.plot("spearman").title());
    assertEquals("Kendall's \u03c4 between importance rankings", am.plot("kendall").title());
    assertEquals("Top-2 overlap between importance rankings", am.plot("top_k_overlap").title());
    assertEquals("Jaccard index of the top-2 feature sets", am.plot("jaccard").title());
    assertThrows(IllegalArgumentException.class, () -> am.plot("pearson"));
  }

  @Test
  void badInput() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RankAgreement.spearman(new double[] {1, 2, 3}, new double[] {1, 2}));
    assertTrue(e.getMessage().contains("3 vs 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> RankAgreement.topKOverlap(new double[] {1, 2, 3}, new double[] {1, 2, 3}, 4));
    assertTrue(e.getMessage().contains("between 1 and the 3 features, got 4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> RankAgreement.compare(List.of("a", "b"), new double[] {1, 2}, List.of("a", "z"), new double[] {1, 2}, 1));
    assertTrue(e.getMessage().contains("'z'") && e.getMessage().contains("[a, b]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> RankAgreement.kendallTauB(new double[] {1, Double.NaN}, new double[] {1, 2}));
    assertTrue(e.getMessage().contains("vector[1] is NaN"), e.getMessage());
  }

  @Test
  void matchesScipyOnTiedData() throws Exception {
    Random rnd = new Random(9);
    int n = 500;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = rnd.nextInt(20);
      b[i] = Math.round(a[i] / 3 + rnd.nextInt(8));
    }
    double[] want = scipyTauAndRho(new double[][][] {{a, b}})[0];
    assertEquals(want[0], RankAgreement.kendallTauB(a, b), 1e-12);
    assertEquals(want[1], RankAgreement.spearman(a, b), 1e-12);
  }

  @Test
  void matchesScipyOnOddLengthsSignsAndHeavyTies() throws Exception {
    Random rnd = new Random(23);
    int[] lengths = {3, 7, 101, 2001, 20_001};
    double[][][] cases = new double[lengths.length][2][];
    for (int c = 0; c < lengths.length; c++) {
      int n = lengths[c];
      double[] a = new double[n];
      double[] b = new double[n];
      for (int i = 0; i < n; i++) {
        // odd cases: continuous signed values with some exact ties; even cases: a handful of levels
        a[i] = c % 2 == 0 ? Math.round(rnd.nextGaussian() * 40) / 8.0 : rnd.nextInt(3) - 1;
        b[i] = c % 2 == 0 ? -a[i] * 0.5 + rnd.nextGaussian() : rnd.nextInt(4) == 0 ? -0.0 : a[i] + rnd.nextInt(3);
      }
      cases[c][0] = a;
      cases[c][1] = b;
    }
    double[][] want = scipyTauAndRho(cases);
    for (int c = 0; c < lengths.length; c++) {
      double[] a = cases[c][0];
      double[] b = cases[c][1];
      assertEquals(want[c][0], RankAgreement.kendallTauB(a, b), 1e-12, "Kendall, n = " + lengths[c]);
      assertEquals(want[c][1], RankAgreement.spearman(a, b), 1e-12, "Spearman, n = " + lengths[c]);
    }
  }

  /**
   * SciPy's {@code kendalltau} and {@code spearmanr} of each pair of vectors, {@code {tau, rho}} per case, from
   * Debian's /usr/bin/python3; skips the test when it or SciPy is missing.
   */
  private double[][] scipyTauAndRho(double[][][] cases) throws Exception {
    Path py = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(py), "no /usr/bin/python3");
    StringBuilder input = new StringBuilder();
    for (double[][] pair : cases) {
      for (double[] v : pair) {
        for (double x : v) {
          input.append(Double.toString(x)).append(' ');
        }
        input.append('\n');
      }
    }
    Path data = Files.writeString(tmp.resolve("cases.txt"), input.toString());
    Path script = Files.writeString(tmp.resolve("cases.py"), String.join("\n",
        "import sys",
        "try:",
        "    from scipy.stats import kendalltau, spearmanr",
        "except ImportError:",
        "    print('NOSCIPY'); sys.exit(0)",
        "lines = open(sys.argv[1]).read().split('\\n')",
        "for k in range(0, len(lines) - 1, 2):",
        "    a = [float(v) for v in lines[k].split()]; b = [float(v) for v in lines[k + 1].split()]",
        "    print(repr(float(kendalltau(a, b)[0])), repr(float(spearmanr(a, b)[0])))"));
    Process p = new ProcessBuilder(py.toString(), script.toString(), data.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assumeTrue(!out.contains("NOSCIPY"), "SciPy not installed");
    String[] lines = out.split("\n");
    assertEquals(cases.length, lines.length, out);
    double[][] r = new double[cases.length][2];
    for (int c = 0; c < cases.length; c++) {
      String[] v = lines[c].trim().split(" ");
      r[c][0] = Double.parseDouble(v[0]);
      r[c][1] = Double.parseDouble(v[1]);
    }
    return r;
  }
}
