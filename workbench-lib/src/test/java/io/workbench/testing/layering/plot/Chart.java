package io.workbench.testing.layering.plot;

import io.workbench.testing.layering.eval.Report;

/** Fixture: a chart that takes a result type (forbidden). */
public final class Chart {
  /** Draws a report. */
  public static String draw(Report r) {
    return String.valueOf(r);
  }
}
