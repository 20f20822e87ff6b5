package io.workbench.eval;

import java.util.Locale;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Renders result tables as small HTML fragments and aligned text. */
final class Html {

  private Html() {}

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static String cell(Column<?> c, int row) {
    if (c.isMissing(row)) {
      return "";
    }
    if (c instanceof NumericColumn<?> num && !(c instanceof tech.tablesaw.api.IntColumn)
        && !(c instanceof tech.tablesaw.api.LongColumn)) {
      return format(num.getDouble(row));
    }
    return c.getString(row);
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  static String table(Table t, String caption) {
    StringBuilder s = new StringBuilder("<table>");
    if (caption != null) {
      s.append("<caption>").append(escape(caption)).append("</caption>");
    }
    s.append("<thead><tr>");
    for (String name : t.columnNames()) {
      s.append("<th>").append(escape(name)).append("</th>");
    }
    s.append("</tr></thead><tbody>");
    for (int r = 0; r < t.rowCount(); r++) {
      s.append("<tr>");
      for (Column<?> c : t.columns()) {
        boolean num = c instanceof NumericColumn<?>;
        s.append(num ? "<td style=\"text-align:right\">" : "<td>").append(escape(cell(c, r))).append("</td>");
      }
      s.append("</tr>");
    }
    return s.append("</tbody></table>").toString();
  }

  static String text(Table t, String caption) {
    int cols = t.columnCount();
    int[] width = new int[cols];
    String[][] cells = new String[t.rowCount() + 1][cols];
    for (int c = 0; c < cols; c++) {
      cells[0][c] = t.column(c).name();
      for (int r = 0; r < t.rowCount(); r++) {
        cells[r + 1][c] = cell(t.column(c), r);
      }
      for (String[] row : cells) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    StringBuilder s = new StringBuilder();
    if (caption != null) {
      s.append(caption).append('\n');
    }
    for (String[] row : cells) {
      for (int c = 0; c < cols; c++) {
        s.append(c == 0 ? "" : "  ");
        s.append(String.format("%" + (c == 0 ? "-" : "") + width[c] + "s", row[c]));
      }
      s.append('\n');
    }
    return s.toString();
  }
}
