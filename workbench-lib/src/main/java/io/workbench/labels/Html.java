package io.workbench.labels;

import java.util.Locale;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Renders small Tablesaw tables as HTML fragments for the label-quality values. */
final class Html {

  private Html() {}

  static String escape(String s) {
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

  /** A table with a caption; at most {@code maxRows} rows, with a note on how many were left out. */
  static String table(Table t, int maxRows) {
    StringBuilder b = new StringBuilder("<table class=\"wb-table\"><caption>")
        .append(escape(t.name())).append("</caption><thead><tr>");
    for (String name : t.columnNames()) {
      b.append("<th>").append(escape(name)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    int shown = Math.min(maxRows, t.rowCount());
    for (int r = 0; r < shown; r++) {
      b.append("<tr>");
      for (Column<?> c : t.columns()) {
        b.append("<td>").append(escape(cell(c, r))).append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</tbody></table>");
    if (shown < t.rowCount()) {
      b.append("<p>").append(t.rowCount() - shown).append(" more rows not shown; see the table value.</p>");
    }
    return b.toString();
  }

  static String cell(Column<?> c, int r) {
    Object v = c.get(r);
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.4f", d);
    }
    return String.valueOf(v);
  }
}
