package io.workbench.kernel.doc;

/**
 * Type names reduced to what both the source and JShell's signatures agree on: no annotations, no type
 * arguments, no package or outer class, varargs as arrays. {@code java.util.Map<String, List<Double>>}
 * becomes {@code Map}, {@code Object...} becomes {@code Object[]}, {@code Dataset.Split} becomes {@code Split}.
 *
 * <pre>{@code
 * TypeNames.erase("final java.util.List<String>[]");   // "List[]"
 * }</pre>
 */
final class TypeNames {

  private TypeNames() {}

  /** The erased simple name of a type as written. */
  static String erase(String type) {
    String s = topLevel(type, false).replaceAll("@[\\w.]+(\\([^)]*\\))?\\s*", "").replace("...", "[]")
        .replaceAll("\\bfinal\\s+", "").replaceAll("\\s+", "");
    int dims = s.indexOf('[');
    String base = dims < 0 ? s : s.substring(0, dims);
    String suffix = dims < 0 ? "" : s.substring(dims);
    return base.substring(base.lastIndexOf('.') + 1) + suffix;
  }

  /** The text outside angle brackets (type arguments) and, if asked, outside parentheses. */
  static String topLevel(String s, boolean parentheses) {
    StringBuilder b = new StringBuilder();
    int depth = 0;
    for (char c : s.toCharArray()) {
      if (c == '<' || parentheses && c == '(') {
        depth++;
      } else if (c == '>' || parentheses && c == ')') {
        depth--;
      } else if (depth == 0) {
        b.append(c);
      }
    }
    return b.toString();
  }
}
