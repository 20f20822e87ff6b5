package io.workbench.analysis.shortcut;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The mask-of-truth scores: full input, region of interest only, region removed.
 *
 * <pre>{@code
 * MaskResult m = MaskOfTruth.create().run(model, test, roi);
 * m.roiOnly() > m.roiRemoved();   // the model reads the region
 * }</pre>
 *
 * @param metric the metric's name
 * @param full score on the test rows as they are
 * @param roiOnly score with everything outside the region replaced by the baseline
 * @param roiRemoved score with the region replaced by the baseline
 * @param roiFraction share of all values inside the region
 */
public record MaskResult(String metric, double full, double roiOnly, double roiRemoved, double roiFraction)
    implements Displayable {

  /** One row per condition. */
  public Table toTable() {
    return Table.create("mask of truth",
        StringColumn.create("input", "full", "region of interest only", "region of interest removed"),
        DoubleColumn.create(metric, full, roiOnly, roiRemoved));
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), "Mask of truth (region: " + Numbers.format(100 * roiFraction)
        + " % of the values)");
  }

  @Override
  public String toText() {
    return Tables.text(toTable());
  }
}
