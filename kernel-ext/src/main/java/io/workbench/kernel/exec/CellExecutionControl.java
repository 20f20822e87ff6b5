package io.workbench.kernel.exec;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell execution in the kernel's own JVM (so workbench objects render directly and DJL's natives load
 * once), with every cell class instrumented by {@link CellInstrumenter} and every cell run in a fresh
 * thread. {@link #stop()} raises the {@link CellGuard} flag and interrupts that thread: loops in cell
 * code stop at their next backward jump, library work stops at its next {@code Cancellation.check()} or
 * blocking call. Keeps the last value object so the kernel can render it.
 *
 * <pre>{@code
 * JShell shell = JShell.builder().executionEngine(new CellExecutionControl.Provider(), Map.of()).build();
 * }</pre>
 */
public final class CellExecutionControl extends DirectExecutionControl {

  private static final AtomicInteger CELLS = new AtomicInteger();
  private static final AtomicReference<CellExecutionControl> LATEST = new AtomicReference<>();

  private volatile Thread running;
  private volatile Object lastValue;
  private volatile boolean hasValue;

  /** Creates a control loading classes through JShell's default loader (parent: the system loader). */
  public CellExecutionControl() {
    LATEST.set(this);
  }

  /** The control the most recent JShell instance made (the kernel's). */
  public static CellExecutionControl latest() {
    return LATEST.get();
  }

  @Override
  public void load(ClassBytecodes[] cbcs)
      throws ClassInstallException, NotImplementedException, EngineTerminationException {
    ClassBytecodes[] out = new ClassBytecodes[cbcs.length];
    for (int i = 0; i < cbcs.length; i++) {
      out[i] = new ClassBytecodes(cbcs[i].name(), CellInstrumenter.instrument(cbcs[i].bytecodes()));
    }
    super.load(out);
  }

  /**
   * Characters of a string value kept in its text (JShell's rendering); a longer string is cut with a notice.
   * A little under the kernel's limit on a result's text, so that this notice, which counts what the string
   * really holds, is the one shown.
   */
  public static final int VALUE_TEXT_LIMIT = 999_000;

  @Override
  protected String invoke(Method doitMethod) throws Exception {
    if (CellGuard.stopRequested()) {
      throw new StoppedException();   // interrupted while the cell was compiling: do not start it
    }
    AtomicReference<Object> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        result.set(doitMethod.invoke(null));
      } catch (InvocationTargetException e) {
        failure.set(e);
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "cell-" + CELLS.incrementAndGet());
    t.setDaemon(true);
    t.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
    running = t;
    try {
      t.start();
      t.join();
    } finally {
      running = null;
    }
    Throwable f = failure.get();
    if (f != null) {
      Throwable cause = f instanceof InvocationTargetException ite ? ite.getCause() : f;
      if (cause instanceof CellGuard.CellInterrupt
          || (cause != null && cause.getClass().getName().equals("java.lang.ThreadDeath"))) {
        throw new StoppedException();
      }
      throw (f instanceof Exception e) ? e : new InvocationTargetException(f);
    }
    lastValue = result.get();
    hasValue = true;
    return cappedValueString(result.get());
  }

  /** Array elements shown in a value's text; the rest are summarised. */
  static final int ARRAY_ELEMENT_LIMIT = 10_000;

  /**
   * JShell's text of a value, without building a huge copy of a huge string or array (the text of a string
   * past {@link #VALUE_TEXT_LIMIT} characters and of an array past {@link #ARRAY_ELEMENT_LIMIT} elements is cut).
   */
  static String cappedValueString(Object value) {
    if (value instanceof CharSequence cs && cs.length() > VALUE_TEXT_LIMIT) {
      String head = valueString(cs.subSequence(0, VALUE_TEXT_LIMIT).toString());
      return head + "... [result truncated: " + (cs.length() - VALUE_TEXT_LIMIT) + " more characters not shown]";
    }
    if (value != null && value.getClass().isArray() && java.lang.reflect.Array.getLength(value) > ARRAY_ELEMENT_LIMIT) {
      int n = java.lang.reflect.Array.getLength(value);
      Object head = java.lang.reflect.Array.newInstance(value.getClass().getComponentType(), ARRAY_ELEMENT_LIMIT);
      System.arraycopy(value, 0, head, 0, ARRAY_ELEMENT_LIMIT);
      String text = valueString(head);
      String shortLength = "[" + ARRAY_ELEMENT_LIMIT + "]";
      int at = text.indexOf(shortLength);
      if (at >= 0) {
        text = text.substring(0, at) + "[" + n + "]" + text.substring(at + shortLength.length());
      }
      return text.endsWith(" }") ? text.substring(0, text.length() - 2) + ", ... (" + (n - ARRAY_ELEMENT_LIMIT)
          + " more) }" : text;
    }
    return valueString(value);
  }

  @Override
  public String varValue(String className, String varName)
      throws RunException, EngineTerminationException, InternalException {
    try {
      Field f = findClass(className).getDeclaredField(varName);
      f.setAccessible(true);
      lastValue = f.get(null);
      hasValue = true;
    } catch (ReflectiveOperationException e) {
      throw new InternalException(e.toString());
    }
    try {
      return cappedValueString(lastValue);
    } catch (Throwable ex) {
      return throwConvertedInvocationException(ex);   // a toString() of the user's that threw
    }
  }

  /** Forgets the last value; call before evaluating a snippet. */
  public void clearValue() {
    lastValue = null;
    hasValue = false;
  }

  /** Whether the last snippet produced a value. */
  public boolean hasValue() {
    return hasValue;
  }

  /** The object the last snippet evaluated to (may be null). */
  public Object lastValue() {
    return lastValue;
  }

  /** Whether a cell thread is running now. */
  public boolean isRunning() {
    return running != null;
  }

  /** The thread running the current cell, or null. */
  public Thread runningThread() {
    return running;
  }

  @Override
  public void stop() {
    CellGuard.requestStop();
    Thread t = running;
    if (t != null) {
      t.interrupt();
    }
  }

  /** Registers the control under the name {@code "workbench"}. */
  public static final class Provider implements ExecutionControlProvider {
    @Override
    public String name() {
      return "workbench";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      return new CellExecutionControl();
    }
  }
}
