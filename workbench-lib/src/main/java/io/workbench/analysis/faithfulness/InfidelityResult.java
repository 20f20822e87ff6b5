package io.workbench.analysis.faithfulness;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Infidelity per explained row ({@link Infidelity}); lower is more faithful.
 *
 * <pre>{@code
 * InfidelityResult r = Infidelity.create().compute(model, attribution);
 * r.mean(); r.perRow()[3]; r.beta();   // beta only when normalised
 * r.toTable();                         // row, infidelity (, beta)
 * }</pre>
 *
 * @param perRow infidelity of each row
 * @param beta the optimal scale per row when normalised, else null
 * @param samples perturbations per row
 * @param noise the perturbation distribution
 * @param seed the seed used
 */
public record InfidelityResult(double[] perRow, double[] beta, int samples, String noise, long seed)
    implements Displayable {

  /** Mean infidelity over the rows. */
  public double mean() {
    double m = 0;
    for (double v : perRow) {
      m += v / perRow.length;
    }
    return m;
  }

  /** Whether the attributions were scaled by the optimal beta. */
  public boolean normalized() {
    return beta != null;
  }

  /** One row per explained row: row, infidelity and (when normalised) beta. */
  public Table toTable() {
    int[] idx = new int[perRow.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Table t = Table.create("infidelity (" + noise + ", " + samples + " perturbations per row"
        + (beta != null ? ", normalised" : "") + ")", IntColumn.create("row", idx),
        DoubleColumn.create("infidelity", perRow));
    if (beta != null) {
      t.addColumns(DoubleColumn.create("beta", beta));
    }
    return t;
  }

  @Override
  public String toHtml() {
    return "<p>mean infidelity " + Tables.escape(Numbers.format(mean())) + "</p>" + Tables.html(toTable(), toTable().name());
  }

  @Override
  public String toText() {
    return toString() + "\n" + Tables.text(toTable());
  }

  @Override
  public String toString() {
    return "InfidelityResult(mean=" + Numbers.format(mean()) + ", " + perRow.length + " rows, " + samples + " perturbations, "
        + noise + (beta != null ? ", normalised" : "") + ")";
  }
}
