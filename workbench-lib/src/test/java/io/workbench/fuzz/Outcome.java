package io.workbench.fuzz;

/** How one fuzz execution ended. */
public enum Outcome {
  /** The reader returned a result (and using it did not fail). */
  VALID,
  /** The reader threw the documented {@link IllegalArgumentException} naming the input. */
  REJECTED,
  /** Anything else: another exception or error, or an {@code IllegalArgumentException} not naming the input. */
  BUG,
  /** The execution took longer than the limit. */
  HANG,
  /** The JVM running the execution died (a native crash, an abort). */
  DEATH;

  /** Whether the outcome is acceptable. */
  public boolean ok() {
    return this == VALID || this == REJECTED;
  }
}
