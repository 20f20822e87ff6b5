package io.workbench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one statistics helper against closed forms and the values numpy/scipy give for the same input. */
class StatsTest {

  @Test
  void sampleStatistics() {
    assertEquals(2.5, Stats.mean(new double[] {1, 2, 3, 4}), 0);
    assertEquals(Math.sqrt(5.0 / 3), Stats.std(new double[] {1, 2, 3, 4}), 1e-15, "numpy std(ddof=1)");
    assertEquals(0, Stats.std(new double[] {7}), 0);
    assertEquals(1 - 0.25 / 10, Stats.r2(new double[] {1, 2, 3, 4, 5}, new double[] {1, 2, 3, 4, 5.5}), 1e-15);
    assertEquals(1.0, Stats.r2(new double[] {2, 2}, new double[] {2, 2}), 0);
    assertEquals(1.9, Stats.quantile(new double[] {1, 2, 3, 4}, 0.3), 1e-12, "np.quantile([1,2,3,4], 0.3)");
    assertEquals(4, Stats.quantile(new double[] {1, 2, 3, 4}, 1), 0);
  }

  @Test
  void ranksAndCorrelations() {
    assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Stats.ranks(new double[] {10, 20, 20, 30}), 0,
        "scipy.stats.rankdata");
    assertArrayEquals(new int[] {0, 1, 1, 2}, Stats.denseRanks(new double[] {10, 20, 20, 30}));
    Random rnd = new Random(5);
    double[] a = new double[40];
    double[] b = new double[40];
    for (int i = 0; i < a.length; i++) {
      a[i] = rnd.nextDouble();
      b[i] = a[i] + rnd.nextGaussian() * 0.3;
    }
    double[] ra = Stats.ranks(a);
    double[] rb = Stats.ranks(b);
    double d2 = 0;
    for (int i = 0; i < a.length; i++) {
      d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
    }
    int n = a.length;
    assertEquals(1 - 6 * d2 / (n * ((double) n * n - 1)), Stats.spearman(a, b), 1e-12, "closed form without ties");
    assertEquals(1.0, Stats.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 6}), 1e-15);
    assertTrue(Double.isNaN(Stats.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})), "constant vector");
    assertArrayEquals(new int[] {1, 3, 0, 2}, Stats.descendingOrder(new double[] {1, 5, 0, 5}), "ties by index");
  }

  @Test
  void radixRanksMatchBruteForceOnSignsZerosTiesAndNaN() {
    Random rnd = new Random(11);
    for (int n : new int[] {1, 2, 7, 257, 1001}) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        int kind = rnd.nextInt(6);
        v[i] = kind == 0 ? rnd.nextInt(5) - 2 : kind == 1 ? -0.0 : kind == 2 ? rnd.nextGaussian() * 1e300
            : kind == 3 ? (float) rnd.nextGaussian() : kind == 4 && rnd.nextInt(4) == 0 ? Double.NaN
            : -rnd.nextDouble() * 1e-300;
      }
      double[] expect = new double[n];
      int[] dense = new int[n];
      int nanSeen = 0;
      int numbers = 0;
      for (double x : v) {
        numbers += Double.isNaN(x) ? 0 : 1;
      }
      for (int i = 0; i < n; i++) {
        if (Double.isNaN(v[i])) {
          expect[i] = numbers + ++nanSeen;
          continue;
        }
        int below = 0;
        int equal = 0;
        java.util.Set<Double> distinctBelow = new java.util.HashSet<>();
        for (double x : v) {
          if (x < v[i]) {
            below++;
            distinctBelow.add(x + 0.0);
          } else if (x == v[i]) {
            equal++;
          }
        }
        expect[i] = below + (equal + 1) / 2.0;
        dense[i] = distinctBelow.size();
      }
      assertArrayEquals(expect, Stats.ranks(v), 0, "average ranks, n = " + n);
      int[] got = Stats.denseRanks(v);
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(v[i])) {
          assertEquals(dense[i], got[i], "dense rank of " + v[i] + ", n = " + n);
        }
      }
      int[] order = Stats.order(v);
      for (int k = 1; k < n; k++) {
        double p = v[order[k - 1]] + 0.0;
        double q = v[order[k]] + 0.0;
        assertTrue(Double.compare(p, q) < 0 || Double.compare(p, q) == 0 && order[k - 1] < order[k],
            "stable ascending order at " + k);
      }
    }
  }

  @Test
  void distributionFunctions() {
    assertEquals(0.9750021048517795, Stats.normalCdf(1.96), 1e-14, "scipy.stats.norm.cdf(1.96)");
    assertEquals(0.04999579029644087, Stats.normalTwoSided(1.96), 1e-14);
    assertEquals(0.05, Stats.chiSquare1Survival(3.841458820694124), 1e-12);
    assertEquals(16.0 / 32, Stats.binomialHalfCdf(2, 5), 1e-15, "(1 + 5 + 10) / 2^5");
    assertEquals(1, Stats.erfc(0), 1e-15);
  }

  @Test
  void seededSamplingIsDistinctSortedAndRepeatable() {
    int[] s = Stats.sampleIndices(1000, 50, 42);
    assertEquals(50, s.length);
    assertEquals(50, Arrays.stream(s).distinct().count());
    assertTrue(Arrays.stream(s).allMatch(i -> i >= 0 && i < 1000));
    int[] sorted = s.clone();
    Arrays.sort(sorted);
    assertArrayEquals(sorted, s);
    assertArrayEquals(s, Stats.sampleIndices(1000, 50, 42));
    assertNotEquals(Arrays.toString(s), Arrays.toString(Stats.sampleIndices(1000, 50, 43)));
    assertArrayEquals(new int[] {0, 1, 2}, Stats.sampleIndices(3, 50, 42));
  }
}
