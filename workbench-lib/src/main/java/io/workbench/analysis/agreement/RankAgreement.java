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
    return Stats.pearson(Stats.ranks(a), Stats.ranks(b));
  }

  /**
   * Kendall's tau-b: {@code (C - D) / sqrt((n0 - n1)(n0 - n2))} with {@code n0 = n(n-1)/2} and
   * {@code n1}, {@code n2} the pairs tied in a and in b; NaN when a vector is constant. O(n log n).
   */
  public static double kendallTauB(double[] a, double[] b) {
    check(a, b);
    int n = a.length;
    // Sort the pairs by (a, b) as packed dense ranks: primitive sorting, no boxing.
    int[] ra = Stats.denseRanks(a);
    int[] rb = Stats.denseRanks(b);
    long[] key = new long[n];
    for (int i = 0; i < n; i++) {
      key[i] = (long) ra[i] * n + rb[i];
    }
    Arrays.sort(key);
    long n0 = (long) n * (n - 1) / 2;
    long tiesA = 0;
    long tiesBoth = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && key[j + 1] / n == key[i] / n) {
        j++;
      }
      long t = j - i + 1;
      tiesA += t * (t - 1) / 2;
      int s = i;
      while (s <= j) {
        int e = s;
        while (e + 1 <= j && key[e + 1] == key[s]) {
          e++;
        }
        long u = e - s + 1;
        tiesBoth += u * (u - 1) / 2;
        s = e + 1;
      }
      i = j + 1;
    }
    double[] bs = new double[n];
    for (int k = 0; k < n; k++) {
      bs[k] = key[k] % n;
    }
    long swaps = mergeCount(bs, new double[n], 0, n);
    long tiesB = 0;
    i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && bs[j + 1] == bs[i]) {
        j++;
      }
      long t = j - i + 1;
      tiesB += t * (t - 1) / 2;
      i = j + 1;
    }
    // Pairs neither tied in a nor in b: concordant minus discordant = n0 - tiesA - tiesB + tiesBoth - 2 * swaps.
    double num = (double) (n0 - tiesA - tiesB + tiesBoth - 2 * swaps);
    double den = Math.sqrt((double) (n0 - tiesA) * (n0 - tiesB));
    return den == 0 ? Double.NaN : num / den;
  }

  /** Sorts v[lo, hi) ascending and returns the number of strict inversions. */
  private static long mergeCount(double[] v, double[] tmp, int lo, int hi) {
    if (hi - lo < 2) {
      return 0;
    }
    int mid = (lo + hi) >>> 1;
    long c = mergeCount(v, tmp, lo, mid) + mergeCount(v, tmp, mid, hi);
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      if (v[i] <= v[j]) {
        tmp[k++] = v[i++];
      } else {
        c += mid - i;
        tmp[k++] = v[j++];
      }
    }
    while (i < mid) {
      tmp[k++] = v[i++];
    }
    while (j < hi) {
      tmp[k++] = v[j++];
    }
    System.arraycopy(tmp, lo, v, lo, hi - lo);
    return c;
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
