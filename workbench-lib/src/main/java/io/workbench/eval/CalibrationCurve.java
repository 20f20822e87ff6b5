package io.workbench.eval;

import io.workbench.check.Checks;
import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Reliability bins: predicted probabilities grouped into equal-width bins {@code [b/B, (b+1)/B)} over
 * [0, 1] (the last bin includes 1), with the mean predicted probability and the observed frequency of each
 * non-empty bin. {@link #calibrationError()} is {@code sum_b n_b/N |observed_b - predicted_b|}.
 *
 * <pre>{@code
 * CalibrationCurve c = CalibrationCurve.of(y01, probabilityOfClass1, 10);
 * c.toTable();            // lower, upper, count, mean_predicted, observed
 * c.calibrationError();
 * }</pre>
 */
public final class CalibrationCurve implements Displayable {

  private final int bins;
  private final double[] lower;
  private final double[] upper;
  private final int[] count;
  private final double[] meanPredicted;
  private final double[] observed;
  private final int total;

  private CalibrationCurve(int bins, double[] lower, double[] upper, int[] count, double[] meanPredicted,
      double[] observed, int total) {
    this.bins = bins;
    this.lower = lower;
    this.upper = upper;
    this.count = count;
    this.meanPredicted = meanPredicted;
    this.observed = observed;
    this.total = total;
  }

  /** Reliability bins of the probability of the positive class against labels 0/1. */
  public static CalibrationCurve of(int[] y01, double[] probability, int bins) {
    if (y01 == null || probability == null) {
      throw new IllegalArgumentException("labels and probabilities must not be null");
    }
    Checks.sameLength("labels", y01.length, "probabilities", probability.length);
    Checks.nonEmpty(y01.length, "labels");
    Checks.binaryLabels(y01);
    Checks.probabilities(probability, "probability");
    Checks.positive(bins, "bins");
    return binned(y01, probability, bins);
  }

  static CalibrationCurve binned(int[] hit, double[] p, int bins) {
    int[] n = new int[bins];
    double[] sumP = new double[bins];
    double[] sumY = new double[bins];
    for (int i = 0; i < p.length; i++) {
      int b = ClassificationMetrics.bin(p[i], bins);
      n[b]++;
      sumP[b] += p[i];
      sumY[b] += hit[i];
    }
    int used = (int) Arrays.stream(n).filter(v -> v > 0).count();
    double[] lo = new double[used];
    double[] hi = new double[used];
    int[] cnt = new int[used];
    double[] mp = new double[used];
    double[] obs = new double[used];
    int j = 0;
    for (int b = 0; b < bins; b++) {
      if (n[b] == 0) {
        continue;
      }
      lo[j] = (double) b / bins;
      hi[j] = (double) (b + 1) / bins;
      cnt[j] = n[b];
      mp[j] = sumP[b] / n[b];
      obs[j] = sumY[b] / n[b];
      j++;
    }
    return new CalibrationCurve(bins, lo, hi, cnt, mp, obs, p.length);
  }

  /** Weighted mean absolute gap between observed frequency and mean prediction over the bins. */
  public double calibrationError() {
    double e = 0;
    for (int b = 0; b < count.length; b++) {
      e += (double) count[b] / total * Math.abs(observed[b] - meanPredicted[b]);
    }
    return e;
  }

  /** Number of bins asked for (empty bins are left out of the arrays). */
  public int bins() {
    return bins;
  }

  /** Lower edge of each non-empty bin. */
  public double[] lower() {
    return lower.clone();
  }

  /** Upper edge of each non-empty bin. */
  public double[] upper() {
    return upper.clone();
  }

  /** Rows in each non-empty bin. */
  public int[] count() {
    return count.clone();
  }

  /** Mean predicted probability per non-empty bin. */
  public double[] meanPredicted() {
    return meanPredicted.clone();
  }

  /** Observed frequency (share of positives, or accuracy for top-label bins) per non-empty bin. */
  public double[] observed() {
    return observed.clone();
  }

  /** Columns {@code lower}, {@code upper}, {@code count}, {@code mean_predicted}, {@code observed}. */
  public Table toTable() {
    return Table.create("calibration", DoubleColumn.create("lower", lower), DoubleColumn.create("upper", upper),
        IntColumn.create("count", count), DoubleColumn.create("mean_predicted", meanPredicted),
        DoubleColumn.create("observed", observed));
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), toString());
  }

  @Override
  public String toString() {
    return "CalibrationCurve[" + bins + " bins, " + total + " rows, calibration error "
        + Numbers.format(calibrationError()) + "]";
  }

  /** Reliability diagram: mean predicted probability against observed frequency per bin. */
  public Figure plot() {
    return plot(java.util.Map.of("model", this));
  }

  /** Reliability diagrams of several models on one chart (calibration error in the legend). */
  public static Figure plot(java.util.Map<String, CalibrationCurve> curves) {
    java.util.List<io.workbench.plot.Curve> list = new java.util.ArrayList<>();
    for (java.util.Map.Entry<String, CalibrationCurve> e : new java.util.TreeMap<>(curves).entrySet()) {
      list.add(new io.workbench.plot.Curve(e.getKey(), e.getValue().meanPredicted(), e.getValue().observed(),
          Double.NaN));
    }
    return Charts.calibration(list);
  }
}
