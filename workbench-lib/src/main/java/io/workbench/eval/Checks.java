package io.workbench.eval;

/** Input checks shared by the metrics: fail fast naming the argument, row and expectation. */
final class Checks {

  /** Tolerance on a probability row's sum (probabilities from float models sum to 1 within ~1e-6). */
  static final double SUM_TOLERANCE = 1e-3;

  private Checks() {}

  static void sameLength(String a, int na, String b, int nb) {
    if (na != nb) {
      throw new IllegalArgumentException(a + " has " + na + " rows but " + b + " has " + nb + "; they must match");
    }
  }

  static void nonEmpty(String what, int n) {
    if (n == 0) {
      throw new IllegalArgumentException(what + " is empty; metrics need at least one row");
    }
  }

  /** Checks a probability matrix and labels; returns the class count. */
  static int probabilities(int[] y, double[][] proba) {
    if (y == null || proba == null) {
      throw new IllegalArgumentException("labels and probabilities must not be null");
    }
    sameLength("labels", y.length, "probabilities", proba.length);
    nonEmpty("labels", y.length);
    int k = proba[0] == null ? 0 : proba[0].length;
    if (k < 2) {
      throw new IllegalArgumentException(
          "probabilities need one column per class (at least 2); row 0 has " + k);
    }
    for (int i = 0; i < proba.length; i++) {
      double[] row = proba[i];
      if (row == null || row.length != k) {
        throw new IllegalArgumentException(
            "probabilities row " + i + " has " + (row == null ? 0 : row.length) + " values, expected " + k);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        double p = row[c];
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException(
              "probabilities row " + i + ", class " + c + " is " + p + "; expected a probability in [0, 1]");
        }
        sum += p;
      }
      if (Math.abs(sum - 1) > SUM_TOLERANCE) {
        throw new IllegalArgumentException(
            "probabilities row " + i + " sums to " + sum + "; expected 1 (within " + SUM_TOLERANCE + ")");
      }
    }
    labels(y, k);
    return k;
  }

  static void labels(int[] y, int k) {
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0 || y[i] >= k) {
        throw new IllegalArgumentException(
            "label at row " + i + " is " + y[i] + "; expected a class index 0.." + (k - 1));
      }
    }
  }

  static void binaryLabels(int[] y) {
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException("label at row " + i + " is " + y[i] + "; expected 0 or 1");
      }
    }
  }

  static void finite(String what, double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(what + " at row " + i + " is " + v[i] + "; expected a finite number");
      }
    }
  }

  static void probability(String what, double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!(v[i] >= 0 && v[i] <= 1)) {
        throw new IllegalArgumentException(
            what + " at row " + i + " is " + v[i] + "; expected a probability in [0, 1]");
      }
    }
  }

  static void bins(int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be at least 1, got " + bins);
    }
  }
}
