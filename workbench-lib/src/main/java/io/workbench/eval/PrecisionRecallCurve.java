package io.workbench.eval;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Curve;
import io.workbench.plot.Figure;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Precision-recall curve of binary scores: one point per distinct threshold, thresholds descending (recall
 * rising); a row is predicted positive when its score is {@code >=} the threshold. Average precision is
 * {@code sum_t (R_t - R_{t-1}) P_t} with {@code R_0 = 0}, as scikit-learn's {@code average_precision_score}
 * (no interpolation).
 *
 * <pre>{@code
 * PrecisionRecallCurve pr = PrecisionRecallCurve.of(y01, scores);
 * pr.averagePrecision();
 * pr.toTable();   // threshold, precision, recall
 * }</pre>
 */
public final class PrecisionRecallCurve implements Displayable {

  private final double[] thresholds;
  private final double[] precision;
  private final double[] recall;
  private final int positives;

  private PrecisionRecallCurve(double[] thresholds, double[] precision, double[] recall, int positives) {
    this.thresholds = thresholds;
    this.precision = precision;
    this.recall = recall;
    this.positives = positives;
  }

  /** The curve of scores against labels 0/1; needs at least one positive row. */
  public static PrecisionRecallCurve of(int[] y01, double[] score) {
    RocCurve.Counts c = RocCurve.Counts.of(y01, score);
    if (c.positives == 0) {
      throw new IllegalArgumentException(
          "Average precision and the precision-recall curve need positive rows (label 1); all "
              + y01.length + " labels are 0");
    }
    int m = c.thresholds.length;
    double[] p = new double[m];
    double[] r = new double[m];
    for (int i = 0; i < m; i++) {
      p[i] = (double) c.tps[i] / (c.tps[i] + c.fps[i]);
      r[i] = (double) c.tps[i] / c.positives;
    }
    return new PrecisionRecallCurve(c.thresholds.clone(), p, r, c.positives);
  }

  /** Average precision (area under the step curve). */
  public double averagePrecision() {
    double ap = 0;
    double previous = 0;
    for (int i = 0; i < recall.length; i++) {
      ap += (recall[i] - previous) * precision[i];
      previous = recall[i];
    }
    return ap;
  }

  /** Thresholds, descending. */
  public double[] thresholds() {
    return thresholds.clone();
  }

  /** Precision per threshold. */
  public double[] precision() {
    return precision.clone();
  }

  /** Recall per threshold. */
  public double[] recall() {
    return recall.clone();
  }

  /** Columns {@code threshold}, {@code precision}, {@code recall}. */
  public Table toTable() {
    return Table.create("precision-recall curve", DoubleColumn.create("threshold", thresholds),
        DoubleColumn.create("precision", precision), DoubleColumn.create("recall", recall));
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), toString());
  }

  @Override
  public String toString() {
    return "PrecisionRecallCurve[" + recall.length + " points, average precision " + Numbers.format(averagePrecision())
        + ", " + positives + " positive]";
  }

  /** This precision-recall curve, average precision in the legend. */
  public Figure plot() {
    return plot(Map.of("model", this));
  }

  /** Precision-recall curves of several models on one chart. */
  public static Figure plot(Map<String, PrecisionRecallCurve> curves) {
    List<Curve> list = new java.util.ArrayList<>();
    for (Map.Entry<String, PrecisionRecallCurve> e : new java.util.TreeMap<>(curves).entrySet()) {
      list.add(new Curve(e.getKey(), e.getValue().recall(), e.getValue().precision(), e.getValue().averagePrecision()));
    }
    return Charts.precisionRecall(list);
  }
}
