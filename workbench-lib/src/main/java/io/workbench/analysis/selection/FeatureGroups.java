package io.workbench.analysis.selection;

import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.display.Tabular;
import io.workbench.run.Workers;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A partition of features into groups, for example correlated features found by hierarchical
 * clustering (average linkage on the distance {@code 1 - |Spearman rho|}). Groups are ordered by their
 * first feature; members keep the dataset's feature order.
 *
 * <pre>{@code
 * FeatureGroups g = FeatureGroups.byCorrelation(train, 0.2);   // merge while distance < 0.2
 * g.groups();                                                  // [[f0, f7], [f1], ...]
 * FeatureImportance imp = GroupImportance.create().compute(model, test, g);
 * }</pre>
 */
public final class FeatureGroups implements Tabular {

  private final List<List<String>> groups;
  private final List<String> names;
  private final double[] cohesion;
  private final double threshold;

  private FeatureGroups(List<List<String>> groups, double[] cohesion, double threshold) {
    this.groups = groups.stream().map(List::copyOf).toList();
    List<String> n = new ArrayList<>();
    for (List<String> g : this.groups) {
      n.add(label(g));
    }
    this.names = List.copyOf(n);
    this.cohesion = cohesion;
    this.threshold = threshold;
  }

  /** Groups given by hand; every name at most once. */
  public static FeatureGroups of(List<List<String>> groups) {
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("FeatureGroups.of needs at least one group");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i).isEmpty()) {
        throw new IllegalArgumentException("Group " + i + " is empty");
      }
      for (String f : groups.get(i)) {
        if (!seen.add(f)) {
          throw new IllegalArgumentException("Feature '" + f + "' is in more than one group");
        }
      }
    }
    double[] c = new double[groups.size()];
    java.util.Arrays.fill(c, Double.NaN);
    return new FeatureGroups(groups, c, Double.NaN);
  }

  /** One group per feature. */
  public static FeatureGroups singletons(List<String> features) {
    List<List<String>> g = new ArrayList<>();
    for (String f : features) {
      g.add(List.of(f));
    }
    return of(g);
  }

  /**
   * Average-linkage agglomerative clustering of the dataset's features on {@code 1 - |rho|}, with rho
   * the Spearman rank correlation (a constant feature has rho = 0 with every other). Two clusters merge
   * while their average distance is below {@code threshold} (as scikit-learn's {@code
   * distance_threshold}). O(d^2 n) for the correlations and O(d^3) for the merging: meant for up to a
   * few thousand features.
   *
   * @param threshold in (0, 1]; 0.1 groups features with |rho| above about 0.9
   */
  public static FeatureGroups byCorrelation(Dataset data, double threshold) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
    }
    float[][] x = data.x();
    int d = data.numFeatures();
    int n = x.length;
    if (n < 3) {
      throw new IllegalArgumentException("Correlation grouping needs at least 3 rows, got " + n);
    }
    double[][] z = standardisedRanks(x, d);
    double[][] absRho = absCorrelations(z);
    double[][] dist = new double[d][d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        dist[a][b] = 1 - absRho[a][b];
      }
    }
    List<List<Integer>> members = new ArrayList<>();
    boolean[] active = new boolean[d];
    for (int j = 0; j < d; j++) {
      members.add(new ArrayList<>(List.of(j)));
      active[j] = true;
    }
    // per row a, the nearest active b > a (the first on ties): the closest pair is the first row's minimum, the same
    // pair as a scan of the whole upper triangle in row order, without rescanning rows a merge leaves alone
    double[] rowMin = new double[d];
    int[] rowArg = new int[d];
    for (int a = 0; a < d; a++) {
      nearest(dist, active, a, rowMin, rowArg);
    }
    while (true) {
      double best = Double.POSITIVE_INFINITY;
      int bi = -1;
      for (int a = 0; a < d; a++) {
        if (active[a] && rowMin[a] < best) {
          best = rowMin[a];
          bi = a;
        }
      }
      if (bi < 0 || best >= threshold) {
        break;
      }
      int bj = rowArg[bi];
      int na = members.get(bi).size();
      int nb = members.get(bj).size();
      for (int c = 0; c < d; c++) {
        if (active[c] && c != bi && c != bj) {
          double v = (na * dist[bi][c] + nb * dist[bj][c]) / (na + nb);
          dist[bi][c] = dist[c][bi] = v;
        }
      }
      members.get(bi).addAll(members.get(bj));
      active[bj] = false;
      nearest(dist, active, bi, rowMin, rowArg);
      for (int c = 0; c < bj; c++) {
        if (!active[c] || c == bi) {
          continue;
        }
        if (rowArg[c] == bi || rowArg[c] == bj) {
          nearest(dist, active, c, rowMin, rowArg);
        } else if (c < bi && (dist[c][bi] < rowMin[c] || dist[c][bi] == rowMin[c] && bi < rowArg[c])) {
          rowMin[c] = dist[c][bi];
          rowArg[c] = bi;
        }
      }
    }
    List<List<Integer>> clusters = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      if (active[j]) {
        List<Integer> m = new ArrayList<>(members.get(j));
        m.sort(Comparator.naturalOrder());
        clusters.add(m);
      }
    }
    clusters.sort(Comparator.comparingInt(m -> m.get(0)));
    List<List<String>> groups = new ArrayList<>();
    double[] cohesion = new double[clusters.size()];
    for (int g = 0; g < clusters.size(); g++) {
      List<Integer> m = clusters.get(g);
      List<String> names = new ArrayList<>();
      double s = 0;
      int pairs = 0;
      for (int a = 0; a < m.size(); a++) {
        names.add(data.features().get(m.get(a)));
        for (int b = a + 1; b < m.size(); b++) {
          s += absRho[m.get(a)][m.get(b)];
          pairs++;
        }
      }
      groups.add(names);
      cohesion[g] = pairs == 0 ? Double.NaN : s / pairs;
    }
    return new FeatureGroups(groups, cohesion, threshold);
  }

  /** Row {@code a}'s smallest distance to an active {@code b > a} and that {@code b} (the first on ties; -1 if none). */
  private static void nearest(double[][] dist, boolean[] active, int a, double[] rowMin, int[] rowArg) {
    double best = Double.POSITIVE_INFINITY;
    int arg = -1;
    double[] row = dist[a];
    for (int b = a + 1; b < row.length; b++) {
      if (active[b] && row[b] < best) {
        best = row[b];
        arg = b;
      }
    }
    rowMin[a] = best;
    rowArg[a] = arg;
  }

  /**
   * Per feature, its average ranks centred and scaled to unit norm (all zero for a constant feature), so that
   * Spearman's rho of two features is the dot product of their vectors. Blocks of features on the worker pool.
   */
  private static double[][] standardisedRanks(float[][] x, int d) {
    int n = x.length;
    double[][] z = new double[d][];
    int width = 16;
    Workers.forEach("feature ranks", (d + width - 1) / width, blk -> {
      int j0 = blk * width;
      int j1 = Math.min(d, j0 + width);
      // per column, (order-preserving bits of the value) << 32 | row: sorting these sorts by value, ties by row
      long[][] keys = new long[j1 - j0][n];
      for (int i = 0; i < n; i++) {
        float[] row = x[i];
        for (int j = j0; j < j1; j++) {
          int bits = Float.floatToIntBits(row[j] + 0.0f); // -0.0 becomes 0.0; one NaN pattern
          keys[j - j0][i] = (long) (bits ^ ((bits >> 31) | Integer.MIN_VALUE)) << 32 | i;
        }
      }
      long[] spare = new long[n];
      for (int j = j0; j < j1; j++) {
        long[] sorted = sortByHighHalf(keys[j - j0], spare);
        spare = sorted == keys[j - j0] ? spare : keys[j - j0];
        double[] r = averageRanks(sorted);
        double m = Stats.mean(r);
        double ss = 0;
        for (int i = 0; i < n; i++) {
          r[i] -= m;
          ss += r[i] * r[i];
        }
        double norm = Math.sqrt(ss);
        for (int i = 0; i < n; i++) {
          r[i] = norm == 0 ? 0 : r[i] / norm;
        }
        z[j] = r;
      }
    });
    return z;
  }

  /**
   * Stable LSD radix sort of {@code keys} by their upper 32 bits (unsigned), 8 bits a pass, skipping the passes in
   * which every key has the same byte; returns the array that holds the result ({@code keys} or {@code spare}).
   */
  private static long[] sortByHighHalf(long[] keys, long[] spare) {
    int n = keys.length;
    int[] count = new int[4 * 256];
    for (long k : keys) {
      count[(int) (k >>> 32) & 0xFF]++;
      count[256 + ((int) (k >>> 40) & 0xFF)]++;
      count[512 + ((int) (k >>> 48) & 0xFF)]++;
      count[768 + (int) (k >>> 56)]++;
    }
    long[] from = keys;
    long[] to = spare;
    for (int p = 0; p < 4; p++) {
      int base = p * 256;
      int shift = 32 + 8 * p;
      if (n == 0 || count[base + (int) ((from[0] >>> shift) & 0xFF)] == n) {
        continue;
      }
      int s = 0;
      for (int b = 0; b < 256; b++) {
        int c = count[base + b];
        count[base + b] = s;
        s += c;
      }
      for (long k : from) {
        to[count[base + (int) ((k >>> shift) & 0xFF)]++] = k;
      }
      long[] t = from;
      from = to;
      to = t;
    }
    return from;
  }

  /**
   * Ranks from 1 by row, from keys sorted by value: ties share their average rank, each NaN (the largest keys)
   * its own, as {@link Stats#ranks}.
   */
  private static double[] averageRanks(long[] sorted) {
    int n = sorted.length;
    long nan = (long) (Float.floatToIntBits(Float.NaN) ^ Integer.MIN_VALUE) << 32 >>> 32;
    double[] r = new double[n];
    int i = 0;
    while (i < n) {
      long key = sorted[i] >>> 32;
      int j = i;
      if (key != nan) {
        while (j + 1 < n && sorted[j + 1] >>> 32 == key) {
          j++;
        }
      }
      double avg = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[(int) sorted[k]] = avg;
      }
      i = j + 1;
    }
    return r;
  }

  /**
   * |z_a . z_b| capped at 1 for every pair, 1 on the diagonal: blocks of four features against pairs of features
   * (eight independent sums in registers), the blocks on the worker pool.
   */
  private static double[][] absCorrelations(double[][] z) {
    int d = z.length;
    int n = d == 0 ? 0 : z[0].length;
    double[][] out = new double[d][d];
    int blocks = (d + 3) / 4;
    Workers.forEach("feature correlations", blocks, blk -> {
      int a0 = 4 * blk;
      int a1 = Math.min(d, a0 + 4);
      for (int b = a0; b < d; b += 2) {
        if (a1 - a0 == 4 && b + 1 < d) {
          double[] p0 = z[a0];
          double[] p1 = z[a0 + 1];
          double[] p2 = z[a0 + 2];
          double[] p3 = z[a0 + 3];
          double[] q0 = z[b];
          double[] q1 = z[b + 1];
          double s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
          for (int i = 0; i < n; i++) {
            double u = q0[i];
            double w = q1[i];
            s00 += p0[i] * u;
            s01 += p0[i] * w;
            s10 += p1[i] * u;
            s11 += p1[i] * w;
            s20 += p2[i] * u;
            s21 += p2[i] * w;
            s30 += p3[i] * u;
            s31 += p3[i] * w;
          }
          double[] s = {s00, s01, s10, s11, s20, s21, s30, s31};
          for (int k = 0; k < 8; k++) {
            store(out, a0 + k / 2, b + k % 2, s[k]);
          }
        } else {
          for (int a = a0; a < a1; a++) {
            for (int c = b; c < Math.min(d, b + 2); c++) {
              double s = 0;
              for (int i = 0; i < n; i++) {
                s += z[a][i] * z[c][i];
              }
              store(out, a, c, s);
            }
          }
        }
      }
    });
    for (int a = 0; a < d; a++) {
      out[a][a] = 1;
    }
    return out;
  }

  /** Stores |s| capped at 1 for a pair above the diagonal (and its mirror); pairs on or below it are skipped. */
  private static void store(double[][] out, int a, int b, double s) {
    if (b > a) {
      out[a][b] = out[b][a] = Math.min(1, Math.abs(s));
    }
  }

  /** The groups (feature names). */
  public List<List<String>> groups() {
    return groups;
  }

  /** A short label per group: the members joined with '+', abbreviated after three. */
  public List<String> names() {
    return names;
  }

  /** Number of groups. */
  public int size() {
    return groups.size();
  }

  /** The group that holds a feature. */
  public List<String> groupOf(String feature) {
    for (List<String> g : groups) {
      if (g.contains(feature)) {
        return g;
      }
    }
    throw new IllegalArgumentException("Feature '" + feature + "' is in no group");
  }

  private static String label(List<String> g) {
    if (g.size() <= 3) {
      return String.join("+", g);
    }
    return String.join("+", g.subList(0, 3)) + "+(" + (g.size() - 3) + " more)";
  }

  /** group, size, mean |rho| within the group, members. */
  @Override
  public Table toTable() {
    IntColumn id = IntColumn.create("group");
    IntColumn size = IntColumn.create("size");
    DoubleColumn coh = DoubleColumn.create("mean_abs_spearman");
    StringColumn m = StringColumn.create("features");
    for (int g = 0; g < groups.size(); g++) {
      id.append(g + 1);
      size.append(groups.get(g).size());
      coh.append(cohesion[g]);
      m.append(String.join(", ", groups.get(g)));
    }
    return Table.create("feature groups" + (Double.isNaN(threshold) ? "" : " (1 - |rho| < " + threshold + ")"), id,
        size, coh, m);
  }

  @Override
  public String toString() {
    return "FeatureGroups(" + groups.size() + " groups: " + Checks.abbreviate(names) + ")";
  }
}
