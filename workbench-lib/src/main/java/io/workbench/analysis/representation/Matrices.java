package io.workbench.analysis.representation;

import java.util.Arrays;

/** The small dense linear algebra the representation tools share (double precision, row-major). */
final class Matrices {

  private Matrices() {}

  /** A double copy of a float matrix, checking that rows are non-empty, equally long and finite. */
  static double[][] toDouble(float[][] x, String what) {
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException(what + ": expected at least one row, got "
          + (x == null ? "null" : "0 rows"));
    }
    int d = x[0] == null ? 0 : x[0].length;
    if (d == 0) {
      throw new IllegalArgumentException(what + ": row 0 is empty; expected at least one value per row");
    }
    double[][] out = new double[x.length][d];
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null || x[i].length != d) {
        throw new IllegalArgumentException(what + ": row " + i + " has "
            + (x[i] == null ? "no" : x[i].length) + " values, expected " + d + " like row 0");
      }
      for (int j = 0; j < d; j++) {
        float v = x[i][j];
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException(what + ": row " + i + ", column " + j + " is " + v
              + "; expected a finite value");
        }
        out[i][j] = v;
      }
    }
    return out;
  }

  /** Column means. */
  static double[] columnMeans(double[][] x) {
    double[] m = new double[x[0].length];
    for (double[] row : x) {
      for (int j = 0; j < m.length; j++) {
        m[j] += row[j];
      }
    }
    for (int j = 0; j < m.length; j++) {
      m[j] /= x.length;
    }
    return m;
  }

  /** {@code x - mean} row by row, as a new matrix. */
  static double[][] subtract(double[][] x, double[] mean) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = new double[mean.length];
      for (int j = 0; j < mean.length; j++) {
        out[i][j] = x[i][j] - mean[j];
      }
    }
    return out;
  }

  /** Column-centred copy. */
  static double[][] centre(double[][] x) {
    return subtract(x, columnMeans(x));
  }

  /** {@code a b^T}: rows of a against rows of b. */
  static double[][] gram(double[][] a, double[][] b) {
    double[][] g = new double[a.length][b.length];
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < b.length; k++) {
        g[i][k] = dot(a[i], b[k]);
      }
    }
    return g;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  /** {@code H K H} with {@code H = I - 11^T/n}: subtracts row and column means and adds the grand mean. */
  static double[][] doubleCentre(double[][] k) {
    int n = k.length;
    double[] rowMean = new double[n];
    double grand = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        rowMean[i] += k[i][j];
      }
      grand += rowMean[i];
      rowMean[i] /= n;
    }
    grand /= (double) n * n;
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        // K is symmetric: column means equal row means
        c[i][j] = k[i][j] - rowMean[i] - rowMean[j] + grand;
      }
    }
    return c;
  }

  /** Frobenius inner product. */
  static double frobenius(double[][] a, double[][] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += dot(a[i], b[i]);
    }
    return s;
  }

  /**
   * Solves {@code (A + lambda I) X = B} for symmetric positive semi-definite {@code A} by Cholesky
   * ({@code lambda > 0} makes it definite). {@code A} is not changed.
   */
  static double[][] solveRidge(double[][] a, double lambda, double[][] b) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j] + (i == j ? lambda : 0);
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new IllegalArgumentException("ridge system is not positive definite (pivot " + s + " at " + i
                + "); use a larger regularisation");
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    int m = b[0].length;
    double[][] x = new double[n][m];
    for (int c = 0; c < m; c++) {
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        double s = b[i][c];
        for (int k = 0; k < i; k++) {
          s -= l[i][k] * y[k];
        }
        y[i] = s / l[i][i];
      }
      for (int i = n - 1; i >= 0; i--) {
        double s = y[i];
        for (int k = i + 1; k < n; k++) {
          s -= l[k][i] * x[k][c];
        }
        x[i][c] = s / l[i][i];
      }
    }
    return x;
  }

  /** {@code a^T b}: columns of a against columns of b. */
  static double[][] crossProduct(double[][] a, double[][] b) {
    int p = a[0].length;
    int q = b[0].length;
    double[][] out = new double[p][q];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < p; j++) {
        double v = a[i][j];
        if (v == 0) {
          continue;
        }
        double[] o = out[j];
        double[] br = b[i];
        for (int k = 0; k < q; k++) {
          o[k] += v * br[k];
        }
      }
    }
    return out;
  }

  static double[][] copy(double[][] x) {
    double[][] c = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      c[i] = Arrays.copyOf(x[i], x[i].length);
    }
    return c;
  }
}
