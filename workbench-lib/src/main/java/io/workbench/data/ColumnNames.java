package io.workbench.data;

import java.util.Collection;
import java.util.Locale;

/**
 * The one message for a column name that is not there: it lists every valid name and suggests the closest
 * one by edit distance, so a typo ({@code "agee"}) is fixed at a glance. Used wherever a column name is
 * looked up: {@link Dataset}, {@link DatasetBuilder}, {@link CsvLoader} and the fitted transforms.
 */
final class ColumnNames {

  private ColumnNames() {}

  /**
   * An error for a missing name, for example {@code No feature 'agee' (did you mean 'age'?); features are
   * [age, sex, bmi]}.
   *
   * @param what the kind of name, lower case ("column", "feature", "column 'x' for a feature" ...)
   * @param name the name asked for
   * @param valid every valid name, in order
   * @param validWhat how the valid names are introduced ("columns", "features")
   */
  static IllegalArgumentException unknown(String what, String name, Collection<String> valid, String validWhat) {
    return new IllegalArgumentException(
        "No " + what + " '" + name + "'" + hint(name, valid) + "; " + validWhat + " are " + valid);
  }

  /** {@code " (did you mean 'age'?)"} for the closest valid name, or an empty string when none is close. */
  static String hint(String name, Collection<String> valid) {
    String best = closest(name, valid);
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  /** {@link #unknown(String, String, Collection, String)} for a plain column. */
  static IllegalArgumentException unknownColumn(String name, Collection<String> valid) {
    return unknown("column", name, valid, "columns");
  }

  /**
   * The valid name closest to {@code name}: an exact match ignoring case, else the name at the smallest
   * edit distance when that is at most half the longer name's length (and at most 4), else the first name
   * that contains it (ignoring case); {@code null} when nothing is close. Ties go to the earlier name.
   */
  static String closest(String name, Collection<String> valid) {
    if (name == null || valid.isEmpty()) {
      return null;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (String v : valid) {
      if (v.toLowerCase(Locale.ROOT).equals(lower)) {
        return v;
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String v : valid) {
      int d = distance(lower, v.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = v;
        bestDistance = d;
      }
    }
    int limit = Math.min(4, Math.max(1, Math.max(name.length(), best.length()) / 2));
    if (bestDistance <= limit) {
      return best;
    }
    if (!lower.isEmpty()) {
      for (String v : valid) {
        if (v.toLowerCase(Locale.ROOT).contains(lower)) {
          return v;
        }
      }
    }
    return null;
  }

  /**
   * Edit distance with adjacent transpositions (optimal string alignment): insertions, deletions,
   * substitutions and swaps of two neighbouring characters ({@code "bim"} to {@code "bmi"}) each cost 1.
   */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
