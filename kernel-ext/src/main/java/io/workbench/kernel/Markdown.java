package io.workbench.kernel;

import io.workbench.kernel.render.Renderers;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown cells as Jupyter shows them: CommonMark with GitHub tables (commonmark-java), raw HTML passed
 * through as nbconvert does, and math kept away from the Markdown parser. As in Jupyter, {@code $...$} and
 * {@code \\(...\\)} are inline math, {@code $$...$$}, {@code \\[...\\]} and {@code \begin{env}...\end{env}}
 * display math; math never crosses a blank line, balances its braces, and is not looked for inside code spans
 * and code blocks. Each formula is cut out before parsing (so {@code $a*b*c$} stays math and {@code \{} keeps
 * its backslash) and comes back as {@code <span class="math inline|display">} holding its escaped source, which
 * {@link Katex} typesets in the browser.
 *
 * <pre>{@code
 * Markdown.Rendered r = Markdown.render("Some *em* and $x^2$");   // r.html(), r.hasMath()
 * }</pre>
 */
final class Markdown {

  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
  /** Finds code spans and blocks (where math is not looked for) by their place in the source. */
  private static final Parser LOCATING = Parser.builder().extensions(EXTENSIONS)
      .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();

  /** Marks a formula's place while the Markdown is parsed: private-use characters around its number. */
  private static final char OPEN = '\uE000';
  private static final char CLOSE = '\uE001';

  private Markdown() {}

  /** Rendered HTML, and whether it holds math for {@link Katex}. */
  record Rendered(String html, boolean hasMath) {}

  /** One formula: its source with delimiters, and whether it is display math. */
  record Formula(String tex, boolean display) {}

  /** Renders Markdown (with math) to HTML. */
  static Rendered render(String markdown) {
    String text = markdown.replace("\r\n", "\n").replace('\r', '\n');
    List<int[]> spans = findMath(text, codeMask(text));
    List<Formula> math = new ArrayList<>();
    StringBuilder marked = new StringBuilder(text.length());
    int at = 0;
    for (int[] s : spans) {
      marked.append(text, at, s[0]).append(OPEN).append(math.size()).append(CLOSE);
      String tex = text.substring(s[0], s[1]);
      math.add(new Formula(tex, tex.startsWith("$$") || tex.startsWith("\\\\[") || tex.startsWith("\\begin{")));
      at = s[1];
    }
    marked.append(text, at, text.length());
    Node doc = PARSER.parse(marked.toString());
    if (!math.isEmpty()) {
      doc.accept(new MathInserter(math));
    }
    String html = RENDERER.render(doc);
    // what is left sits in attributes (image alt text, link titles): the formula's source, escaped
    return new Rendered(replaceMarks(html, math, false), !math.isEmpty());
  }

  /** The HTML of one formula, for KaTeX to typeset. */
  static String span(Formula f) {
    return "<span class=\"math " + (f.display() ? "display" : "inline") + "\">" + Renderers.escape(f.tex())
        + "</span>";
  }

  /** True at every character of a code span, fenced or indented code block. */
  private static boolean[] codeMask(String text) {
    boolean[] code = new boolean[text.length()];
    LOCATING.parse(text).accept(new AbstractVisitor() {
      @Override
      public void visit(Code node) {
        mark(node);
      }

      @Override
      public void visit(FencedCodeBlock node) {
        mark(node);
      }

      @Override
      public void visit(IndentedCodeBlock node) {
        mark(node);
      }

      private void mark(Node node) {
        for (SourceSpan s : node.getSourceSpans()) {
          int end = Math.min(code.length, s.getInputIndex() + s.getLength());
          for (int i = Math.max(0, s.getInputIndex()); i < end; i++) {
            code[i] = true;
          }
        }
      }
    });
    return code;
  }

  /** The formulas as [start, end) ranges of {@code t}, in order. */
  static List<int[]> findMath(String t, boolean[] code) {
    List<int[]> out = new ArrayList<>();
    int i = 0;
    while (i < t.length()) {
      if (code[i]) {
        i++;
        continue;
      }
      String open;
      String end;
      if (t.startsWith("\\\\(", i) || t.startsWith("\\\\[", i)) {
        open = t.substring(i, i + 3);
        end = t.charAt(i + 2) == '(' ? "\\\\)" : "\\\\]";
      } else if (t.startsWith("\\begin{", i)) {
        int close = t.indexOf('}', i);
        String env = close < 0 ? "" : t.substring(i + 7, close);
        if (!env.matches("[A-Za-z]+\\*?")) {
          i += 2;
          continue;
        }
        open = t.substring(i, close + 1);
        end = "\\end{" + env + "}";
      } else if (t.charAt(i) == '\\') {
        i += 2;   // an escaped character (\$, \{, \\ ...) is text
        continue;
      } else if (t.charAt(i) == '$') {
        open = t.startsWith("$$", i) ? "$$" : "$";
        end = open;
      } else {
        i++;
        continue;
      }
      int close = closing(t, code, i + open.length(), end);
      if (close < 0) {
        i += open.length();
        continue;
      }
      out.add(new int[] {i, close});
      i = close;
    }
    return out;
  }

  /**
   * Where the formula opened before {@code from} ends (after its closing delimiter), or -1: the first closing
   * delimiter at brace depth 0, else the last one seen before a blank line or the end of the text.
   */
  private static int closing(String t, boolean[] code, int from, String end) {
    int braces = 0;
    int last = -1;
    int j = from;
    while (j < t.length()) {
      if (code[j]) {
        j++;
      } else if (t.startsWith(end, j)) {
        j += end.length();
        if (braces == 0) {
          return j;
        }
        last = j;
      } else {
        char c = t.charAt(j);
        if (c == '\\') {
          j += 2;
          continue;
        }
        if (c == '{') {
          braces++;
        } else if (c == '}' && braces > 0) {
          braces--;
        } else if (c == '\n' && blankLineFollows(t, j + 1)) {
          break;
        }
        j++;
      }
    }
    return last;
  }

  /** The formula number of the mark from {@code open} to {@code close} in {@code s}, or -1. */
  private static int markNumber(String s, int open, int close) {
    String digits = s.substring(open + 1, close);
    return !digits.isEmpty() && digits.length() < 9 && digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')
        ? Integer.parseInt(digits) : -1;
  }

  /** Whether the line starting at {@code from} is blank (only spaces and tabs before its end). */
  private static boolean blankLineFollows(String t, int from) {
    for (int k = from; k < t.length(); k++) {
      char c = t.charAt(k);
      if (c == '\n') {
        return true;
      }
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return false;
  }

  /** Replaces the marks in {@code s} by math spans, or (in attributes) by the escaped source. */
  private static String replaceMarks(String s, List<Formula> math, boolean spans) {
    if (s.indexOf(OPEN) < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int close = c == OPEN ? s.indexOf(CLOSE, i) : -1;
      int n = close > i ? markNumber(s, i, close) : -1;
      if (n >= 0 && n < math.size()) {
        Formula f = math.get(n);
        b.append(spans ? span(f) : Renderers.escape(f.tex()));
        i = close + 1;
        continue;
      }
      b.append(c);
      i++;
    }
    return b.toString();
  }

  /** Puts the formulas back into text and raw HTML as spans; image alt text keeps them as source. */
  private static final class MathInserter extends AbstractVisitor {
    private final List<Formula> math;

    MathInserter(List<Formula> math) {
      this.math = math;
    }

    @Override
    public void visit(Text text) {
      String literal = text.getLiteral();
      if (literal.indexOf(OPEN) < 0) {
        return;
      }
      int at = 0;
      int i;
      while ((i = literal.indexOf(OPEN, at)) >= 0) {
        int close = literal.indexOf(CLOSE, i);
        if (close < 0) {
          break;
        }
        if (i > at) {
          text.insertBefore(new Text(literal.substring(at, i)));
        }
        HtmlInline span = new HtmlInline();
        span.setLiteral(replaceMarks(literal.substring(i, close + 1), math, true));
        text.insertBefore(span);
        at = close + 1;
      }
      if (at < literal.length()) {
        text.insertBefore(new Text(literal.substring(at)));
      }
      text.unlink();
    }

    /** A paragraph of one display formula is that formula alone, a block, as nbconvert writes it. */
    @Override
    public void visit(Paragraph paragraph) {
      Node only = paragraph.getFirstChild();
      if (only instanceof Text t && only.getNext() == null) {
        String literal = t.getLiteral();
        int n = literal.length() > 2 && literal.charAt(0) == OPEN && literal.indexOf(CLOSE) == literal.length() - 1
            ? markNumber(literal, 0, literal.length() - 1) : -1;
        if (n >= 0 && math.get(n).display()) {
          HtmlBlock block = new HtmlBlock();
          block.setLiteral(span(math.get(n)) + "\n");
          paragraph.insertBefore(block);
          paragraph.unlink();
          return;
        }
      }
      visitChildren(paragraph);
    }

    @Override
    public void visit(HtmlInline html) {
      html.setLiteral(replaceMarks(html.getLiteral(), math, true));
    }

    @Override
    public void visit(HtmlBlock html) {
      html.setLiteral(replaceMarks(html.getLiteral(), math, true));
    }

    @Override
    public void visit(Image image) {
      // alt text is an attribute: the marks are replaced by the escaped source after rendering
    }
  }
}
