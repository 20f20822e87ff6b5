package io.workbench.run;

import io.workbench.progress.Cancellation;
import io.workbench.progress.Progress;
import io.workbench.progress.ProgressListener;
import io.workbench.progress.ProgressTask;
import java.util.Objects;

/**
 * How a long operation runs: seed, worker threads, native threads, rows per model call, progress and
 * cancellation. Immutable; {@code withX} returns a changed copy. Results depend only on the seed, never on
 * the thread counts or the batch size.
 *
 * <p>Defaults: seed {@value #DEFAULT_SEED}; worker threads {@code 0} = automatic (see {@link
 * #workerThreads()}); native threads {@code 0} = automatic (see {@link #nativeThreadsFor(int)}); 8,192 rows
 * per model call; progress to {@link Progress#current()}; cancellation only by thread interrupt.
 *
 * <p>Threads. Java worker threads scale with the processors. Native threads (PyTorch intra-op, XGBoost's
 * OpenMP {@code nthread}) do not share a machine well: measured on a shared 2-core machine ({@code
 * bench/suites/threads.sh}), 2 native threads with OpenMP's default spinning trained an MLP and a CNN 10-40x
 * slower than with passive waits ({@code OMP_WAIT_POLICY=PASSIVE}, which the launcher, the kernelspec and the
 * tests set), and with passive waits the CNN still trained 1.3-2x faster at 1 thread than at 2. So the automatic
 * native count leaves half of the processors to other work.
 * Trainers, which drive native code from one Java thread, read their count with {@link
 * #trainerThreads(int)}. Results never depend on worker threads or batch size; XGBoost's and PyTorch's
 * inference do not depend on native threads either, but PyTorch's training of convolution and batch-norm
 * layers does (parallel reductions), which is why network trainers default to one native thread.
 *
 * <pre>{@code
 * RunOptions o = RunOptions.defaults().withSeed(7).withThreads(2);
 * Attribution a = Explain.kernelShap(model, background).options(o).explain(rows);
 * }</pre>
 */
public final class RunOptions implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  /** The one seed default of every operation. */
  public static final long DEFAULT_SEED = 42;

  /** Rows per model call unless changed. */
  public static final int DEFAULT_BATCH_ROWS = 8192;

  private static final RunOptions DEFAULTS =
      new RunOptions(DEFAULT_SEED, 0, 0, DEFAULT_BATCH_ROWS, null, null);

  private final long seed;
  private final int threads;
  private final int nativeThreads;
  private final int batchRows;
  /** Not serialised: a deserialised copy reports to the environment's default and has a fresh cancellation. */
  private final transient ProgressListener progress;
  private final transient Cancellation cancellation;

  private RunOptions(long seed, int threads, int nativeThreads, int batchRows, ProgressListener progress,
      Cancellation cancellation) {
    this.seed = seed;
    this.threads = threads;
    this.nativeThreads = nativeThreads;
    this.batchRows = batchRows;
    this.progress = progress;
    this.cancellation = cancellation;
  }

  /** The defaults described above. */
  public static RunOptions defaults() {
    return DEFAULTS;
  }

  /** Seed of every random choice. */
  public long seed() {
    return seed;
  }

  /** Worker threads as set: {@code 0} means automatic. */
  public int threads() {
    return threads;
  }

  /**
   * Worker threads to use: the setting, or when automatic the number of available processors (at least 1).
   */
  public int workerThreads() {
    return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Native threads as set: {@code 0} means automatic. */
  public int nativeThreads() {
    return nativeThreads;
  }

  /**
   * Native threads per worker when {@code workers} Java threads call native code at the same time: the
   * setting, or when automatic half of the available processors divided among the workers (at least 1), so
   * that workers times native threads never exceeds the processors and a machine shared with other work is not
   * oversubscribed (1 on a 2-core machine).
   */
  public int nativeThreadsFor(int workers) {
    if (nativeThreads > 0) {
      return nativeThreads;
    }
    return Math.max(1, nativeBudget() / Math.max(1, workers));
  }

  /**
   * Native threads of a trainer (one Java thread driving native code): {@link #nativeThreads()} when set, else
   * {@link #threads()} when set (a trainer's threads are its native threads), else {@code automatic}, the
   * trainer's own default.
   *
   * @param automatic what the trainer uses when neither is set, at least 1
   */
  public int trainerThreads(int automatic) {
    if (automatic < 1) {
      throw new IllegalArgumentException("automatic must be >= 1, got " + automatic);
    }
    return nativeThreads > 0 ? nativeThreads : threads > 0 ? threads : automatic;
  }

  /** Native threads the automatic settings share: half of the available processors, at least 1. */
  public static int nativeBudget() {
    return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  }

  /**
   * The thread counts set here (not the automatic ones) handed on to an operation this one runs, when it takes
   * run options (a trainer inside cross-validation); anything else comes back unchanged.
   *
   * <pre>{@code
   * Trainer t = options.passThreads(trainer);   // CrossValidation.of(mlp).threads(1) trains with 1 thread
   * }</pre>
   */
  @SuppressWarnings("unchecked")
  public <T> T passThreads(T operation) {
    if (!(operation instanceof RunSettings<?> rs) || (threads == 0 && nativeThreads == 0)) {
      return operation;
    }
    RunOptions o = rs.options();
    if (threads > 0) {
      o = o.withThreads(threads);
    }
    if (nativeThreads > 0) {
      o = o.withNativeThreads(nativeThreads);
    }
    return (T) rs.withOptions(o);
  }

  /**
   * Starts the progress task of an operation run with these options: it reports to {@link #progress()} (or,
   * when none is set, into a running outer task or a fresh {@link Progress#current()} bar) and checks {@link
   * #cancellation()}.
   *
   * <pre>{@code
   * try (ProgressTask task = options.start("cross-validation", folds)) { ... task.done("5 folds"); }
   * }</pre>
   */
  public ProgressTask start(String name, long total) {
    return ProgressTask.start(name, total, progress, cancellation);
  }

  /** Rows per model call. */
  public int batchRows() {
    return batchRows;
  }

  /** The listener as set, or {@code null} when progress goes to {@link Progress#current()}. */
  public ProgressListener progress() {
    return progress;
  }

  /** The listener to report to: the one set, else a fresh {@link Progress#current()}. */
  public ProgressListener listener() {
    return progress != null ? progress : Progress.current();
  }

  /** The cancellation to check: the one set, else one triggered only by a thread interrupt. */
  public Cancellation cancellation() {
    return cancellation != null ? cancellation : Cancellation.none();
  }

  /** A copy with another seed. */
  public RunOptions withSeed(long s) {
    return new RunOptions(s, threads, nativeThreads, batchRows, progress, cancellation);
  }

  /**
   * A copy with another worker thread count.
   *
   * @param n threads, at least 1, or 0 for automatic
   */
  public RunOptions withThreads(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("threads must be >= 1 (or 0 for automatic), got " + n);
    }
    return new RunOptions(seed, n, nativeThreads, batchRows, progress, cancellation);
  }

  /**
   * A copy with another native thread count (PyTorch intra-op, XGBoost {@code nthread}).
   *
   * @param n threads, at least 1, or 0 for automatic
   */
  public RunOptions withNativeThreads(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("nativeThreads must be >= 1 (or 0 for automatic), got " + n);
    }
    return new RunOptions(seed, threads, n, batchRows, progress, cancellation);
  }

  /**
   * A copy with another number of rows per model call.
   *
   * @param n at least 1
   */
  public RunOptions withBatchRows(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("batchRows must be >= 1, got " + n);
    }
    return new RunOptions(seed, threads, nativeThreads, n, progress, cancellation);
  }

  /** A copy reporting to {@code l} ({@code null}: back to {@link Progress#current()}). */
  public RunOptions withProgress(ProgressListener l) {
    return new RunOptions(seed, threads, nativeThreads, batchRows, l, cancellation);
  }

  /** A copy checking {@code c} ({@code null}: only thread interrupts cancel). */
  public RunOptions withCancellation(Cancellation c) {
    return new RunOptions(seed, threads, nativeThreads, batchRows, progress, c);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunOptions r && r.seed == seed && r.threads == threads && r.nativeThreads == nativeThreads
        && r.batchRows == batchRows && Objects.equals(r.progress, progress)
        && Objects.equals(r.cancellation, cancellation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seed, threads, nativeThreads, batchRows, progress, cancellation);
  }

  @Override
  public String toString() {
    return "RunOptions[seed=" + seed + ", threads=" + (threads == 0 ? "auto" : threads) + ", nativeThreads="
        + (nativeThreads == 0 ? "auto" : nativeThreads) + ", batchRows=" + batchRows + "]";
  }
}
