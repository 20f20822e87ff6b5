package io.workbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.workbench.data.Dataset;
import io.workbench.testing.Python;
import io.workbench.testing.TestModels;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Subgroup metrics, intervals and fairness criteria against hand counts and a NumPy computation. */
class SubgroupsTest {

  // group a: y = 1 1 1 0 0 0, predicted 1 1 0 1 0 0 -> selection 3/6, TPR 2/3, FPR 1/3
  // group b: y = 1 1 0 0,     predicted 1 1 1 1     -> selection 4/4, TPR 2/2, FPR 2/2
  static final int[] Y = {1, 1, 1, 0, 0, 0, 1, 1, 0, 0};
  static final int[] PRED = {1, 1, 0, 1, 0, 0, 1, 1, 1, 1};
  static final String[] GROUP = {"a", "a", "a", "a", "a", "a", "b", "b", "b", "b"};

  static Predictions predictions(int[] y, int[] pred, long seed) {
    Random r = new Random(seed);
    double[][] p = new double[y.length][];
    for (int i = 0; i < y.length; i++) {
      double p1 = pred[i] == 1 ? 0.5 + 0.5 * r.nextDouble() : 0.5 * r.nextDouble();
      p[i] = new double[] {1 - p1, p1};
    }
    return Predictions.classification(y, p, List.of("neg", "pos"));
  }

  @Test
  void fairnessCriteriaMatchHandCounts() {
    SubgroupReport r = Subgroups.create().resamples(50).seed(1).report(predictions(Y, PRED, 3), GROUP, "site");
    assertEquals(List.of("a", "b"), r.groups());
    assertEquals(0.5, r.selectionRate("a"), 1e-12);
    assertEquals(1.0, r.selectionRate("b"), 1e-12);
    assertEquals(2.0 / 3, r.truePositiveRate("a"), 1e-12);
    assertEquals(1.0 / 3, r.falsePositiveRate("a"), 1e-12);
    assertEquals(0.5, r.demographicParityDifference(), 1e-12, "1 - 1/2");
    assertEquals(1.0 / 3, r.equalOpportunityDifference(), 1e-12, "1 - 2/3");
    assertEquals(2.0 / 3, r.equalizedOddsDifference(), 1e-12, "max(1/3, 1 - 1/3)");
    assertEquals(4.0 / 6, r.value("a", "accuracy"), 1e-12);
    assertEquals(0.5, r.value("b", "accuracy"), 1e-12);
    assertEquals(0.6, r.value("overall", "accuracy"), 1e-12);
    assertEquals(4.0 / 6 - 0.6, r.gap("a", "accuracy"), 1e-12);
    double[] ci = r.interval("a", "accuracy");
    assertTrue(ci[0] <= r.value("a", "accuracy") && r.value("a", "accuracy") <= ci[1], ci[0] + " .. " + ci[1]);
    assertEquals(6, r.size("a"));
    assertTrue(r.toHtml().contains("equalised odds"), r.toHtml());
    assertTrue(r.plot().toPng(72).length > 1000, "the chart renders");
    assertTrue(r.calibrationPlot().toPng(72).length > 1000, "the calibration chart renders");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.value("c", "accuracy"));
    assertTrue(e.getMessage().contains("[overall, a, b]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r.value("a", "auroc"));
    assertTrue(e.getMessage().contains("[accuracy]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Subgroups.create().report(predictions(Y, PRED, 3), new String[3], "x"));
    assertTrue(e.getMessage().contains("3 entries but there are 10"), e.getMessage());
  }

  @Test
  void fairnessCriteriaMatchNumpyOnRandomGroups() throws Exception {
    String python = Python.with("numpy");
    assumeTrue(python != null, "python3 with numpy not installed (Debian: apt-get install python3-numpy)");
    Random rnd = new Random(11);
    int n = 400;
    int[] y = new int[n];
    int[] pred = new int[n];
    String[] g = new String[n];
    for (int i = 0; i < n; i++) {
      int grp = rnd.nextInt(3);
      g[i] = "g" + grp;
      y[i] = rnd.nextDouble() < 0.3 + 0.2 * grp ? 1 : 0;
      pred[i] = rnd.nextDouble() < (y[i] == 1 ? 0.8 - 0.1 * grp : 0.1 + 0.1 * grp) ? 1 : 0;
    }
    SubgroupReport r = Subgroups.create().metrics(Metric.ACCURACY, Metric.BALANCED_ACCURACY).resamples(100).seed(2)
        .report(predictions(y, pred, 5), g, "group");
    String script = String.join("\n",
        "import numpy as np",
        "y = np.array(" + ints(y) + "); p = np.array(" + ints(pred) + ")",
        "g = np.array([" + String.join(",", java.util.Arrays.stream(g).map(s -> "'" + s + "'").toList()) + "])",
        "sel = [p[g == k].mean() for k in np.unique(g)]",
        "tpr = [p[(g == k) & (y == 1)].mean() for k in np.unique(g)]",
        "fpr = [p[(g == k) & (y == 0)].mean() for k in np.unique(g)]",
        "print(max(sel) - min(sel), max(tpr) - min(tpr), max(max(tpr) - min(tpr), max(fpr) - min(fpr)))");
    Python.Result out = Python.run(python, List.of("-c", script), 60);
    assertEquals(0, out.exit(), out.out());
    String[] v = out.out().trim().split("\\s+");
    assertEquals(Double.parseDouble(v[0]), r.demographicParityDifference(), 1e-12, "demographic parity");
    assertEquals(Double.parseDouble(v[1]), r.equalOpportunityDifference(), 1e-12, "equal opportunity");
    assertEquals(Double.parseDouble(v[2]), r.equalizedOddsDifference(), 1e-12, "equalised odds");
  }

  @Test
  void groupsComeFromAColumnOrAFunctionOfTheRow() {
    float[][] x = TestModels.gaussian(120, 2, 4);
    int[] y = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i][0] > 0 ? 1 : 0;
    }
    Dataset d = Dataset.of(x, List.of("a", "b"), y, List.of("0", "1"));
    // a model that is right when b > 0 and always says "pos" otherwise
    TestModels.Logit model = new TestModels.Logit(List.of("a", "b"),
        row -> row[1] > 0 ? (row[0] > 0 ? 3 : -3) : 3);
    SubgroupReport byRow = Subgroups.create().resamples(30)
        .report(model, d, "sign of b", row -> row[1] > 0 ? "b > 0" : "b <= 0");
    assertEquals(1.0, byRow.value("b > 0", "accuracy"), 1e-12, "right on every row with b > 0");
    assertEquals(1.0, byRow.selectionRate("b <= 0"), 1e-12, "always positive when b <= 0");
    assertEquals(0.0, byRow.falsePositiveRate("b > 0"), 1e-12);
    SubgroupReport byColumn = Subgroups.create().resamples(30).report(model, d, "label");
    assertEquals(1.0, byColumn.truePositiveRate("1"), 1e-12);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Subgroups.create().report(model, d, "sex"));
    assertTrue(e.getMessage().contains("No column 'sex'") && e.getMessage().contains("a, b"), e.getMessage());
  }

  private static String ints(int[] v) {
    StringBuilder s = new StringBuilder("[");
    for (int x : v) {
      s.append(s.length() > 1 ? "," : "").append(String.format(Locale.ROOT, "%d", x));
    }
    return s.append(']').toString();
  }
}
