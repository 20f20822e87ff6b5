package io.workbench.labels;

/** Argument checks shared by the label-quality entry points: fail fast, name the row. */
final class Inputs {

  /** Largest allowed distance of a probability row's sum from 1. */
  static final double SUM_TOLERANCE = 1e-3;

  private Inputs() {}

  /**
   * Checks a probability matrix against its labels and returns the number of classes.
   *
   * @throws IllegalArgumentException naming the first bad row
   */
  static int check(double[][] probs, int[] labels) {
    if (probs == null) {
      throw new IllegalArgumentException("probs is null; expected a rows x classes probability matrix");
    }
    if (labels == null) {
      throw new IllegalArgumentException("labels is null; expected one class index per row");
    }
    if (probs.length != labels.length) {
      throw new IllegalArgumentException(
          "probs has " + probs.length + " rows but labels has " + labels.length + "; expected one label per row");
    }
    if (probs.length == 0) {
      throw new IllegalArgumentException("probs and labels are empty; expected at least one row");
    }
    if (probs[0] == null) {
      throw new IllegalArgumentException("probs row 0 is null");
    }
    int k = probs[0].length;
    if (k < 2) {
      throw new IllegalArgumentException("probs has " + k + " column(s); expected at least 2 classes");
    }
    for (int i = 0; i < probs.length; i++) {
      double[] p = probs[i];
      if (p == null || p.length != k) {
        throw new IllegalArgumentException(
            "probs row " + i + " has " + (p == null ? "no" : p.length) + " values, expected " + k
                + " (one per class, as row 0)");
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        if (!(p[j] >= 0 && p[j] <= 1 + SUM_TOLERANCE)) {
          throw new IllegalArgumentException(
              "probs row " + i + " class " + j + " is " + p[j] + "; expected a probability in [0, 1]");
        }
        sum += p[j];
      }
      if (Math.abs(sum - 1) > SUM_TOLERANCE) {
        throw new IllegalArgumentException(
            "probs row " + i + " sums to " + sum + "; expected 1 (tolerance " + SUM_TOLERANCE
                + "). Pass probabilities (softmax outputs), not scores or logits");
      }
      if (labels[i] < 0 || labels[i] >= k) {
        throw new IllegalArgumentException(
            "labels row " + i + " is " + labels[i] + "; expected a class index in 0.." + (k - 1));
      }
    }
    return k;
  }

  /** A double copy of a float probability matrix (null-safe for the later check). */
  static double[][] toDouble(float[][] probs) {
    if (probs == null) {
      return null;
    }
    double[][] out = new double[probs.length][];
    for (int i = 0; i < probs.length; i++) {
      if (probs[i] == null) {
        continue;
      }
      out[i] = new double[probs[i].length];
      for (int j = 0; j < probs[i].length; j++) {
        out[i][j] = probs[i][j];
      }
    }
    return out;
  }

  /**
   * Rounds each row to integers keeping the row's total, as cleanlab 2.5's {@code round_preserving_row_totals}
   * does: round every entry to the nearest integer (halves to even), then, while the rounded entries miss the
   * rounded total by {@code d}, move {@code min(|d|, columns)} entries one unit towards it, taking the entries with
   * the largest {@code value - rounded} first and, between equal ones, the higher column first. Note that a
   * surplus is also taken from the entries with the largest {@code value - rounded} (cleanlab's order), not from
   * the ones rounded up the most: {@code [0.6, 0.6, 0.8]} becomes {@code [1, 1, 0]}.
   */
  static int[][] roundPreservingRowTotals(double[][] m) {
    int[][] out = new int[m.length][];
    for (int i = 0; i < m.length; i++) {
      int k = m[i].length;
      double[] ints = new double[k];
      double total = 0;
      for (int j = 0; j < k; j++) {
        ints[j] = Math.rint(m[i][j]);
        total += m[i][j];
      }
      double target = Math.rint(total);
      double sum = sum(ints);
      while (Math.abs(sum - target) > 1e-6) {
        double diff = Math.rint(target - sum);
        int step = diff < 0 ? -1 : 1;
        int changes = (int) Math.min(Math.abs(diff), k);
        Integer[] order = new Integer[k];
        for (int j = 0; j < k; j++) {
          order[j] = j;
        }
        double[] key = new double[k];
        for (int j = 0; j < k; j++) {
          key[j] = m[i][j] - ints[j];
        }
        java.util.Arrays.sort(order, (a, b) -> key[a] != key[b] ? Double.compare(key[b], key[a]) : Integer.compare(b, a));
        for (int q = 0; q < changes; q++) {
          ints[order[q]] += step;
        }
        sum = sum(ints);
      }
      out[i] = new int[k];
      for (int j = 0; j < k; j++) {
        out[i][j] = (int) ints[j];
      }
    }
    return out;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  /**
   * Positions of {@code key} in ascending order of value, equal values in position order (a stable
   * merge sort on primitives: no boxing).
   */
  static int[] ascending(double[] key) {
    int n = key.length;
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    int[] b = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int o = lo;
        while (i < mid && j < hi) {
          b[o++] = key[a[j]] < key[a[i]] ? a[j++] : a[i++];
        }
        while (i < mid) {
          b[o++] = a[i++];
        }
        while (j < hi) {
          b[o++] = a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    return a;
  }

  /**
   * Positions of the {@code count} smallest values of {@code key}, equal values taken in position order
   * (the same set as the first {@code count} of {@link #ascending}, found with one primitive sort).
   */
  static int[] smallest(double[] key, int count) {
    int n = key.length;
    count = Math.min(count, n);
    if (count <= 0) {
      return new int[0];
    }
    double[] sorted = key.clone();
    java.util.Arrays.sort(sorted);
    double cut = sorted[count - 1];
    int below = 0;
    for (double v : key) {
      if (v < cut) {
        below++;
      }
    }
    int ties = count - below;
    int[] out = new int[count];
    int o = 0;
    for (int i = 0; i < n; i++) {
      if (key[i] < cut) {
        out[o++] = i;
      } else if (key[i] == cut && ties > 0) {
        out[o++] = i;
        ties--;
      }
    }
    return out;
  }
}
