package io.workbench.kernel.doc;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.EndElementTree;
import com.sun.source.doctree.EntityTree;
import com.sun.source.doctree.LinkTree;
import com.sun.source.doctree.LiteralTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.doctree.ReturnTree;
import com.sun.source.doctree.StartElementTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.doctree.ThrowsTree;
import com.sun.source.doctree.ValueTree;
import com.sun.source.doctree.DeprecatedTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Javadoc comments to {@link Doc} values, through the JDK's own comment parser ({@code com.sun.source.doctree}):
 * inline tags ({@code {@code}}, {@code {@link}}, {@code {@value}}, {@code {@snippet}}) become their text, HTML
 * becomes plain text with paragraphs, list items and {@code <pre>} blocks kept, entities are decoded.
 *
 * <pre>{@code
 * Doc d = DocComments.parse(rawCommentFromJShell);      // JDK classes, at inspection time
 * }</pre>
 */
public final class DocComments {

  private static final Map<String, String> ENTITIES = Map.of("lt", "<", "gt", ">", "amp", "&", "quot", "\"",
      "apos", "'", "nbsp", " ", "mdash", "\u2014", "ndash", "\u2013", "hellip", "\u2026", "times", "\u00d7");

  private DocComments() {}

  /**
   * Parses the text of a comment (without {@code /**} and the closing mark; lines may keep their leading
   * {@code *}), as JShell hands it over for JDK classes.
   */
  public static Doc parse(String raw) {
    String source = "/**" + raw.replace("*/", "*&#47;") + "\n*/ class DocHolder {}";
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      return Doc.EMPTY;
    }
    SimpleJavaFileObject file = new SimpleJavaFileObject(URI.create("string:///DocHolder.java"),
        SimpleJavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    };
    JavacTask task = (JavacTask) javac.getTask(null, null, d -> { }, List.of("-proc:none"), null, List.of(file));
    try {
      for (CompilationUnitTree unit : task.parse()) {
        ClassTree holder = (ClassTree) unit.getTypeDecls().get(0);
        DocCommentTree tree = DocTrees.instance(task).getDocCommentTree(TreePath.getPath(unit, holder));
        return tree == null ? Doc.EMPTY : of(tree, ref -> "");
      }
    } catch (IOException e) {
      return Doc.EMPTY;
    }
    return Doc.EMPTY;
  }

  /**
   * The comment as a {@link Doc}.
   *
   * @param constants the value of a {@code {@value Class#NAME}} reference, or empty when unknown
   */
  static Doc of(DocCommentTree tree, Function<String, String> constants) {
    Text body = new Text(constants);
    body.add(tree.getFullBody());
    String summary = new Text(constants).add(tree.getFirstSentence()).plain();
    List<Doc.Tag> params = new ArrayList<>();
    List<Doc.Tag> exceptions = new ArrayList<>();
    String returns = "";
    String deprecated = "";
    for (DocTree tag : tree.getBlockTags()) {
      switch (tag.getKind()) {
        case PARAM -> {
          ParamTree p = (ParamTree) tag;
          String name = p.getName().getName().toString();
          params.add(new Doc.Tag(p.isTypeParameter() ? "<" + name + ">" : name,
              new Text(constants).add(p.getDescription()).plain()));
        }
        case RETURN -> returns = new Text(constants).add(((ReturnTree) tag).getDescription()).plain();
        case THROWS, EXCEPTION -> {
          ThrowsTree t = (ThrowsTree) tag;
          exceptions.add(new Doc.Tag(t.getExceptionName().getSignature(),
              new Text(constants).add(t.getDescription()).plain()));
        }
        case DEPRECATED -> deprecated = new Text(constants).add(((DeprecatedTree) tag).getBody()).plain();
        default -> { }
      }
    }
    return new Doc(summary, body.plain(), params, returns, exceptions, body.firstBlock(), deprecated);
  }

  /** Whether the comment's description is only {@code {@inheritDoc}} (or absent) and it documents nothing else. */
  static boolean inherits(DocCommentTree tree) {
    boolean onlyInherit = tree.getFullBody().stream()
        .allMatch(t -> t.getKind() == DocTree.Kind.INHERIT_DOC || (t instanceof TextTree x && x.getBody().isBlank()));
    return onlyInherit && tree.getBlockTags().isEmpty();
  }

  /** Plain text built from doc trees: paragraphs, list items and preformatted blocks kept. */
  private static final class Text {
    private final Function<String, String> constants;
    private final StringBuilder out = new StringBuilder();
    private StringBuilder pre;   // the open <pre> block, if any
    private String firstBlock = "";

    Text(Function<String, String> constants) {
      this.constants = constants;
    }

    Text add(List<? extends DocTree> trees) {
      for (DocTree t : trees) {
        add(t);
      }
      return this;
    }

    private void text(String s) {
      (pre != null ? pre : out).append(s);
    }

    private void add(DocTree t) {
      switch (t.getKind()) {
        case TEXT -> text(((TextTree) t).getBody());
        case ENTITY -> text(entity(((EntityTree) t).getName().toString()));
        case CODE, LITERAL -> text(((LiteralTree) t).getBody().getBody());
        case LINK, LINK_PLAIN -> {
          LinkTree l = (LinkTree) t;
          if (!l.getLabel().isEmpty()) {
            add(l.getLabel());
          } else {
            text(reference(l.getReference().getSignature()));
          }
        }
        case VALUE -> {
          ValueTree v = (ValueTree) t;
          String ref = v.getReference() == null ? "" : v.getReference().getSignature();
          String value = constants.apply(ref);
          text(value.isEmpty() ? reference(ref) : value);
        }
        case START_ELEMENT -> start(((StartElementTree) t).getName().toString().toLowerCase(Locale.ROOT));
        case END_ELEMENT -> end(((EndElementTree) t).getName().toString().toLowerCase(Locale.ROOT));
        case INHERIT_DOC -> { }
        default -> {
          if (t.getKind().name().equals("SNIPPET")) {
            snippet(t);
          } else {
            text(inlineText(t));
          }
        }
      }
    }

    /** {@code {@snippet : ...}} (JDK 18+): its body is a code block. */
    private void snippet(DocTree t) {
      try {
        Object body = t.getClass().getMethod("getBody").invoke(t);
        String code = body instanceof TextTree tt ? tt.getBody() : "";
        block(code);
      } catch (ReflectiveOperationException e) {
        text(t.toString());
      }
    }

    private void start(String name) {
      switch (name) {
        case "p", "div", "blockquote", "table", "dl" -> paragraph();
        case "br" -> text("\n");
        case "li" -> {
          newline();
          out.append("- ");
        }
        case "dt", "tr" -> newline();
        case "dd", "td", "th" -> text(" ");
        case "ul", "ol" -> newline();
        case "pre" -> pre = new StringBuilder();
        default -> { }
      }
    }

    private void end(String name) {
      switch (name) {
        case "pre" -> {
          if (pre != null) {
            String code = pre.toString();
            pre = null;
            block(code);
          }
        }
        case "ul", "ol", "p", "table", "dl" -> paragraph();
        default -> { }
      }
    }

    private void block(String code) {
      String dedented = dedent(code);
      if (dedented.isBlank()) {
        return;
      }
      if (firstBlock.isEmpty()) {
        firstBlock = dedented;
      }
      paragraph();
      out.append("\u0000PRE").append(dedented).append("\u0000END");
      paragraph();
    }

    private void paragraph() {
      out.append("\n\n");
    }

    private void newline() {
      out.append('\n');
    }

    String firstBlock() {
      return firstBlock;
    }

    /** The text: prose with runs of spaces collapsed and lines rejoined, code blocks indented by four. */
    String plain() {
      String s = out.toString();
      StringBuilder b = new StringBuilder();
      int i = 0;
      while (i < s.length()) {
        int p = s.indexOf("\u0000PRE", i);
        String prose = p < 0 ? s.substring(i) : s.substring(i, p);
        b.append(prose(prose));
        if (p < 0) {
          break;
        }
        int e = s.indexOf("\u0000END", p);
        String code = s.substring(p + 4, e);
        b.append("\n\n").append(code.lines().map(l -> l.isEmpty() ? "" : "    " + l)
            .reduce((x, y) -> x + "\n" + y).orElse("")).append("\n\n");
        i = e + 4;
      }
      return b.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    /** Prose: paragraphs (blank lines) and list items (lines starting with "- ") kept, other breaks joined. */
    private static String prose(String s) {
      StringBuilder b = new StringBuilder();
      for (String para : s.split("\n\\s*\n")) {
        StringBuilder p = new StringBuilder();
        for (String line : para.split("\n")) {
          String l = line.strip().replaceAll("[ \t\u00a0]+", " ");
          if (l.isEmpty()) {
            continue;
          }
          if (p.length() > 0) {
            p.append(l.startsWith("- ") ? "\n" : " ");
          }
          p.append(l);
        }
        if (p.length() > 0) {
          b.append(b.length() > 0 ? "\n\n" : "").append(p);
        }
      }
      return b.toString();
    }

    private static String inlineText(DocTree t) {
      String s = t.toString();
      // an unknown inline tag {@tag text}: its text
      return s.startsWith("{@") && s.endsWith("}") && s.indexOf(' ') > 0
          ? s.substring(s.indexOf(' ') + 1, s.length() - 1) : s;
    }

    private static String entity(String name) {
      if (name.startsWith("#x") || name.startsWith("#X")) {
        return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
      }
      if (name.startsWith("#")) {
        return new String(Character.toChars(Integer.parseInt(name.substring(1))));
      }
      return ENTITIES.getOrDefault(name, "&" + name + ";");
    }
  }

  /** A reference as readers write it: {@code Class#method(int)} becomes {@code Class.method(int)}. */
  static String reference(String signature) {
    return signature.startsWith("#") ? signature.substring(1) : signature.replace('#', '.');
  }

  /** The lines without the indentation they all share; leading and trailing blank lines removed. */
  static String dedent(String code) {
    List<String> lines = new ArrayList<>(code.lines().map(String::stripTrailing).toList());
    while (!lines.isEmpty() && lines.get(0).isBlank()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder b = new StringBuilder();
    for (String l : lines) {
      b.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n');
    }
    return b.toString().stripTrailing();
  }
}
