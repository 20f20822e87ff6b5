package io.workbench.display;

import tech.tablesaw.api.Table;

/**
 * A result whose display is one table: it implements {@link #toTable()} (raw values, full precision) and
 * renders through {@link Tables} as HTML and text, captioned with the table's name.
 *
 * <pre>{@code
 * record Scores(double[] v) implements Tabular {
 *   public Table toTable() { return Table.create("scores", DoubleColumn.create("score", v)); }
 * }
 * }</pre>
 */
public interface Tabular extends Displayable {

  /** The values as a table, with full-precision numbers. */
  Table toTable();

  @Override
  default String toHtml() {
    return Tables.html(toTable());
  }

  @Override
  default String toText() {
    return Tables.text(toTable());
  }
}
