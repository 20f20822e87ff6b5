package io.workbench.kernel.doc;

import io.workbench.kernel.render.Renderers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import jdk.jshell.SourceCodeAnalysis;

/**
 * What shift-tab ({@code inspect_request}) shows for the code at the cursor: for each signature JShell finds,
 * the Javadoc's first sentence (all of it at the second level of detail), the parameters, what is returned
 * and thrown, and an example (the member's own, else its class's). Workbench types come from the {@link
 * JavadocIndex} built with the kernel; other types (the JDK's) from the Javadoc JShell reads in {@code
 * src.zip}, asked for only when the index has nothing, since reading it is slower.
 *
 * <pre>{@code
 * Inspector.Page p = Inspector.describe(sca.documentation(code, at, false),
 *     () -> sca.documentation(code, at, true), false);
 * }</pre>
 */
public final class Inspector {

  /** The reply in two forms: plain text and HTML. */
  public record Page(String text, String html) {}

  /** A signature taken apart: the declaring type, the member key (null for a type), the returned type. */
  record Target(String type, String key, String returns) {}

  private Inspector() {}

  /**
   * The documentation of JShell's signatures at the cursor.
   *
   * @param docs JShell's documentation without Javadoc (signatures only, fast)
   * @param withJavadoc the same with Javadoc read from the JDK's sources, asked for only when needed
   * @param detail whether to show whole descriptions rather than first sentences
   */
  public static Page describe(List<SourceCodeAnalysis.Documentation> docs,
      Supplier<List<SourceCodeAnalysis.Documentation>> withJavadoc, boolean detail) {
    return describe(docs, withJavadoc, detail, JavadocIndex.shipped());
  }

  static Page describe(List<SourceCodeAnalysis.Documentation> docs,
      Supplier<List<SourceCodeAnalysis.Documentation>> withJavadoc, boolean detail, JavadocIndex index) {
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder();
    Set<String> examples = new LinkedHashSet<>();
    List<SourceCodeAnalysis.Documentation> jdk = null;
    for (SourceCodeAnalysis.Documentation d : docs) {
      String sig = d.signature();
      Target t = parse(sig, index);
      Doc doc = t.key() == null ? first(index.types(t.type())) : index.member(t.type(), t.key());
      String example = "";
      String exampleOwner = "";
      if (doc != null && doc.example().isEmpty() && t.key() != null) {
        Doc owner = first(index.types(t.type()));
        if (owner != null && !owner.example().isEmpty()) {
          example = owner.example();
          exampleOwner = simpleName(t.type());
        }
      }
      if (doc == null) {
        if (jdk == null) {
          jdk = withJavadoc.get();
        }
        doc = jdk.stream().filter(j -> j.signature().equals(sig) && j.javadoc() != null && !j.javadoc().isBlank())
            .findFirst().map(j -> DocComments.parse(j.javadoc())).orElse(Doc.EMPTY);
      }
      String returned = doc.returns();
      if (returned.isEmpty() && t.returns() != null) {
        Doc r = first(index.types(t.returns()));
        if (r != null && !r.summary().isEmpty()) {
          returned = t.returns() + ": " + r.summary();
        }
      }
      section(text, html, sig, doc, returned, detail);
      String ex = doc.example().isEmpty() ? example : doc.example();
      if (!ex.isEmpty() && examples.add(ex)) {
        String head = doc.example().isEmpty() ? "Example (" + exampleOwner + "):" : "Example:";
        text.append('\n').append(head).append('\n').append(indent(ex)).append('\n');
        html.append("<p><b>").append(Renderers.escape(head)).append("</b></p><pre>").append(Renderers.escape(ex))
            .append("</pre>");
      }
    }
    return new Page(text.toString().strip(), html.toString());
  }

  private static void section(StringBuilder text, StringBuilder html, String sig, Doc doc, String returned,
      boolean detail) {
    if (text.length() > 0) {
      text.setLength(text.toString().stripTrailing().length());
      text.append("\n\n");
      html.append("<hr>");
    }
    text.append(sig).append('\n');
    html.append("<pre><b>").append(Renderers.escape(sig)).append("</b></pre>");
    if (!doc.deprecated().isEmpty()) {
      text.append("Deprecated: ").append(doc.deprecated()).append('\n');
      html.append("<p><b>Deprecated:</b> ").append(Renderers.escape(doc.deprecated())).append("</p>");
    }
    String prose = detail || doc.summary().isEmpty() ? withoutFirstBlock(doc) : doc.summary();
    if (!prose.isEmpty()) {
      text.append(prose).append('\n');
      html.append("<p>").append(Renderers.escape(prose).replace("\n\n", "</p><p>")).append("</p>");
    }
    List<Doc.Tag> rows = new ArrayList<>(doc.params());
    if (!rows.isEmpty()) {
      tags(text, html, "Parameters:", rows);
    }
    if (!returned.isEmpty()) {
      text.append("Returns: ").append(returned).append('\n');
      html.append("<p><b>Returns:</b> ").append(Renderers.escape(returned)).append("</p>");
    }
    if (!doc.exceptions().isEmpty() && detail) {
      tags(text, html, "Throws:", doc.exceptions());
    }
  }

  /** The description without its example block (shown on its own, once). */
  private static String withoutFirstBlock(Doc doc) {
    if (doc.example().isEmpty()) {
      return doc.body();
    }
    String block = indent(doc.example());
    int at = doc.body().indexOf(block);
    return at < 0 ? doc.body() : (doc.body().substring(0, at) + doc.body().substring(at + block.length())).strip();
  }

  private static void tags(StringBuilder text, StringBuilder html, String head, List<Doc.Tag> tags) {
    int width = tags.stream().mapToInt(t -> t.name().length()).max().orElse(0);
    text.append(head).append('\n');
    html.append("<p><b>").append(head).append("</b></p><dl>");
    for (Doc.Tag t : tags) {
      text.append("  ").append(t.name()).append(" ".repeat(width - t.name().length() + 2)).append(t.text())
          .append('\n');
      html.append("<dt><code>").append(Renderers.escape(t.name())).append("</code></dt><dd>")
          .append(Renderers.escape(t.text())).append("</dd>");
    }
    html.append("</dl>");
  }

  private static String indent(String code) {
    return code.lines().map(l -> l.isEmpty() ? "" : "    " + l).reduce((a, b) -> a + "\n" + b).orElse("");
  }

  private static Doc first(Map<String, Doc> types) {
    return types.isEmpty() ? null : types.values().iterator().next();
  }

  private static String simpleName(String type) {
    return type.substring(type.lastIndexOf('.') + 1);
  }

  /**
   * Takes apart one of JShell's signatures: {@code io.workbench.data.Imputer.Strategy} (a type), {@code
   * Imputer.Strategy.MEDIAN} (a field), {@code Optional<T> Model.<T>as(Class<T> capability)} (a method), {@code
   * io.workbench.data.Imputer(List<String> inputFeatures, ...)} (a constructor); parameters may lack names.
   */
  static Target parse(String sig, JavadocIndex index) {
    String s = sig.strip();
    if (!s.endsWith(")")) {
      String name = eraseQualified(s);
      int dot = name.lastIndexOf('.');
      if (dot > 0 && index.types(name).isEmpty() && !index.types(name.substring(0, dot)).isEmpty()) {
        return new Target(name.substring(0, dot), name.substring(dot + 1), null);
      }
      return new Target(name, null, null);
    }
    int open = matchingOpen(s);
    String head = s.substring(0, open);
    List<String> params = new ArrayList<>();
    for (String p : splitTopLevel(s.substring(open + 1, s.length() - 1), ',')) {
      if (p.isBlank()) {
        continue;
      }
      int space = lastTopLevelSpace(p.strip());
      params.add(TypeNames.erase(space < 0 ? p.strip() : p.strip().substring(0, space)));
    }
    int space = lastTopLevelSpace(head);
    String returns = space < 0 ? null : TypeNames.erase(head.substring(0, space));
    String name = eraseQualified(space < 0 ? head : head.substring(space + 1));
    int dot = name.lastIndexOf('.');
    if (space < 0) {   // a constructor: no returned type; the name is the class
      return new Target(name, simpleName(name) + "(" + String.join(",", params) + ")", null);
    }
    return new Target(dot < 0 ? name : name.substring(0, dot),
        (dot < 0 ? name : name.substring(dot + 1)) + "(" + String.join(",", params) + ")", returns);
  }

  /**
   * A possibly qualified name without type arguments or record headers: {@code Map<K, V>.<K, V>of} becomes
   * {@code Map.of}, {@code Split(Dataset train, Dataset test).train} (JDK 25's JShell) {@code Split.train}.
   */
  private static String eraseQualified(String name) {
    return TypeNames.topLevel(name, true).replaceAll("\\s+", "");
  }

  private static int matchingOpen(String s) {
    int depth = 0;
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (c == ')') {
        depth++;
      } else if (c == '(' && --depth == 0) {
        return i;
      }
    }
    return s.indexOf('(');
  }

  private static int lastTopLevelSpace(String s) {
    int depth = 0;
    int last = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '<' || c == '(') {
        depth++;
      } else if (c == '>' || c == ')') {
        depth--;
      } else if (c == ' ' && depth == 0) {
        last = i;
      }
    }
    return last;
  }

  private static List<String> splitTopLevel(String s, char sep) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        depth--;
      } else if (c == sep && depth == 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }
}
