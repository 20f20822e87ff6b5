package io.workbench.run;

import io.workbench.progress.Cancellation;
import io.workbench.progress.ProgressListener;
import io.workbench.progress.ProgressTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The library's one worker pool idiom: independent tasks {@code 0..n-1} on up to {@code threads} Java
 * threads, each thread calling native code with {@link RunOptions#nativeThreadsFor(int)} threads ({@link
 * NativeThreads}) and nesting under the operation's {@link ProgressTask}; stops at the first failure,
 * cancellation or interrupt. Results never depend on the thread count when every task draws from its own
 * generator ({@link #seedFor(long, long)}) and writes to its own slot.
 *
 * <pre>{@code
 * double[] out = new double[n];
 * Workers.run(n, options.workerThreads(), options, task, (i, worker) -> {
 *   out[i] = compute(i, new SplittableRandom(Workers.seedFor(options.seed(), i)));
 * });
 * }</pre>
 */
public final class Workers {

  /** A task body: {@code index} of the task, {@code worker} in {@code 0..threads-1} for per-thread scratch. */
  @FunctionalInterface
  public interface Body {
    /** Runs task {@code index} on worker {@code worker}. */
    void run(int index, int worker);
  }

  /** True on a thread that is running tasks of a parallel {@link #run}: nested runs stay on that thread. */
  private static final ThreadLocal<Boolean> IN_PARALLEL_RUN = ThreadLocal.withInitial(() -> false);

  private Workers() {}

  /**
   * Runs tasks {@code 0..n-1} on up to {@code threads} threads (on the calling thread when 1); checks {@code
   * task}'s cancellation before each, and rethrows the first failure. A run started from inside a task of a
   * parallel run (channels filtered in parallel, each long channel filtered in blocks) stays on its thread: the
   * outer run already keeps the threads busy, and a pool per worker would oversubscribe the machine.
   *
   * @param task the operation's progress task (cancellation, nesting); workers enter it
   */
  public static void run(int n, int threads, RunOptions options, ProgressTask task, Body body) {
    if (IN_PARALLEL_RUN.get()) {
      // nested: this thread keeps its share of the native threads too
      for (int i = 0; i < n; i++) {
        task.check();
        body.run(i, 0);
      }
      return;
    }
    int t = Math.max(1, Math.min(threads, n));
    int nativeThreads = options.nativeThreadsFor(t);
    if (t == 1) {
      try (NativeThreads.Scope s = NativeThreads.use(nativeThreads)) {
        for (int i = 0; i < n; i++) {
          task.check();
          body.run(i, 0);
        }
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    // the calling thread is worker 0: on a busy machine the tasks go on even before the pool threads get a core
    ExecutorService pool = Executors.newFixedThreadPool(t - 1, r -> {
      Thread th = new Thread(r, "workbench-worker");
      th.setDaemon(true);
      return th;
    });
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int w = 1; w < t; w++) {
        int worker = w;
        futures.add(pool.submit(() -> work(n, worker, nativeThreads, task, body, next, failed)));
      }
      RuntimeException ownCancel = null;
      try {
        work(n, 0, nativeThreads, task, body, next, failed);
      } catch (Cancellation.CancelledException e) {
        ownCancel = e; // perhaps because a pool worker failed: its failure, if any, is rethrown below
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new Cancellation.CancelledException();
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) {
            throw re;
          }
          if (c instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(c);
        }
        if (task.isCancelled()) {
          throw new Cancellation.CancelledException();
        }
      }
      if (ownCancel != null) {
        throw ownCancel;
      }
    } finally {
      failed.set(true);
      pool.shutdownNow();
    }
  }

  /** One worker's loop: takes the next task index until none is left, another worker fails, or cancellation. */
  private static void work(int n, int worker, int nativeThreads, ProgressTask task, Body body, AtomicInteger next,
      AtomicBoolean failed) {
    boolean outer = IN_PARALLEL_RUN.get();
    IN_PARALLEL_RUN.set(true);
    try (ProgressTask.Scope inTask = task.enter();
        NativeThreads.Scope s = NativeThreads.use(nativeThreads)) {
      for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
        if (failed.get()) {
          throw new Cancellation.CancelledException();
        }
        task.check();
        body.run(i, worker);
      }
    } catch (RuntimeException | Error e) {
      failed.set(true);
      throw e;
    } finally {
      IN_PARALLEL_RUN.set(outer);
    }
  }

  /**
   * Runs deterministic tasks {@code 0..n-1} (each writing its own slot) on the default worker threads ({@link
   * RunOptions#defaults()}) without a progress bar of their own: for short inner loops of a computation, such as
   * ranking columns or filtering channels; they stop when the caller's task is cancelled.
   *
   * <pre>{@code
   * Workers.forEach("ranks", columns.length, j -> ranks[j] = Stats.ranks(columns[j]));
   * }</pre>
   *
   * @param name what runs, for the silent progress task
   */
  public static void forEach(String name, int n, java.util.function.IntConsumer body) {
    RunOptions options = RunOptions.defaults();
    try (ProgressTask task = ProgressTask.start(name, n, ProgressListener.silent(), null)) {
      run(n, options.workerThreads(), options, task, (i, worker) -> body.accept(i));
    }
  }

  /** A well-mixed seed for task {@code index} of an operation seeded with {@code seed} (SplitMix64 finaliser). */
  public static long seedFor(long seed, long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
