package io.workbench.analysis.faithfulness;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * A deletion or insertion curve ({@link Faithfulness}): the mean model output of the explained rows' target
 * class against the fraction of features (or groups) removed / inserted, its area (trapezoid rule, x in
 * [0, 1]), and the same for a seeded random ordering. For deletion lower areas mean a more faithful ranking,
 * for insertion higher ones.
 *
 * <pre>{@code
 * FaithfulnessCurve c = Faithfulness.create().deletion(model, attribution);
 * c.x(); c.y();                 // for plotting; c.randomY() alongside
 * c.auc() < c.randomAuc();      // faithful ranking (deletion)
 * c.rowAuc()[0];                // area of the first row's curve
 * c.toTable();                  // fraction, output, random_output
 * }</pre>
 *
 * @param kind "deletion" or "insertion"
 * @param ranking how features were ordered, e.g. "most relevant first (signed attribution)"
 * @param baseline what replaced removed features
 * @param x fraction of features (or groups) removed / inserted at each point, from 0 to 1
 * @param y mean target output at each point
 * @param auc area under {@code y}
 * @param rowAuc area under each row's curve (their mean is {@code auc})
 * @param randomY mean output under a random ordering, or null when not computed
 * @param randomAuc area under {@code randomY} (NaN when not computed)
 * @param randomRowAuc per-row areas under random orderings, or null
 * @param rows each row's curve ({@code rows x points}) when kept, else null
 * @param units the number of features or groups ordered
 */
public record FaithfulnessCurve(String kind, String ranking, String baseline, double[] x, double[] y, double auc,
    double[] rowAuc, double[] randomY, double randomAuc, double[] randomRowAuc, double[][] rows, int units)
    implements Displayable {

  /** The curve: fraction, output, and random_output when computed. */
  public Table toTable() {
    Table t = Table.create(kind + " curve, " + ranking, DoubleColumn.create("fraction", x),
        DoubleColumn.create("output", y));
    if (randomY != null) {
      t.addColumns(DoubleColumn.create("random_output", randomY));
    }
    return t;
  }

  /** One row per ordering: ordering, AUC, and the mean/std of the per-row areas. */
  public Table summary() {
    tech.tablesaw.api.StringColumn o = tech.tablesaw.api.StringColumn.create("ordering");
    DoubleColumn a = DoubleColumn.create("auc");
    DoubleColumn sd = DoubleColumn.create("row_auc_std");
    o.append(ranking);
    a.append(auc);
    sd.append(std(rowAuc));
    if (randomY != null) {
      o.append("random");
      a.append(randomAuc);
      sd.append(std(randomRowAuc));
    }
    return Table.create(kind + " AUC (" + rowAuc.length + " rows, " + units + " units, " + baseline + ")", o, a, sd);
  }

  private static double std(double[] v) {
    double m = 0;
    for (double d : v) {
      m += d / v.length;
    }
    double s = 0;
    for (double d : v) {
      s += (d - m) * (d - m);
    }
    return v.length > 1 ? Math.sqrt(s / (v.length - 1)) : 0;
  }

  @Override
  public String toHtml() {
    Table s = summary();
    return Tables.html(s, s.name()) + Tables.html(toTable(), toTable().name());
  }

  @Override
  public String toText() {
    return Tables.text(summary()) + "\n" + Tables.text(toTable());
  }

  @Override
  public String toString() {
    return "FaithfulnessCurve(" + kind + ", " + ranking + ", auc=" + Numbers.format(auc)
        + (randomY != null ? ", random auc=" + Numbers.format(randomAuc) : "") + ", " + x.length + " points, "
        + rowAuc.length + " rows)";
  }

  /** The mean curve against the random-order curve, areas in the legend. */
  public Figure plot() {
    java.util.List<io.workbench.plot.Curve> curves = new java.util.ArrayList<>();
    curves.add(new io.workbench.plot.Curve(kind + " (" + ranking + ")", x, y, auc));
    if (randomY != null) {
      curves.add(new io.workbench.plot.Curve(kind + " (random order)", x, randomY, randomAuc));
    }
    return Charts.deletionInsertion(curves);
  }
}
