package io.workbench.analysis;

/** Small numeric helpers (package-internal). */
final class Stats {

  private Stats() {}

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Sample standard deviation (n - 1); 0 for fewer than two values. */
  static double std(double[] v) {
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
  static double r2(double[] y, double[] p) {
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
  static double[] ranks(double[] v) {
    int n = v.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
    double[] r = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        r[order[t]] = avg;
      }
      i = j + 1;
    }
    return r;
  }

  /** Pearson correlation; NaN when either vector is constant. */
  static double pearson(double[] a, double[] b) {
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
