package io.workbench.analysis;

import io.workbench.model.Model;
import io.workbench.progress.Cancellation;
import io.workbench.progress.ProgressEvent;
import io.workbench.progress.ProgressListener;
import io.workbench.progress.ProgressTask;
import io.workbench.run.RunOptions;
import io.workbench.run.Workers;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of a long analysis (the machinery the analysis wings share, not an entry point for users): one
 * progress listener for the whole run, cancellation between batches, and batched evaluation of rows that
 * are generated on demand, so that perturbed copies of the data never all sit in memory at once. Batches
 * go to the model from up to {@link RunOptions#workerThreads()} threads; every generated row's output
 * lands in its own slot, so results never depend on the thread count or the batch size.
 *
 * <pre>{@code
 * try (AnalysisRun run = AnalysisRun.start("partial dependence", rows * grid, options)) {
 *   run.evaluate(model, rows * grid, d, (v, dest) -> fill(v, dest), (v, out) -> ice[v] = out[k]);
 * }
 * }</pre>
 */
public final class AnalysisRun implements AutoCloseable {

  /** Cap on the values held by one batch buffer (rows x features): 2^25 floats, 128 MiB. */
  public static final long MAX_CELLS = 1L << 25;

  /** Cap on the values held by all workers' buffers together: 2^27 floats, 512 MiB. */
  private static final long MAX_TOTAL_CELLS = 1L << 27;

  /** Writes generated row {@code i} into {@code dest} (a fresh or reused array). */
  @FunctionalInterface
  public interface RowFiller {
    /** Fills {@code dest} with row {@code i}. */
    void fill(long i, float[] dest);
  }

  /**
   * Like {@link RowFiller}, but told which generated row the same array held before ({@code -1} when
   * fresh), so it can patch the few values that differ instead of copying a whole wide row.
   */
  @FunctionalInterface
  public interface PatchingFiller {
    /** Fills {@code dest} with row {@code i}; it held row {@code previous} before. */
    void fill(long i, float[] dest, long previous);
  }

  /** Receives the model output for generated row {@code i}; called at most once per row, from any worker. */
  @FunctionalInterface
  public interface OutputSink {
    /** Takes the output of row {@code i}; copy the array to keep it beyond the call. */
    void accept(long i, float[] output);
  }

  private final String task;
  private final long total;
  private final RunOptions options;
  private final ProgressListener listener;
  private final Cancellation cancellation;
  private final AtomicLong done = new AtomicLong();

  private AnalysisRun(String task, long total, RunOptions options) {
    this.task = task;
    this.total = total;
    this.options = options;
    this.listener = options.listener();
    this.cancellation = options.cancellation();
  }

  /**
   * Starts a run that reports to the options' listener.
   *
   * @param total units of work in all (model rows unless the caller reports other units), or -1 when unknown
   */
  public static AnalysisRun start(String task, long total, RunOptions options) {
    return new AnalysisRun(task, total, options);
  }

  /** The run options. */
  public RunOptions options() {
    return options;
  }

  /** Throws {@link Cancellation.CancelledException} when the run was cancelled or its thread interrupted. */
  public void check() {
    cancellation.check();
  }

  /** Reports {@code units} more done. */
  public void advance(long units, String detail) {
    long d = done.addAndGet(units);
    listener.onProgress(new ProgressEvent(task, d, total, detail, Map.of(), false));
  }

  /** Reports the end of the run (also after a failure or cancellation). */
  @Override
  public void close() {
    long d = done.get();
    listener.onProgress(new ProgressEvent(task, d, total, total < 0 || d >= total ? "done" : "stopped at " + d,
        Map.of(), true));
  }

  /** Rows per model call: at most {@code batchRows}, and at most {@code maxCells / width} (at least 1). */
  public static int rowsPerCall(int batchRows, int width, long maxCells) {
    long byCells = Math.max(1, maxCells / Math.max(1, width));
    return (int) Math.max(1, Math.min(batchRows, byCells));
  }

  /** Runs {@code rows} generated rows through the model in batches; returns the number of model calls. */
  public int evaluate(Model model, long rows, int width, RowFiller filler, OutputSink sink) {
    return evaluate(model, rows, width, 1, (i, dest, prev) -> filler.fill(i, dest), sink);
  }

  /**
   * Runs {@code rows} generated rows through the model; each buffer row is reused from batch to batch, and
   * when {@code period} fits into a batch, the batch size is a multiple of it, so buffer row {@code r} always
   * holds generated rows {@code v} with the same {@code v % period}. Progress advances by the rows done.
   */
  public int evaluate(Model model, long rows, int width, int period, PatchingFiller filler, OutputSink sink) {
    int per = rowsPerCall(options.batchRows(), width, MAX_CELLS);
    if (period > 1 && per >= period) {
      per -= per % period;
    }
    long batches = (rows + per - 1) / per;
    long byMemory = MAX_TOTAL_CELLS / ((long) per * Math.max(1, width));
    int threads = (int) Math.max(1, Math.min(Math.min(options.workerThreads(), batches), byMemory));
    int batchRows = per;
    AtomicLong next = new AtomicLong();
    AtomicLong calls = new AtomicLong();
    Runnable worker = () -> {
      float[][] buf = new float[(int) Math.min(batchRows, Math.max(1, rows))][width];
      long[] held = new long[buf.length];
      Arrays.fill(held, -1);
      for (long b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
        check();
        long start = b * batchRows;
        int m = (int) Math.min(batchRows, rows - start);
        float[][] x = m == buf.length ? buf : Arrays.copyOf(buf, m);
        for (int r = 0; r < m; r++) {
          filler.fill(start + r, x[r], held[r]);
          held[r] = start + r;
        }
        float[][] out = model.predictProba(x);
        calls.incrementAndGet();
        if (out.length != m) {
          throw new IllegalStateException("Model returned " + out.length + " rows for a batch of " + m);
        }
        for (int r = 0; r < m; r++) {
          sink.accept(start + r, out[r]);
        }
        advance(m, "model rows");
      }
    };
    if (threads == 1) {
      worker.run();
    } else {
      parallel(threads, worker);
    }
    return (int) calls.get();
  }

  /**
   * Runs {@code threads} copies of {@code worker} (each takes batches until none is left) through the library's
   * one worker pool, which also gives each its share of the native threads.
   */
  private void parallel(int threads, Runnable worker) {
    try (ProgressTask pool = ProgressTask.start(task, threads, ProgressListener.silent(), cancellation)) {
      Workers.run(threads, threads, options, pool, (copy, w) -> worker.run());
    }
  }
}
