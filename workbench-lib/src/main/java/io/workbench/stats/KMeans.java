package io.workbench.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded k-means over the rows of a matrix: a k-means++ start drawn from {@code seed}, then Lloyd iterations
 * until no row changes its cluster (at most {@value #MAX_ITERATIONS}). Squared Euclidean distances in double
 * precision; ties go to the lower cluster index; a cluster that loses all its rows keeps its last centre. The
 * library's one k-means: the weighted background summary of the Shapley explainers and the control task of the
 * linear probes both call it.
 *
 * <pre>{@code
 * KMeans.Clustering c = KMeans.fit(x, 20, 42);
 * double[][] centres = c.centres();   // 20 x columns
 * int[] cluster = c.assignment();     // the nearest centre of every row
 * int[] sizes = c.counts();           // rows per cluster
 * }</pre>
 */
public final class KMeans {

  /** Most Lloyd iterations. */
  public static final int MAX_ITERATIONS = 100;

  /**
   * The result of {@link #fit}.
   *
   * @param centres k centres (a cluster without rows keeps the centre it had)
   * @param assignment the cluster of every row
   * @param counts the rows of every cluster
   */
  public record Clustering(double[][] centres, int[] assignment, int[] counts) {}

  private KMeans() {}

  /**
   * Clusters the rows of {@code x} into {@code k} clusters.
   *
   * @throws IllegalArgumentException when {@code x} has no rows, rows of different lengths, or {@code k < 1}
   */
  public static Clustering fit(float[][] x, int k, long seed) {
    if (k < 1) {
      throw new IllegalArgumentException("KMeans.fit: k must be >= 1, got " + k);
    }
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException("KMeans.fit: no rows to cluster");
    }
    int n = x.length;
    int d = x[0].length;
    for (int i = 0; i < n; i++) {
      if (x[i] == null || x[i].length != d) {
        throw new IllegalArgumentException("KMeans.fit: row " + i + " has " + (x[i] == null ? "no" : x[i].length)
            + " values, expected " + d + " as row 0");
      }
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] c = new double[k][];
    double[] dist = new double[n];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    c[0] = toDouble(x[rnd.nextInt(n)]);
    for (int m = 1; m < k; m++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        dist[i] = Math.min(dist[i], squared(x[i], c[m - 1]));
        total += dist[i];
      }
      int pick = n - 1;
      if (total > 0) {
        double u = rnd.nextDouble() * total;
        for (int i = 0; i < n; i++) {
          u -= dist[i];
          if (u < 0) {
            pick = i;
            break;
          }
        }
      } else {
        pick = rnd.nextInt(n);
      }
      c[m] = toDouble(x[pick]);
    }
    int[] assign = new int[n];
    int[] count = new int[k];
    for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
      boolean changed = iter == 0;
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        int best = 0;
        double bd = Double.POSITIVE_INFINITY;
        for (int m = 0; m < k; m++) {
          double dd = squared(x[i], c[m]);
          if (dd < bd) {
            bd = dd;
            best = m;
          }
        }
        if (assign[i] != best) {
          changed = true;
          assign[i] = best;
        }
        count[best]++;
      }
      double[][] sum = new double[k][d];
      for (int i = 0; i < n; i++) {
        double[] s = sum[assign[i]];
        for (int j = 0; j < d; j++) {
          s[j] += x[i][j];
        }
      }
      for (int m = 0; m < k; m++) {
        if (count[m] > 0) {
          for (int j = 0; j < d; j++) {
            sum[m][j] /= count[m];
          }
          c[m] = sum[m];
        }
      }
      if (!changed) {
        break;
      }
    }
    return new Clustering(c, assign, count);
  }

  private static double squared(float[] a, double[] c) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double t = a[j] - c[j];
      s += t * t;
    }
    return s;
  }

  private static double[] toDouble(float[] a) {
    double[] out = new double[a.length];
    for (int j = 0; j < a.length; j++) {
      out[j] = a[j];
    }
    return out;
  }
}
