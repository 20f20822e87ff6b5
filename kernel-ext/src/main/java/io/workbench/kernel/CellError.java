package io.workbench.kernel;

import java.util.List;

/**
 * A cell that failed, already formatted for the notebook: the subclass name is the error name Jupyter
 * shows ({@code CompileError}, {@code EvalException}, {@code Interrupted}, {@code SystemExit}), the
 * message its value, and {@link #traceback()} the lines under it.
 *
 * <pre>{@code
 * try { kernel.eval("int x = ;"); } catch (CellError.CompileError e) { e.traceback(); }
 * }</pre>
 */
public abstract class CellError extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> traceback;

  CellError(String message, List<String> traceback) {
    super(message, null, false, false);
    this.traceback = List.copyOf(traceback);
  }

  /** The lines Jupyter shows for this error. */
  public List<String> traceback() {
    return traceback;
  }

  /** The error name Jupyter shows ({@code ename}): the subclass name, such as {@code CompileError}. */
  public String errorName() {
    return getClass().getSimpleName();
  }

  /** The cell does not compile; the traceback shows the offending line with a caret. */
  public static final class CompileError extends CellError {
    private static final long serialVersionUID = 1L;

    CompileError(String message, List<String> traceback) {
      super(message, traceback);
    }
  }

  /** The cell threw; the message is {@code class: message}, the traceback trimmed to the cell's frames. */
  public static final class EvalException extends CellError {
    private static final long serialVersionUID = 1L;

    EvalException(String message, List<String> traceback) {
      super(message, traceback);
    }
  }

  /** The user interrupted the cell. */
  public static final class Interrupted extends CellError {
    private static final long serialVersionUID = 1L;

    Interrupted(String message, List<String> traceback) {
      super(message, traceback);
    }
  }

  /** The cell called {@code System.exit}; the kernel refused and lives on. */
  public static final class SystemExit extends CellError {
    private static final long serialVersionUID = 1L;

    SystemExit(String message, List<String> traceback) {
      super(message, traceback);
    }
  }

  /**
   * Something failed outside the cell's own code (in JShell or the kernel, an {@link java.lang.Error} such as
   * {@code OutOfMemoryError} or {@code StackOverflowError} included); the name is the throwable's class.
   */
  public static final class InternalError extends CellError {
    private static final long serialVersionUID = 1L;
    private final String name;

    InternalError(String name, String message, List<String> traceback) {
      super(message, traceback);
      this.name = name;
    }

    @Override
    public String errorName() {
      return name;
    }
  }

  /** A magic was misused (unknown name, missing file). */
  public static final class MagicError extends CellError {
    private static final long serialVersionUID = 1L;

    MagicError(String message, List<String> traceback) {
      super(message, traceback);
    }
  }
}
