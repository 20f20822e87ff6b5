package io.workbench.data;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.NumericColumn;

/** Checks shared by the fitted transforms. */
final class Transforms {
  private Transforms() {}

  static void checkFeatures(String step, List<String> fitted, List<String> given) {
    if (fitted.equals(given)) {
      return;
    }
    for (int j = 0; j < Math.max(fitted.size(), given.size()); j++) {
      String f = j < fitted.size() ? fitted.get(j) : "(none)";
      String g = j < given.size() ? given.get(j) : "(none)";
      if (!f.equals(g)) {
        throw new IllegalArgumentException(
            step + " was fitted on " + fitted.size() + " features but got " + given.size()
                + "; first difference at position " + j + ": expected '" + f + "', got '" + g + "'");
      }
    }
  }

  /** The features of {@code data} that hold numbers (all of them when matrix-backed), in order. */
  static List<String> numericFeatures(Dataset data) {
    List<String> out = new ArrayList<>();
    for (int j = 0; j < data.numFeatures(); j++) {
      if (data.matrixBacked() || data.featureColumn(j) instanceof NumericColumn<?>) {
        out.add(data.features().get(j));
      }
    }
    return out;
  }

  /** Names as Java string literals, comma-separated: {@code "a", "b"}. */
  static String quoted(List<String> names) {
    StringBuilder s = new StringBuilder();
    for (String n : names) {
      s.append(s.length() == 0 ? "" : ", ").append('"').append(n.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return s.toString();
  }
}
