package io.workbench.analysis.shortcut;

import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A model's reliance on one feature: the score with it intact and broken, the drop, and its share of the
 * attribution mass (NaN when no attribution was given).
 *
 * <pre>{@code
 * ShortcutResult r = ShortcutCheck.create().run(model, testS, "marker", shap);
 * r.drop(); r.attributionShare();
 * }</pre>
 *
 * @param feature the tested feature
 * @param metric the metric's name
 * @param intact score on the test rows as they are
 * @param broken mean score with the feature permuted
 * @param attributionShare the feature's share of the absolute attribution mass, in [0, 1], or NaN
 * @param repeats number of permuted copies
 * @param seed seed of the first permutation
 */
public record ShortcutResult(String feature, String metric, double intact, double broken, double attributionShare,
    int repeats, long seed) implements Displayable {

  /** {@code intact - broken}: how much the model loses without the feature. */
  public double drop() {
    return intact - broken;
  }

  /** One row: feature, intact, broken, drop, attribution share. */
  public Table toTable() {
    return Table.create("shortcut test", StringColumn.create("feature", feature),
        DoubleColumn.create(metric + "_intact", intact), DoubleColumn.create(metric + "_broken", broken),
        DoubleColumn.create("drop", drop()), DoubleColumn.create("attribution_share", attributionShare));
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), "Reliance on '" + feature + "': " + metric + " with it intact and permuted ("
        + repeats + " permutations, seed " + seed + ")");
  }

  @Override
  public String toText() {
    return Tables.text(toTable());
  }
}
