package io.workbench.analysis.effects;

import io.workbench.display.Tabular;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * One-feature partial dependence with its ICE curves.
 *
 * <pre>{@code
 * PdCurve c = PartialDependence.create().oneWay(model, data, "bmi");
 * c.grid(); c.pd(); c.ice()[row];   // values per grid point
 * c.toTable();                      // grid, pd, ICE min and max
 * }</pre>
 *
 * @param feature the feature varied
 * @param output what is shown: "prediction" or "P(class)"
 * @param grid grid points, ascending
 * @param pd partial dependence per grid point (mean of the ICE curves)
 * @param ice one curve per (sampled) row, per grid point
 * @param centered whether each ICE curve was shifted to 0 at the first grid point
 */
public record PdCurve(String feature, String output, double[] grid, double[] pd, double[][] ice, boolean centered)
    implements Tabular {

  /** Grid, PD, and the minimum and maximum ICE value at each grid point. */
  @Override
  public Table toTable() {
    DoubleColumn g = DoubleColumn.create(feature, grid);
    DoubleColumn p = DoubleColumn.create("pd", pd);
    double[] lo = new double[grid.length];
    double[] hi = new double[grid.length];
    for (int t = 0; t < grid.length; t++) {
      lo[t] = Double.POSITIVE_INFINITY;
      hi[t] = Double.NEGATIVE_INFINITY;
      for (double[] c : ice) {
        lo[t] = Math.min(lo[t], c[t]);
        hi[t] = Math.max(hi[t], c[t]);
      }
    }
    return Table.create("partial dependence of " + output + " on " + feature + (centered ? " (centred)" : ""), g, p,
        DoubleColumn.create("ice_min", lo), DoubleColumn.create("ice_max", hi));
  }

  /** Long form of the ICE curves: row (position in the sample), grid value, value. */
  public Table iceTable() {
    IntColumn r = IntColumn.create("row");
    DoubleColumn g = DoubleColumn.create(feature);
    DoubleColumn v = DoubleColumn.create("ice");
    for (int i = 0; i < ice.length; i++) {
      for (int t = 0; t < grid.length; t++) {
        r.append(i);
        g.append(grid[t]);
        v.append(ice[i][t]);
      }
    }
    return Table.create("ICE of " + output + " on " + feature, r, g, v);
  }

  @Override
  public String toString() {
    return "PdCurve(" + feature + ", " + grid.length + " grid points, " + ice.length + " ICE curves)";
  }

  /** Partial dependence with the ICE curves behind it. */
  public Figure plot() {
    return Charts.partialDependence(feature, grid, pd, ice);
  }
}
