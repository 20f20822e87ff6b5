package io.workbench.analysis.localisation;

import io.workbench.analysis.MetricInput;

/** Applies a per-row comparison of attribution and mask, leaving rows with an empty or full mask as NaN. */
final class Masked {

  /** A score of one row from its attribution and its mask (neither empty nor full). */
  interface RowScore {
    double score(double[] a, boolean[] mask, int inside);
  }

  private Masked() {}

  static double[] score(MetricInput in, String metric, RowScore f) {
    double[][] v = in.attribution().values();
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      boolean[] m = in.mask(i, metric);
      int k = 0;
      for (boolean b : m) {
        k += b ? 1 : 0;
      }
      out[i] = k == 0 || k == m.length ? Double.NaN : f.score(v[i], m, k);
    }
    return out;
  }
}
