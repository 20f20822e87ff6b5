package io.workbench.kernel.exec;

/**
 * What instrumented cell code calls: {@link #check()} at every method entry and backward branch (so a
 * runaway {@code while (true) {}} stops when the user interrupts), and {@link #exit(int)} instead of
 * {@code System.exit} (so a cell cannot end the kernel). Cell classes are rewritten by {@link
 * CellInstrumenter}; user code never calls this class directly.
 *
 * <pre>{@code
 * CellGuard.requestStop();   // the kernel, on interrupt_request
 * CellGuard.check();         // woven into cell code: throws CellInterrupt
 * }</pre>
 */
public final class CellGuard {

  private static volatile boolean stop;

  private CellGuard() {}

  /** Asks running cell code to stop at its next check. */
  public static void requestStop() {
    stop = true;
  }

  /** Clears a stop request before the next cell runs. */
  public static void reset() {
    stop = false;
  }

  /** Whether a stop was requested and not yet cleared. */
  public static boolean stopRequested() {
    return stop;
  }

  /** Woven into cell code: throws {@link CellInterrupt} once a stop was requested. */
  public static void check() {
    if (stop) {
      throw new CellInterrupt();
    }
  }

  /** Replaces {@code System.exit(status)} in cell code. */
  public static void exit(int status) {
    throw new ExitAttempt(status);
  }

  /** Replaces {@code Runtime.getRuntime().exit(status)} and {@code halt(status)} in cell code. */
  public static void runtimeExit(Runtime runtime, int status) {
    throw new ExitAttempt(status);
  }

  /** Thrown into cell code when the user interrupts; an {@link Error} so {@code catch (Exception e)} lets it pass. */
  public static final class CellInterrupt extends Error {
    private static final long serialVersionUID = 1L;

    /** Creates the interrupt. */
    public CellInterrupt() {
      super("Interrupted by the user", null, false, false);
    }
  }

  /** Thrown instead of ending the JVM when a cell calls {@code System.exit}. */
  public static final class ExitAttempt extends Error {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** Creates the error for the given exit status. */
    public ExitAttempt(int status) {
      super("System.exit(" + status + ") was called in a cell; the kernel ignores it and stays alive"
          + " (restart the kernel to start over)", null, false, false);
      this.status = status;
    }

    /** The status the cell passed to {@code System.exit}. */
    public int status() {
      return status;
    }
  }
}
