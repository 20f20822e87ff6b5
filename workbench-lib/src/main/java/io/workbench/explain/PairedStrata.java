package io.workbench.explain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The growing coalition sample of convergence-aware Kernel SHAP. Coalitions come in complementary pairs (a subset
 * and its complement: Covert and Lee 2021's paired sampling), stratified by size: stratum {@code s} holds the pairs
 * of sizes {@code s} and {@code M - s}. Pairs are drawn without replacement within a stratum, and draws are
 * allocated to strata in proportion to their number of sizes (two, or one for {@code s = M/2}): the leverage
 * scores of the Shapley-kernel regression are equal for every coalition size (Musco and Witter 2024), so leverage
 * sampling gives every size the same number of draws. A stratum whose allocation reaches its population is drawn
 * whole (enumerated) and its share goes to the others. Every stratum keeps exactly its Shapley-kernel weight,
 * shared equally by the pairs drawn from it (post-stratification), so a whole stratum is exact and adds no variance.
 * All randomness comes from the generator handed in, so the sample depends only on the seed.
 */
final class PairedStrata {

  /** Strata of at most this many pairs are listed and shuffled when first drawn from. */
  private static final long LISTED = 2_000;
  /** Larger strata are listed (less the pairs drawn) once half of them is wanted, up to this many pairs. */
  private static final long LISTED_MAX = 2_000_000;

  private final int m;
  final Stratum[] strata;
  /** Every coalition drawn so far; unit {@code u} is the pair {@code (2u, 2u + 1)}. */
  final List<BitSet> masks = new ArrayList<>();
  /** The stratum of each unit. */
  final List<Integer> unitStratum = new ArrayList<>();

  /** One stratum of pairs. */
  static final class Stratum {
    final int size;
    /** Shapley-kernel weight of the stratum (all strata sum to one). */
    final double weight;
    /** Number of distinct pairs. */
    final double population;
    /** Allocation share: the number of coalition sizes in the stratum. */
    final double share;
    int drawn;
    private List<BitSet> listed;
    private int next;
    private Set<BitSet> seen;

    Stratum(int size, double weight, double population, double share) {
      this.size = size;
      this.weight = weight;
      this.population = population;
      this.share = share;
    }

    boolean full() {
      return drawn >= population;
    }
  }

  PairedStrata(int m) {
    if (m < 2) {
      throw new IllegalArgumentException("paired strata need at least 2 players, got " + m);
    }
    this.m = m;
    int count = m / 2;
    strata = new Stratum[count];
    double total = 0;
    double[] w = new double[count];
    for (int s = 1; s <= count; s++) {
      boolean middle = 2 * s == m;
      // each size's coalitions share (M - 1) / (s (M - s)) of the kernel's mass
      w[s - 1] = (m - 1.0) / (s * (double) (m - s)) * (middle ? 1 : 2);
      total += w[s - 1];
    }
    for (int s = 1; s <= count; s++) {
      boolean middle = 2 * s == m;
      double pairs = KernelShap.binomial(m, s) / (middle ? 2 : 1);
      strata[s - 1] = new Stratum(s, w[s - 1] / total, pairs, middle ? 1 : 2);
    }
  }

  /** Number of coalitions drawn so far. */
  int size() {
    return masks.size();
  }

  /** The largest number of coalitions there are ({@code 2^M - 2}), or infinity for large {@code M}. */
  double population() {
    return m < 62 ? Math.pow(2, m) - 2 : Double.POSITIVE_INFINITY;
  }

  /**
   * Draws more pairs so that about {@code coalitions} coalitions are drawn in all (allocated to strata in
   * proportion to their share, capped by their populations). Never draws less than a stratum already has.
   */
  void growTo(long coalitions, SplittableRandom rnd) {
    long[] target = allocate(Math.min(coalitions, (long) Math.min(population(), Long.MAX_VALUE / 4)) / 2);
    for (int g = 0; g < strata.length; g++) {
      Stratum st = strata[g];
      while (st.drawn < target[g]) {
        BitSet s = draw(st, target[g], rnd);
        BitSet c = (BitSet) s.clone();
        c.flip(0, m);
        masks.add(s);
        masks.add(c);
        unitStratum.add(g);
        st.drawn++;
      }
    }
  }

  /** Water-filling allocation of {@code pairs} draws: proportional to the shares, capped by the populations. */
  private long[] allocate(long pairs) {
    int k = strata.length;
    double[] alloc = new double[k];
    boolean[] capped = new boolean[k];
    double left = pairs;
    boolean changed = true;
    while (changed) {
      changed = false;
      double shares = 0;
      for (int g = 0; g < k; g++) {
        if (!capped[g]) {
          shares += strata[g].share;
        }
      }
      if (shares == 0) {
        break;
      }
      for (int g = 0; g < k; g++) {
        if (!capped[g] && left * strata[g].share / shares >= strata[g].population) {
          capped[g] = true;
          alloc[g] = strata[g].population;
          left -= strata[g].population;
          changed = true;
        }
      }
      if (!changed) {
        for (int g = 0; g < k; g++) {
          if (!capped[g]) {
            alloc[g] = left * strata[g].share / shares;
          }
        }
      }
    }
    long[] out = new long[k];
    for (int g = 0; g < k; g++) {
      out[g] = Math.max(strata[g].drawn, (long) Math.floor(alloc[g] + 1e-9));
    }
    return out;
  }

  /**
   * A pair not drawn before from the stratum: its canonical member (size {@code s}; at {@code M/2}, the one holding
   * player 0). Small strata, and large ones of which half is wanted, are listed and shuffled; others are drawn at
   * random with rejection of repeats.
   */
  private BitSet draw(Stratum st, long wanted, SplittableRandom rnd) {
    if (st.listed == null
        && (st.population <= LISTED || (st.population <= LISTED_MAX && 2 * wanted >= st.population))) {
      List<BitSet> all = new ArrayList<>();
      Set<BitSet> seen = st.seen;
      KernelShap.forEachSubset(m, st.size, set -> {
        if ((2 * st.size != m || set.get(0)) && (seen == null || !seen.contains(set))) {
          all.add(set);
        }
      });
      // Fisher-Yates with the row's generator: a seeded order of the pairs not drawn yet
      for (int a = all.size() - 1; a > 0; a--) {
        int r = rnd.nextInt(a + 1);
        BitSet tmp = all.get(a);
        all.set(a, all.get(r));
        all.set(r, tmp);
      }
      st.listed = all;
      st.seen = null;
    }
    if (st.listed != null) {
      return st.listed.get(st.next++);
    }
    if (st.seen == null) {
      st.seen = new HashSet<>();
    }
    int[] perm = new int[m];
    while (true) {
      for (int a = 0; a < m; a++) {
        perm[a] = a;
      }
      BitSet set = new BitSet(m);
      for (int a = 0; a < st.size; a++) {
        int r = a + rnd.nextInt(m - a);
        int tmp = perm[a];
        perm[a] = perm[r];
        perm[r] = tmp;
        set.set(perm[a]);
      }
      if (2 * st.size == m && !set.get(0)) {
        set.flip(0, m);
      }
      if (st.seen.add(set)) {
        return set;
      }
    }
  }

  /** Regression weight of every coalition drawn (the stratum's weight shared by its drawn pairs). */
  double[] weights() {
    double[] w = new double[masks.size()];
    double sum = 0;
    for (int u = 0; u < unitStratum.size(); u++) {
      Stratum st = strata[unitStratum.get(u)];
      double each = st.weight / (2.0 * st.drawn);
      w[2 * u] = each;
      w[2 * u + 1] = each;
      sum += 2 * each;
    }
    // strata not drawn yet (tiny budgets) leave the others to share all the weight
    for (int q = 0; q < w.length; q++) {
      w[q] /= sum;
    }
    return w;
  }

  /** Whether every stratum is drawn whole (the sample is every coalition). */
  boolean complete() {
    for (Stratum st : strata) {
      if (!st.full()) {
        return false;
      }
    }
    return true;
  }
}
