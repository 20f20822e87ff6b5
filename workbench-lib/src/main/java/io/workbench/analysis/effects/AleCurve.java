package io.workbench.analysis.effects;

import io.workbench.display.Tabular;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * First-order accumulated local effect of one feature: the centred effect at each bin edge (linear in
 * between), and how many rows each bin holds.
 *
 * <pre>{@code
 * AleCurve c = AccumulatedLocalEffects.create().oneWay(model, data, "bmi");
 * c.at(27.5);     // the effect at a value (interpolated between edges)
 * c.toTable();    // edge, ale, rows in the bin ending there
 * c.plot();       // the curve with the rows per bin
 * }</pre>
 *
 * @param feature the feature
 * @param output what is shown: "prediction" or "P(class)"
 * @param grid bin edges {@code z_0 < ... < z_K}
 * @param ale centred effect at each edge ({@code K + 1} values)
 * @param counts rows in each bin ({@code K} values; bin {@code k} ends at {@code grid[k]})
 */
public record AleCurve(String feature, String output, double[] grid, double[] ale, int[] counts)
    implements Tabular {

  /** The effect at {@code value}: linear between edges, constant beyond the first and last edge. */
  public double at(double value) {
    if (value <= grid[0]) {
      return ale[0];
    }
    int k = grid.length - 1;
    if (value >= grid[k]) {
      return ale[k];
    }
    int pos = java.util.Arrays.binarySearch(grid, value);
    if (pos >= 0) {
      return ale[pos];
    }
    int hi = -pos - 1;
    double t = (value - grid[hi - 1]) / (grid[hi] - grid[hi - 1]);
    return ale[hi - 1] + t * (ale[hi] - ale[hi - 1]);
  }

  /** Edge, centred effect, and rows of the bin that ends at that edge (0 at the first edge). */
  @Override
  public Table toTable() {
    int[] rowsAt = new int[grid.length];
    System.arraycopy(counts, 0, rowsAt, 1, counts.length);
    return Table.create("accumulated local effect of " + feature + " on " + output,
        DoubleColumn.create(feature, grid), DoubleColumn.create("ale", ale), IntColumn.create("rows in bin", rowsAt));
  }

  @Override
  public String toString() {
    int n = java.util.Arrays.stream(counts).sum();
    return "AleCurve(" + feature + ", " + counts.length + " bins, " + n + " rows, range " + String.format(
        java.util.Locale.ROOT, "%.4g", java.util.Arrays.stream(ale).max().orElse(0)
            - java.util.Arrays.stream(ale).min().orElse(0)) + ")";
  }

  /** The centred effect over the feature's range, with a rug of bin edges. */
  public Figure plot() {
    return Charts.accumulatedLocalEffects(feature, output, grid, ale);
  }
}
