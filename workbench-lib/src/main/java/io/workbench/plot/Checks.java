package io.workbench.plot;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Input checks shared by the charts; every failure names the chart, the argument and the position. */
final class Checks {

  private Checks() {}

  static void notNull(Object o, String chart, String arg) {
    if (o == null) {
      throw new IllegalArgumentException(chart + ": " + arg + " is null");
    }
  }

  static void finite(double[] a, String chart, String arg) {
    notNull(a, chart, arg);
    if (a.length == 0) {
      throw new IllegalArgumentException(chart + ": " + arg + " is empty");
    }
    for (int i = 0; i < a.length; i++) {
      if (!Double.isFinite(a[i])) {
        throw new IllegalArgumentException(chart + ": " + arg + "[" + i + "] is " + a[i] + ", expected a finite number");
      }
    }
  }

  static void length(double[] a, int n, String chart, String arg, String what) {
    notNull(a, chart, arg);
    if (a.length != n) {
      throw new IllegalArgumentException(
          chart + ": " + arg + " has " + a.length + " values but " + what + " has " + n);
    }
  }

  /** A finite rectangular matrix; returns its column count. */
  static int matrix(double[][] m, String chart, String arg) {
    notNull(m, chart, arg);
    if (m.length == 0) {
      throw new IllegalArgumentException(chart + ": " + arg + " has no rows");
    }
    int cols = -1;
    for (int r = 0; r < m.length; r++) {
      if (m[r] == null) {
        throw new IllegalArgumentException(chart + ": " + arg + " row " + r + " is null");
      }
      if (cols < 0) {
        cols = m[r].length;
      } else if (m[r].length != cols) {
        throw new IllegalArgumentException(chart + ": " + arg + " row " + r + " has " + m[r].length
            + " columns but row 0 has " + cols);
      }
      for (int c = 0; c < m[r].length; c++) {
        if (!Double.isFinite(m[r][c])) {
          throw new IllegalArgumentException(chart + ": " + arg + "[" + r + "][" + c + "] is " + m[r][c]
              + ", expected a finite number");
        }
      }
    }
    if (cols == 0) {
      throw new IllegalArgumentException(chart + ": " + arg + " has no columns");
    }
    return cols;
  }

  static void sameShape(double[][] a, double[][] b, String chart, String argA, String argB) {
    if (a.length != b.length || a[0].length != b[0].length) {
      throw new IllegalArgumentException(chart + ": " + argB + " is " + b.length + "x" + b[0].length + " but "
          + argA + " is " + a.length + "x" + a[0].length + "; they must have the same shape");
    }
  }

  static void names(List<String> names, int expected, String chart, String arg, String what) {
    notNull(names, chart, arg);
    if (names.size() != expected) {
      throw new IllegalArgumentException(
          chart + ": " + arg + " has " + names.size() + " names but " + what + " has " + expected);
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n == null || n.isBlank()) {
        throw new IllegalArgumentException(chart + ": " + arg + "[" + i + "] is blank");
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException(chart + ": " + arg + " has '" + n + "' twice");
      }
    }
  }

  static int indexOf(List<String> names, String name, String chart, String arg) {
    int i = name == null ? -1 : names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException(chart + ": " + arg + " '" + name
          + "' is not one of the attribution's features; valid names: " + names);
    }
    return i;
  }

  static void curves(List<Curve> curves, String chart, double lo, double hi) {
    notNull(curves, chart, "curves");
    if (curves.isEmpty()) {
      throw new IllegalArgumentException(chart + ": no curves given");
    }
    Set<String> seen = new HashSet<>();
    for (Curve c : curves) {
      notNull(c, chart, "curve");
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException(chart + ": two curves are named '" + c.name() + "'");
      }
      double[] x = c.x();
      double[] y = c.y();
      for (int i = 0; i < x.length; i++) {
        if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
          throw new IllegalArgumentException(chart + ": curve '" + c.name() + "' point " + i + " is (" + x[i]
              + ", " + y[i] + "), expected finite numbers");
        }
        if (x[i] < lo - 1e-9 || x[i] > hi + 1e-9 || y[i] < lo - 1e-9 || y[i] > hi + 1e-9) {
          throw new IllegalArgumentException(chart + ": curve '" + c.name() + "' point " + i + " is (" + x[i]
              + ", " + y[i] + "), expected both within [" + lo + ", " + hi + "]");
        }
      }
    }
  }
}
