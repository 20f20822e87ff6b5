package io.workbench.explain;

import io.workbench.model.FlatInput;
import io.workbench.model.Model;
import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * Evaluates the model on many masked rows in large batches and reduces each mask's rows to one number:
 * {@code v(m) = sum_b w_b f(row(m, b))[target(m)]}. Rows are built by a filler into reused buffers. A
 * stateful filler (one keeping incremental state, such as the Gray-code walk of exact Shapley) is called mask
 * by mask and background row by background row, in order, on one thread; a stateless one may be called from
 * {@code innerThreads} threads, batch by batch (used when a single row is explained). Each batch is reduced
 * on its own and batches are added in order, so the numbers never depend on the thread count. A {@link Link}
 * is applied to each mask's reduced value, {@code link(v(m))} (shap's order: link of the background mean).
 *
 * <p>A model that is a {@link FlatInput} (XGBoost) gets each batch as one flat array, filled row by row into a
 * buffer kept per worker: no {@code float[][]} of the batch, no new input array per batch. The filled values come
 * from the explained rows and the background, which were checked when the caller passed them.
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
  private final int innerThreads;
  private final float[][][] bufs;
  /** The flat path, or null: the model as a {@link FlatInput} and one flat input buffer per inner thread. */
  private final FlatInput flat;
  private final float[][] flatBufs;
  private final Link link;
  long evaluations;

  CoalitionEvaluator(Model model, double[] weights, int d, int batchRows, Work work) {
    this(model, weights, d, batchRows, work, 1);
  }

  CoalitionEvaluator(Model model, double[] weights, int d, int batchRows, Work work, int innerThreads) {
    this(model, weights, d, batchRows, work, innerThreads, Link.IDENTITY);
  }

  CoalitionEvaluator(Model model, double[] weights, int d, int batchRows, Work work, int innerThreads, Link link) {
    this.link = link;
    this.model = model;
    this.weights = weights;
    this.d = d;
    this.batchRows = batchRows;
    this.work = work;
    this.innerThreads = Math.max(1, innerThreads);
    this.bufs = new float[this.innerThreads][][];
    this.flat = model.as(FlatInput.class).orElse(null);
    this.flatBufs = new float[this.innerThreads][];
  }

  double[] evaluate(int numMasks, IntUnaryOperator target, Filler filler) {
    return evaluate(numMasks, target, filler, false);
  }

  double[] evaluate(int numMasks, IntUnaryOperator target, Filler filler, boolean stateless) {
    return evaluate(numMasks, target, filler, stateless, weights);
  }

  /**
   * The model's output {@code target(r)} for each of {@code rows} rows filled by {@code filler(r, 0, row)}
   * (stateless), one number per row: the evaluations of distinct masked rows, summed by the caller.
   */
  double[] each(int rows, IntUnaryOperator target, Filler filler) {
    return evaluate(rows, target, filler, true, UNIT);
  }

  private static final double[] UNIT = {1};

  private double[] evaluate(int numMasks, IntUnaryOperator target, Filler filler, boolean stateless,
      double[] weights) {
    if (numMasks == 0) {
      return new double[0];
    }
    int nb = weights.length;
    long total = (long) numMasks * nb;
    int batch = (int) Math.min(total, Math.max(batchRows, nb));
    int batches = (int) ((total + batch - 1) / batch);
    double[] v = new double[numMasks];
    double[][] partial = new double[batches][];
    int[] firstMask = new int[batches];
    Work.Task one = (k, w) -> {
      long start = (long) k * batch;
      int len = (int) Math.min(batch, total - start);
      Outputs out = flat != null ? predictFlat(w, batch, start, len, nb, filler)
          : predictRows(w, batch, start, len, nb, filler);
      int m0 = (int) (start / nb);
      int m1 = (int) ((start + len - 1) / nb);
      double[] part = new double[m1 - m0 + 1];
      int lastMask = -1;
      int t = 0;
      for (int q = 0; q < len; q++) {
        long r = start + q;
        int m = (int) (r / nb);
        if (m != lastMask) {
          t = target.applyAsInt(m);
          lastMask = m;
        }
        part[m - m0] += weights[(int) (r % nb)] * out.get(q, t);
      }
      partial[k] = part;
      firstMask[k] = m0;
    };
    if (stateless && innerThreads > 1 && batches > 1) {
      work.parallel(batches, innerThreads, one);
    } else {
      for (int k = 0; k < batches; k++) {
        work.check();
        one.run(k, 0);
      }
    }
    for (int k = 0; k < batches; k++) {
      double[] part = partial[k];
      for (int q = 0; q < part.length; q++) {
        v[firstMask[k] + q] += part[q];
      }
    }
    if (link != Link.IDENTITY) {
      for (int m = 0; m < numMasks; m++) {
        v[m] = link.apply(v[m]);
      }
    }
    evaluations += total;
    return v;
  }

  /** Output {@code t} of row {@code q} of one predicted batch. */
  private interface Outputs {
    float get(int q, int t);
  }

  /** Rows {@code start..start+len} filled into the worker's row buffers and predicted as a {@code float[][]}. */
  private Outputs predictRows(int w, int batch, long start, int len, int nb, Filler filler) {
    float[][] buf = buffer(w, batch);
    for (int q = 0; q < len; q++) {
      long r = start + q;
      filler.fill((int) (r / nb), (int) (r % nb), buf[q]);
    }
    float[][] in = len == buf.length ? buf : Arrays.copyOf(buf, len);
    float[][] out = model.predictProba(in);
    if (out.length != len) {
      throw new IllegalStateException("model returned " + out.length + " rows for " + len + " inputs");
    }
    return (q, t) -> out[q][t];
  }

  /** Rows {@code start..start+len} filled into the worker's flat buffer and predicted by {@link FlatInput}. */
  private Outputs predictFlat(int w, int batch, long start, int len, int nb, Filler filler) {
    float[][] rowBuf = buffer(w, 1);
    float[] row = rowBuf[0];
    float[] in = flatBufs[w];
    if (in == null || in.length < batch * d) {
      in = new float[Math.multiplyExact(batch, d)];
      flatBufs[w] = in;
    }
    for (int q = 0; q < len; q++) {
      long r = start + q;
      filler.fill((int) (r / nb), (int) (r % nb), row);
      System.arraycopy(row, 0, in, q * d, d);
    }
    float[] out = flat.predictProbaFlat(in, len);
    int width = flat.outputWidth();
    if (out.length != (long) len * width) {
      throw new IllegalStateException("model returned " + out.length + " values for " + len + " inputs of "
          + width + " outputs");
    }
    return (q, t) -> out[q * width + t];
  }

  private float[][] buffer(int worker, int batch) {
    float[][] buf = bufs[worker];
    if (buf == null || buf.length < batch) {
      float[][] nbuf = new float[batch][];
      int keep = buf == null ? 0 : buf.length;
      for (int k = 0; k < batch; k++) {
        nbuf[k] = k < keep ? buf[k] : new float[d];
      }
      bufs[worker] = nbuf;
      buf = nbuf;
    }
    return buf;
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
