package io.workbench.analysis.effects;

import io.workbench.display.Tabular;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * Second-order accumulated local effect of a pair: the interaction surface at the corners of the two
 * quantile grids, with neither feature's own effect and centred over the data.
 *
 * <pre>{@code
 * AleSurface s = AccumulatedLocalEffects.create().twoWay(model, data, "bmi", "age");
 * s.ale()[i][j];   // at (gridFirst[i], gridSecond[j])
 * s.plot();        // heatmap, blue below 0 and red above
 * }</pre>
 *
 * @param first first feature
 * @param second second feature
 * @param output what is shown: "prediction" or "P(class)"
 * @param gridFirst bin edges of the first feature
 * @param gridSecond bin edges of the second feature
 * @param ale interaction effect, [first edge][second edge]
 * @param counts rows per cell, [first bin][second bin] (bin {@code k} ends at edge {@code k + 1})
 */
public record AleSurface(String first, String second, String output, double[] gridFirst, double[] gridSecond,
    double[][] ale, int[][] counts) implements Tabular {

  /** Long form: one row per grid corner. */
  @Override
  public Table toTable() {
    return SurfaceTables.longForm("second-order accumulated local effect of " + first + " x " + second + " on "
        + output, first, second, gridFirst, gridSecond, "ale", ale);
  }

  /** The largest absolute interaction effect on the grid. */
  public double maxAbs() {
    double m = 0;
    for (double[] r : ale) {
      for (double v : r) {
        m = Math.max(m, Math.abs(v));
      }
    }
    return m;
  }

  @Override
  public String toString() {
    return "AleSurface(" + first + " x " + second + ", " + gridFirst.length + " x " + gridSecond.length
        + " edges, max |effect| " + String.format(Locale.ROOT, "%.4g", maxAbs()) + ")";
  }

  /** Heatmap of the interaction: rows are the first feature's edges (first at the top), columns the second's. */
  public Figure plot() {
    return Charts.signedHeatmap(labels(gridFirst), labels(gridSecond), ale,
        "Second-order ALE of " + output + ": " + first + " x " + second, second, first);
  }

  private static List<String> labels(double[] grid) {
    List<String> out = new ArrayList<>();
    for (double g : grid) {
      String l = String.format(Locale.ROOT, "%.3g", g);
      while (out.contains(l)) {
        l += "\u200b";   // XChart keys categories by label: keep equal-looking labels distinct
      }
      out.add(l);
    }
    return out;
  }
}
