package io.workbench.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Numeric helpers with one definition each: sample statistics (standard deviation with {@code n - 1}, as
 * numpy's {@code ddof=1}), average ranks for ties (as scipy's {@code rankdata}), correlations, the normal,
 * chi-square(1) and binomial(n, 1/2) distribution functions, quantiles of type 7 (numpy's default), and
 * seeded sampling without replacement.
 *
 * <pre>{@code
 * double rho = Stats.spearman(a, b);
 * double sd = Stats.std(drops);
 * int[] order = Stats.descendingOrder(importance);   // largest first, ties by index
 * int[] rows = Stats.sampleIndices(10_000, 200, 42);  // 200 distinct rows, ascending
 * }</pre>
 */
public final class Stats {

  private static final double LN_SQRT_PI = 0.5 * Math.log(Math.PI);
  private static final double EPS = 1e-16;

  private Stats() {}

  /** Arithmetic mean; NaN for an empty array. */
  public static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Sample standard deviation (divisor {@code n - 1}); 0 for fewer than two values. */
  public static double std(double[] v) {
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
  public static double r2(double[] y, double[] p) {
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

  /**
   * Ranks starting at 1 for the smallest value; ties share their average rank (NaN values last, each its own
   * rank in index order), as SciPy's {@code rankdata}. O(n) passes of a radix sort on primitives.
   */
  public static double[] ranks(double[] v) {
    int n = v.length;
    int[] order = order(v);
    double[] r = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      double x = v[order[i]];
      while (j + 1 < n && v[order[j + 1]] == x) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[order[k]] = avg;
      }
      i = j + 1;
    }
    return r;
  }

  /** Dense ranks {@code 0..u-1} over the {@code u} distinct values (equal values share a rank). */
  public static int[] denseRanks(double[] v) {
    int[] r = new int[v.length];
    denseRanks(v, r);
    return r;
  }

  /**
   * Writes the dense ranks of {@code v} into {@code out} ({@code -0.0} ties with {@code 0.0}; each NaN gets its
   * own rank after all numbers, in index order) and returns the number of distinct ranks.
   */
  public static int denseRanks(double[] v, int[] out) {
    int n = v.length;
    if (n == 0) {
      return 0;
    }
    int[] order = order(v);
    int rank = 0;
    out[order[0]] = 0;
    for (int k = 1; k < n; k++) {
      if (v[order[k]] != v[order[k - 1]]) {
        rank++;
      }
      out[order[k]] = rank;
    }
    return rank + 1;
  }

  /**
   * The stable ascending order of {@code v} ({@code -0.0} equal to {@code 0.0}, NaN last): an LSD radix sort
   * of the values' order-preserving bit patterns, 8 bits a pass, skipping the passes where every value has the
   * same byte (for example the low mantissa bytes of widened floats or small integers).
   */
  public static int[] order(double[] v) {
    int n = v.length;
    long[] key = new long[n];
    int[] count = new int[8 * 256];
    for (int i = 0; i < n; i++) {
      long bits = Double.doubleToLongBits(v[i] + 0.0); // -0.0 becomes 0.0; one NaN pattern
      long k = bits ^ ((bits >> 63) | Long.MIN_VALUE);
      key[i] = k;
      for (int p = 0; p < 8; p++) {
        count[p * 256 + (int) ((k >>> (8 * p)) & 0xFF)]++;
      }
    }
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    long[] key2 = new long[n];
    int[] idx2 = new int[n];
    int[] start = new int[256];
    for (int p = 0; p < 8; p++) {
      int base = p * 256;
      if (n == 0 || count[base + (int) ((key[0] >>> (8 * p)) & 0xFF)] == n) {
        continue;
      }
      int s = 0;
      for (int b = 0; b < 256; b++) {
        start[b] = s;
        s += count[base + b];
      }
      int shift = 8 * p;
      for (int i = 0; i < n; i++) {
        long k = key[i];
        int at = start[(int) ((k >>> shift) & 0xFF)]++;
        key2[at] = k;
        idx2[at] = idx[i];
      }
      long[] tk = key;
      key = key2;
      key2 = tk;
      int[] ti = idx;
      idx = idx2;
      idx2 = ti;
    }
    return idx;
  }

  /** Pearson correlation; NaN when either vector is constant. */
  public static double pearson(double[] a, double[] b) {
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

  /** Spearman's rank correlation: Pearson on average ranks; NaN when either vector is constant. */
  public static double spearman(double[] a, double[] b) {
    return pearson(ranks(a), ranks(b));
  }

  /** Index of the largest value; ties (and NaN) go to the lowest index. */
  public static int argmax(double[] v) {
    int best = 0;
    for (int k = 1; k < v.length; k++) {
      if (v[k] > v[best]) {
        best = k;
      }
    }
    return best;
  }

  /** Index of the largest value; ties (and NaN) go to the lowest index. */
  public static int argmax(float[] v) {
    int best = 0;
    for (int k = 1; k < v.length; k++) {
      if (v[k] > v[best]) {
        best = k;
      }
    }
    return best;
  }

  /** Indices of all values, largest first; ties by the lower index. */
  public static int[] descendingOrder(double[] v) {
    return IntStream.range(0, v.length).boxed()
        .sorted((x, y) -> {
          int c = Double.compare(v[y], v[x]);
          return c != 0 ? c : Integer.compare(x, y);
        })
        .mapToInt(Integer::intValue).toArray();
  }

  /** Linear-interpolation quantile of ascending values (numpy's default, type 7). */
  public static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  /**
   * All of {@code 0..rows-1} when {@code max >= rows}, else {@code max} distinct indices drawn without
   * replacement with {@code seed}, in ascending order.
   */
  public static int[] sampleIndices(int rows, int max, long seed) {
    if (max >= rows) {
      return IntStream.range(0, rows).toArray();
    }
    int[] idx = IntStream.range(0, rows).toArray();
    Random rnd = new Random(seed);
    for (int i = 0; i < max; i++) {
      int j = i + rnd.nextInt(rows - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = Arrays.copyOf(idx, max);
    Arrays.sort(out);
    return out;
  }

  /**
   * A seeded uniform permutation of {@code 0..n-1} (Fisher-Yates with {@link java.util.SplittableRandom}):
   * same seed, same order.
   */
  public static int[] permutation(int n, long seed) {
    int[] p = IntStream.range(0, n).toArray();
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** Standard normal cumulative distribution function. */
  public static double normalCdf(double x) {
    return x >= 0 ? 1 - 0.5 * erfc(x / Math.sqrt(2)) : 0.5 * erfc(-x / Math.sqrt(2));
  }

  /** Two-sided p-value of a standard normal statistic: {@code 2 P(Z > |z|)}. */
  public static double normalTwoSided(double z) {
    return Math.min(1, erfc(Math.abs(z) / Math.sqrt(2)));
  }

  /** {@code P(X > x)} for a chi-square variable with one degree of freedom. */
  public static double chiSquare1Survival(double x) {
    if (x <= 0) {
      return 1;
    }
    return upperGammaHalf(x / 2);
  }

  /** Complementary error function: {@code erfc(x) = Q(1/2, x^2)} for {@code x >= 0}. */
  public static double erfc(double x) {
    if (x < 0) {
      return 2 - erfc(-x);
    }
    return upperGammaHalf(x * x);
  }

  /** {@code P(X <= k)} for {@code X ~ Binomial(n, 1/2)}, summed in log space. */
  public static double binomialHalfCdf(int k, int n) {
    if (k < 0) {
      return 0;
    }
    if (k >= n) {
      return 1;
    }
    double logHalfN = n * Math.log(0.5);
    double logC = 0;
    double sum = Math.exp(logHalfN);
    for (int i = 1; i <= k; i++) {
      logC += Math.log(n - i + 1) - Math.log(i);
      sum += Math.exp(logC + logHalfN);
    }
    return Math.min(1, sum);
  }

  /** Regularised upper incomplete gamma function {@code Q(1/2, x)}. */
  private static double upperGammaHalf(double x) {
    final double a = 0.5;
    if (x == 0) {
      return 1;
    }
    double logPrefix = -x + a * Math.log(x) - LN_SQRT_PI;
    if (x < a + 1) {
      // series for the lower function P(a, x)
      double term = 1 / a;
      double sum = term;
      for (int n = 1; n < 1000; n++) {
        term *= x / (a + n);
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * EPS) {
          break;
        }
      }
      return 1 - sum * Math.exp(logPrefix);
    }
    // continued fraction for Q(a, x), evaluated with the modified Lentz method
    double tiny = 1e-300;
    double b = x + 1 - a;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 1000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < tiny) {
        d = tiny;
      }
      c = b + an / c;
      if (Math.abs(c) < tiny) {
        c = tiny;
      }
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPS) {
        break;
      }
    }
    return Math.exp(logPrefix) * h;
  }
}
