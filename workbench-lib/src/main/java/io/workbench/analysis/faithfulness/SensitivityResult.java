package io.workbench.analysis.faithfulness;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import java.util.Arrays;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Max-sensitivity per explained row ({@link MaxSensitivity}); lower is more robust.
 *
 * <pre>{@code
 * SensitivityResult s = MaxSensitivity.create().compute(explainer, x);
 * s.mean(); s.perRow()[0]; s.samples()[0][3];   // per-perturbation sensitivities
 * }</pre>
 *
 * @param perRow the maximum over perturbations, per row
 * @param samples every perturbation's sensitivity, {@code rows x perturbations}
 * @param radius the L-infinity radius
 * @param perturbations perturbations per row
 * @param seed the seed used
 */
public record SensitivityResult(double[] perRow, double[][] samples, double radius, int perturbations, long seed)
    implements Displayable {

  /** Mean of the per-row maxima. */
  public double mean() {
    return Arrays.stream(perRow).average().orElse(Double.NaN);
  }

  /** Row and max-sensitivity. */
  public Table toTable() {
    int[] idx = new int[perRow.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    return Table.create("max-sensitivity (radius " + Numbers.format(radius) + ", " + perturbations
        + " perturbations per row)", IntColumn.create("row", idx), DoubleColumn.create("max_sensitivity", perRow));
  }

  @Override
  public String toHtml() {
    return "<p>mean max-sensitivity " + Tables.escape(Numbers.format(mean())) + "</p>" + Tables.html(toTable(), toTable().name());
  }

  @Override
  public String toText() {
    return toString() + "\n" + Tables.text(toTable());
  }

  @Override
  public String toString() {
    return "SensitivityResult(mean=" + Numbers.format(mean()) + ", " + perRow.length + " rows, radius " + Numbers.format(radius)
        + ", " + perturbations + " perturbations)";
  }
}
