package io.workbench.kernel.render;

import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * A Tablesaw table as an HTML table and aligned text: at most {@link #MAX_ROWS} rows; a longer table
 * shows its first and last rows with an ellipsis row between and a caption giving its full size.
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

  /** Row indices to show: all, or the first {@code max - max/4} and the last {@code max/4}; -1 marks the gap. */
  static int[] shownRows(int rows, int max) {
    if (rows <= max) {
      int[] all = new int[rows];
      for (int i = 0; i < rows; i++) {
        all[i] = i;
      }
      return all;
    }
    int tail = max / 4;
    int head = max - tail;
    int[] r = new int[max + 1];
    for (int i = 0; i < head; i++) {
      r[i] = i;
    }
    r[head] = -1;
    for (int i = 0; i < tail; i++) {
      r[head + 1 + i] = rows - tail + i;
    }
    return r;
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
    for (int r : shownRows(rows, maxRows)) {
      b.append("<tr>");
      if (r < 0) {
        b.append("<th>\u2026</th>");
        for (int c = 0; c < cols; c++) {
          b.append("<td>\u2026</td>");
        }
      } else {
        b.append("<th>").append(r).append("</th>");
        for (int c = 0; c < cols; c++) {
          b.append("<td>").append(Renderers.escape(t.column(c).getString(r))).append("</td>");
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
    int[] shown = shownRows(t.rowCount(), maxRows);
    String[][] cells = new String[shown.length + 1][cols];
    for (int c = 0; c < cols; c++) {
      cells[0][c] = t.column(c).name();
      for (int i = 0; i < shown.length; i++) {
        cells[i + 1][c] = shown[i] < 0 ? "..." : t.column(c).getString(shown[i]);
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
