package io.workbench.analysis.representation;

/**
 * One-vs-rest ridge regression on one-hot targets, predicting the class with the largest score
 * (scikit-learn's {@code RidgeClassifier} with 0/1 targets). The penalty is {@code alpha} times the mean
 * squared row norm of the centred training features, so it does not depend on the scale of the activations.
 * Solved in closed form, in the dual ({@code n x n}) when there are more features than rows.
 */
final class RidgeClassifier {

  private final double[] mean;
  private final double[] yMean;
  /** Primal weights ({@code d x k}), or null in the dual. */
  private final double[][] weights;
  /** Dual training rows (centred) and coefficients ({@code n x k}), or null in the primal. */
  private final double[][] rows;
  private final double[][] dual;

  private RidgeClassifier(double[] mean, double[] yMean, double[][] weights, double[][] rows, double[][] dual) {
    this.mean = mean;
    this.yMean = yMean;
    this.weights = weights;
    this.rows = rows;
    this.dual = dual;
  }

  static RidgeClassifier fit(double[][] x, int[] y, int classes, double alpha) {
    int n = x.length;
    int d = x[0].length;
    double[] mean = Matrices.columnMeans(x);
    double[][] xc = Matrices.subtract(x, mean);
    double[] yMean = new double[classes];
    for (int label : y) {
      yMean[label] += 1.0 / n;
    }
    double[][] yc = new double[n][classes];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < classes; c++) {
        yc[i][c] = (y[i] == c ? 1 : 0) - yMean[c];
      }
    }
    double trace = 0;
    for (double[] r : xc) {
      trace += Matrices.dot(r, r);
    }
    double lambda = Math.max(alpha * trace / n, 1e-12);
    if (d <= n) {
      double[][] w = Matrices.solveRidge(Matrices.crossProduct(xc, xc), lambda, Matrices.crossProduct(xc, yc));
      return new RidgeClassifier(mean, yMean, w, null, null);
    }
    double[][] a = Matrices.solveRidge(Matrices.gram(xc, xc), lambda, yc);
    return new RidgeClassifier(mean, yMean, null, xc, a);
  }

  int[] predict(double[][] x) {
    int k = yMean.length;
    int[] out = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] xc = new double[mean.length];
      for (int j = 0; j < mean.length; j++) {
        xc[j] = x[i][j] - mean[j];
      }
      double[] s = yMean.clone();
      if (weights != null) {
        for (int j = 0; j < xc.length; j++) {
          for (int c = 0; c < k; c++) {
            s[c] += xc[j] * weights[j][c];
          }
        }
      } else {
        for (int r = 0; r < rows.length; r++) {
          double g = Matrices.dot(xc, rows[r]);
          for (int c = 0; c < k; c++) {
            s[c] += g * dual[r][c];
          }
        }
      }
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (s[c] > s[best]) {
          best = c;
        }
      }
      out[i] = best;
    }
    return out;
  }
}
