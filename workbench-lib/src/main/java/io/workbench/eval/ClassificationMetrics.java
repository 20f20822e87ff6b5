package io.workbench.eval;

import io.workbench.check.Checks;
import io.workbench.stats.Stats;
import java.util.Arrays;

/**
 * Classification metrics on plain arrays, with scikit-learn's definitions. Labels are class indices
 * {@code 0..k-1}; probabilities are {@code rows x k} (rows in [0, 1], summing to 1 within 1e-3); binary
 * scores are one number per row with labels 0/1 (class 1 = positive).
 *
 * <ul>
 *   <li>Macro precision, recall and F1 average over the classes present in the labels or the predictions
 *       (scikit-learn's default); a class with no predictions has precision 0, one with no rows recall 0.
 *   <li>Balanced accuracy: mean recall over the classes present in the labels.
 *   <li>AUROC: area under the ROC curve (ties count one half); multi-class: unweighted mean of one-vs-rest
 *       AUROCs, which needs every class present. Average precision: {@code sum (R_t - R_{t-1}) P_t} over
 *       descending distinct thresholds (no interpolation); multi-class: macro one-vs-rest.
 *   <li>Log loss: mean {@code -ln p(true class)}, probabilities clipped to [1e-15, 1 - 1e-15].
 *   <li>Brier score: binary: mean {@code (p1 - y)^2} (scikit-learn's {@code brier_score_loss}); multi-class:
 *       mean over rows of {@code sum_k (p_k - [y = k])^2} (Brier's original definition).
 *   <li>Expected calibration error: top-label confidence {@code max_k p_k} against accuracy, in {@code bins}
 *       equal-width bins {@code [b/B, (b+1)/B)} (the last bin includes 1); {@code sum_b n_b/N |acc_b -
 *       conf_b|}.
 * </ul>
 *
 * <pre>{@code
 * double auc = ClassificationMetrics.auroc(y, proba);
 * double f1 = ClassificationMetrics.f1Macro(y, ClassificationMetrics.argmax(proba));
 * }</pre>
 */
public final class ClassificationMetrics {

  /** Clip used by {@link #logLoss}. */
  public static final double LOG_LOSS_EPS = 1e-15;

  private ClassificationMetrics() {}

  /** Index of the largest probability per row (the first one on ties). */
  public static int[] argmax(double[][] proba) {
    int[] out = new int[proba.length];
    for (int i = 0; i < proba.length; i++) {
      out[i] = Stats.argmax(proba[i]);
    }
    return out;
  }

  /** Share of rows whose prediction equals the label. */
  public static double accuracy(int[] y, int[] pred) {
    checkPairs(y, pred);
    int ok = 0;
    for (int i = 0; i < y.length; i++) {
      ok += y[i] == pred[i] ? 1 : 0;
    }
    return (double) ok / y.length;
  }

  /** Mean recall over the classes present in {@code y}. */
  public static double balancedAccuracy(int[] y, int[] pred) {
    int k = checkPairs(y, pred);
    long[][] c = counts(y, pred, k);
    double sum = 0;
    int present = 0;
    for (int a = 0; a < k; a++) {
      long support = Arrays.stream(c[a]).sum();
      if (support > 0) {
        sum += (double) c[a][a] / support;
        present++;
      }
    }
    return sum / present;
  }

  /** Precision of one class: {@code tp / (tp + fp)}, 0 when the class is never predicted. */
  public static double precision(int[] y, int[] pred, int cls) {
    int k = Math.max(checkPairs(y, pred), cls + 1);
    long[][] c = counts(y, pred, k);
    return precision(c, cls);
  }

  /** Recall of one class: {@code tp / (tp + fn)}, 0 when the class has no rows. */
  public static double recall(int[] y, int[] pred, int cls) {
    int k = Math.max(checkPairs(y, pred), cls + 1);
    return recall(counts(y, pred, k), cls);
  }

  /** F1 of one class: {@code 2 tp / (2 tp + fp + fn)}, 0 when that is 0/0. */
  public static double f1(int[] y, int[] pred, int cls) {
    int k = Math.max(checkPairs(y, pred), cls + 1);
    return f1(counts(y, pred, k), cls);
  }

  /** Macro precision over the classes present in {@code y} or {@code pred}. */
  public static double precisionMacro(int[] y, int[] pred) {
    return macro(y, pred, 0);
  }

  /** Macro recall over the classes present in {@code y} or {@code pred}. */
  public static double recallMacro(int[] y, int[] pred) {
    return macro(y, pred, 1);
  }

  /** Macro F1 over the classes present in {@code y} or {@code pred}. */
  public static double f1Macro(int[] y, int[] pred) {
    return macro(y, pred, 2);
  }

  private static double macro(int[] y, int[] pred, int which) {
    int k = checkPairs(y, pred);
    long[][] c = counts(y, pred, k);
    double sum = 0;
    int used = 0;
    for (int a = 0; a < k; a++) {
      long support = 0;
      long predicted = 0;
      for (int b = 0; b < k; b++) {
        support += c[a][b];
        predicted += c[b][a];
      }
      if (support + predicted == 0) {
        continue;
      }
      used++;
      sum += which == 0 ? precision(c, a) : which == 1 ? recall(c, a) : f1(c, a);
    }
    return sum / used;
  }

  static double precision(long[][] c, int a) {
    long predicted = 0;
    for (long[] row : c) {
      predicted += row[a];
    }
    return predicted == 0 ? 0 : (double) c[a][a] / predicted;
  }

  static double recall(long[][] c, int a) {
    long support = Arrays.stream(c[a]).sum();
    return support == 0 ? 0 : (double) c[a][a] / support;
  }

  static double f1(long[][] c, int a) {
    long fp = 0;
    long fn = 0;
    for (int b = 0; b < c.length; b++) {
      if (b != a) {
        fp += c[b][a];
        fn += c[a][b];
      }
    }
    long denom = 2 * c[a][a] + fp + fn;
    return denom == 0 ? 0 : 2.0 * c[a][a] / denom;
  }

  /** Counts {@code [true][predicted]} over {@code k} classes. */
  static long[][] counts(int[] y, int[] pred, int k) {
    long[][] c = new long[k][k];
    for (int i = 0; i < y.length; i++) {
      c[y[i]][pred[i]]++;
    }
    return c;
  }

  /** Checks labels and predictions; returns 1 + the largest class index seen. */
  private static int checkPairs(int[] y, int[] pred) {
    if (y == null || pred == null) {
      throw new IllegalArgumentException("labels and predictions must not be null");
    }
    Checks.sameLength("labels", y.length, "predictions", pred.length);
    Checks.nonEmpty(y.length, "labels");
    int k = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0) {
        throw new IllegalArgumentException("label at row " + i + " is " + y[i] + "; expected a class index >= 0");
      }
      if (pred[i] < 0) {
        throw new IllegalArgumentException(
            "prediction at row " + i + " is " + pred[i] + "; expected a class index >= 0");
      }
      k = Math.max(k, Math.max(y[i], pred[i]) + 1);
    }
    return k;
  }

  // ---- ranking metrics -----------------------------------------------------------------------------

  /** Binary AUROC of scores against labels 0/1; needs both classes. */
  public static double auroc(int[] y01, double[] score) {
    return RocCurve.of(y01, score).auc();
  }

  /**
   * AUROC from class probabilities: binary uses the class-1 column; more classes give the unweighted mean
   * of the one-vs-rest AUROCs (every class must have rows).
   */
  public static double auroc(int[] y, double[][] proba) {
    int k = Checks.probabilityRows(y, proba);
    if (k == 2) {
      return auroc(y, column(proba, 1));
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      sum += auroc(oneVsRest(y, c, k), column(proba, c));
    }
    return sum / k;
  }

  /** Binary average precision of scores against labels 0/1; needs at least one positive. */
  public static double averagePrecision(int[] y01, double[] score) {
    return PrecisionRecallCurve.of(y01, score).averagePrecision();
  }

  /** Average precision from class probabilities: binary uses class 1; more classes: macro one-vs-rest. */
  public static double averagePrecision(int[] y, double[][] proba) {
    int k = Checks.probabilityRows(y, proba);
    if (k == 2) {
      return averagePrecision(y, column(proba, 1));
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      sum += averagePrecision(oneVsRest(y, c, k), column(proba, c));
    }
    return sum / k;
  }

  /** One-vs-rest labels for class {@code c}; fails when {@code c} has no rows or all rows. */
  static int[] oneVsRest(int[] y, int c, int k) {
    int[] out = new int[y.length];
    int pos = 0;
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i] == c ? 1 : 0;
      pos += out[i];
    }
    if (pos == 0 || pos == y.length) {
      throw new IllegalArgumentException(
          "One-vs-rest " + (pos == 0 ? "needs rows of class " + c : "needs rows of classes other than " + c)
              + " among the " + k + " classes; the labels hold only " + Arrays.toString(present(y)));
    }
    return out;
  }

  static int[] present(int[] y) {
    return Arrays.stream(y).distinct().sorted().toArray();
  }

  /** Column {@code c} of a probability matrix. */
  public static double[] column(double[][] proba, int c) {
    double[] out = new double[proba.length];
    for (int i = 0; i < proba.length; i++) {
      out[i] = proba[i][c];
    }
    return out;
  }

  // ---- probabilistic metrics -----------------------------------------------------------------------

  /** Mean negative log-likelihood of the true class (natural log), probabilities clipped to [1e-15, 1 - 1e-15]. */
  public static double logLoss(int[] y, double[][] proba) {
    Checks.probabilityRows(y, proba);
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      double p = Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, proba[i][y[i]]));
      sum -= Math.log(p);
    }
    return sum / y.length;
  }

  /** Brier score: binary mean {@code (p1 - y)^2}; multi-class mean of {@code sum_k (p_k - [y=k])^2}. */
  public static double brier(int[] y, double[][] proba) {
    int k = Checks.probabilityRows(y, proba);
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      if (k == 2) {
        double d = proba[i][1] - y[i];
        sum += d * d;
      } else {
        for (int c = 0; c < k; c++) {
          double d = proba[i][c] - (y[i] == c ? 1 : 0);
          sum += d * d;
        }
      }
    }
    return sum / y.length;
  }

  /** Expected calibration error with 10 equal-width bins of the top-label confidence. */
  public static double expectedCalibrationError(int[] y, double[][] proba) {
    return expectedCalibrationError(y, proba, 10);
  }

  /**
   * Expected calibration error: top-label confidence {@code max_k p_k} against accuracy in {@code bins}
   * equal-width bins {@code [b/B, (b+1)/B)} (last bin closed), weighted by the share of rows per bin.
   */
  public static double expectedCalibrationError(int[] y, double[][] proba, int bins) {
    Checks.probabilityRows(y, proba);
    Checks.positive(bins, "bins");
    int[] pred = argmax(proba);
    double[] conf = new double[y.length];
    int[] hit = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      conf[i] = proba[i][pred[i]];
      hit[i] = pred[i] == y[i] ? 1 : 0;
    }
    return CalibrationCurve.binned(hit, conf, bins).calibrationError();
  }

  /** The bin of a probability among {@code bins} equal-width bins over [0, 1]. */
  static int bin(double p, int bins) {
    return Math.min(bins - 1, (int) Math.floor(p * bins));
  }
}
