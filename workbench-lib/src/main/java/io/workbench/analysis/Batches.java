package io.workbench.analysis;

import io.workbench.model.Model;

/**
 * Evaluates a model on rows produced on demand, a batch at a time, so that perturbed copies of the data
 * never all sit in memory at once (package-internal).
 */
public final class Batches {

  /** Default cap on the values held by one batch (rows x features): 2^25 floats, 128 MiB. */
  public static final long DEFAULT_MAX_CELLS = 1L << 25;

  private Batches() {}

  /** Writes row {@code i} of the virtual matrix into {@code dest} (a fresh or reused array). */
  @FunctionalInterface
  public interface RowFiller {
    void fill(long i, float[] dest);
  }

  /**
   * Like {@link RowFiller}, but told which virtual row the same array held before ({@code -1} when
   * fresh), so it can patch the few values that differ instead of copying a whole wide row.
   */
  @FunctionalInterface
  public interface PatchingFiller {
    void fill(long i, float[] dest, long previous);
  }

  /** Receives the model output for virtual row {@code i}. */
  @FunctionalInterface
  public interface OutputSink {
    void accept(long i, float[] output);
  }

  /** Rows per call: at most {@code batchRows}, and at most {@code maxCells / width} (at least 1). */
  public static int rowsPerCall(int batchRows, int width, long maxCells) {
    long byCells = Math.max(1, maxCells / Math.max(1, width));
    return (int) Math.max(1, Math.min(batchRows, byCells));
  }

  /** Runs {@code total} virtual rows through the model in batches; returns the number of calls. */
  public static int run(Model model, long total, int width, int batchRows, long maxCells, RowFiller filler, OutputSink sink) {
    return run(model, total, width, batchRows, maxCells, 1, (i, dest, prev) -> filler.fill(i, dest), sink);
  }

  /**
   * Runs {@code total} virtual rows through the model; each buffer row is reused from batch to batch,
   * and when {@code period} fits into a batch, the batch size is a multiple of it, so buffer row
   * {@code r} always holds virtual rows {@code v} with the same {@code v % period}.
   */
  public static int run(Model model, long total, int width, int batchRows, long maxCells, int period, PatchingFiller filler,
      OutputSink sink) {
    int per = rowsPerCall(batchRows, width, maxCells);
    if (period > 1 && per >= period) {
      per -= per % period;
    }
    float[][] buf = new float[(int) Math.min(per, Math.max(1, total))][width];
    long[] held = new long[buf.length];
    java.util.Arrays.fill(held, -1);
    int calls = 0;
    for (long start = 0; start < total; start += per) {
      if (Thread.currentThread().isInterrupted()) {
        throw new io.workbench.progress.Cancellation.CancelledException();
      }
      int m = (int) Math.min(per, total - start);
      float[][] x = m == buf.length ? buf : java.util.Arrays.copyOf(buf, m);
      for (int r = 0; r < m; r++) {
        filler.fill(start + r, x[r], held[r]);
        held[r] = start + r;
      }
      float[][] out = model.predictProba(x);
      calls++;
      if (out.length != m) {
        throw new IllegalStateException("Model returned " + out.length + " rows for a batch of " + m);
      }
      for (int r = 0; r < m; r++) {
        sink.accept(start + r, out[r]);
      }
    }
    return calls;
  }
}
