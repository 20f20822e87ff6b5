package io.workbench.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the magics in a cell the way IPython does, but aware of Java: a cell magic ({@code %%name}) only on the
 * first non-blank line, a line magic ({@code %name args}) only on a line that starts a statement: outside
 * comments, strings, character literals and text blocks, outside any bracket, and after nothing or a
 * {@code ;} or {@code }}. So a text block holding {@code %s}, {@code x\n%m;} (modulo) and {@code %%time} after a
 * comment line stay Java.
 *
 * <pre>{@code
 * MagicLines.Cell c = MagicLines.parse("%jars lib/*.jar\nvar x = 1;");
 * c.parts();   // [Magic(jars, "lib/*.jar"), Java("\nvar x = 1;\n")]
 * }</pre>
 */
final class MagicLines {

  private static final Pattern LINE = Pattern.compile("^[ \\t]*%([A-Za-z][\\w-]*)(.*)$");
  private static final Pattern CELL = Pattern.compile("^\\s*%%([A-Za-z][\\w-]*)(.*)$");

  private MagicLines() {}

  /** A piece of a cell: Java source, or a magic with its arguments. */
  sealed interface Part permits Java, Magic {}

  /**
   * Java source; earlier lines of the cell are kept as empty lines so that line numbers in errors are the cell's.
   *
   * @param source the source
   */
  record Java(String source) implements Part {}

  /**
   * A line magic.
   *
   * @param name its name, without {@code %}
   * @param args the rest of its line, trimmed
   */
  record Magic(String name, String args) implements Part {}

  /**
   * A cell split into parts, or a cell magic with its body.
   *
   * @param cellMagic the cell magic's name, or null
   * @param cellArgs the cell magic's arguments (the rest of its line)
   * @param body the lines after the cell magic
   * @param parts the parts in order, when there is no cell magic
   */
  record Cell(String cellMagic, String cellArgs, String body, List<Part> parts) {}

  /** Splits a cell. */
  static Cell parse(String code) {
    String[] lines = code.split("\n", -1);
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    if (first < lines.length) {
      Matcher m = CELL.matcher(lines[first]);
      if (m.matches()) {
        String body = String.join("\n", java.util.Arrays.copyOfRange(lines, first + 1, lines.length));
        return new Cell(m.group(1), m.group(2).trim(), body, List.of());
      }
    }
    List<Part> parts = new ArrayList<>();
    Scanner scan = new Scanner();
    StringBuilder java = new StringBuilder();
    int lineNo = 0;
    for (String line : lines) {
      Matcher m = LINE.matcher(line);
      if (scan.atStatementStart() && m.matches()) {
        if (!java.toString().isBlank()) {
          parts.add(new Java(java.toString()));
        }
        java.setLength(0);
        java.append("\n".repeat(lineNo + 1));   // the Java after this magic starts on the next cell line
        parts.add(new Magic(m.group(1), m.group(2).trim()));
        scan.afterMagic();
      } else {
        java.append(line).append('\n');
        scan.feed(line + "\n");
      }
      lineNo++;
    }
    if (!java.toString().isBlank()) {
      parts.add(new Java(java.toString()));
    }
    return new Cell(null, null, null, parts);
  }

  /** A small Java lexer: where comments, literals and brackets begin and end, and the last token's kind. */
  static final class Scanner {
    private enum State { CODE, LINE_COMMENT, BLOCK_COMMENT, STRING, CHAR, TEXT_BLOCK }

    private State state = State.CODE;
    private int depth;
    private char last;   // last significant character outside comments; 0 when none

    /** Whether the next line, if it starts with a magic, is one: code state, no open bracket, a statement start. */
    boolean atStatementStart() {
      return state == State.CODE && depth == 0 && (last == 0 || last == ';' || last == '}');
    }

    void afterMagic() {
      last = 0;
    }

    void feed(String s) {
      int i = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
        int step = 1;
        switch (state) {
          case LINE_COMMENT -> {
            if (c == '\n') {
              state = State.CODE;
            }
          }
          case BLOCK_COMMENT -> {
            if (c == '*' && next == '/') {
              state = State.CODE;
              step = 2;
            }
          }
          case STRING, CHAR -> {
            if (c == '\\') {
              step = 2;
            } else if (c == '\n' || (c == '"' && state == State.STRING) || (c == '\'' && state == State.CHAR)) {
              state = State.CODE;
            }
          }
          case TEXT_BLOCK -> {
            if (c == '\\') {
              step = 2;
            } else if (s.startsWith("\"\"\"", i)) {
              state = State.CODE;
              step = 3;
            }
          }
          default -> step = code(s, i, c, next);
        }
        i += step;
      }
    }

    /** One character (or token start) in code; returns how many characters it took. */
    private int code(String s, int i, char c, char next) {
      if (c == '/' && next == '/') {
        state = State.LINE_COMMENT;
        return 2;
      }
      if (c == '/' && next == '*') {
        state = State.BLOCK_COMMENT;
        return 2;
      }
      if (s.startsWith("\"\"\"", i)) {
        state = State.TEXT_BLOCK;
        last = '"';
        return 3;
      }
      if (c == '"' || c == '\'') {
        state = c == '"' ? State.STRING : State.CHAR;
        last = c;
        return 1;
      }
      if (!Character.isWhitespace(c)) {
        if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if (c == ')' || c == ']' || c == '}') {
          depth = Math.max(0, depth - 1);
        }
        last = c;
      }
      return 1;
    }
  }
}
