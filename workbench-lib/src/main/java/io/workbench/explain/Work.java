package io.workbench.explain;

import io.workbench.progress.Cancellation;
import io.workbench.progress.ProgressEvent;
import io.workbench.progress.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One piece of long explainer work: progress reporting, cancellation, and a fixed pool of worker threads
 * over independent tasks (rows, features). Results never depend on the thread count: every task draws
 * from its own seeded generator and writes to its own slot.
 */
final class Work {

  /** A task body: {@code index} of the task, {@code worker} in {@code 0..threads-1} for per-thread scratch. */
  interface Task {
    void run(int index, int worker);
  }

  private final String name;
  private final long total;
  private final ProgressListener listener;
  private final Cancellation cancellation;
  private final AtomicLong done = new AtomicLong();
  private volatile boolean stopped;

  Work(String name, long total, ProgressListener listener, Cancellation cancellation) {
    this.name = name;
    this.total = total;
    this.listener = listener;
    this.cancellation = cancellation;
  }

  /** Throws {@link Cancellation.CancelledException} when cancelled, interrupted, or another worker failed. */
  void check() {
    if (stopped) {
      throw new Cancellation.CancelledException();
    }
    cancellation.check();
  }

  /** Reports {@code units} more done. */
  void advance(long units) {
    long d = done.addAndGet(units);
    listener.onProgress(new ProgressEvent(name, d, total, d + "/" + total, Map.of(), false));
  }

  /** Reports the end (also after a failure). */
  void finish() {
    long d = done.get();
    listener.onProgress(new ProgressEvent(name, d, total, d >= total ? "done" : "stopped at " + d + "/" + total,
        Map.of(), true));
  }

  /** Runs tasks {@code 0..n-1} on up to {@code threads} threads; rethrows the first failure. */
  void parallel(int n, int threads, Task task) {
    int t = Math.max(1, Math.min(threads, n));
    if (t == 1) {
      for (int i = 0; i < n; i++) {
        check();
        task.run(i, 0);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(t, r -> {
      Thread th = new Thread(r, "workbench-explain");
      th.setDaemon(true);
      return th;
    });
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int w = 0; w < t; w++) {
        int worker = w;
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            check();
            task.run(i, worker);
          }
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (InterruptedException e) {
          stopped = true;
          Thread.currentThread().interrupt();
          throw new Cancellation.CancelledException();
        } catch (ExecutionException e) {
          stopped = true;
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) {
            throw re;
          }
          if (c instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(c);
        }
        if (cancellation.isCancelled()) {
          stopped = true;
          throw new Cancellation.CancelledException();
        }
      }
    } catch (RuntimeException | Error e) {
      stopped = true;
      throw e;
    } finally {
      pool.shutdownNow();
    }
  }

  /** A well-mixed seed for task {@code index} (SplitMix64 finaliser). */
  static long seedFor(long seed, long index) {
    long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
