package io.workbench.spark;

import io.workbench.eval.ClassificationMetrics;
import io.workbench.eval.Metric;
import io.workbench.stats.Stats;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sufficient statistics of the metrics Spark can aggregate exactly: counts and sums for accuracy, log loss,
 * Brier, MAE, MSE, RMSE and R2, and per-class histograms of the scores (positive and negative counts per distinct
 * score) for AUROC. Partitions fill one each, {@link #merge} combines them in any order, and {@link #value}
 * gives the metric as the library's {@link Metric} computes it on all rows at once (the ROC curve's trapezoids
 * over the distinct scores, log loss clipped at {@link ClassificationMetrics#LOG_LOSS_EPS}).
 */
final class MetricStats implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The metrics computed by aggregation. */
  static final List<Metric> SUPPORTED = List.of(Metric.ACCURACY, Metric.AUROC, Metric.LOG_LOSS, Metric.BRIER,
      Metric.MAE, Metric.MSE, Metric.RMSE, Metric.R2);

  private final int classes;
  private final boolean histograms;
  private long n;
  private long correct;
  private double logLoss;
  private double brier;
  private double absError;
  private double sqError;
  /** Running mean and sum of squared deviations of the targets (Welford; merged by Chan et al.). */
  private double meanY;
  private double m2Y;
  /** Per class (binary: class 1 only): score to {positives, negatives}. */
  private final TreeMap<Double, long[]>[] hist;

  /**
   * @param classes the model's classes (0 for regression)
   * @param histograms whether to keep AUROC's score histograms
   */
  @SuppressWarnings("unchecked")
  MetricStats(int classes, boolean histograms) {
    this.classes = classes;
    this.histograms = histograms && classes >= 2;
    this.hist = new TreeMap[this.histograms ? (classes == 2 ? 1 : classes) : 0];
    for (int c = 0; c < hist.length; c++) {
      hist[c] = new TreeMap<>();
    }
  }

  /** The metric, or an error naming the supported ones. */
  static Metric check(Metric m) {
    if (m == null || !SUPPORTED.contains(m)) {
      throw new IllegalArgumentException("metric: " + m + " cannot be computed by Spark aggregation; supported are "
          + SUPPORTED);
    }
    return m;
  }

  /** Adds one classified row: its label (class index) and the model's probabilities. */
  void addClass(int label, float[] proba) {
    n++;
    double[] p = new double[proba.length];
    for (int c = 0; c < p.length; c++) {
      p[c] = proba[c];
    }
    int best = Stats.argmax(p);
    correct += best == label ? 1 : 0;
    logLoss -= Math.log(Math.min(1 - ClassificationMetrics.LOG_LOSS_EPS,
        Math.max(ClassificationMetrics.LOG_LOSS_EPS, (double) proba[label])));
    if (classes == 2) {
      double d = (double) proba[1] - label;
      brier += d * d;
    } else {
      for (int c = 0; c < classes; c++) {
        double d = (double) proba[c] - (label == c ? 1 : 0);
        brier += d * d;
      }
    }
    for (int h = 0; h < hist.length; h++) {
      int c = classes == 2 ? 1 : h;
      long[] pn = hist[h].computeIfAbsent((double) proba[c], k -> new long[2]);
      pn[label == c ? 0 : 1]++;
    }
  }

  /** Adds one regression row: its target and the model's output. */
  void addValue(double y, double predicted) {
    n++;
    double d = y - predicted;
    absError += Math.abs(d);
    sqError += d * d;
    double delta = y - meanY;
    meanY += delta / n;
    m2Y += delta * (y - meanY);
  }

  /** This plus {@code other} (returns this). */
  MetricStats merge(MetricStats other) {
    long total = n + other.n;
    if (total > 0) {
      double delta = other.meanY - meanY;
      m2Y += other.m2Y + delta * delta * ((double) n * other.n / total);
      meanY += delta * other.n / total;
    }
    n = total;
    correct += other.correct;
    logLoss += other.logLoss;
    brier += other.brier;
    absError += other.absError;
    sqError += other.sqError;
    for (int h = 0; h < hist.length; h++) {
      for (Map.Entry<Double, long[]> e : other.hist[h].entrySet()) {
        long[] pn = hist[h].computeIfAbsent(e.getKey(), k -> new long[2]);
        pn[0] += e.getValue()[0];
        pn[1] += e.getValue()[1];
      }
    }
    return this;
  }

  long rows() {
    return n;
  }

  /** The metric over every row added. */
  double value(Metric m) {
    if (n == 0) {
      throw new IllegalArgumentException("no rows to compute " + m.name() + " on");
    }
    if (m == Metric.ACCURACY) {
      return (double) correct / n;
    } else if (m == Metric.LOG_LOSS) {
      return logLoss / n;
    } else if (m == Metric.BRIER) {
      return brier / n;
    } else if (m == Metric.AUROC) {
      if (!histograms) {
        throw new IllegalStateException("AUROC needs the score histograms, which were not kept");
      }
      double sum = 0;
      for (int h = 0; h < hist.length; h++) {
        sum += auroc(hist[h], h);
      }
      return sum / hist.length;
    } else if (m == Metric.MAE) {
      return absError / n;
    } else if (m == Metric.MSE) {
      return sqError / n;
    } else if (m == Metric.RMSE) {
      return Math.sqrt(sqError / n);
    } else if (m == Metric.R2) {
      double tot = m2Y;
      return tot == 0 ? (sqError == 0 ? 1 : 0) : 1 - sqError / tot;
    }
    throw new IllegalArgumentException(check(m).name());
  }

  /** The area under the ROC curve from descending distinct scores, by the trapezoidal rule as {@code RocCurve}. */
  private static double auroc(TreeMap<Double, long[]> h, int cls) {
    long pos = 0;
    long neg = 0;
    for (long[] pn : h.values()) {
      pos += pn[0];
      neg += pn[1];
    }
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException("AUROC needs rows of both sides of class " + cls + ", but the labels hold "
          + (pos == 0 ? "no" : "only") + " rows of it");
    }
    double area = 0;
    double fpr = 0;
    double tpr = 0;
    long tp = 0;
    long fp = 0;
    for (long[] pn : h.descendingMap().values()) {
      tp += pn[0];
      fp += pn[1];
      double f = (double) fp / neg;
      double t = (double) tp / pos;
      area += (f - fpr) * (t + tpr) / 2;
      fpr = f;
      tpr = t;
    }
    return area;
  }
}
