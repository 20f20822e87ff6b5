package io.workbench.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's HTML page against nbconvert on the same notebook: Markdown (CommonMark with tables), raw HTML
 * passed through as nbconvert does, math left intact for the inlined KaTeX, which really typesets it (run in
 * node when present), and a page that refers to nothing outside itself.
 */
class HtmlPageTest {

  @TempDir
  Path tmp;

  /** Markdown a tutorial might hold; each line exercises one rule. */
  static final String MARKDOWN = """
      # Results *so far*

      Some *em*, **strong**, `code $x$` and a [link](https://example.org/a?b=1&c=2).
      Inline math $x^2$ and $a*b*c$ and $\\{x\\}$; display math:

      $$\\sum_{i=1}^n a_i * b_i$$

      - one
      - two with `$` in code

      1. first
      2. second

      | model | AUROC | note |
      |:------|------:|:----:|
      | MLP | 0.93 | $y_1$ |
      | XGBoost | 0.95 | **best** |

      <b>raw</b> html and a < b & c > d.

      > a quote

      ```
      $not math$ and *not em*
      ```
      """;

  private static ObjectNode notebook(String markdown) {
    ObjectNode nb = NotebookFixtures.notebook("workbench", "1 + 1");
    ObjectNode md = Notebooks.JSON.createObjectNode();
    md.put("cell_type", "markdown").put("id", "md0");
    md.putObject("metadata");
    md.set("source", Notebooks.lines(markdown));
    ((ArrayNode) nb.get("cells")).insert(0, md);
    return nb;
  }

  private static String markdownPart(String page) {
    int start = page.indexOf("<div class=\"md\">") + "<div class=\"md\">".length();
    return page.substring(start, page.indexOf("</div>", start));
  }

  @Test
  void markdownRendersAsCommonMarkWithTables() {
    String html = markdownPart(HtmlPage.render(notebook(MARKDOWN), "t.ipynb"));
    assertTrue(html.contains("<h1>Results <em>so far</em></h1>"), html);
    assertTrue(html.contains("<em>em</em>") && html.contains("<strong>strong</strong>"), html);
    assertTrue(html.contains("<a href=\"https://example.org/a?b=1&amp;c=2\">link</a>"), html);
    assertTrue(html.contains("<ul>\n<li>one</li>") && html.contains("<ol>\n<li>first</li>"), html);
    assertTrue(html.contains("<table>") && html.contains("<th align=\"right\">AUROC</th>")
        && html.contains("<td align=\"right\">0.93</td>") && html.contains("<td align=\"center\"><strong>best</strong></td>"),
        html);
    assertTrue(html.contains("<blockquote>\n<p>a quote</p>\n</blockquote>"), html);
  }

  @Test
  void mathIsKeptWholeAndCodeIsLeftAlone() {
    String html = markdownPart(HtmlPage.render(notebook(MARKDOWN), "t.ipynb"));
    assertTrue(html.contains("<span class=\"math inline\">$x^2$</span>"), html);
    assertTrue(html.contains("<span class=\"math inline\">$a*b*c$</span>"), "no emphasis inside math: " + html);
    assertTrue(html.contains("<span class=\"math inline\">$\\{x\\}$</span>"), "backslashes kept: " + html);
    assertTrue(html.contains("</p>\n<span class=\"math display\">$$\\sum_{i=1}^n a_i * b_i$$</span>\n<ul>"),
        "a block of its own, as nbconvert writes it: " + html);
    assertTrue(html.contains("<td align=\"center\"><span class=\"math inline\">$y_1$</span></td>"), html);
    assertTrue(html.contains("<code>code $x$</code>") && html.contains("<code>$</code> in code"), html);
    assertTrue(html.contains("<pre><code>$not math$ and *not em*\n</code></pre>"), html);
    assertEquals(5, count(html, "<span class=\"math "), html);
  }

  @Test
  void rawHtmlPassesThroughAndTextIsEscapedAsInNbconvert() {
    String html = markdownPart(HtmlPage.render(notebook(MARKDOWN), "t.ipynb"));
    assertTrue(html.contains("<p><b>raw</b> html and a &lt; b &amp; c &gt; d.</p>"), html);
  }

  @Test
  void jupyterMathDelimitersAndTheirLimits() {
    String html = Markdown.render("""
        a \\\\(x+1\\\\) b \\\\[y\\\\] and \\begin{align}a &= b\\\\ c &= d\\end{align}
        costs \\$5 and \\$6; $unclosed

        $braces {$ inside} $ then $a
        b$ and $no

        blank$
        """).html();
    assertTrue(html.contains("<span class=\"math inline\">\\\\(x+1\\\\)</span>"), html);
    assertTrue(html.contains("<span class=\"math display\">\\\\[y\\\\]</span>"), html);
    assertTrue(html.contains("<span class=\"math display\">\\begin{align}a &amp;= b\\\\ c &amp;= d\\end{align}</span>"),
        html);
    assertTrue(html.contains("costs $5 and $6; $unclosed</p>"), "escaped dollars are text: " + html);
    assertTrue(html.contains("<span class=\"math inline\">$braces {$ inside} $</span>"), "braces balance: " + html);
    assertTrue(html.contains("<span class=\"math inline\">$a\nb$</span>"), "one line break is fine: " + html);
    assertTrue(html.contains("and $no</p>") && html.contains("<p>blank$</p>"), "no math across a blank line: " + html);
    assertFalse(Markdown.render("no math, `$a$`, *b*").hasMath());
  }

  @Test
  void mathInImageAltTextStaysSourceInsideTheAttribute() {
    String html = Markdown.render("![plot of $x<1$](p.png) and $y$").html();
    assertTrue(html.contains("<img src=\"p.png\" alt=\"plot of $x&lt;1$\" />"), html);
    assertTrue(html.contains("<span class=\"math inline\">$y$</span>"), html);
  }

  @Test
  void aPageWithMathInlinesKatexAndReferencesNothingOutside() {
    String page = HtmlPage.render(notebook(MARKDOWN), "t.ipynb");
    assertTrue(page.contains("@font-face") && page.contains("url(data:font/woff2;base64,"), "fonts inlined");
    assertFalse(page.contains("url(fonts/"), "no font file next to the page is needed");
    // every reference in the markup and styles (the inlined scripts' code is not markup)
    String markup = page.replaceAll("(?s)<script>.*?</script>", "<script></script>");
    Matcher m = Pattern.compile("(?:src|href)=\"([^\"]*)\"|url\\(([^)]*)\\)").matcher(markup);
    List<String> external = new ArrayList<>();
    while (m.find()) {
      String ref = m.group(1) != null ? m.group(1) : m.group(2);
      if (!ref.startsWith("data:") && !ref.equals("https://example.org/a?b=1&amp;c=2")) {
        external.add(ref);
      }
    }
    assertEquals(List.of(), external, "the page loads nothing from elsewhere");
    String plain = HtmlPage.render(notebook("# no math here\n\nplain *text*"), "t.ipynb");
    assertFalse(plain.contains("katex"), "pages without math stay small");
    assertTrue(plain.length() < 5_000, "length " + plain.length());
  }

  @Test
  void latexAndMarkdownOutputsRender() {
    ObjectNode nb = NotebookFixtures.notebook("workbench", "x");
    ArrayNode outs = ((ObjectNode) nb.at("/cells/0")).putArray("outputs");
    ObjectNode latex = outs.addObject().put("output_type", "display_data");
    latex.putObject("data").put("text/latex", "$$\\frac{1}{2}$$").put("text/plain", "1/2");
    latex.putObject("metadata");
    ObjectNode md = outs.addObject().put("output_type", "display_data");
    md.putObject("data").put("text/markdown", "**bold** and $z$").put("text/plain", "bold");
    md.putObject("metadata");
    String page = HtmlPage.render(nb, "t.ipynb");
    assertTrue(page.contains("<div class=\"out\"><span class=\"math display\">$$\\frac{1}{2}$$</span></div>"), page);
    assertTrue(page.contains("<strong>bold</strong> and <span class=\"math inline\">$z$</span>"), page);
    assertTrue(page.contains("katex"), "math in outputs brings KaTeX");
  }

  /** The formulas of the page, typeset by the page's own inlined KaTeX script in node. */
  @Test
  void theInlinedKatexTypesetsEveryFormula() throws Exception {
    Path node = Path.of("/usr/bin/node");
    assumeTrue(Files.isExecutable(node), "needs node (Debian: nodejs) to run the page's script");
    Path page = Files.writeString(tmp.resolve("page.html"), HtmlPage.render(notebook(MARKDOWN), "t.ipynb"));
    Path script = tmp.resolve("katex_page.js");
    try (InputStream in = HtmlPageTest.class.getResourceAsStream("katex_page.js")) {
      Files.copy(in, script);
    }
    JupyterTools.Proc p = JupyterTools.run(List.of(node.toString(), script.toString(), page.toString()), tmp,
        Map.of(), 120);
    assertEquals(0, p.exit(), p.output());
    JsonNode spans = Notebooks.JSON.readTree(p.output().lines().reduce((a, b) -> b).orElse("[]"));
    assertEquals(5, spans.size(), p.output());
    Map<String, String> expect = Map.of(
        "$x^2$", "<msup><mi>x</mi><mn>2</mn></msup>",
        "$a*b*c$", "<mi>a</mi><mo>∗</mo><mi>b</mi><mo>∗</mo><mi>c</mi>",
        "$\\{x\\}$", "<mo stretchy=\"false\">{</mo><mi>x</mi><mo stretchy=\"false\">}</mo>",
        "$$\\sum_{i=1}^n a_i * b_i$$", "<munderover><mo>∑</mo>",
        "$y_1$", "<msub><mi>y</mi><mn>1</mn></msub>");
    for (JsonNode s : spans) {
      String source = s.get("source").asText();
      String html = s.get("html").asText();
      assertTrue(expect.containsKey(source), source);
      assertTrue(html.contains(expect.get(source)), source + " -> " + html);
      assertEquals(source.startsWith("$$"), html.contains("katex-display"), "display mode for " + source);
      assertEquals(source.replaceAll("^\\$\\$?|\\$\\$?$", ""), s.get("tex").asText(), "delimiters stripped");
    }
  }

  /** The same notebook through nbconvert: the same elements and text, once its math and heading anchors are set aside. */
  @Test
  void markdownAgreesWithNbconvert() throws Exception {
    String python = JupyterTools.python();
    Path file = NotebookFixtures.write(tmp.resolve("md.ipynb"), notebook(MARKDOWN));
    JupyterTools.Proc p = JupyterTools.run(List.of(python, "-m", "nbconvert", "--to", "html", "--stdout",
        file.toString()), tmp, Map.of(), 300);
    assertEquals(0, p.exit(), p.output());
    String marker = "data-mime-type=\"text/markdown\"";
    int at = p.output().indexOf(marker);
    assumeTrue(at >= 0, "nbconvert's template has no " + marker + " (another nbconvert version)");
    int start = p.output().indexOf('>', at) + 1;
    String theirs = p.output().substring(start, p.output().indexOf("</div>", start));
    String ours = markdownPart(HtmlPage.render(notebook(MARKDOWN), "md.ipynb"));
    assertEquals(normalise(theirs.replace("\\$", "$")), normalise(ours));
  }

  /** Elements without attributes, heading anchors and math spans removed, whitespace between tags dropped. */
  private static String normalise(String html) {
    return html.replaceAll("<a class=\"anchor-link\"[^>]*>[^<]*</a>", "")
        .replaceAll("</?span[^>]*>", "")
        .replaceAll("<(/?[a-zA-Z0-9]+)[^>]*?\\s*/?>", "<$1>")
        .replace("&quot;", "\"").replace("&#182;", "")
        .replaceAll("\\s+", " ").replaceAll(">\\s+<", "><").replaceAll(">\\s+", ">").replaceAll("\\s+<", "<").strip();
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
