package io.workbench.testing.layering.check;

import io.workbench.testing.layering.data.Table;

/** Fixture: a leaf helper that imports data (forbidden). */
public final class Checks {
  private Checks() {}

  /** Checks a table. */
  public static void table(Table t) {
    if (t == null) {
      throw new IllegalArgumentException("table is null");
    }
  }
}
