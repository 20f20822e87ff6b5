package io.workbench.data;

import java.util.List;

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
}
