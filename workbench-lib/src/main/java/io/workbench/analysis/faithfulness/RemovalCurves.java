package io.workbench.analysis.faithfulness;

import io.workbench.analysis.MetricInput;
import io.workbench.explain.Attribution;
import java.util.Arrays;

/**
 * The engine of the removal metrics (ROAD, IROF, selectivity): per explained row, units (single features or windows
 * of the sample shape) ranked by their attribution, removed cumulatively, and the target output recorded after each
 * step; all rows x steps go through the model in batched calls.
 */
final class RemovalCurves {

  /** Fills {@code dest} with row {@code i} whose {@code removed} features are replaced or imputed. */
  @FunctionalInterface
  interface Filler {
    void fill(int i, boolean[] removed, float[] dest);
  }

  private RemovalCurves() {}

  /** Unit id of each feature: windows of {@code window} values over the attribution's sample shape (1 = features). */
  static int[] units(Attribution a, int window) {
    if (window <= 1) {
      int[] u = new int[a.numFeatures()];
      Arrays.setAll(u, j -> j);
      return u;
    }
    return Faithfulness.windowGroups(a.sampleShape(), window);
  }

  /**
   * Outputs {@code y[i][k]} of the target of row {@code i} after the first {@code counts[k]} units in the row's order
   * were removed ({@code counts[0]} may be 0: the row itself).
   *
   * @param mostRelevantFirst order units by decreasing (else increasing) score
   * @param meanScore rank units by their mean attribution (else by the sum)
   */
  static double[][] run(MetricInput in, String task, int[] unitOf, boolean mostRelevantFirst, boolean meanScore,
      int[] counts, Filler filler) {
    Attribution a = in.attribution();
    double[][] phi = a.values();
    int[] targets = a.targets();
    int n = phi.length;
    int d = phi[0].length;
    int units = Arrays.stream(unitOf).max().getAsInt() + 1;
    int[] size = new int[units];
    for (int u : unitOf) {
      size[u]++;
    }
    int[][] rank = new int[n][units];
    for (int i = 0; i < n; i++) {
      double[] s = new double[units];
      for (int j = 0; j < d; j++) {
        s[unitOf[j]] += phi[i][j];
      }
      if (meanScore) {
        for (int u = 0; u < units; u++) {
          s[u] /= size[u];
        }
      }
      Integer[] idx = new Integer[units];
      Arrays.setAll(idx, u -> u);
      Arrays.sort(idx, (p, q) -> mostRelevantFirst ? Double.compare(s[q], s[p]) : Double.compare(s[p], s[q]));
      for (int r = 0; r < units; r++) {
        rank[i][idx[r]] = r;
      }
    }
    int steps = counts.length;
    double[][] y = new double[n][steps];
    in.evaluate(task, (long) n * steps, (v, dest) -> {
      int i = (int) (v / steps);
      int removedUnits = counts[(int) (v % steps)];
      boolean[] removed = new boolean[d];
      for (int j = 0; j < d; j++) {
        removed[j] = rank[i][unitOf[j]] < removedUnits;
      }
      filler.fill(i, removed, dest);
    }, (v, out) -> y[(int) (v / steps)][(int) (v % steps)] = out[targets[(int) (v / steps)]]);
    return y;
  }

  /** {@code steps + 1} counts from 0 to {@code units}, as even as possible ({@code steps} capped at units). */
  static int[] evenCounts(int units, int steps) {
    int s = Math.min(units, steps);
    int[] c = new int[s + 1];
    for (int k = 0; k <= s; k++) {
      c[k] = (int) Math.round((double) k * units / s);
    }
    return c;
  }

  /** Replaces removed features by the baseline row. */
  static Filler replaceBy(float[][] x, float[][] base) {
    return (i, removed, dest) -> {
      for (int j = 0; j < dest.length; j++) {
        dest[j] = removed[j] ? base[i][j] : x[i][j];
      }
    };
  }
}
