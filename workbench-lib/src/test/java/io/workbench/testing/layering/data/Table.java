package io.workbench.testing.layering.data;

import io.workbench.testing.layering.plot.Chart;

/** Fixture: a data class that draws itself (forbidden: data imports only the leaf helpers). */
public final class Table {
  /** A chart of nothing. */
  public String draw() {
    return Chart.draw(null);
  }
}
