package io.workbench.analysis;

/** Small numeric helpers (package-internal). */
public final class Stats {

  private Stats() {}

  public static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Sample standard deviation (n - 1); 0 for fewer than two values. */
  public static double std(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }

  /** R<sup>2</sup> of predictions {@code p} for targets {@code y}; 1 when both are constant and equal. */
  public static double r2(double[] y, double[] p) {
    double m = mean(y);
    double ssRes = 0;
    double ssTot = 0;
    for (int i = 0; i < y.length; i++) {
      ssRes += (y[i] - p[i]) * (y[i] - p[i]);
      ssTot += (y[i] - m) * (y[i] - m);
    }
    if (ssTot == 0) {
      return ssRes == 0 ? 1.0 : 0.0;
    }
    return 1 - ssRes / ssTot;
  }

  /** Average ranks (1-based), ties share the mean of their positions. */
  public static double[] ranks(double[] v) {
    int n = v.length;
    double[] sorted = v.clone();
    java.util.Arrays.sort(sorted);
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      int lo = lowerBound(sorted, v[i]);
      int hi = lowerBound(sorted, Math.nextUp(v[i])) - 1;
      r[i] = (lo + hi) / 2.0 + 1;
    }
    return r;
  }

  /** Dense ranks 0..u-1 (equal values share a rank). */
  public static int[] denseRanks(double[] v) {
    double[] u = java.util.Arrays.stream(v).sorted().distinct().toArray();
    int[] r = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = java.util.Arrays.binarySearch(u, v[i]);
    }
    return r;
  }

  /** First index whose value is >= key in an ascending array. */
  public static int lowerBound(double[] sorted, double key) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Pearson correlation; NaN when either vector is constant. */
  public static double pearson(double[] a, double[] b) {
    double ma = mean(a);
    double mb = mean(b);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      double da = a[i] - ma;
      double db = b[i] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    if (saa == 0 || sbb == 0) {
      return Double.NaN;
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
