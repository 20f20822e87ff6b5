package io.workbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Metrics on small cases worked out by hand (the arithmetic is in the comments). */
class MetricsByHandTest {

  @Test
  void aurocAndAveragePrecisionOfFourRows() {
    int[] y = {0, 0, 1, 1};
    double[] s = {0.1, 0.4, 0.35, 0.8};
    // pairs (pos, neg): 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4 -> 3 of 4
    assertEquals(0.75, ClassificationMetrics.auroc(y, s), 1e-15);
    // descending: 0.8 (pos) P=1 R=.5; 0.4 (neg) P=.5 R=.5; 0.35 (pos) P=2/3 R=1; 0.1 (neg) P=.5 R=1
    // AP = .5 * 1 + .5 * 2/3
    assertEquals(0.5 + 0.5 * 2 / 3.0, ClassificationMetrics.averagePrecision(y, s), 1e-15);
    RocCurve roc = RocCurve.of(y, s);
    assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, roc.fpr(), 1e-15);
    assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, roc.tpr(), 1e-15);
    assertEquals(Double.POSITIVE_INFINITY, roc.thresholds()[0]);
    PrecisionRecallCurve pr = PrecisionRecallCurve.of(y, s);
    assertArrayEquals(new double[] {1, 0.5, 2 / 3.0, 0.5}, pr.precision(), 1e-15);
    assertArrayEquals(new double[] {0.5, 0.5, 1, 1}, pr.recall(), 1e-15);
  }

  @Test
  void tiesCountOneHalf() {
    // one positive and one negative with the same score: AUROC 1/2
    assertEquals(0.5, ClassificationMetrics.auroc(new int[] {1, 0}, new double[] {0.3, 0.3}), 0);
    // pos {0.9, 0.5}, neg {0.5, 0.1}: pairs 1 + 1 + 0.5 + 1 = 3.5 of 4
    assertEquals(0.875, ClassificationMetrics.auroc(new int[] {1, 1, 0, 0}, new double[] {0.9, 0.5, 0.5, 0.1}), 1e-15);
  }

  @Test
  void countingMetricsOfThreeClasses() {
    int[] y = {0, 1, 2, 0, 1, 2};
    int[] pred = {0, 2, 1, 0, 0, 1};
    // class 0: tp 2, fp 1, fn 0 -> P 2/3, R 1, F1 0.8; classes 1 and 2: tp 0 -> 0
    assertEquals(2 / 6.0, ClassificationMetrics.accuracy(y, pred), 1e-15);
    assertEquals(1 / 3.0, ClassificationMetrics.balancedAccuracy(y, pred), 1e-15);
    assertEquals(0.8 / 3, ClassificationMetrics.f1Macro(y, pred), 1e-15);
    assertEquals(2 / 9.0, ClassificationMetrics.precisionMacro(y, pred), 1e-15);
    assertEquals(1 / 3.0, ClassificationMetrics.recallMacro(y, pred), 1e-15);
    assertEquals(2 / 3.0, ClassificationMetrics.precision(y, pred, 0), 1e-15);
    ConfusionMatrix cm = ConfusionMatrix.of(y, pred, List.of("a", "b", "c"));
    assertEquals(2, cm.count(0, 0));
    assertEquals(1, cm.count(1, 0));
    assertEquals(1, cm.count(1, 2));
    assertEquals(2, cm.count(2, 1));
    assertEquals(6, cm.total());
    Table t = cm.toTable();
    assertEquals(List.of("true \\ predicted", "a", "b", "c"), t.columnNames());
    assertEquals(2, t.intColumn("b").get(2));
    // balanced accuracy ignores a class absent from y: y has classes 0, 1 only
    assertEquals((1 + 0.5) / 2, ClassificationMetrics.balancedAccuracy(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}), 1e-15);
  }

  @Test
  void probabilisticMetrics() {
    double[][] p = {{0.9, 0.1}, {0.2, 0.8}};
    assertEquals(-(Math.log(0.9) + Math.log(0.8)) / 2, ClassificationMetrics.logLoss(new int[] {0, 1}, p), 1e-15);
    // binary Brier: (0.01 + 0.01 + 0.04 + 0.09) / 4
    double[][] q = {{0.9, 0.1}, {0.1, 0.9}, {0.2, 0.8}, {0.7, 0.3}};
    assertEquals(0.0375, ClassificationMetrics.brier(new int[] {0, 1, 1, 0}, q), 1e-15);
    // three-class Brier of one row [0.5, 0.3, 0.2], label 0: 0.25 + 0.09 + 0.04
    assertEquals(0.38, ClassificationMetrics.brier(new int[] {0}, new double[][] {{0.5, 0.3, 0.2}}), 1e-15);
    // log loss clips a zero probability at 1e-15
    assertEquals(-Math.log(1e-15), ClassificationMetrics.logLoss(new int[] {1}, new double[][] {{1, 0}}), 1e-9);
  }

  @Test
  void expectedCalibrationError() {
    double[][] p = {{0.95, 0.05}, {0.85, 0.15}, {0.3, 0.7}, {0.35, 0.65}};
    int[] y = {0, 1, 1, 0};
    // confidences .95 (right), .85 (wrong), .7 (right), .65 (wrong), each alone in a tenth-wide bin:
    // (|1 - .95| + |0 - .85| + |1 - .7| + |0 - .65|) / 4
    assertEquals((0.05 + 0.85 + 0.3 + 0.65) / 4, ClassificationMetrics.expectedCalibrationError(y, p, 10), 1e-12);
    // two bins: all in [0.5, 1]: accuracy 1/2, mean confidence .7875
    assertEquals(0.7875 - 0.5, ClassificationMetrics.expectedCalibrationError(y, p, 2), 1e-12);
    CalibrationCurve c = CalibrationCurve.of(new int[] {0, 1, 1, 0}, new double[] {0.05, 0.15, 0.7, 0.65}, 2);
    assertArrayEquals(new int[] {2, 2}, c.count());
    assertArrayEquals(new double[] {0.1, 0.675}, c.meanPredicted(), 1e-12);
    assertArrayEquals(new double[] {0.5, 0.5}, c.observed(), 1e-12);
    // probability exactly 1 falls into the last bin, 0.5 into the upper of two bins
    assertArrayEquals(new double[] {0.5}, CalibrationCurve.of(new int[] {1, 0}, new double[] {1.0, 0.5}, 2).lower());
  }

  @Test
  void regressionMetrics() {
    double[] y = {3, -0.5, 2, 7};
    double[] p = {2.5, 0, 2, 8};
    // errors .5 .5 0 1: MAE 0.5, MSE (.25 + .25 + 0 + 1) / 4 = .375
    assertEquals(0.5, RegressionMetrics.mae(y, p), 1e-15);
    assertEquals(Math.sqrt(0.375), RegressionMetrics.rmse(y, p), 1e-15);
    // mean 2.875; SS_tot = 0.015625 + 11.390625 + 0.765625 + 17.015625 = 29.1875; SS_res = 1.5
    assertEquals(1 - 1.5 / 29.1875, RegressionMetrics.r2(y, p), 1e-15);
    assertEquals(1, RegressionMetrics.r2(new double[] {2, 2}, new double[] {2, 2}), 0);
    assertEquals(0, RegressionMetrics.r2(new double[] {2, 2}, new double[] {2, 3}), 0);
    assertEquals(0.375, RegressionMetrics.mse(y, p), 1e-15);
    assertEquals(0.375, Metric.MSE.compute(Predictions.regression(y, p)), 1e-15);
    assertEquals(Metric.MSE, Metric.named("mse"));
    assertTrue(!Metric.MSE.higherIsBetter());
    assertEquals(Metric.R2, Metric.defaultFor(io.workbench.data.Task.REGRESSION));
    assertEquals(Metric.ACCURACY, Metric.defaultFor(io.workbench.data.Task.CLASSIFICATION));
  }

  @Test
  void modelOutputFactoriesScoreLikeTheCheckedOnes() {
    int[] y = {0, 2, 1, 1, 0, 2};
    float[][] proba = {{0.7f, 0.2f, 0.1f}, {0.1f, 0.3f, 0.6f}, {0.2f, 0.5f, 0.3f}, {0.4f, 0.35f, 0.25f},
        {0.5f, 0.1f, 0.4f}, {0.3f, 0.3f, 0.4f}};
    Predictions checked = Predictions.classification(y, proba, List.of("a", "b", "c"));
    Predictions fast = Predictions.ofModelOutput(y, proba, List.of("a", "b", "c"));
    for (Metric m : Metric.classification()) {
      assertEquals(m.compute(checked), m.compute(fast), 0.0, m.name());
    }
    assertEquals(List.of("a", "b", "c"), fast.classNames());
    // hand: argmax 0 2 1 0 0 2 -> 5 of 6 right
    assertEquals(5.0 / 6, Metric.ACCURACY.compute(fast), 1e-15);
    double[] t = {3, -0.5, 2, 7};
    float[][] out = {{2.5f}, {0f}, {2f}, {8f}};
    assertEquals(0.375, Metric.MSE.compute(Predictions.ofModelOutput(t, out)), 1e-15);
    assertEquals(1 - 1.5 / 29.1875, Metric.R2.compute(Predictions.ofModelOutput(t, out)), 1e-15);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Predictions.ofModelOutput(t, new float[3][1]));
    assertTrue(e.getMessage().contains("model output has 3 rows but there are 4 targets"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Predictions.ofModelOutput(new int[2], proba, null));
    assertTrue(e.getMessage().contains("model output has 6 rows but there are 2 labels"), e.getMessage());
  }

  @Test
  void reportOfAModelThroughEvaluation() {
    Split s = Datasets.iris().split(0.7, 1);
    Model m = Models.decisionTree().maxDepth(3).seed(1).threads(1).fit(s.train());
    Metrics metrics = Evaluation.of(m, s.test());
    assertTrue(metrics instanceof ClassificationReport);
    ClassificationReport r = (ClassificationReport) metrics;
    int[] y = s.test().y();
    int[] pred = m.predict(s.test());
    assertEquals(ClassificationMetrics.accuracy(y, pred), r.value("accuracy"), 0);
    assertEquals(y.length, r.value("n"), 0);
    Table per = r.perClass();
    assertEquals(List.of("setosa", "versicolor", "virginica"), per.stringColumn("class").asList());
    assertEquals(y.length, per.intColumn("support").sum(), 0);
    assertTrue(r.toHtml().startsWith("<table>") && r.toHtml().contains("auroc"));
    assertTrue(r.toString().contains("balanced_accuracy"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.value("auc"));
    assertTrue(e.getMessage().contains("auroc"), e.getMessage());

    Split d = Datasets.diabetes().split(0.8, 1);
    Model reg = Models.xgboost().rounds(30).maxDepth(2).eta(0.1).seed(1).threads(1).fit(d.train());
    RegressionReport rr = Evaluation.regression(reg, d.test());
    assertEquals(RegressionMetrics.rmse(d.test().yDouble(), reg.predictValue(d.test().x())), rr.value("rmse"), 0);
    assertThrows(IllegalArgumentException.class, () -> Evaluation.classification(reg, d.test()));
  }

  @Test
  void reportMarksUndefinedAurocInsteadOfFailing() {
    // class 2 has no rows: one-vs-rest AUROC undefined, the report says why
    ClassificationReport r = Evaluation.classification(new int[] {0, 1, 0, 1},
        new double[][] {{.8, .1, .1}, {.2, .7, .1}, {.6, .3, .1}, {.3, .3, .4}}, List.of("a", "b", "c"));
    assertTrue(Double.isNaN(r.value("auroc")));
    assertTrue(r.notes().get(0).contains("class 2"), r.notes().toString());
    assertEquals(0.75, r.value("accuracy"), 1e-15);
  }

  @Test
  void badInputFailsClearly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.accuracy(new int[] {0, 1}, new int[] {0}));
    assertTrue(e.getMessage().contains("2 values") && e.getMessage().contains("1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.logLoss(new int[] {0}, new double[][] {{1.2, -0.2}}));
    assertTrue(e.getMessage().contains("row 0, class 0 is 1.2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.brier(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {0.5, 0.4}}));
    assertTrue(e.getMessage().contains("row 1 sums to 0.9"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.auroc(new int[] {1, 1, 1}, new double[] {0.2, 0.5, 0.9}));
    assertTrue(e.getMessage().contains("both classes") && e.getMessage().contains("only class 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.auroc(new int[] {0, 0, 1}, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}));
    assertTrue(e.getMessage().contains("class 2") || e.getMessage().contains("rows of class"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.auroc(new int[] {0, 2}, new double[] {0.1, 0.2}));
    assertTrue(e.getMessage().contains("expected 0 or 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.auroc(new int[] {0, 1}, new double[] {0.1, Double.NaN}));
    assertTrue(e.getMessage().contains("score[1] is NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ClassificationMetrics.logLoss(new int[] {0, 3}, new double[][] {{0.5, 0.5}, {0.5, 0.5}}));
    assertTrue(e.getMessage().contains("row 1 is 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RegressionMetrics.mae(new double[0], new double[0]));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Evaluation.classification(new int[] {0}, new double[][] {{0.5, 0.5}}, List.of("a", "b", "c")));
    assertTrue(e.getMessage().contains("3 names"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Metric.named("auc"));
    assertTrue(e.getMessage().contains("auroc"), e.getMessage());
  }
}
