package io.workbench.analysis.agreement;

import io.workbench.check.Checks;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Agreement between two importance or attribution vectors over the same features: Spearman's rank
 * correlation (Pearson on average ranks), Kendall's tau-b (tie-corrected), and the overlap and Jaccard
 * index of the top-k sets. The statistics use the values as given; pass magnitudes for signed
 * attributions when the sign is direction rather than importance ({@link #abs}).
 *
 * <pre>{@code
 * double rho = RankAgreement.spearman(shap, permutation);
 * double tau = RankAgreement.kendallTauB(shap, permutation);
 * Agreement a = RankAgreement.compare(names, RankAgreement.abs(shap), permutation, 10);
 * }</pre>
 */
public final class RankAgreement {

  private RankAgreement() {}

  /** Spearman's rank correlation with average ranks for ties; NaN when a vector is constant. */
  public static double spearman(double[] a, double[] b) {
    check(a, b);
    return Stats.spearman(a, b);
  }

  /**
   * Kendall's tau-b: {@code (C - D) / sqrt((n0 - n1)(n0 - n2))} with {@code n0 = n(n-1)/2} and
   * {@code n1}, {@code n2} the pairs tied in a and in b; NaN when a vector is constant. O(n log n): dense
   * ranks, two counting-sort passes to order the pairs by (a, b), and the discordant pairs counted with a
   * Fenwick tree over b's ranks (exact integer counts, as SciPy's {@code kendalltau}).
   */
  public static double kendallTauB(double[] a, double[] b) {
    check(a, b);
    int n = a.length;
    int[] ra = new int[n];
    int[] rb = new int[n];
    int ua = Stats.denseRanks(a, ra);
    int ub = Stats.denseRanks(b, rb);
    int[] countA = new int[ua + 1];
    int[] countB = new int[ub + 1];
    for (int i = 0; i < n; i++) {
      countA[ra[i] + 1]++;
      countB[rb[i] + 1]++;
    }
    long n0 = (long) n * (n - 1) / 2;
    long tiesA = pairs(countA);
    long tiesB = pairs(countB);
    // Stable counting sorts: by b, then by a, so that the pairs end ordered by (a, b).
    int[] byB = new int[n];
    int[] next = prefix(countB);
    for (int i = 0; i < n; i++) {
      byB[next[rb[i]]++] = i;
    }
    int[] order = new int[n];
    next = prefix(countA);
    for (int k = 0; k < n; k++) {
      int i = byB[k];
      order[next[ra[i]]++] = i;
    }
    long tiesBoth = 0;
    long run = 1;
    for (int k = 1; k <= n; k++) {
      if (k < n && ra[order[k]] == ra[order[k - 1]] && rb[order[k]] == rb[order[k - 1]]) {
        run++;
      } else {
        tiesBoth += run * (run - 1) / 2;
        run = 1;
      }
    }
    // Discordant pairs: earlier in (a, b) order with a strictly larger b rank; a Fenwick tree counts them.
    int[] tree = new int[ub + 1];
    long discordant = 0;
    for (int k = 0; k < n; k++) {
      int r = rb[order[k]] + 1;
      int notAbove = 0;
      for (int j = r; j > 0; j -= j & -j) {
        notAbove += tree[j];
      }
      discordant += k - notAbove;
      for (int j = r; j <= ub; j += j & -j) {
        tree[j]++;
      }
    }
    // Pairs neither tied in a nor in b: concordant minus discordant = n0 - tiesA - tiesB + tiesBoth - 2 * discordant.
    double num = (double) (n0 - tiesA - tiesB + tiesBoth - 2 * discordant);
    double den = Math.sqrt((double) (n0 - tiesA) * (n0 - tiesB));
    return den == 0 ? Double.NaN : num / den;
  }

  /** Sum of c(c-1)/2 over the counts. */
  private static long pairs(int[] counts) {
    long p = 0;
    for (int c : counts) {
      p += (long) c * (c - 1) / 2;
    }
    return p;
  }

  /** Start offset per rank from counts shifted by one ({@code counts[r + 1]} values of rank r). */
  private static int[] prefix(int[] shifted) {
    int[] start = new int[shifted.length];
    for (int r = 1; r < shifted.length; r++) {
      start[r] = start[r - 1] + shifted[r];
    }
    return start;
  }

  /**
   * Indices of the {@code k} largest values, largest first; ties broken by the lower index.
   */
  public static int[] topK(double[] v, int k) {
    if (k < 1 || k > v.length) {
      throw new IllegalArgumentException("k must be between 1 and the " + v.length + " features, got " + k);
    }
    return Arrays.copyOf(Stats.descendingOrder(v), k);
  }

  /** Share of the top-k of {@code a} that is also in the top-k of {@code b}: |A ∩ B| / k. */
  public static double topKOverlap(double[] a, double[] b, int k) {
    check(a, b);
    return (double) intersection(topK(a, k), topK(b, k)) / k;
  }

  /** Jaccard index of the top-k sets: |A ∩ B| / |A ∪ B|. */
  public static double topKJaccard(double[] a, double[] b, int k) {
    check(a, b);
    int inter = intersection(topK(a, k), topK(b, k));
    return (double) inter / (2 * k - inter);
  }

  /** Absolute values (importance as magnitude). */
  public static double[] abs(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.abs(v[i]);
    }
    return out;
  }

  /** All four statistics, with the names of the shared and unshared top-k features. */
  public static Agreement compare(List<String> names, double[] a, double[] b, int k) {
    check(a, b);
    if (names.size() != a.length) {
      throw new IllegalArgumentException(
          "names has " + names.size() + " entries but the vectors have " + a.length + " values");
    }
    if (new HashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("names must be unique: " + Checks.abbreviate(names));
    }
    int[] ta = topK(a, k);
    int[] tb = topK(b, k);
    Set<Integer> sb = new HashSet<>();
    for (int j : tb) {
      sb.add(j);
    }
    Set<Integer> sa = new HashSet<>();
    for (int j : ta) {
      sa.add(j);
    }
    List<String> both = new ArrayList<>();
    List<String> onlyA = new ArrayList<>();
    List<String> onlyB = new ArrayList<>();
    for (int j : ta) {
      (sb.contains(j) ? both : onlyA).add(names.get(j));
    }
    for (int j : tb) {
      if (!sa.contains(j)) {
        onlyB.add(names.get(j));
      }
    }
    int inter = both.size();
    return new Agreement(spearman(a, b), kendallTauB(a, b), (double) inter / k, (double) inter / (2 * k - inter), k,
        both, onlyA, onlyB);
  }

  /**
   * Aligns two named vectors by name (the order may differ) and compares them; the feature sets must
   * be equal.
   */
  public static Agreement compare(List<String> namesA, double[] a, List<String> namesB, double[] b, int k) {
    if (namesA.size() != a.length || namesB.size() != b.length) {
      throw new IllegalArgumentException("each name list must match its vector: " + namesA.size() + " names for "
          + a.length + " values, " + namesB.size() + " names for " + b.length + " values");
    }
    double[] bAligned = new double[a.length];
    Set<String> setA = new HashSet<>(namesA);
    for (String nb : namesB) {
      if (!setA.contains(nb)) {
        throw new IllegalArgumentException("Feature '" + nb + "' of the second vector is not among the first's: "
            + Checks.abbreviate(namesA));
      }
    }
    for (int i = 0; i < namesA.size(); i++) {
      int j = namesB.indexOf(namesA.get(i));
      if (j < 0) {
        throw new IllegalArgumentException("Feature '" + namesA.get(i) + "' is missing from the second vector; it has "
            + Checks.abbreviate(namesB));
      }
      bAligned[i] = b[j];
    }
    return compare(namesA, a, bAligned, k);
  }

  private static int intersection(int[] a, int[] b) {
    Set<Integer> s = new HashSet<>();
    for (int j : a) {
      s.add(j);
    }
    int c = 0;
    for (int j : b) {
      c += s.contains(j) ? 1 : 0;
    }
    return c;
  }

  private static void check(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "The vectors must have the same length (one value per feature): " + a.length + " vs " + b.length);
    }
    if (a.length < 2) {
      throw new IllegalArgumentException("Rank agreement needs at least 2 features, got " + a.length);
    }
    Checks.finite(a, "first vector");
    Checks.finite(b, "second vector");
  }
}
