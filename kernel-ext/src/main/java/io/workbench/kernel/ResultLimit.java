package io.workbench.kernel;

import io.workbench.kernel.render.Renderers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Size limits of a result or display, like the limit on printed output: the text is cut at
 * {@link WorkbenchKernel#RESULT_LIMIT} characters with a notice, and any other representation longer than
 * {@link #OTHER_LIMIT} characters (a huge HTML table, an enormous image) is left out, which the text says.
 *
 * <pre>{@code
 * Renderers.Bundle safe = ResultLimit.apply(Renderers.bundle(value, null, Set.of()));
 * }</pre>
 */
final class ResultLimit {

  /** Characters of a representation other than text/plain sent at most. */
  static final int OTHER_LIMIT = 10 * WorkbenchKernel.RESULT_LIMIT;

  private ResultLimit() {}

  /** The bundle within the limits (the same bundle when it already is). */
  static Renderers.Bundle apply(Renderers.Bundle b) {
    boolean within = true;
    for (Map.Entry<String, Object> e : b.data().entrySet()) {
      if (e.getValue() instanceof CharSequence cs
          && cs.length() > (e.getKey().equals(Renderers.TEXT) ? WorkbenchKernel.RESULT_LIMIT : OTHER_LIMIT)) {
        within = false;
      }
    }
    if (within) {
      return b;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    StringBuilder notes = new StringBuilder();
    for (Map.Entry<String, Object> e : b.data().entrySet()) {
      String mime = e.getKey();
      Object v = e.getValue();
      if (mime.equals(Renderers.TEXT) || !(v instanceof CharSequence cs) || cs.length() <= OTHER_LIMIT) {
        data.put(mime, v);
      } else {
        notes.append("\n[").append(mime).append(" not shown: ").append(cs.length())
            .append(" characters; the limit is ").append(OTHER_LIMIT).append(" per result]");
      }
    }
    String text = String.valueOf(data.getOrDefault(Renderers.TEXT, ""));
    if (text.length() > WorkbenchKernel.RESULT_LIMIT) {
      int cut = WorkbenchKernel.RESULT_LIMIT;
      if (Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--;
      }
      notes.insert(0, "\n[result truncated: " + (text.length() - cut) + " more characters not shown; the limit is "
          + WorkbenchKernel.RESULT_LIMIT + " characters per result]");
      text = text.substring(0, cut);
    }
    data.put(Renderers.TEXT, text + notes);
    Map<String, Object> meta = new LinkedHashMap<>(b.metadata());
    meta.keySet().retainAll(data.keySet());
    return new Renderers.Bundle(data, meta);
  }
}
