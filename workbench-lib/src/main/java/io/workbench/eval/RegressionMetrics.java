package io.workbench.eval;

import io.workbench.check.Checks;
/**
 * Regression metrics on plain arrays, with scikit-learn's definitions.
 *
 * <pre>{@code
 * double rmse = RegressionMetrics.rmse(y, predicted);
 * double r2 = RegressionMetrics.r2(y, predicted);
 * }</pre>
 */
public final class RegressionMetrics {

  private RegressionMetrics() {}

  /** Mean absolute error. */
  public static double mae(double[] y, double[] pred) {
    check(y, pred);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += Math.abs(y[i] - pred[i]);
    }
    return s / y.length;
  }

  /** Mean squared error. */
  public static double mse(double[] y, double[] pred) {
    check(y, pred);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double d = y[i] - pred[i];
      s += d * d;
    }
    return s / y.length;
  }

  /** Root mean squared error. */
  public static double rmse(double[] y, double[] pred) {
    check(y, pred);
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double d = y[i] - pred[i];
      s += d * d;
    }
    return Math.sqrt(s / y.length);
  }

  /**
   * Coefficient of determination {@code 1 - SS_res / SS_tot}. For a constant target (SS_tot = 0) it is 1
   * when every prediction is exact and 0 otherwise, as scikit-learn.
   */
  public static double r2(double[] y, double[] pred) {
    check(y, pred);
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= y.length;
    double res = 0;
    double tot = 0;
    for (int i = 0; i < y.length; i++) {
      res += (y[i] - pred[i]) * (y[i] - pred[i]);
      tot += (y[i] - mean) * (y[i] - mean);
    }
    if (tot == 0) {
      return res == 0 ? 1 : 0;
    }
    return 1 - res / tot;
  }

  static void check(double[] y, double[] pred) {
    if (y == null || pred == null) {
      throw new IllegalArgumentException("targets and predictions must not be null");
    }
    Checks.sameLength("targets", y.length, "predictions", pred.length);
    Checks.nonEmpty(y.length, "targets");
    Checks.finite(y, "target");
    Checks.finite(pred, "prediction");
  }
}
