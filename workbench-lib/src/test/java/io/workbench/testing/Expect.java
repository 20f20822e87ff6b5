package io.workbench.testing;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.function.Executable;

/**
 * The assertions the contract suites share: numbers equal bit for bit or within a tolerance (naming the
 * first row and column that differ), and failures that must be an {@link IllegalArgumentException} whose
 * message names what was wrong.
 */
final class Expect {

  private Expect() {}

  /**
   * {@code actual} equals {@code expected} within {@code tolerance} (0: bit for bit, NaN equal to NaN).
   *
   * @param what what is compared, for the message
   */
  static void same(float[][] expected, float[][] actual, double tolerance, String what) {
    if (actual == null || actual.length != expected.length) {
      throw new AssertionError(what + ": expected " + expected.length + " rows, got "
          + (actual == null ? "null" : actual.length));
    }
    for (int i = 0; i < expected.length; i++) {
      if (actual[i] == null || actual[i].length != expected[i].length) {
        throw new AssertionError(what + ": row " + i + " has " + (actual[i] == null ? "no" : actual[i].length)
            + " values, expected " + expected[i].length);
      }
      for (int k = 0; k < expected[i].length; k++) {
        float e = expected[i][k];
        float a = actual[i][k];
        boolean ok = tolerance == 0 ? Float.floatToIntBits(e) == Float.floatToIntBits(a)
            : (Float.isNaN(e) && Float.isNaN(a)) || Math.abs(e - a) <= tolerance;
        if (!ok) {
          throw new AssertionError(what + ": row " + i + ", column " + k + " is " + a + ", expected " + e
              + (tolerance == 0 ? " (bit for bit)" : " (within " + tolerance + ")"));
        }
      }
    }
  }

  /** As {@link #same(float[][], float[][], double, String)} for doubles. */
  static void same(double[][] expected, double[][] actual, double tolerance, String what) {
    if (actual == null || actual.length != expected.length) {
      throw new AssertionError(what + ": expected " + expected.length + " rows, got "
          + (actual == null ? "null" : actual.length));
    }
    for (int i = 0; i < expected.length; i++) {
      if (actual[i].length != expected[i].length) {
        throw new AssertionError(what + ": row " + i + " has " + actual[i].length + " values, expected "
            + expected[i].length);
      }
      for (int k = 0; k < expected[i].length; k++) {
        double e = expected[i][k];
        double a = actual[i][k];
        boolean ok = tolerance == 0 ? Double.doubleToLongBits(e) == Double.doubleToLongBits(a)
            : Math.abs(e - a) <= tolerance;
        if (!ok) {
          throw new AssertionError(what + ": row " + i + ", column " + k + " is " + a + ", expected " + e
              + (tolerance == 0 ? " (bit for bit)" : " (within " + tolerance + ")"));
        }
      }
    }
  }

  /** Whether two matrices differ anywhere (bitwise). */
  static boolean differ(double[][] a, double[][] b) {
    if (a.length != b.length) {
      return true;
    }
    for (int i = 0; i < a.length; i++) {
      if (!Arrays.equals(a[i], b[i])) {
        return true;
      }
    }
    return false;
  }

  /** Whether two matrices differ anywhere (bitwise). */
  static boolean differ(float[][] a, float[][] b) {
    if (a.length != b.length) {
      return true;
    }
    for (int i = 0; i < a.length; i++) {
      if (!Arrays.equals(a[i], b[i])) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code call} throws an {@link IllegalArgumentException} whose message contains every one of {@code parts}
   * (ignoring case).
   *
   * @param what the bad input, for the message
   * @return the exception
   */
  static IllegalArgumentException rejects(String what, Executable call, String... parts) {
    IllegalArgumentException e = rejected(what, call);
    String m = e.getMessage().toLowerCase(Locale.ROOT);
    for (String p : parts) {
      if (!m.contains(p.toLowerCase(Locale.ROOT))) {
        throw new AssertionError(what + ": the message should name '" + p + "': " + e.getMessage(), e);
      }
    }
    return e;
  }

  /**
   * {@code call} throws an {@link IllegalArgumentException} that names row {@code row} ({@code "row 3"},
   * {@code "row index 3"} or {@code "row index [3, ...]"}) and contains every one of {@code parts}.
   */
  static IllegalArgumentException rejectsRow(String what, int row, Executable call, String... parts) {
    IllegalArgumentException e = rejects(what, call, parts);
    if (!Pattern.compile("\\brow( index)? \\[?" + row + "\\b", Pattern.CASE_INSENSITIVE).matcher(e.getMessage()).find()) {
      throw new AssertionError(what + ": the message should name row " + row + ": " + e.getMessage(), e);
    }
    return e;
  }

  private static IllegalArgumentException rejected(String what, Executable call) {
    try {
      call.execute();
    } catch (IllegalArgumentException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError(what + ": rejected without a message", e);
      }
      return e;
    } catch (Throwable t) {
      throw new AssertionError(what + ": expected an IllegalArgumentException naming the problem, got " + t, t);
    }
    throw new AssertionError(what + ": accepted; expected an IllegalArgumentException naming the problem");
  }
}
