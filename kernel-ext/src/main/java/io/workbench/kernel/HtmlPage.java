package io.workbench.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import io.workbench.kernel.render.Renderers;

/**
 * An executed notebook as one standalone HTML page that works offline: code in {@code <pre>}, HTML outputs
 * inline, PNG and JPEG as data URIs, SVG inline, streams and errors as text; Markdown cells (and Markdown
 * outputs) through {@link Markdown}: CommonMark with GitHub tables, raw HTML passed through as nbconvert does;
 * math in Markdown and LaTeX outputs typeset by KaTeX, which is inlined into pages that hold math ({@link
 * Katex}).
 *
 * <pre>{@code
 * String page = HtmlPage.render(executedNotebook, "01-quick-start.ipynb");
 * }</pre>
 */
final class HtmlPage {

  private static final String JPEG = "image/jpeg";
  private static final String LATEX = "text/latex";
  private static final String MARKDOWN = "text/markdown";

  private HtmlPage() {}

  static String render(JsonNode nb, String title) {
    StringBuilder body = new StringBuilder();
    boolean math = false;
    for (JsonNode cell : nb.path("cells")) {
      String type = cell.path("cell_type").asText();
      String src = Notebooks.source(cell);
      body.append("<div class=\"cell\">");
      if (type.equals("markdown")) {
        Markdown.Rendered md = Markdown.render(src);
        math |= md.hasMath();
        body.append("<div class=\"md\">").append(md.html()).append("</div>");
      } else if (type.equals("code")) {
        JsonNode count = cell.get("execution_count");
        body.append("<div class=\"count\">In [").append(count == null || count.isNull() ? " " : count.asText())
            .append("]:</div><div class=\"in\"><pre>").append(Renderers.escape(src)).append("</pre></div>");
        for (JsonNode o : cell.path("outputs")) {
          Output out = output(o);
          math |= out.math();
          body.append(out.html());
        }
      } else {
        body.append("<pre>").append(Renderers.escape(src)).append("</pre>");
      }
      body.append("</div>\n");
    }
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(Renderers.escape(title)).append("</title><style>")
        .append("body{font-family:sans-serif;max-width:70em;margin:2em auto;padding:0 1em}")
        .append(".cell{margin:1em 0}.in{background:#f6f8fa;border-left:3px solid #1f4e79;padding:.5em;")
        .append("overflow-x:auto}.count{color:#888;font-family:monospace}.out{padding:.3em .5em}")
        .append(".err{background:#fdecea;color:#8a1c1c}pre{margin:0;white-space:pre-wrap}")
        .append(".md pre{background:#f6f8fa;padding:.5em}.md code{background:#f6f8fa;padding:0 .2em}")
        .append(".md table{border-collapse:collapse}.md td,.md th{border:1px solid #ccc;padding:.2em .6em}")
        .append("table.dataframe{border-collapse:collapse;font-size:.85em}")
        .append("table.dataframe td,table.dataframe th{border:1px solid #ccc;padding:.2em .5em;text-align:right}")
        .append("</style>");
    if (math) {
      b.append(Katex.style());
    }
    b.append("</head><body>\n").append(body);
    if (math) {
      b.append(Katex.script()).append('\n');
    }
    return b.append("</body></html>\n").toString();
  }

  /** One output's HTML, and whether it holds math. */
  private record Output(String html, boolean math) {}

  private static Output output(JsonNode o) {
    String type = o.path("output_type").asText();
    if (type.equals("stream")) {
      return out("<pre>" + Renderers.escape(lastLines(Notebooks.text(o.get("text")))) + "</pre>", "");
    }
    if (type.equals("error")) {
      StringBuilder t = new StringBuilder(o.path("ename").asText()).append(": ").append(o.path("evalue").asText());
      for (JsonNode l : o.path("traceback")) {
        t.append('\n').append(l.asText());
      }
      return out("<pre>" + Renderers.escape(stripAnsi(t.toString())) + "</pre>", " err");
    }
    JsonNode data = o.path("data");
    if (data.has(Renderers.PNG) || data.has(JPEG)) {
      String mime = data.has(Renderers.PNG) ? Renderers.PNG : JPEG;
      JsonNode meta = o.path("metadata").path(mime);
      String size = meta.has("width") ? " width=\"" + meta.get("width").asInt() + "\"" : "";
      return out("<img" + size + " src=\"data:" + mime + ";base64,"
          + Notebooks.text(data.get(mime)).replace("\n", "") + "\">", "");
    }
    if (data.has(Renderers.SVG)) {
      return out(Notebooks.text(data.get(Renderers.SVG)), "");
    }
    if (data.has(Renderers.HTML)) {
      return out(Notebooks.text(data.get(Renderers.HTML)), "");
    }
    if (data.has(LATEX)) {
      String tex = Notebooks.text(data.get(LATEX)).strip();
      return new Output("<div class=\"out\">" + Markdown.span(new Markdown.Formula(tex, true)) + "</div>", true);
    }
    if (data.has(MARKDOWN)) {
      Markdown.Rendered md = Markdown.render(Notebooks.text(data.get(MARKDOWN)));
      return new Output("<div class=\"out md\">" + md.html() + "</div>", md.hasMath());
    }
    if (data.has(Renderers.TEXT)) {
      return out("<pre>" + Renderers.escape(Notebooks.text(data.get(Renderers.TEXT))) + "</pre>", "");
    }
    return new Output("", false);
  }

  private static Output out(String inner, String cssClass) {
    return new Output("<div class=\"out" + cssClass + "\">" + inner + "</div>", false);
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

  private static String stripAnsi(String s) {
    return s.replaceAll("\u001b\\[[0-9;]*m", "");
  }
}
