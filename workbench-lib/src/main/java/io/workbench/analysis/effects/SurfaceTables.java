package io.workbench.analysis.effects;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** The long form of a surface over two grids, shared by the PD and ALE surfaces. */
final class SurfaceTables {

  private SurfaceTables() {}

  /** One row per grid corner: the first feature's value, the second's, and the surface's value there. */
  static Table longForm(String title, String first, String second, double[] gridFirst, double[] gridSecond,
      String valueName, double[][] values) {
    DoubleColumn a = DoubleColumn.create(first);
    DoubleColumn b = DoubleColumn.create(second);
    DoubleColumn v = DoubleColumn.create(valueName);
    for (int i = 0; i < gridFirst.length; i++) {
      for (int j = 0; j < gridSecond.length; j++) {
        a.append(gridFirst[i]);
        b.append(gridSecond[j]);
        v.append(values[i][j]);
      }
    }
    return Table.create(title, a, b, v);
  }
}
