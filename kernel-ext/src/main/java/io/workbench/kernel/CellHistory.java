package io.workbench.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.workbench.kernel.wire.MessageCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cells of this kernel's session with the text of their results, for {@code history_request}: the last
 * {@code n} cells (tail), a range of cell numbers, or a glob search over the inputs with the semantics of
 * IPython's history search (SQLite {@code GLOB}: {@code *} any text, {@code ?} one character, {@code [abc]}
 * and {@code [^abc]} sets, case-sensitive, over the whole input). Memory is bounded: the last {@link
 * #MAX_ENTRIES} cells are kept, each output cut to {@link #MAX_OUTPUT_CHARS} characters.
 *
 * <pre>{@code
 * history.add(3, "1+1", "2");
 * history.search("1?", 0, false);   // cells whose whole input is "1" followed by one character
 * }</pre>
 */
final class CellHistory {

  /** Cells remembered. */
  static final int MAX_ENTRIES = 10_000;
  /** Characters of a result's text kept for {@code output=True}. */
  static final int MAX_OUTPUT_CHARS = 10_000;
  /** The session number (one per kernel process). */
  static final int SESSION = 1;

  /**
   * One cell.
   *
   * @param line its execution count
   * @param input its source
   * @param output the text of its result, or null when it had none
   */
  record Entry(int line, String input, String output) {}

  private final int capacity;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();

  CellHistory() {
    this(MAX_ENTRIES);
  }

  CellHistory(int capacity) {
    this.capacity = capacity;
  }

  /** Records a cell; the output is cut to {@link #MAX_OUTPUT_CHARS}. */
  synchronized void add(int line, String input, String output) {
    if (output != null && output.length() > MAX_OUTPUT_CHARS) {
      output = output.substring(0, MAX_OUTPUT_CHARS) + "...";
    }
    entries.addLast(new Entry(line, input, output));
    if (entries.size() > capacity) {
      entries.removeFirst();
    }
  }

  /** The last {@code n} cells (all when {@code n <= 0}). */
  synchronized List<Entry> tail(int n) {
    List<Entry> all = new ArrayList<>(entries);
    return n <= 0 ? all : all.subList(Math.max(0, all.size() - n), all.size());
  }

  /** Cells numbered {@code start <= line < stop} ({@code stop <= 0}: to the end) of the session. */
  synchronized List<Entry> range(int session, int start, int stop) {
    List<Entry> out = new ArrayList<>();
    if (session > 0 && session != SESSION) {
      return out;
    }
    for (Entry e : entries) {
      if (e.line() >= start && (stop <= 0 || e.line() < stop)) {
        out.add(e);
      }
    }
    return out;
  }

  /** Cells whose input matches the glob, the last {@code n} of them ({@code n <= 0}: all), optionally unique. */
  synchronized List<Entry> search(String glob, int n, boolean unique) {
    Pattern p = globToRegex(glob);
    List<Entry> out = new ArrayList<>();
    for (Entry e : entries) {
      if (p.matcher(e.input()).matches()) {
        out.add(e);
      }
    }
    if (unique) {
      Map<String, Entry> last = new LinkedHashMap<>();
      for (Entry e : out) {
        last.remove(e.input());
        last.put(e.input(), e);
      }
      out = new ArrayList<>(last.values());
    }
    return n <= 0 ? out : out.subList(Math.max(0, out.size() - n), out.size());
  }

  /** SQLite's GLOB as a regular expression over the whole text. */
  static Pattern globToRegex(String glob) {
    StringBuilder r = new StringBuilder();
    int i = 0;
    while (i < glob.length()) {
      char c = glob.charAt(i);
      if (c == '*') {
        r.append(".*");
      } else if (c == '?') {
        r.append('.');
      } else if (c == '[') {
        int close = glob.indexOf(']', i + (i + 1 < glob.length() && glob.charAt(i + 1) == '^' ? 3 : 2));
        if (close < 0) {
          r.append("\\[");
        } else {
          String set = glob.substring(i + 1, close);
          boolean negate = set.startsWith("^");
          if (negate) {
            set = set.substring(1);
          }
          r.append(negate ? "[^" : "[");
          for (int k = 0; k < set.length(); k++) {
            char s = set.charAt(k);
            if (s == '-' && k > 0 && k < set.length() - 1) {
              r.append('-');
            } else {
              if ("\\[]^&-".indexOf(s) >= 0) {
                r.append('\\');
              }
              r.append(s);
            }
          }
          r.append(']');
          i = close;
        }
      } else {
        r.append(Pattern.quote(String.valueOf(c)));
      }
      i++;
    }
    return Pattern.compile(r.toString(), Pattern.DOTALL);
  }

  /** The reply's {@code history}: {@code [session, line, input]}, or {@code [session, line, [input, output]]}. */
  static ArrayNode toJson(List<Entry> entries, boolean output) {
    ArrayNode a = MessageCodec.JSON.createArrayNode();
    for (Entry e : entries) {
      ArrayNode row = a.addArray().add(SESSION).add(e.line());
      if (output) {
        ArrayNode pair = row.addArray().add(e.input());
        if (e.output() == null) {
          pair.addNull();
        } else {
          pair.add(e.output());
        }
      } else {
        row.add(e.input());
      }
    }
    return a;
  }
}
