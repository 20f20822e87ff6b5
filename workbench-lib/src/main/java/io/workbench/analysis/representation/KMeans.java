package io.workbench.analysis.representation;

import java.util.SplittableRandom;

/** Seeded k-means (k-means++ start, Lloyd iterations) giving each row its cluster: the control task's types. */
final class KMeans {

  private static final int ITERATIONS = 25;

  private KMeans() {}

  static int[] assign(double[][] x, int k, long seed) {
    int n = x.length;
    SplittableRandom r = new SplittableRandom(seed);
    double[][] centres = new double[k][];
    centres[0] = x[r.nextInt(n)].clone();
    double[] dist = new double[n];
    java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        dist[i] = Math.min(dist[i], squared(x[i], centres[c - 1]));
        total += dist[i];
      }
      int pick = r.nextInt(n);
      if (total > 0) {
        double u = r.nextDouble() * total;
        for (int i = 0; i < n; i++) {
          u -= dist[i];
          if (u <= 0) {
            pick = i;
            break;
          }
        }
      }
      centres[c] = x[pick].clone();
    }
    int[] a = new int[n];
    for (int it = 0; it < ITERATIONS; it++) {
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        int best = 0;
        double bd = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double d = squared(x[i], centres[c]);
          if (d < bd) {
            bd = d;
            best = c;
          }
        }
        changed |= it == 0 || a[i] != best;
        a[i] = best;
      }
      if (!changed) {
        break;
      }
      int d = x[0].length;
      double[][] sum = new double[k][d];
      int[] count = new int[k];
      for (int i = 0; i < n; i++) {
        count[a[i]]++;
        for (int j = 0; j < d; j++) {
          sum[a[i]][j] += x[i][j];
        }
      }
      for (int c = 0; c < k; c++) {
        if (count[c] > 0) {
          for (int j = 0; j < d; j++) {
            centres[c][j] = sum[c][j] / count[c];
          }
        }
      }
    }
    return a;
  }

  private static double squared(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double t = a[j] - b[j];
      s += t * t;
    }
    return s;
  }
}
