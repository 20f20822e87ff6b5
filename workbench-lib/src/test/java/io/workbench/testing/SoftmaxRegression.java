package io.workbench.testing;

import io.workbench.data.Dataset;
import io.workbench.model.Trainer;

/**
 * The hand-written multinomial logistic regression of the tests: fitted on standardised features by
 * full-batch gradient descent on the mean cross-entropy plus an L2 penalty, the standardisation then folded
 * into raw-feature weights of a {@link SoftmaxModel}. Deterministic (zero start), no randomness, so it needs
 * no seed.
 *
 * <pre>{@code
 * SoftmaxModel m = new SoftmaxRegression(200, 1.0, 1e-3).fit(Datasets.digits());
 * }</pre>
 */
public final class SoftmaxRegression implements Trainer {

  private final int iterations;
  private final double learningRate;
  private final double l2;

  /**
   * @param iterations gradient steps
   * @param learningRate step size on standardised features
   * @param l2 the L2 penalty on the weights
   */
  public SoftmaxRegression(int iterations, double learningRate, double l2) {
    this.iterations = iterations;
    this.learningRate = learningRate;
    this.l2 = l2;
  }

  @Override
  public SoftmaxModel fit(Dataset train) {
    float[][] raw = train.x();
    int[] y = train.y();
    int n = raw.length;
    int d = train.numFeatures();
    int k = train.numClasses();
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (float[] row : raw) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (float[] row : raw) {
      for (int j = 0; j < d; j++) {
        scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]);
      }
    }
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(scale[j] / n);
      scale[j] = sd > 1e-12 ? sd : 1.0;
    }
    double[][] x = standardise(raw, mean, scale);
    double[][] w = new double[k][d];
    double[] b = new double[k];
    double[][] p = new double[n][k];
    double[][] gw = new double[k][d];
    double[] gb = new double[k];
    for (int it = 0; it < iterations; it++) {
      forward(x, w, b, p);
      for (double[] row : gw) {
        java.util.Arrays.fill(row, 0);
      }
      java.util.Arrays.fill(gb, 0);
      for (int i = 0; i < n; i++) {
        double[] xi = x[i];
        for (int c = 0; c < k; c++) {
          double e = p[i][c] - (y[i] == c ? 1 : 0);
          if (e == 0) {
            continue;
          }
          gb[c] += e;
          double[] g = gw[c];
          for (int j = 0; j < d; j++) {
            g[j] += e * xi[j];
          }
        }
      }
      for (int c = 0; c < k; c++) {
        for (int j = 0; j < d; j++) {
          w[c][j] -= learningRate * (gw[c][j] / n + l2 * w[c][j]);
        }
        b[c] -= learningRate * gb[c] / n;
      }
    }
    double[][] wRaw = new double[k][d];
    double[] bias = new double[k];
    for (int c = 0; c < k; c++) {
      bias[c] = b[c];
      for (int j = 0; j < d; j++) {
        wRaw[c][j] = w[c][j] / scale[j];
        bias[c] -= w[c][j] * mean[j] / scale[j];
      }
    }
    return SoftmaxModel.of(wRaw, bias, train.features(), train.classNames());
  }

  private static double[][] standardise(float[][] raw, double[] mean, double[] scale) {
    double[][] x = new double[raw.length][mean.length];
    for (int i = 0; i < raw.length; i++) {
      if (raw[i].length != mean.length) {
        throw new IllegalArgumentException("Row " + i + " has " + raw[i].length + " features, expected " + mean.length);
      }
      for (int j = 0; j < mean.length; j++) {
        x[i][j] = (raw[i][j] - mean[j]) / scale[j];
      }
    }
    return x;
  }

  private static void forward(double[][] x, double[][] w, double[] b, double[][] p) {
    int k = b.length;
    for (int i = 0; i < x.length; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double z = b[c];
        double[] wc = w[c];
        for (int j = 0; j < wc.length; j++) {
          z += wc[j] * x[i][j];
        }
        p[i][c] = z;
        max = Math.max(max, z);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        p[i][c] = Math.exp(p[i][c] - max);
        sum += p[i][c];
      }
      for (int c = 0; c < k; c++) {
        p[i][c] /= sum;
      }
    }
  }
}
