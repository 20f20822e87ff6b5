package io.workbench.eval;

import io.workbench.stats.Stats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** DeLong, McNemar and bootstrap against brute-force and closed-form references written here. */
class StatisticalTestsTest {

  /** Standard normal CDF by Simpson's rule on the density (independent of the library's erfc). */
  static double phi(double z) {
    double a = 0;
    double b = Math.abs(z);
    int n = 20000;
    double h = (b - a) / n;
    double s = 0;
    for (int i = 0; i <= n; i++) {
      double t = a + i * h;
      double f = Math.exp(-t * t / 2) / Math.sqrt(2 * Math.PI);
      s += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
    }
    double half = s * h / 3;
    return z >= 0 ? 0.5 + half : 0.5 - half;
  }

  static double psi(double x, double y) {
    return x > y ? 1 : x == y ? 0.5 : 0;
  }

  /** DeLong's variance from the O(m n) definition of the structural components. */
  static double[] bruteDelong(int[] y, double[] a, double[] b) {
    List<Integer> pos = new java.util.ArrayList<>();
    List<Integer> neg = new java.util.ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      (y[i] == 1 ? pos : neg).add(i);
    }
    int m = pos.size();
    int n = neg.size();
    double[][] s = {a, b};
    double[][] v10 = new double[2][m];
    double[][] v01 = new double[2][n];
    double[] auc = new double[2];
    for (int r = 0; r < 2; r++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double p = psi(s[r][pos.get(i)], s[r][neg.get(j)]);
          v10[r][i] += p / n;
          v01[r][j] += p / m;
          auc[r] += p / (m * (double) n);
        }
      }
    }
    double var = (c(v10[0], v10[0]) + c(v10[1], v10[1]) - 2 * c(v10[0], v10[1])) / m
        + (c(v01[0], v01[0]) + c(v01[1], v01[1]) - 2 * c(v01[0], v01[1])) / n;
    double z = (auc[0] - auc[1]) / Math.sqrt(var);
    return new double[] {auc[0], auc[1], z, 2 * (1 - phi(Math.abs(z)))};
  }

  static double c(double[] u, double[] v) {
    double mu = 0;
    double mv = 0;
    for (int i = 0; i < u.length; i++) {
      mu += u[i] / u.length;
      mv += v[i] / v.length;
    }
    double s = 0;
    for (int i = 0; i < u.length; i++) {
      s += (u[i] - mu) * (v[i] - mv);
    }
    return s / (u.length - 1);
  }

  @Test
  void delongMatchesTheDefinition() {
    Random rnd = new Random(5);
    int n = 120;
    int[] y = new int[n];
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextDouble() < 0.4 ? 1 : 0;
      double signal = y[i] == 1 ? 1 : 0;
      a[i] = Math.round((signal * 1.2 + rnd.nextGaussian()) * 4) / 4.0; // ties
      b[i] = signal * 0.5 + rnd.nextGaussian() + 0.3 * a[i];
    }
    double[] ref = bruteDelong(y, a, b);
    TestResult t = Comparison.delong(y, a, b);
    assertEquals(ref[0], t.estimateA(), 1e-12);
    assertEquals(ref[1], t.estimateB(), 1e-12);
    assertEquals(ClassificationMetrics.auroc(y, a), t.estimateA(), 1e-12);
    assertEquals(ref[2], t.statistic(), 1e-9);
    assertEquals(ref[3], t.pValue(), 1e-9);
    assertTrue(t.lower() < t.difference() && t.difference() < t.upper());
  }

  @Test
  void delongOfSmallHandCase() {
    // positives score A {0.9, 0.6}, negatives {0.7, 0.1}: psi rows (1, 1), (0, 1) -> AUC_A 3/4
    // B: positives {0.8, 0.4}, negatives {0.5, 0.3}: psi rows (1, 1), (0, 1) -> AUC_B 3/4
    // identical structural components -> variance of the difference 0 -> z 0, p 1
    TestResult t = Comparison.delong(new int[] {1, 1, 0, 0}, new double[] {0.9, 0.6, 0.7, 0.1},
        new double[] {0.8, 0.4, 0.5, 0.3});
    assertEquals(0.75, t.estimateA(), 1e-15);
    assertEquals(0.75, t.estimateB(), 1e-15);
    assertEquals(0, t.statistic(), 0);
    assertEquals(1, t.pValue(), 0);
  }

  static double exactMcNemar(int b, int c) {
    int n = b + c;
    BigInteger sum = BigInteger.ZERO;
    BigInteger choose = BigInteger.ONE;
    for (int i = 0; i <= Math.min(b, c); i++) {
      if (i > 0) {
        choose = choose.multiply(BigInteger.valueOf(n - i + 1)).divide(BigInteger.valueOf(i));
      }
      sum = sum.add(choose);
    }
    BigDecimal p = new BigDecimal(sum.shiftLeft(1)).divide(new BigDecimal(BigInteger.TWO.pow(n)), MathContext.DECIMAL64);
    return Math.min(1, p.doubleValue());
  }

  /** Labels and two prediction vectors with b rows only A gets right and c rows only B gets right. */
  static int[][] discordant(int both, int b, int c, int neither) {
    int n = both + b + c + neither;
    int[] y = new int[n];
    int[] pa = new int[n];
    int[] pb = new int[n];
    int i = 0;
    for (int k = 0; k < both; k++, i++) {
      y[i] = 1; pa[i] = 1; pb[i] = 1;
    }
    for (int k = 0; k < b; k++, i++) {
      y[i] = 1; pa[i] = 1; pb[i] = 0;
    }
    for (int k = 0; k < c; k++, i++) {
      y[i] = 0; pa[i] = 1; pb[i] = 0;
    }
    for (int k = 0; k < neither; k++, i++) {
      y[i] = 0; pa[i] = 1; pb[i] = 1;
    }
    return new int[][] {y, pa, pb};
  }

  @Test
  void mcnemarExactAndChiSquare() {
    int[][] d = discordant(50, 3, 10, 7);
    TestResult t = Comparison.mcnemar(d[0], d[1], d[2]);
    assertEquals("McNemar exact", t.test());
    assertEquals(exactMcNemar(3, 10), t.pValue(), 1e-12);
    assertEquals(3, t.statistic(), 0);
    assertEquals((50 + 3) / 70.0 - (50 + 10) / 70.0, t.difference(), 1e-15);

    int[][] e = discordant(100, 40, 20, 10);
    TestResult chi = Comparison.mcnemar(e[0], e[1], e[2]);
    assertEquals("McNemar chi-square", chi.test());
    double stat = Math.pow(40 - 20 - 1, 2) / 60.0;
    assertEquals(stat, chi.statistic(), 1e-12);
    // chi-square with 1 degree of freedom: P(X > s) = 2 (1 - Phi(sqrt s))
    assertEquals(2 * (1 - phi(Math.sqrt(stat))), chi.pValue(), 1e-9);
    // the textbook 5 % point of chi-square(1)
    assertEquals(0.05, Stats.chiSquare1Survival(3.841458820694124), 1e-12);
    assertEquals(0.975, Stats.normalCdf(1.959963984540054), 1e-14);
    assertEquals(1, Comparison.mcnemar(new int[] {1, 0}, new int[] {1, 0}, new int[] {1, 0}).pValue(), 0);
  }

  @Test
  void bootstrapIntervalIsSeededAndMatchesTheClosedFormStandardError() {
    Random rnd = new Random(3);
    int n = 400;
    int[] y = new int[n];
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3 == 0 ? 1 : 0;
      double q = rnd.nextDouble() < 0.8 ? (y[i] == 1 ? 0.8 : 0.2) : (y[i] == 1 ? 0.3 : 0.7);
      p[i] = new double[] {1 - q, q};
    }
    Predictions pred = Predictions.classification(y, p, null);
    Bootstrap boot = Bootstrap.of(Metric.ACCURACY).resamples(2000).seed(11);
    ConfidenceInterval ci = boot.interval(pred);
    assertEquals(ci, boot.interval(pred));
    assertNotEquals(ci.standardError(),
        Bootstrap.of(Metric.ACCURACY).resamples(2000).seed(12).interval(pred).standardError());
    assertTrue(ci.lower() < ci.estimate() && ci.estimate() < ci.upper(), ci.toString());
    // stratified resampling: var(acc) = sum_c (n_c / n)^2 acc_c (1 - acc_c) / n_c
    int[] pc = ClassificationMetrics.argmax(p);
    double var = 0;
    for (int c = 0; c < 2; c++) {
      int nc = 0;
      int ok = 0;
      for (int i = 0; i < n; i++) {
        if (y[i] == c) {
          nc++;
          ok += pc[i] == c ? 1 : 0;
        }
      }
      double acc = (double) ok / nc;
      var += Math.pow((double) nc / n, 2) * acc * (1 - acc) / nc;
    }
    assertEquals(Math.sqrt(var), ci.standardError(), 0.1 * Math.sqrt(var));
    ConfidenceInterval wide = Bootstrap.of(Metric.ACCURACY).level(0.99).seed(11).interval(pred);
    assertTrue(wide.upper() - wide.lower() > ci.upper() - ci.lower());
    assertTrue(ci.toTable().columnNames().contains("standard_error"));
  }

  @Test
  void pairedBootstrapFindsARealDifferenceAndNoneBetweenAModelAndItself() {
    Random rnd = new Random(8);
    int n = 300;
    int[] y = new int[n];
    double[][] good = new double[n][];
    double[][] poor = new double[n][];
    for (int i = 0; i < n; i++) {
      y[i] = rnd.nextInt(2);
      double g = 1 / (1 + Math.exp(-(2 * (y[i] * 2 - 1) + rnd.nextGaussian())));
      double w = 1 / (1 + Math.exp(-(0.3 * (y[i] * 2 - 1) + rnd.nextGaussian())));
      good[i] = new double[] {1 - g, g};
      poor[i] = new double[] {1 - w, w};
    }
    Predictions a = Predictions.classification(y, good, null);
    Predictions b = Predictions.classification(y, poor, null);
    TestResult t = Comparison.pairedBootstrap(a, b, Metric.AUROC, 500, 1);
    assertTrue(t.pValue() < 0.01 && t.lower() > 0, t.toString());
    assertEquals(Metric.AUROC.compute(a) - Metric.AUROC.compute(b), t.difference(), 1e-15);
    TestResult same = Comparison.pairedBootstrap(a, a, Metric.LOG_LOSS, 200, 1);
    assertEquals(0, same.difference(), 0);
    assertEquals(1, same.pValue(), 0);
    assertEquals(0, same.lower(), 0);
    TestResult dl = Comparison.delong(a, b);
    assertTrue(dl.pValue() < 0.01, dl.toString());
    assertEquals(10, dl.toTable().rowCount());
  }

  @Test
  void severalComparisonsMakeOneRowEachWithAPValueColumn() {
    int[] y = {0, 0, 0, 0, 1, 1, 1, 1, 0, 1};
    TestResult dl = Comparison.delong(y, new double[] {.1, .2, .3, .6, .7, .8, .9, .4, .2, .95},
        new double[] {.5, .4, .6, .3, .6, .5, .7, .4, .45, .55});
    TestResult mc = Comparison.mcnemar(y, new int[] {0, 0, 0, 1, 1, 1, 1, 0, 0, 1}, new int[] {1, 0, 1, 0, 1, 0, 1, 0, 0, 1});
    java.util.Map<String, TestResult> m = new java.util.LinkedHashMap<>();
    m.put("A vs B: AUROC", dl);
    m.put("A vs B: accuracy", mc);
    tech.tablesaw.api.Table t = TestResult.table(m);
    assertEquals(List.of("comparison", "test", "metric", "model_a", "model_b", "difference", "statistic", "p_value",
        "difference_low", "difference_high", "detail"), t.columnNames());
    assertEquals(2, t.rowCount());
    assertEquals(List.of("A vs B: AUROC", "A vs B: accuracy"), t.stringColumn("comparison").asList());
    assertEquals(List.of("DeLong", mc.test()), t.stringColumn("test").asList());
    assertEquals(dl.pValue(), t.doubleColumn("p_value").get(0), 0);
    assertEquals(mc.pValue(), t.doubleColumn("p_value").get(1), 0);
    assertEquals(dl.difference(), t.doubleColumn("difference").get(0), 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TestResult.table(java.util.Map.of()));
    assertTrue(e.getMessage().contains("at least one comparison"), e.getMessage());
    java.util.Map<String, TestResult> withNull = new java.util.HashMap<>();
    withNull.put("A vs B", null);
    e = assertThrows(IllegalArgumentException.class, () -> TestResult.table(withNull));
    assertTrue(e.getMessage().contains("'A vs B'"), e.getMessage());
  }

  @Test
  void modelOverloadsScoreBothModelsOnTheTestSet() {
    io.workbench.data.Split s = io.workbench.data.Datasets.breastCancer().split(0.8, 1);
    io.workbench.model.Model a = io.workbench.model.factory.Models.xgboost().rounds(20).maxDepth(3).seed(1).threads(1)
        .fit(s.train());
    io.workbench.model.Model b = io.workbench.model.factory.Models.decisionTree().maxDepth(1).seed(1).threads(1)
        .fit(s.train());
    Predictions pa = Evaluation.predictions(a, s.test());
    Predictions pb = Evaluation.predictions(b, s.test());
    assertEquals(Comparison.delong(pa, pb), Comparison.delong(a, b, s.test()));
    assertEquals(Comparison.mcnemar(pa, pb), Comparison.mcnemar(a, b, s.test()));
    TestResult t = Comparison.pairedBootstrap(a, b, s.test(), Metric.BRIER, 3);
    assertEquals(Metric.BRIER.compute(pa) - Metric.BRIER.compute(pb), t.difference(), 1e-15);
    assertTrue(t.difference() < 0, "the boosted model has the lower Brier score: " + t);
  }

  @Test
  void badInputFailsClearly() {
    Predictions a = Predictions.classification(new int[] {0, 1}, new double[][] {{.6, .4}, {.3, .7}}, null);
    Predictions b = Predictions.classification(new int[] {1, 1}, new double[][] {{.6, .4}, {.3, .7}}, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Comparison.mcnemar(a, b));
    assertTrue(e.getMessage().contains("same rows"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Comparison.delong(new int[] {0, 1, 1}, new double[] {0.1, 0.2, 0.3}, new double[] {0.1, 0.2}));
    assertTrue(e.getMessage().contains("model B"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Comparison.delong(new int[] {1, 1}, new double[] {0.1, 0.2}, new double[] {0.1, 0.2}));
    assertTrue(e.getMessage().contains("both classes"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Bootstrap.of(Metric.AUROC).resamples(5));
    assertTrue(e.getMessage().contains("resamples"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Bootstrap.of(Metric.AUROC).level(1.5));
    assertTrue(e.getMessage().contains("level"), e.getMessage());
    Predictions three = Predictions.classification(new int[] {0, 1, 2},
        new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, null);
    e = assertThrows(IllegalArgumentException.class, () -> Comparison.delong(three, three));
    assertTrue(e.getMessage().contains("binary"), e.getMessage());
  }
}
