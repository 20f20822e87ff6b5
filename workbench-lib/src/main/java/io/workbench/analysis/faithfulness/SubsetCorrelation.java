package io.workbench.analysis.faithfulness;

import io.workbench.analysis.MetricInput;
import io.workbench.explain.Attribution;
import io.workbench.explain.Baseline;
import io.workbench.stats.Stats;
import java.util.Random;

/**
 * The engine of faithfulness correlation and sensitivity-n: for each row and subset size, {@code runs} random subsets
 * of features are replaced by the baseline; per subset the output drop {@code f(x) - f(x_S)} is paired with the summed
 * attribution of the subset, and Pearson's correlation over the subsets is returned ({@code corr[i][size]}). All rows
 * go through the model in batched calls.
 */
final class SubsetCorrelation {

  private SubsetCorrelation() {}

  static double[][] run(MetricInput in, String task, int[] sizes, int runs, Baseline baseline) {
    Attribution a = in.attribution();
    float[][] x = a.inputs();
    double[][] phi = a.values();
    int[] targets = a.targets();
    int n = x.length;
    int d = phi[0].length;
    float[][] base = baseline.resolve(in.model(), n);
    int per = 1 + sizes.length * runs;
    int[][][] subsets = new int[n][sizes.length * runs][];
    long seed = in.options().seed();
    for (int i = 0; i < n; i++) {
      Random rnd = new Random(seed * 1_000_003L + i);
      int[] perm = new int[d];
      for (int s = 0; s < sizes.length; s++) {
        for (int r = 0; r < runs; r++) {
          for (int j = 0; j < d; j++) {
            perm[j] = j;
          }
          int m = Math.min(d, sizes[s]);
          for (int j = 0; j < m; j++) {
            int k = j + rnd.nextInt(d - j);
            int t = perm[j];
            perm[j] = perm[k];
            perm[k] = t;
          }
          subsets[i][s * runs + r] = java.util.Arrays.copyOf(perm, m);
        }
      }
    }
    double[][] y = new double[n][per];
    in.evaluate(task, (long) n * per, (v, dest) -> {
      int i = (int) (v / per);
      int k = (int) (v % per);
      System.arraycopy(x[i], 0, dest, 0, d);
      if (k > 0) {
        for (int j : subsets[i][k - 1]) {
          dest[j] = base[i][j];
        }
      }
    }, (v, out) -> y[(int) (v / per)][(int) (v % per)] = out[targets[(int) (v / per)]]);
    double[][] corr = new double[n][sizes.length];
    for (int i = 0; i < n; i++) {
      for (int s = 0; s < sizes.length; s++) {
        double[] drop = new double[runs];
        double[] sum = new double[runs];
        for (int r = 0; r < runs; r++) {
          drop[r] = y[i][0] - y[i][1 + s * runs + r];
          for (int j : subsets[i][s * runs + r]) {
            sum[r] += phi[i][j];
          }
        }
        corr[i][s] = Stats.pearson(sum, drop);
      }
    }
    return corr;
  }

  /** Subset size from a share of {@code d} features: at least 1. */
  static int size(double fraction, int d) {
    return Math.max(1, (int) Math.round(fraction * d));
  }
}
