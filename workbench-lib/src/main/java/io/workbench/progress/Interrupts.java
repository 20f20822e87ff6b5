package io.workbench.progress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What else should stop when the user stops the running work: the notebook kernel interrupts the cell's
 * thread and then calls {@link #fire()}, so work that runs elsewhere (the Spark jobs of workbench-spark, on a
 * cluster) is cancelled too. Hooks must be quick and must not throw; each runs once per interrupt.
 *
 * <pre>{@code
 * Runnable hook = () -> sparkContext.cancelAllJobs();
 * Interrupts.register(hook);      // idempotent: the same hook is kept once
 * Interrupts.fire();              // what the kernel does on "stop"
 * Interrupts.unregister(hook);
 * }</pre>
 */
public final class Interrupts {

  private static final List<Runnable> HOOKS = new CopyOnWriteArrayList<>();

  private Interrupts() {}

  /** Adds a hook (kept once however often it is registered). */
  public static void register(Runnable hook) {
    if (hook == null) {
      throw new IllegalArgumentException("hook is null");
    }
    if (!HOOKS.contains(hook)) {
      HOOKS.add(hook);
    }
  }

  /** Removes a hook. */
  public static void unregister(Runnable hook) {
    HOOKS.remove(hook);
  }

  /** Runs every hook (the environment's stop button); a failing hook does not keep the others from running. */
  public static void fire() {
    for (Runnable h : HOOKS) {
      try {
        h.run();
      } catch (RuntimeException e) {
        // a hook that fails cannot stop the interrupt of the others
      }
    }
  }
}
