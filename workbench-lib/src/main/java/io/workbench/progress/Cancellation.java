package io.workbench.progress;

/**
 * Cooperative cancellation for long work: loops call {@link #check()} between batches, which throws
 * {@link CancelledException} once {@link #cancel()} was called or the thread was interrupted (the
 * kernel interrupts the cell's thread when the user presses stop).
 *
 * <pre>{@code
 * Cancellation stop = new Cancellation();
 * // in another thread: stop.cancel();
 * }</pre>
 */
public final class Cancellation {

  private volatile boolean cancelled;

  /** Asks the work to stop at its next check. */
  public void cancel() {
    cancelled = true;
  }

  /** Whether {@link #cancel()} was called or the current thread is interrupted. */
  public boolean isCancelled() {
    return cancelled || Thread.currentThread().isInterrupted();
  }

  /** Throws {@link CancelledException} if the work should stop. */
  public void check() {
    if (isCancelled()) {
      throw new CancelledException();
    }
  }

  /** A cancellation that is only ever triggered by a thread interrupt. */
  public static Cancellation none() {
    return new Cancellation();
  }

  /** Thrown when long work stops because it was cancelled or interrupted. */
  public static final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public CancelledException() {
      super("Cancelled (interrupted by the user)");
    }
  }
}
