package io.workbench.kernel.render;

import io.workbench.display.Tables;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * A Tablesaw table as an HTML table and aligned text, in the dataframe style of notebooks (row numbers, size
 * in the caption): at most {@link #MAX_ROWS} rows; a longer table shows its first and last rows with an
 * ellipsis row between. Cells use the library's one number format ({@link Tables#cell}).
 *
 * <pre>{@code
 * String html = TableRender.html(Datasets.breastCancer().table(), 20);
 * }</pre>
 */
public final class TableRender {

  /** Rows shown before a table is truncated. */
  public static final int MAX_ROWS = 20;

  private TableRender() {}

  static void render(Object value, Map<String, Object> out) {
    Table t = (Table) value;
    out.put(Renderers.HTML, html(t, MAX_ROWS));
    out.put(Renderers.TEXT, text(t, MAX_ROWS));
  }

  /** The table as HTML, at most {@code maxRows} data rows. */
  public static String html(Table t, int maxRows) {
    int rows = t.rowCount();
    int cols = t.columnCount();
    StringBuilder b = new StringBuilder();
    b.append("<div class=\"wb-table\"><table border=\"1\" class=\"dataframe\">");
    String name = t.name() == null ? "" : t.name();
    b.append("<caption style=\"caption-side:bottom;text-align:left\">")
        .append(Renderers.escape(name.isEmpty() ? "" : name + ": "))
        .append(rows).append(rows == 1 ? " row" : " rows").append(" \u00d7 ")
        .append(cols).append(cols == 1 ? " column" : " columns");
    if (rows > maxRows) {
      b.append(" (showing ").append(maxRows).append(')');
    }
    b.append("</caption><thead><tr><th></th>");
    for (String c : t.columnNames()) {
      b.append("<th>").append(Renderers.escape(c)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    for (int r : Tables.shownRows(rows, maxRows)) {
      b.append("<tr>");
      if (r < 0) {
        b.append("<th>\u2026</th>");
        for (int c = 0; c < cols; c++) {
          b.append("<td>\u2026</td>");
        }
      } else {
        b.append("<th>").append(r).append("</th>");
        for (int c = 0; c < cols; c++) {
          b.append("<td>").append(Renderers.escape(Tables.cell(t.column(c), r))).append("</td>");
        }
      }
      b.append("</tr>");
    }
    b.append("</tbody></table></div>");
    return b.toString();
  }

  /** The table as aligned text, at most {@code maxRows} data rows. */
  public static String text(Table t, int maxRows) {
    int cols = t.columnCount();
    int[] shown = Tables.shownRows(t.rowCount(), maxRows);
    String[][] cells = new String[shown.length + 1][cols];
    for (int c = 0; c < cols; c++) {
      cells[0][c] = t.column(c).name();
      for (int i = 0; i < shown.length; i++) {
        cells[i + 1][c] = shown[i] < 0 ? "..." : Tables.cell(t.column(c), shown[i]);
      }
    }
    int[] w = new int[cols];
    for (String[] row : cells) {
      for (int c = 0; c < cols; c++) {
        w[c] = Math.max(w[c], row[c].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (String[] row : cells) {
      for (int c = 0; c < cols; c++) {
        if (c > 0) {
          b.append("  ");
        }
        b.append(" ".repeat(w[c] - row[c].length())).append(row[c]);
      }
      b.append('\n');
    }
    b.append('[').append(t.rowCount()).append(" rows x ").append(cols).append(" columns]");
    return b.toString();
  }
}
