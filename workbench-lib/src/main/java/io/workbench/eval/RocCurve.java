package io.workbench.eval;

import io.workbench.check.Checks;
import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Curve;
import io.workbench.plot.Figure;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Receiver operating characteristic curve of binary scores: one point per distinct threshold, from
 * {@code (0, 0)} at threshold {@code +Infinity} to {@code (1, 1)}; a row is predicted positive when its
 * score is {@code >=} the threshold. No points are dropped.
 *
 * <pre>{@code
 * RocCurve roc = RocCurve.of(y01, scores);
 * roc.auc();          // trapezoidal area; equals the Mann-Whitney statistic (ties count 1/2)
 * roc.toTable();      // threshold, fpr, tpr
 * }</pre>
 */
public final class RocCurve implements Displayable {

  private final double[] thresholds;
  private final double[] fpr;
  private final double[] tpr;
  private final int positives;
  private final int negatives;

  private RocCurve(double[] thresholds, double[] fpr, double[] tpr, int positives, int negatives) {
    this.thresholds = thresholds;
    this.fpr = fpr;
    this.tpr = tpr;
    this.positives = positives;
    this.negatives = negatives;
  }

  /** The curve of scores against labels 0/1 (class 1 positive); needs both classes. */
  public static RocCurve of(int[] y01, double[] score) {
    Counts c = Counts.of(y01, score);
    if (c.positives == 0 || c.negatives == 0) {
      throw new IllegalArgumentException(
          "AUROC and the ROC curve need both classes, but the labels hold only class "
              + (c.positives == 0 ? 0 : 1) + " (" + y01.length + " rows)");
    }
    int m = c.thresholds.length;
    double[] th = new double[m + 1];
    double[] f = new double[m + 1];
    double[] t = new double[m + 1];
    th[0] = Double.POSITIVE_INFINITY;
    for (int i = 0; i < m; i++) {
      th[i + 1] = c.thresholds[i];
      f[i + 1] = (double) c.fps[i] / c.negatives;
      t[i + 1] = (double) c.tps[i] / c.positives;
    }
    return new RocCurve(th, f, t, c.positives, c.negatives);
  }

  /** Area under the curve by the trapezoidal rule. */
  public double auc() {
    double area = 0;
    for (int i = 1; i < fpr.length; i++) {
      area += (fpr[i] - fpr[i - 1]) * (tpr[i] + tpr[i - 1]) / 2;
    }
    return area;
  }

  /** Thresholds, descending (the first is {@code +Infinity}). */
  public double[] thresholds() {
    return thresholds.clone();
  }

  /** False positive rate per threshold. */
  public double[] fpr() {
    return fpr.clone();
  }

  /** True positive rate (recall) per threshold. */
  public double[] tpr() {
    return tpr.clone();
  }

  /** Number of positive rows. */
  public int positives() {
    return positives;
  }

  /** Number of negative rows. */
  public int negatives() {
    return negatives;
  }

  /** Columns {@code threshold}, {@code fpr}, {@code tpr}. */
  public Table toTable() {
    return Table.create("ROC curve", DoubleColumn.create("threshold", thresholds),
        DoubleColumn.create("fpr", fpr), DoubleColumn.create("tpr", tpr));
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), toString());
  }

  @Override
  public String toString() {
    return "RocCurve[" + fpr.length + " points, AUROC " + Numbers.format(auc()) + ", " + positives + " positive, "
        + negatives + " negative]";
  }

  /** Cumulative true and false positives at each distinct score, scores descending. */
  static final class Counts {
    final double[] thresholds;
    final long[] tps;
    final long[] fps;
    final int positives;
    final int negatives;

    private Counts(double[] thresholds, long[] tps, long[] fps, int positives, int negatives) {
      this.thresholds = thresholds;
      this.tps = tps;
      this.fps = fps;
      this.positives = positives;
      this.negatives = negatives;
    }

    static Counts of(int[] y01, double[] score) {
      if (y01 == null || score == null) {
        throw new IllegalArgumentException("labels and scores must not be null");
      }
      Checks.sameLength("labels", y01.length, "scores", score.length);
      Checks.nonEmpty(y01.length, "labels");
      Checks.binaryLabels(y01);
      Checks.finite(score, "score");
      int n = y01.length;
      int np = 0;
      for (int v : y01) {
        np += v;
      }
      double[] pos = new double[np];
      double[] neg = new double[n - np];
      int a = 0;
      int b = 0;
      for (int i = 0; i < n; i++) {
        if (y01[i] == 1) {
          pos[a++] = score[i];
        } else {
          neg[b++] = score[i];
        }
      }
      Arrays.sort(pos);
      Arrays.sort(neg);
      // walk both sorted lists from the top: one point per distinct score
      double[] th = new double[n];
      long[] tp = new long[n];
      long[] fp = new long[n];
      int m = 0;
      long t = 0;
      long f = 0;
      int i = pos.length - 1;
      int j = neg.length - 1;
      while (i >= 0 || j >= 0) {
        double top = i >= 0 ? pos[i] : Double.NEGATIVE_INFINITY;
        double level = Math.max(top, j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
        while (i >= 0 && pos[i] == level) {
          t++;
          i--;
        }
        while (j >= 0 && neg[j] == level) {
          f++;
          j--;
        }
        th[m] = level;
        tp[m] = t;
        fp[m] = f;
        m++;
      }
      return new Counts(Arrays.copyOf(th, m), Arrays.copyOf(tp, m), Arrays.copyOf(fp, m), (int) t, (int) f);
    }
  }

  /** This ROC curve, AUC in the legend. */
  public Figure plot() {
    return plot(Map.of("model", this));
  }

  /**
   * ROC curves of several models on one chart, AUC in the legend.
   *
   * <pre>{@code
   * RocCurve.plot(Map.of("MLP", Evaluation.classification(mlp, test).roc(1),
   *     "XGBoost", Evaluation.classification(xgb, test).roc(1)));
   * }</pre>
   */
  public static Figure plot(Map<String, RocCurve> curves) {
    List<Curve> list = new java.util.ArrayList<>();
    for (Map.Entry<String, RocCurve> e : new java.util.TreeMap<>(curves).entrySet()) {
      list.add(new Curve(e.getKey(), e.getValue().fpr(), e.getValue().tpr(), e.getValue().auc()));
    }
    return Charts.roc(list);
  }
}
