package io.workbench.explain;

import java.util.Locale;

/** Small HTML helpers shared by the result values. */
final class Html {

  private Html() {}

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
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

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e5)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** A Tablesaw table as an HTML table with its name as caption; numbers as {@link #num(double)}. */
  static String table(tech.tablesaw.api.Table t) {
    StringBuilder b = new StringBuilder("<table><caption>").append(esc(t.name())).append("</caption><tr>");
    for (String c : t.columnNames()) {
      b.append("<th>").append(esc(c)).append("</th>");
    }
    b.append("</tr>");
    for (int r = 0; r < t.rowCount(); r++) {
      b.append("<tr>");
      for (int c = 0; c < t.columnCount(); c++) {
        b.append("<td>").append(esc(cell(t, r, c))).append("</td>");
      }
      b.append("</tr>");
    }
    return b.append("</table>").toString();
  }

  /** A Tablesaw table as aligned plain text under its name. */
  static String text(tech.tablesaw.api.Table t) {
    int cols = t.columnCount();
    int[] width = new int[cols];
    for (int c = 0; c < cols; c++) {
      width[c] = t.column(c).name().length();
      for (int r = 0; r < t.rowCount(); r++) {
        width[c] = Math.max(width[c], cell(t, r, c).length());
      }
    }
    StringBuilder b = new StringBuilder(t.name()).append('\n');
    for (int c = 0; c < cols; c++) {
      b.append(c > 0 ? "  " : "").append(pad(t.column(c).name(), width[c]));
    }
    for (int r = 0; r < t.rowCount(); r++) {
      b.append('\n');
      for (int c = 0; c < cols; c++) {
        b.append(c > 0 ? "  " : "").append(pad(cell(t, r, c), width[c]));
      }
    }
    return b.toString();
  }

  private static String cell(tech.tablesaw.api.Table t, int r, int c) {
    Object v = t.column(c).get(r);
    return v instanceof Double d ? num(d) : String.valueOf(v);
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(Math.max(0, w - s.length()));
  }
}
