package io.workbench.progress;

import java.util.Map;

/**
 * The one helper for progress loops: counts units of work, names the running step, checks cancellation,
 * and always ends the bar at 100 % ({@link #done(String)}) or with "stopped" ({@link #close()} without
 * {@code done}).
 *
 * <p>Nested work shows as one bar. A task started while another task is running on the same thread (a
 * trainer fitted inside cross-validation, cross-validation inside label issues) and given no listener of its
 * own reports into the outer task: the outer bar moves by the inner share of one outer unit, and its text
 * names every level, for example {@code cross-validation [####------] 46% fold 3/5: epoch 12/40 loss 0.21}.
 * Only the outermost task talks to a listener (one {@link Progress#current()} bar per cell), and cancelling
 * an outer task stops the inner work at its next check. Work handed to other threads joins the task with
 * {@link #enter()}.
 *
 * <p>Thread-safe: workers may advance one task concurrently.
 *
 * <pre>{@code
 * try (ProgressTask task = ProgressTask.start("cross-validation", folds, listener, cancellation)) {
 *   for (int f = 0; f < folds; f++) {
 *     task.check();                                   // cancelled or interrupted: CancelledException
 *     task.step("fold " + (f + 1) + "/" + folds);    // nested work shows under this name
 *     Model m = trainer.fit(train(f));                // the trainer's own task nests here
 *     task.advance(1, "fold " + (f + 1) + "/" + folds + " accuracy 0.95");
 *   }
 *   task.done(folds + " folds");                     // the bar ends at 100 %
 * }                                                  // left early: the bar says "stopped at 2/5"
 * }</pre>
 */
public final class ProgressTask implements AutoCloseable {

  private static final ThreadLocal<ProgressTask> CURRENT = new ThreadLocal<>();

  private final String name;
  private final long total;
  private final ProgressTask parent;
  private final ProgressListener listener;
  private final Cancellation cancellation;
  private final ProgressTask previous;
  private final Thread owner;
  private long done;
  private String step;
  private boolean completed;
  private volatile boolean closed;

  private ProgressTask(String name, long total, ProgressTask parent, ProgressListener listener,
      Cancellation cancellation) {
    this.name = name;
    this.total = total;
    this.parent = parent;
    this.listener = listener;
    this.cancellation = cancellation;
    this.owner = Thread.currentThread();
    this.previous = CURRENT.get();
  }

  /**
   * Starts a task and makes it the current task of this thread until {@link #close()}.
   *
   * @param name what runs, for example {@code "cross-validation"}
   * @param total units of work, or {@code -1} when unknown
   * @param listener where events go; {@code null}: into the running outer task when there is one, else to
   *     a fresh {@link Progress#current()} bar
   * @param cancellation checked by {@link #check()} besides thread interrupts and outer tasks' cancellations;
   *     may be {@code null}
   */
  public static ProgressTask start(String name, long total, ProgressListener listener, Cancellation cancellation) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A progress task needs a name, got " + (name == null ? "null" : "'" + name + "'"));
    }
    if (total < -1) {
      throw new IllegalArgumentException("total must be >= 0 (or -1 for unknown), got " + total);
    }
    ProgressTask outer = CURRENT.get();
    if (outer != null && outer.closed) {
      outer = null;
    }
    ProgressListener l = listener;
    if (l == null && outer == null) {
      l = Progress.current();
    }
    ProgressTask t = new ProgressTask(name, total, outer, l, cancellation);
    CURRENT.set(t);
    return t;
  }

  /** The task running on this thread, or {@code null}. */
  public static ProgressTask current() {
    ProgressTask t = CURRENT.get();
    return t == null || t.closed ? null : t;
  }

  /** The task's name. */
  public String name() {
    return name;
  }

  /** Units done so far. */
  public synchronized long done() {
    return done;
  }

  /** Whether this task reports into an outer task rather than to a listener of its own. */
  public boolean nested() {
    return listener == null;
  }

  /** Whether this task's, an outer task's cancellation or a thread interrupt asks the work to stop. */
  public boolean isCancelled() {
    if (cancellation != null ? cancellation.isCancelled() : Thread.currentThread().isInterrupted()) {
      return true;
    }
    return parent != null && parent.isCancelled();
  }

  /** Throws {@link Cancellation.CancelledException} when the work should stop (see {@link #isCancelled()}). */
  public void check() {
    if (isCancelled()) {
      throw new Cancellation.CancelledException();
    }
  }

  /**
   * Names the step now running, for example {@code "fold 3/5"}: nested work's events show under this name.
   * Sends no event by itself.
   */
  public synchronized void step(String label) {
    step = label;
  }

  /** Reports {@code units} more done, with the detail {@code done/total}. */
  public void advance(long units) {
    String detail;
    synchronized (this) {
      done += units;
      detail = done + "/" + (total < 0 ? "?" : String.valueOf(total));
    }
    emit(detail, Map.of(), false);
  }

  /** Reports {@code units} more done with a detail line. */
  public void advance(long units, String detail) {
    advance(units, detail, Map.of());
  }

  /** Reports {@code units} more done with a detail line and named values (for example the loss). */
  public void advance(long units, String detail, Map<String, Double> values) {
    synchronized (this) {
      done += units;
    }
    emit(detail, values, false);
  }

  /** Reports a detail and values without counting any unit. */
  public void report(String detail, Map<String, Double> values) {
    emit(detail, values, false);
  }

  /** Ends the task at 100 % with a closing detail, for example {@code "kept 37 rounds"}. */
  public void done(String detail) {
    done(detail, Map.of());
  }

  /** Ends the task at 100 % with a closing detail and values. */
  public void done(String detail, Map<String, Double> values) {
    synchronized (this) {
      if (completed || closed) {
        return;
      }
      completed = true;
      if (total > done) {
        done = total;
      }
    }
    emit(detail, values, true);
  }

  /**
   * Ends the task; when {@link #done(String)} was not called the bar says {@code "stopped at d/total"}. Makes
   * the outer task current again on the starting thread.
   */
  @Override
  public void close() {
    boolean stopped;
    long d;
    synchronized (this) {
      if (closed) {
        return;
      }
      stopped = !completed;
      d = done;
    }
    if (stopped && listener != null) {
      emit("stopped at " + d + "/" + (total < 0 ? "?" : String.valueOf(total)), Map.of(), true);
    }
    closed = true;
    if (Thread.currentThread() == owner && CURRENT.get() == this) {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  /**
   * Makes this task the current one of the calling thread until the scope closes, so that work run on a pool
   * thread nests under it.
   *
   * <pre>{@code
   * pool.submit(() -> { try (ProgressTask.Scope s = task.enter()) { trainer.fit(part); } });
   * }</pre>
   */
  public Scope enter() {
    return Scope.set(CURRENT, this);
  }

  /** What {@link #enter()} returns: closing it restores the thread's previous task. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();

    /**
     * Sets a thread-local value of a running operation until the scope closes; then the value before is back.
     *
     * <pre>{@code
     * try (ProgressTask.Scope s = ProgressTask.Scope.set(local, value)) { ... }
     * }</pre>
     */
    static <T> Scope set(ThreadLocal<T> local, T value) {
      T before = local.get();
      local.set(value);
      return () -> {
        if (before == null) {
          local.remove();
        } else {
          local.set(before);
        }
      };
    }
  }

  private double ownShare() {
    synchronized (this) {
      if (completed) {
        return 1;
      }
      return total <= 0 ? Double.NaN : Math.min(1.0, (double) done / total);
    }
  }

  private void emit(String detail, Map<String, Double> values, boolean finished) {
    if (closed) {
      return;
    }
    if (listener != null) {
      long d;
      synchronized (this) {
        d = done;
      }
      listener.onProgress(new ProgressEvent(name, d, total, detail, values, finished));
    } else {
      parent.nested(name, ownShare(), detail, values);
    }
  }

  /** An inner task's report: this task's bar moves by the inner share of one unit and names the step. */
  private void nested(String innerName, double innerShare, String innerDetail, Map<String, Double> values) {
    if (closed) {
      return;
    }
    long d;
    String label;
    synchronized (this) {
      d = done;
      label = step;
    }
    double part = Double.isNaN(innerShare) ? 0 : innerShare;
    double share = total <= 0 ? Double.NaN : Math.min(1.0, (d + part) / total);
    String detail = (label != null ? label : innerName) + (innerDetail == null || innerDetail.isEmpty() ? ""
        : ": " + innerDetail);
    if (listener != null) {
      listener.onProgress(new ProgressEvent(name, d, total, detail, values, false, share));
    } else {
      parent.nested(name, share, detail, values);
    }
  }

  @Override
  public String toString() {
    return "ProgressTask[" + name + ", " + done() + "/" + total + (nested() ? ", nested" : "") + "]";
  }
}
