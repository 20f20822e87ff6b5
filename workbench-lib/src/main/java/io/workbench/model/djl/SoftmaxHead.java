package io.workbench.model.djl;

/**
 * A linear softmax layer over fixed inputs, {@code logits = W in + b}, in plain Java: the last layer of a
 * prototype network (from similarities) and the task head of a concept bottleneck (from concepts). Weights
 * are {@code classes x inputs}, row-major; the bias may be {@code null} (none).
 */
final class SoftmaxHead {

  private SoftmaxHead() {}

  /** The logits of one input vector. */
  static double[] logits(float[] w, float[] b, int k, float[] in) {
    int d = in.length;
    double[] z = new double[k];
    for (int c = 0; c < k; c++) {
      double v = b == null ? 0 : b[c];
      for (int j = 0; j < d; j++) {
        v += (double) w[c * d + j] * in[j];
      }
      z[c] = v;
    }
    return z;
  }

  /** Softmax probabilities of logits (as floats). */
  static float[] softmax(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    double[] e = new double[z.length];
    for (int c = 0; c < z.length; c++) {
      e[c] = Math.exp(z[c] - max);
      sum += e[c];
    }
    float[] p = new float[z.length];
    for (int c = 0; c < z.length; c++) {
      p[c] = (float) (e[c] / sum);
    }
    return p;
  }

  /**
   * Gradients of the mean cross-entropy over the rows: {@code {dW, db}} ({@code db} is {@code null} without
   * a bias).
   */
  static float[][] gradients(float[] w, float[] b, int k, float[][] in, int[] y) {
    int n = in.length;
    int d = in[0].length;
    float[] gw = new float[w.length];
    float[] gb = b == null ? null : new float[k];
    for (int i = 0; i < n; i++) {
      double[] z = logits(w, b, k, in[i]);
      float[] p = softmax(z);
      for (int c = 0; c < k; c++) {
        double err = (p[c] - (y[i] == c ? 1 : 0)) / (double) n;
        for (int j = 0; j < d; j++) {
          gw[c * d + j] += (float) (err * in[i][j]);
        }
        if (gb != null) {
          gb[c] += (float) err;
        }
      }
    }
    return new float[][] {gw, gb};
  }
}
