package io.workbench.check;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The argument checks of the library, one definition each. {@code what} names the argument as the caller
 * wants it read, for example {@code "labels"} or {@code "importance: errors"}; every failure is an {@link
 * IllegalArgumentException} that names it, the position, what was expected and what arrived.
 *
 * <pre>{@code
 * Checks.positive(repeats, "repeats");                 // "repeats must be >= 1, got 0"
 * Checks.finite(scores, "scores");                     // "scores[3] is NaN; expected a finite number"
 * Checks.sameLength("labels", y.length, "scores", s.length);
 * int[] cols = Checks.indices(data.features(), List.of("age", "bmi"), "features");
 * }</pre>
 */
public final class Checks {

  /** Tolerance on a probability row's sum (probabilities from float models sum to 1 within ~1e-6). */
  public static final double SUM_TOLERANCE = 1e-3;

  private static final int SHOWN_NAMES = 30;

  private Checks() {}

  /** Fails when {@code o} is null. */
  public static void notNull(Object o, String what) {
    if (o == null) {
      throw new IllegalArgumentException(what + " is null");
    }
  }

  /** Fails when a count of rows or values is zero. */
  public static void nonEmpty(int n, String what) {
    if (n == 0) {
      throw new IllegalArgumentException(what + " is empty; expected at least one value");
    }
  }

  /** Fails unless {@code v >= 1}. */
  public static void positive(int v, String what) {
    if (v < 1) {
      throw new IllegalArgumentException(what + " must be >= 1, got " + v);
    }
  }

  /** Fails unless the two lengths match. */
  public static void sameLength(String a, int na, String b, int nb) {
    if (na != nb) {
      throw new IllegalArgumentException(a + " has " + na + " values but " + b + " has " + nb + "; they must match");
    }
  }

  /** Fails for a null or empty array, or one holding NaN or an infinity. */
  public static void finite(double[] v, String what) {
    notNull(v, what);
    nonEmpty(v.length, what);
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException(what + "[" + i + "] is " + v[i] + "; expected a finite number");
      }
    }
  }

  /**
   * Fails naming the first row and feature of {@code x} that is NaN (missing) or infinite: for methods that
   * measure distances or quantiles in the data, where a missing value has no place.
   *
   * <pre>{@code
   * Checks.finiteFeatures(reference.x(), reference.features(), "reference data");
   * }</pre>
   */
  public static void finiteFeatures(float[][] x, List<String> names, String what) {
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        if (!Float.isFinite(x[i][j])) {
          throw new IllegalArgumentException(what + ": row " + i + ", feature '" + names.get(j) + "' is " + x[i][j]
              + "; expected a finite number (impute missing values first, for example with Imputer.median())");
        }
      }
    }
  }

  /** Checks a non-empty, rectangular matrix of finite numbers; returns its column count (at least 1). */
  public static int finite(double[][] m, String what) {
    notNull(m, what);
    if (m.length == 0) {
      throw new IllegalArgumentException(what + " has no rows");
    }
    int cols = -1;
    for (int r = 0; r < m.length; r++) {
      if (m[r] == null) {
        throw new IllegalArgumentException(what + " row " + r + " is null");
      }
      if (cols < 0) {
        cols = m[r].length;
      } else if (m[r].length != cols) {
        throw new IllegalArgumentException(what + " row " + r + " has " + m[r].length + " columns but row 0 has " + cols);
      }
      for (int c = 0; c < cols; c++) {
        if (!Double.isFinite(m[r][c])) {
          throw new IllegalArgumentException(what + "[" + r + "][" + c + "] is " + m[r][c] + "; expected a finite number");
        }
      }
    }
    if (cols == 0) {
      throw new IllegalArgumentException(what + " has no columns");
    }
    return cols;
  }

  /** Fails unless every value is a probability in [0, 1]. */
  public static void probabilities(double[] v, String what) {
    for (int i = 0; i < v.length; i++) {
      if (!(v[i] >= 0 && v[i] <= 1)) {
        throw new IllegalArgumentException(what + "[" + i + "] is " + v[i] + "; expected a probability in [0, 1]");
      }
    }
  }

  /**
   * Checks a probability matrix with one row per label: at least two columns, every value in [0, 1], rows
   * summing to 1 within {@link #SUM_TOLERANCE}, labels in {@code 0..k-1}; returns the class count {@code k}.
   */
  public static int probabilityRows(int[] y, double[][] proba) {
    if (y == null || proba == null) {
      throw new IllegalArgumentException("labels and probabilities must not be null");
    }
    sameLength("labels", y.length, "probabilities", proba.length);
    nonEmpty(y.length, "labels");
    int k = proba[0] == null ? 0 : proba[0].length;
    if (k < 2) {
      throw new IllegalArgumentException("probabilities need one column per class (at least 2); row 0 has " + k);
    }
    for (int i = 0; i < proba.length; i++) {
      double[] row = proba[i];
      if (row == null || row.length != k) {
        throw new IllegalArgumentException(
            "probabilities row " + i + " has " + (row == null ? 0 : row.length) + " values, expected " + k);
      }
      double sum = 0;
      for (int c = 0; c < k; c++) {
        double p = row[c];
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException(
              "probabilities row " + i + ", class " + c + " is " + p + "; expected a probability in [0, 1]");
        }
        sum += p;
      }
      if (Math.abs(sum - 1) > SUM_TOLERANCE) {
        throw new IllegalArgumentException(
            "probabilities row " + i + " sums to " + sum + "; expected 1 (within " + SUM_TOLERANCE + ")");
      }
    }
    classLabels(y, k);
    return k;
  }

  /** Fails unless every label is a class index {@code 0..k-1}. */
  public static void classLabels(int[] y, int k) {
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0 || y[i] >= k) {
        throw new IllegalArgumentException("label at row " + i + " is " + y[i] + "; expected a class index 0.." + (k - 1));
      }
    }
  }

  /** Fails unless every label is 0 or 1. */
  public static void binaryLabels(int[] y) {
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException("label at row " + i + " is " + y[i] + "; expected 0 or 1");
      }
    }
  }

  /**
   * Checks {@code expected} distinct, non-blank names (one per value of {@code of}).
   *
   * @param what the names' argument, e.g. {@code "featureNames"}
   * @param of what the names label, e.g. {@code "importance"}
   */
  public static void names(List<String> names, int expected, String what, String of) {
    notNull(names, what);
    if (names.size() != expected) {
      throw new IllegalArgumentException(what + " has " + names.size() + " names but " + of + " has " + expected);
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n == null || n.isBlank()) {
        throw new IllegalArgumentException(what + "[" + i + "] is blank");
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException(what + " has '" + n + "' twice");
      }
    }
  }

  /** Position of {@code name} in {@code names}; an unknown name fails listing the valid ones. */
  public static int indexOf(List<String> names, String name, String what) {
    int i = name == null ? -1 : names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(
          what + " '" + name + "' is unknown" + didYouMean(name, names) + "; valid names are " + abbreviate(names));
    }
    return i;
  }

  /** Positions of the named features in {@code all}; unknown or repeated names fail listing the valid ones. */
  public static int[] indices(List<String> all, List<String> names, String what) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException(what + " must name at least one feature");
    }
    int[] out = new int[names.size()];
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < out.length; i++) {
      String n = names.get(i);
      int j = all.indexOf(n);
      if (j < 0) {
        throw new IllegalArgumentException(
            "Unknown feature '" + n + "' in " + what + didYouMean(n, all) + "; valid names are " + abbreviate(all));
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException("Feature '" + n + "' is listed twice in " + what);
      }
      out[i] = j;
    }
    return out;
  }

  /** Checks that feature indices are in {@code 0..featureCount-1} and distinct; returns a copy. */
  public static int[] indices(int featureCount, int[] idx, String what) {
    if (idx.length == 0) {
      throw new IllegalArgumentException(what + " must name at least one feature");
    }
    Set<Integer> seen = new HashSet<>();
    for (int j : idx) {
      if (j < 0 || j >= featureCount) {
        throw new IllegalArgumentException("Feature index " + j + " in " + what + " is out of range; there are "
            + featureCount + " features (0.." + (featureCount - 1) + ")");
      }
      if (!seen.add(j)) {
        throw new IllegalArgumentException("Feature index " + j + " is listed twice in " + what);
      }
    }
    return idx.clone();
  }

  /** A list for a message: all of it, or its first 30 entries and how many there are. */
  public static String abbreviate(List<?> values) {
    if (values.size() <= SHOWN_NAMES) {
      return values.toString();
    }
    return values.subList(0, SHOWN_NAMES).toString().replace("]", ", ... (" + values.size() + " in all)]");
  }

  /** {@code " (did you mean 'age'?)"} for the valid name closest to {@code name}, or {@code ""} when none is close. */
  public static String didYouMean(String name, Collection<String> valid) {
    String best = closest(name, valid);
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  /**
   * The valid name closest to {@code name}: an exact match ignoring case, else the name at the smallest
   * edit distance when that is at most half the longer name's length (and at most 4), else the first name
   * that contains it (ignoring case); {@code null} when nothing is close. Ties go to the earlier name.
   */
  public static String closest(String name, Collection<String> valid) {
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
  public static int distance(String a, String b) {
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
