package io.workbench.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import io.workbench.kernel.render.Renderers;

/**
 * An executed notebook as one standalone HTML page: code in {@code <pre>}, HTML outputs inline, PNGs as
 * data URIs, SVG inline, streams and errors as text; markdown cells get headings, paragraphs and code
 * spans.
 *
 * <pre>{@code
 * String page = HtmlPage.render(executedNotebook, "01-quick-start.ipynb");
 * }</pre>
 */
final class HtmlPage {

  private HtmlPage() {}

  static String render(JsonNode nb, String title) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(Renderers.escape(title)).append("</title><style>")
        .append("body{font-family:sans-serif;max-width:70em;margin:2em auto;padding:0 1em}")
        .append(".cell{margin:1em 0}.in{background:#f6f8fa;border-left:3px solid #1f4e79;padding:.5em;")
        .append("overflow-x:auto}.count{color:#888;font-family:monospace}.out{padding:.3em .5em}")
        .append(".err{background:#fdecea;color:#8a1c1c}pre{margin:0;white-space:pre-wrap}")
        .append("table.dataframe{border-collapse:collapse;font-size:.85em}")
        .append("table.dataframe td,table.dataframe th{border:1px solid #ccc;padding:.2em .5em;text-align:right}")
        .append("</style></head><body>\n");
    for (JsonNode cell : nb.path("cells")) {
      String type = cell.path("cell_type").asText();
      String src = Notebooks.source(cell);
      b.append("<div class=\"cell\">");
      if (type.equals("markdown")) {
        b.append(markdown(src));
      } else if (type.equals("code")) {
        JsonNode count = cell.get("execution_count");
        b.append("<div class=\"count\">In [").append(count == null || count.isNull() ? " " : count.asText())
            .append("]:</div><div class=\"in\"><pre>").append(Renderers.escape(src)).append("</pre></div>");
        for (JsonNode o : cell.path("outputs")) {
          b.append(output(o));
        }
      } else {
        b.append("<pre>").append(Renderers.escape(src)).append("</pre>");
      }
      b.append("</div>\n");
    }
    return b.append("</body></html>\n").toString();
  }

  private static String output(JsonNode o) {
    String type = o.path("output_type").asText();
    if (type.equals("stream")) {
      return "<div class=\"out\"><pre>" + Renderers.escape(lastLines(Notebooks.source(wrap(o.get("text")))))
          + "</pre></div>";
    }
    if (type.equals("error")) {
      StringBuilder t = new StringBuilder(o.path("ename").asText()).append(": ").append(o.path("evalue").asText());
      for (JsonNode l : o.path("traceback")) {
        t.append('\n').append(l.asText());
      }
      return "<div class=\"out err\"><pre>" + Renderers.escape(stripAnsi(t.toString())) + "</pre></div>";
    }
    JsonNode data = o.path("data");
    if (data.has(Renderers.PNG)) {
      JsonNode meta = o.path("metadata").path(Renderers.PNG);
      String size = meta.has("width") ? " width=\"" + meta.get("width").asInt() + "\"" : "";
      return "<div class=\"out\"><img" + size + " src=\"data:image/png;base64,"
          + text(data.get(Renderers.PNG)).replace("\n", "") + "\"></div>";
    }
    if (data.has(Renderers.SVG)) {
      return "<div class=\"out\">" + text(data.get(Renderers.SVG)) + "</div>";
    }
    if (data.has(Renderers.HTML)) {
      return "<div class=\"out\">" + text(data.get(Renderers.HTML)) + "</div>";
    }
    if (data.has(Renderers.TEXT)) {
      return "<div class=\"out\"><pre>" + Renderers.escape(text(data.get(Renderers.TEXT))) + "</pre></div>";
    }
    return "";
  }

  /** Text after the last carriage return of each line, as a terminal would show a redrawn bar. */
  private static String lastLines(String s) {
    StringBuilder b = new StringBuilder();
    for (String line : s.split("\n", -1)) {
      int cr = line.lastIndexOf('\r', line.length() - 1);
      if (b.length() > 0) {
        b.append('\n');
      }
      b.append(cr >= 0 ? line.substring(cr + 1) : line);
    }
    return b.toString();
  }

  private static JsonNode wrap(JsonNode text) {
    return Notebooks.JSON.createObjectNode().set("source", text == null ? Notebooks.JSON.getNodeFactory().textNode("") : text);
  }

  private static String text(JsonNode n) {
    return Notebooks.source(wrap(n));
  }

  private static String stripAnsi(String s) {
    return s.replaceAll("\u001b\\[[0-9;]*m", "");
  }

  private static String markdown(String src) {
    StringBuilder b = new StringBuilder();
    StringBuilder para = new StringBuilder();
    for (String line : src.split("\n", -1)) {
      int level = 0;
      while (level < line.length() && level < 6 && line.charAt(level) == '#') {
        level++;
      }
      if (level > 0 && line.length() > level && line.charAt(level) == ' ') {
        flush(b, para);
        b.append("<h").append(level).append('>').append(inline(line.substring(level + 1)))
            .append("</h").append(level).append('>');
      } else if (line.isBlank()) {
        flush(b, para);
      } else {
        para.append(para.length() > 0 ? " " : "").append(line.strip());
      }
    }
    flush(b, para);
    return b.toString();
  }

  private static void flush(StringBuilder b, StringBuilder para) {
    if (para.length() > 0) {
      b.append("<p>").append(inline(para.toString())).append("</p>");
      para.setLength(0);
    }
  }

  private static String inline(String s) {
    return Renderers.escape(s).replaceAll("`([^`]+)`", "<code>$1</code>")
        .replaceAll("\\*\\*([^*]+)\\*\\*", "<b>$1</b>");
  }
}
