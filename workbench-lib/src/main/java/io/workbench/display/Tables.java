package io.workbench.display;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Renders a Tablesaw table as an HTML fragment or as aligned text, numbers in the one format of {@link
 * Numbers} (right-aligned), text escaped. Long tables show their first and last rows with an ellipsis row
 * between and say how many rows there are in all. Every result value renders its tables through here.
 *
 * <pre>{@code
 * String html = Tables.html(report.toTable(), "Classification metrics (143 rows)");
 * String text = Tables.text(report.toTable());          // caption: the table's name
 * String head = Tables.html(bigTable, null, 20);         // at most 20 rows shown
 * }</pre>
 */
public final class Tables {

  /** Rows shown unless a caller asks for another limit. */
  public static final int MAX_ROWS = 50;

  private Tables() {}

  /** The table as HTML, captioned with its name, at most {@link #MAX_ROWS} rows. */
  public static String html(Table t) {
    return html(t, t.name(), MAX_ROWS);
  }

  /** The table as HTML, captioned with its name, at most {@code maxRows} rows. */
  public static String html(Table t, int maxRows) {
    return html(t, t.name(), maxRows);
  }

  /** The table as HTML with a caption ({@code null} or empty: none), at most {@link #MAX_ROWS} rows. */
  public static String html(Table t, String caption) {
    return html(t, caption, MAX_ROWS);
  }

  /** The table as HTML with a caption ({@code null} or empty: none), at most {@code maxRows} rows. */
  public static String html(Table t, String caption, int maxRows) {
    StringBuilder b = new StringBuilder("<table>");
    if (caption != null && !caption.isEmpty()) {
      b.append("<caption>").append(escape(caption)).append("</caption>");
    }
    b.append("<thead><tr>");
    for (String name : t.columnNames()) {
      b.append("<th>").append(escape(name)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    for (int r : shownRows(t.rowCount(), maxRows)) {
      b.append("<tr>");
      for (Column<?> c : t.columns()) {
        boolean right = c instanceof NumericColumn<?>;
        b.append(right ? "<td style=\"text-align:right\">" : "<td>")
            .append(r < 0 ? "\u2026" : escape(cell(c, r))).append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</tbody></table>");
    if (t.rowCount() > maxRows) {
      b.append("<p>").append(t.rowCount()).append(" rows, ").append(maxRows)
          .append(" shown; the table value has all of them.</p>");
    }
    return b.toString();
  }

  /** The table as aligned text, captioned with its name, at most {@link #MAX_ROWS} rows. */
  public static String text(Table t) {
    return text(t, t.name(), MAX_ROWS);
  }

  /** The table as aligned text, captioned with its name, at most {@code maxRows} rows. */
  public static String text(Table t, int maxRows) {
    return text(t, t.name(), maxRows);
  }

  /** The table as aligned text with a caption line ({@code null} or empty: none), at most {@link #MAX_ROWS} rows. */
  public static String text(Table t, String caption) {
    return text(t, caption, MAX_ROWS);
  }

  /**
   * The table as aligned text: a caption line, a header line and one line per row; numbers right-aligned,
   * text left-aligned; at most {@code maxRows} rows.
   */
  public static String text(Table t, String caption, int maxRows) {
    int cols = t.columnCount();
    int[] shown = shownRows(t.rowCount(), maxRows);
    String[][] cells = new String[shown.length + 1][cols];
    int[] width = new int[cols];
    for (int c = 0; c < cols; c++) {
      Column<?> col = t.column(c);
      cells[0][c] = col.name();
      for (int i = 0; i < shown.length; i++) {
        cells[i + 1][c] = shown[i] < 0 ? "..." : cell(col, shown[i]);
      }
      for (String[] row : cells) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder b = new StringBuilder();
    if (caption != null && !caption.isEmpty()) {
      b.append(caption).append('\n');
    }
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < cols; c++) {
        line.append(c == 0 ? "" : "  ");
        String pad = " ".repeat(width[c] - row[c].length());
        boolean right = t.column(c) instanceof NumericColumn<?>;
        line.append(right ? pad + row[c] : row[c] + pad);
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
    if (t.rowCount() > maxRows) {
      b.append('[').append(t.rowCount()).append(" rows, ").append(maxRows).append(" shown]\n");
    }
    return b.toString();
  }

  /** One cell as text in the format of {@link Numbers}; an empty string for a missing non-numeric cell. */
  public static String cell(Column<?> column, int row) {
    if (column instanceof NumericColumn<?> num) {
      return Numbers.format(num.getDouble(row));
    }
    if (column.isMissing(row)) {
      return "";
    }
    return Numbers.format(column.get(row));
  }

  /**
   * Row indices to show: all rows, or the first {@code max - max/4} and the last {@code max/4} with
   * {@code -1} marking the gap between them.
   */
  public static int[] shownRows(int rows, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxRows must be >= 1, got " + max);
    }
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

  /** Escapes {@code & < > "} for HTML text and attribute values. */
  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
