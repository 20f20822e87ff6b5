package io.workbench.analysis;

import io.workbench.model.Model;

/**
 * Evaluates a model on rows produced on demand, a batch at a time, so that perturbed copies of the data
 * never all sit in memory at once (package-internal).
 */
final class Batches {

  /** Default cap on the values held by one batch (rows x features): 2^25 floats, 128 MiB. */
  static final long DEFAULT_MAX_CELLS = 1L << 25;

  private Batches() {}

  /** Writes row {@code i} of the virtual matrix into {@code dest} (a fresh or reused array). */
  @FunctionalInterface
  interface RowFiller {
    void fill(long i, float[] dest);
  }

  /** Receives the model output for virtual row {@code i}. */
  @FunctionalInterface
  interface OutputSink {
    void accept(long i, float[] output);
  }

  /** Rows per call: at most {@code batchRows}, and at most {@code maxCells / width} (at least 1). */
  static int rowsPerCall(int batchRows, int width, long maxCells) {
    long byCells = Math.max(1, maxCells / Math.max(1, width));
    return (int) Math.max(1, Math.min(batchRows, byCells));
  }

  /** Runs {@code total} virtual rows through the model in batches; returns the number of calls. */
  static int run(Model model, long total, int width, int batchRows, long maxCells, RowFiller filler, OutputSink sink) {
    int per = rowsPerCall(batchRows, width, maxCells);
    float[][] buf = new float[(int) Math.min(per, Math.max(1, total))][width];
    int calls = 0;
    for (long start = 0; start < total; start += per) {
      if (Thread.currentThread().isInterrupted()) {
        throw new io.workbench.progress.Cancellation.CancelledException();
      }
      int m = (int) Math.min(per, total - start);
      float[][] x = m == buf.length ? buf : java.util.Arrays.copyOf(buf, m);
      for (int r = 0; r < m; r++) {
        filler.fill(start + r, x[r]);
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
