package io.workbench.explain;

import io.workbench.model.Model;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Evaluates the model on many masked rows in large batches and reduces each mask's rows to one number:
 * {@code v(m) = sum_b w_b f(row(m, b))[target(m)]}. Rows are built by a filler into a reused buffer, mask by
 * mask and background row by background row, in that order (so fillers may keep incremental state). One
 * evaluator per worker thread.
 */
final class CoalitionEvaluator {

  /** Writes the model input for mask {@code mask} and background row {@code b} into {@code row}. */
  interface Filler {
    void fill(int mask, int b, float[] row);
  }

  private final Model model;
  private final double[] weights;
  private final int d;
  private final int batchRows;
  private final Work work;
  private float[][] buf;
  long evaluations;

  CoalitionEvaluator(Model model, double[] weights, int d, int batchRows, Work work) {
    this.model = model;
    this.weights = weights;
    this.d = d;
    this.batchRows = batchRows;
    this.work = work;
  }

  double[] evaluate(int numMasks, IntUnaryOperator target, Filler filler) {
    int nb = weights.length;
    long total = (long) numMasks * nb;
    int batch = (int) Math.min(total, Math.max(batchRows, nb));
    if (buf == null || buf.length < batch) {
      float[][] nbuf = new float[batch][];
      int keep = buf == null ? 0 : buf.length;
      for (int k = 0; k < batch; k++) {
        nbuf[k] = k < keep ? buf[k] : new float[d];
      }
      buf = nbuf;
    }
    double[] v = new double[numMasks];
    for (long start = 0; start < total; start += batch) {
      work.check();
      int len = (int) Math.min(batch, total - start);
      for (int k = 0; k < len; k++) {
        long r = start + k;
        filler.fill((int) (r / nb), (int) (r % nb), buf[k]);
      }
      float[][] in = len == buf.length ? buf : Arrays.copyOf(buf, len);
      float[][] out = model.predictProba(in);
      if (out.length != len) {
        throw new IllegalStateException("model returned " + out.length + " rows for " + len + " inputs");
      }
      int lastMask = -1;
      int t = 0;
      for (int k = 0; k < len; k++) {
        long r = start + k;
        int m = (int) (r / nb);
        if (m != lastMask) {
          t = target.applyAsInt(m);
          lastMask = m;
        }
        v[m] += weights[(int) (r % nb)] * out[k][t];
      }
    }
    evaluations += total;
    return v;
  }

  /** Copies {@code background} into {@code row}, then sets {@code features} to the explained row's values. */
  static void masked(float[] row, float[] background, float[] x, int[] features, int count) {
    System.arraycopy(background, 0, row, 0, row.length);
    for (int q = 0; q < count; q++) {
      int j = features[q];
      row[j] = x[j];
    }
  }
}
