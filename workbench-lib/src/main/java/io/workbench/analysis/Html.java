package io.workbench.analysis;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Renders result tables as small HTML fragments (package-internal). */
public final class Html {

  private Html() {}

  /** An HTML table with a caption; numbers are shown with four significant digits. */
  public static String table(String caption, Table t) {
    StringBuilder sb = new StringBuilder("<table class=\"workbench\">");
    if (caption != null && !caption.isEmpty()) {
      sb.append("<caption>").append(escape(caption)).append("</caption>");
    }
    sb.append("<thead><tr>");
    for (String c : t.columnNames()) {
      sb.append("<th>").append(escape(c)).append("</th>");
    }
    sb.append("</tr></thead><tbody>");
    for (int r = 0; r < t.rowCount(); r++) {
      sb.append("<tr>");
      for (int c = 0; c < t.columnCount(); c++) {
        Column<?> col = t.column(c);
        Object v = col.get(r);
        sb.append("<td>").append(escape(format(v))).append("</td>");
      }
      sb.append("</tr>");
    }
    return sb.append("</tbody></table>").toString();
  }

  public static String format(Object v) {
    if (v instanceof Double d) {
      return num(d);
    }
    if (v instanceof Float f) {
      return num(f);
    }
    return String.valueOf(v);
  }

  public static String num(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e9) {
      return Long.toString((long) d);
    }
    return String.format(java.util.Locale.ROOT, "%.4g", d);
  }

  public static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
