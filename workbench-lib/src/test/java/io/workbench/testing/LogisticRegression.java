package io.workbench.testing;

import io.workbench.data.Dataset;
import io.workbench.model.Trainer;
import java.util.List;
import java.util.Random;

/**
 * The hand-written binary logistic regression of the tests: elastic net (L1 + L2) trained by FISTA
 * (accelerated proximal gradient) on standardised features, the standardisation folded into raw-feature
 * weights; the fitted model is a {@link TestModels.Logistic} (with {@link io.workbench.model.LinearInput}).
 * With {@code l1 = 0} it is plain L2 logistic regression by Nesterov-accelerated gradient descent.
 *
 * <pre>{@code
 * TestModels.Logistic m = LogisticRegression.fit(x, y, names, 0.0, 1e-3, 60);
 * Trainer t = LogisticRegression.trainer(60, 7L);    // on a bootstrap sample of the rows: seeds differ
 * }</pre>
 */
public final class LogisticRegression {

  private LogisticRegression() {}

  /**
   * A trainer with L2 penalty 1e-3 and no L1; with a {@code bootstrapSeed} it fits on a bootstrap sample of
   * the training rows, so that seeds give different models (Rashomon sets); with {@code null} on all rows.
   */
  public static Trainer trainer(int iterations, Long bootstrapSeed) {
    return (Dataset train) -> {
      float[][] x = train.x();
      int[] y = train.y();
      if (bootstrapSeed != null) {
        Random rnd = new Random(bootstrapSeed);
        float[][] bx = new float[x.length][];
        int[] by = new int[y.length];
        for (int i = 0; i < x.length; i++) {
          int r = rnd.nextInt(x.length);
          bx[i] = x[r];
          by[i] = y[r];
        }
        x = bx;
        y = by;
      }
      return fit(x, y, train.features(), 0, 1e-3, iterations);
    };
  }

  /**
   * Fits on rows {@code x} with 0/1 labels {@code y}.
   *
   * @param l1 the L1 penalty (0: none)
   * @param lambda the L2 penalty
   * @param iterations FISTA steps
   */
  public static TestModels.Logistic fit(float[][] x, int[] y, List<String> names, double l1, double lambda,
      int iterations) {
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (float[] r : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += r[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (float[] r : x) {
      for (int j = 0; j < d; j++) {
        sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
      }
    }
    for (int j = 0; j < d; j++) {
      sd[j] = Math.sqrt(sd[j] / n);
      if (sd[j] == 0) {
        sd[j] = 1;
      }
    }
    float[][] z = new float[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        z[i][j] = (float) ((x[i][j] - mean[j]) / sd[j]);
      }
    }
    // smoothness of the mean logistic loss <= 0.25 * (largest eigenvalue of Z'Z / n) <= 0.25 * trace / n = 0.25 d
    // a practical step for standardised data: 1 / (0.25 * (1 + d / n) ^ 2 + lambda) (Marchenko-Pastur edge)
    double ratio = (double) d / n;
    double step = 1.0 / (0.25 * Math.pow(1 + Math.sqrt(ratio), 2) + lambda);
    double[] w = new double[d];
    double b = 0;
    double[] wPrev = new double[d];
    double bPrev = 0;
    double[] v = new double[d];
    double[] grad = new double[d];
    for (int it = 1; it <= iterations; it++) {
      double mom = (it - 1.0) / (it + 2.0);
      for (int j = 0; j < d; j++) {
        v[j] = w[j] + mom * (w[j] - wPrev[j]);
      }
      double vb = b + mom * (b - bPrev);
      java.util.Arrays.fill(grad, 0);
      double gb = 0;
      for (int i = 0; i < n; i++) {
        float[] zi = z[i];
        double s = vb;
        for (int j = 0; j < d; j++) {
          s += v[j] * zi[j];
        }
        double r = 1 / (1 + Math.exp(-s)) - y[i];
        gb += r;
        for (int j = 0; j < d; j++) {
          grad[j] += r * zi[j];
        }
      }
      System.arraycopy(w, 0, wPrev, 0, d);
      bPrev = b;
      for (int j = 0; j < d; j++) {
        double u = v[j] - step * (grad[j] / n + lambda * v[j]);
        w[j] = Math.signum(u) * Math.max(0, Math.abs(u) - step * l1);
      }
      b = vb - step * gb / n;
    }
    double[] raw = new double[d];
    double braw = b;
    for (int j = 0; j < d; j++) {
      raw[j] = w[j] / sd[j];
      braw -= w[j] * mean[j] / sd[j];
    }
    return new TestModels.Logistic(raw, braw, names);
  }
}
