package io.workbench.explain;

import io.workbench.display.Displayable;
import tech.tablesaw.api.Table;

/** A result that is one table: it renders as that table, in HTML and as text. */
interface TableValue extends Displayable {

  /** The table the value renders as. */
  Table toTable();

  @Override
  default String toHtml() {
    return Html.table(toTable());
  }

  @Override
  default String toText() {
    return Html.text(toTable());
  }
}
