package io.workbench.analysis.effects;

import io.workbench.display.Tabular;
import tech.tablesaw.api.Table;

/**
 * Two-feature partial dependence with the ICE surface of every (sampled) row.
 *
 * <pre>{@code
 * PdSurface s = PartialDependence.create().gridSize(10).twoWay(model, data, "x1", "x2");
 * s.pd()[i][j];       // at (gridFirst[i], gridSecond[j])
 * s.toTable();        // long form: first, second, pd
 * }</pre>
 *
 * @param first first feature
 * @param second second feature
 * @param output what is shown: "prediction" or "P(class)"
 * @param gridFirst grid of the first feature
 * @param gridSecond grid of the second feature
 * @param pd partial dependence, [first grid][second grid]
 * @param ice per row, [row][first grid][second grid]
 * @param centered whether each ICE surface was shifted to 0 at the first grid corner
 */
public record PdSurface(String first, String second, String output, double[] gridFirst, double[] gridSecond,
    double[][] pd, float[][][] ice, boolean centered) implements Tabular {

  /** Long form: one row per grid cell. */
  @Override
  public Table toTable() {
    return SurfaceTables.longForm("partial dependence of " + output + " on " + first + " x " + second
        + (centered ? " (centred)" : ""), first, second, gridFirst, gridSecond, "pd", pd);
  }

  @Override
  public String toString() {
    return "PdSurface(" + first + " x " + second + ", " + gridFirst.length + " x " + gridSecond.length + " grid, "
        + ice.length + " ICE surfaces)";
  }
}
