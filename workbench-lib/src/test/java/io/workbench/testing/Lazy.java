package io.workbench.testing;

import java.util.function.Supplier;

/**
 * A value computed once, on first use, by one thread; later calls (from any thread) get the same value, or
 * the same failure again, so a model that fails to train fails every rule that needs it without training
 * again.
 */
final class Lazy<T> implements Supplier<T> {

  private final Supplier<? extends T> compute;
  private T value;
  private RuntimeException failure;
  private boolean done;

  Lazy(Supplier<? extends T> compute) {
    this.compute = compute;
  }

  @Override
  public synchronized T get() {
    if (!done) {
      try {
        value = compute.get();
      } catch (RuntimeException | Error e) {
        failure = new IllegalStateException("building the fixture failed: " + e, e);
      }
      done = true;
    }
    if (failure != null) {
      throw failure;
    }
    return value;
  }
}
