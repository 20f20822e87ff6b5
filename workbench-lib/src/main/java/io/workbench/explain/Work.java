package io.workbench.explain;

import io.workbench.progress.Cancellation;
import io.workbench.progress.ProgressTask;
import io.workbench.run.RunOptions;
import io.workbench.run.Workers;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One piece of long explainer work: progress reporting and cancellation through a {@link ProgressTask} of the
 * run options, and the library's worker pool ({@link Workers}) over independent tasks (rows, features).
 * Results never depend on the thread count: every task draws from its own seeded generator and writes to its
 * own slot.
 */
final class Work implements AutoCloseable {

  /** A task body: {@code index} of the task, {@code worker} in {@code 0..threads-1} for per-thread scratch. */
  interface Task {
    void run(int index, int worker);
  }

  private final long total;
  private final RunOptions options;
  private final ProgressTask progress;
  private final AtomicLong done = new AtomicLong();
  private volatile boolean stopped;

  /** Starts the work's progress task (ended by {@link #done()} and {@link #close()}). */
  Work(String name, long total, RunOptions options) {
    this.total = total;
    this.options = options;
    this.progress = options.start(name, total);
  }

  /** Throws {@link Cancellation.CancelledException} when cancelled, interrupted, or another worker failed. */
  void check() {
    if (stopped) {
      throw new Cancellation.CancelledException();
    }
    progress.check();
  }

  /** Reports {@code units} more done. */
  void advance(long units) {
    long d = done.addAndGet(units);
    progress.advance(units, d + "/" + total);
  }

  /** Ends the bar at 100 %. */
  void done() {
    progress.done("done");
  }

  /** Ends the work; without {@link #done()} (a failure or cancellation) the bar says where it stopped. */
  @Override
  public void close() {
    progress.close();
  }

  /** Runs tasks {@code 0..n-1} on up to {@code threads} threads ({@link Workers}); rethrows the first failure. */
  void parallel(int n, int threads, Task task) {
    try {
      Workers.run(n, threads, options, progress, task::run);
    } catch (RuntimeException | Error e) {
      stopped = true;
      throw e;
    }
  }

  /** A well-mixed seed for task {@code index} ({@link Workers#seedFor(long, long)}). */
  static long seedFor(long seed, long index) {
    return Workers.seedFor(seed, index);
  }
}
