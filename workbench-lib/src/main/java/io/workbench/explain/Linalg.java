package io.workbench.explain;

/** Small dense linear algebra for the surrogate fits (normal equations of a few hundred unknowns at most). */
final class Linalg {

  private Linalg() {}

  /**
   * Solves {@code A x = b} for symmetric positive (semi-)definite {@code A} by Cholesky; when {@code A} is
   * singular a tiny ridge ({@code 1e-10} of the mean diagonal, growing) is added. {@code A} is not changed.
   */
  static double[] solveSpd(double[][] a, double[] b) {
    if (b.length == 0) {
      return new double[0];
    }
    return substitute(factor(a), b);
  }

  /**
   * Solves {@code A x = b} for each right-hand side {@code b} of {@code rhs} with one Cholesky factorisation (as
   * {@link #solveSpd(double[][], double[])}); returns one solution per right-hand side.
   */
  static double[][] solveSpd(double[][] a, double[][] rhs) {
    double[][] out = new double[rhs.length][];
    if (a.length == 0) {
      for (int r = 0; r < rhs.length; r++) {
        out[r] = new double[0];
      }
      return out;
    }
    double[][] l = factor(a);
    for (int r = 0; r < rhs.length; r++) {
      out[r] = substitute(l, rhs[r]);
    }
    return out;
  }

  /**
   * The lower Cholesky factor {@code L} of {@code A = L L'}, with the growing ridge of
   * {@link #solveSpd(double[][], double[])}.
   */
  static double[][] factor(double[][] a) {
    int n = a.length;
    double trace = 0;
    for (int i = 0; i < n; i++) {
      trace += a[i][i];
    }
    double jitter = 0;
    double scale = trace > 0 ? trace / n : 1;
    for (int attempt = 0; attempt < 12; attempt++) {
      double[][] l = cholesky(a, jitter);
      if (l != null) {
        return l;
      }
      jitter = jitter == 0 ? 1e-10 * scale : jitter * 10;
    }
    throw new IllegalStateException("linear system is not solvable (matrix not positive definite)");
  }

  /** The lower Cholesky factor of {@code A}, or {@code null} when {@code A} is not positive definite (no ridge). */
  static double[][] factorOrNull(double[][] a) {
    return cholesky(a, 0);
  }

  /** Forward substitution with the factor {@code L}: solves {@code L y = b}. */
  static double[] forward(double[][] l, double[] b) {
    int n = b.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      double[] li = l[i];
      for (int k = 0; k < i; k++) {
        s -= li[k] * y[k];
      }
      y[i] = s / li[i];
    }
    return y;
  }

  /**
   * Forward substitution for many right-hand sides at once: {@code b} holds one right-hand side per column
   * ({@code n x k}); returns {@code L^-1 b} (row operations over the columns, which vectorise).
   */
  static double[][] forwardColumns(double[][] l, double[][] b) {
    int n = b.length;
    double[][] y = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] yi = b[i].clone();
      double[] li = l[i];
      for (int k = 0; k < i; k++) {
        double c = li[k];
        if (c != 0) {
          double[] yk = y[k];
          for (int u = 0; u < yi.length; u++) {
            yi[u] -= c * yk[u];
          }
        }
      }
      double d = li[i];
      for (int u = 0; u < yi.length; u++) {
        yi[u] /= d;
      }
      y[i] = yi;
    }
    return y;
  }

  /** Forward and back substitution with the factor {@code L}: solves {@code L L' x = b}. */
  static double[] substitute(double[][] l, double[] b) {
    return backward(l, forward(l, b));
  }

  /** Back substitution with the factor {@code L}: solves {@code L' x = y}. */
  static double[] backward(double[][] l, double[] y) {
    int n = y.length;
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }

  private static double[][] cholesky(double[][] a, double jitter) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j] + (i == j ? jitter : 0);
        double[] li = l[i];
        double[] lj = l[j];
        for (int k = 0; k < j; k++) {
          s -= li[k] * lj[k];
        }
        if (i == j) {
          if (!(s > 1e-300)) {
            return null;
          }
          li[i] = Math.sqrt(s);
        } else {
          li[j] = s / lj[j];
        }
      }
    }
    return l;
  }

  /**
   * Weighted least squares {@code min sum_k w_k (y_k - X_k beta)^2 + ridge |beta|^2} through the normal
   * equations; rows of {@code x} are dense.
   */
  static double[] weightedLeastSquares(double[][] x, double[] y, double[] w, double ridge) {
    int p = x.length == 0 ? 0 : x[0].length;
    double[][] a = new double[p][p];
    double[] b = new double[p];
    int[] nz = new int[p];
    for (int k = 0; k < x.length; k++) {
      double[] row = x[k];
      double wk = w[k];
      if (wk == 0) {
        continue;
      }
      // only the non-zero entries take part (coalition designs are sparse-ish 0/1/-1 rows)
      int cnt = 0;
      for (int i = 0; i < p; i++) {
        if (row[i] != 0) {
          nz[cnt++] = i;
        }
      }
      for (int u = 0; u < cnt; u++) {
        int i = nz[u];
        double wi = wk * row[i];
        b[i] += wi * y[k];
        double[] ai = a[i];
        for (int v = 0; v <= u; v++) {
          int j = nz[v];
          ai[j] += wi * row[j];
        }
      }
    }
    for (int i = 0; i < p; i++) {
      a[i][i] += ridge;
      for (int j = 0; j < i; j++) {
        a[j][i] = a[i][j];
      }
    }
    return solveSpd(a, b);
  }

  /**
   * The indices of the {@code k} entries of {@code v} largest in absolute value (ties: the lower index first),
   * ascending.
   */
  static int[] largestMagnitudes(double[] v, int k) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(v[b]), Math.abs(v[a])));
    int[] chosen = new int[k];
    for (int i = 0; i < k; i++) {
      chosen[i] = order[i];
    }
    java.util.Arrays.sort(chosen);
    return chosen;
  }
}
