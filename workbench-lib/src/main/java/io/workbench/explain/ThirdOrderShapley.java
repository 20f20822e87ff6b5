package io.workbench.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Shapley values of a third-order surrogate of the coalition game fitted to a {@link PairedStrata} sample (the
 * estimator of {@link KernelShap.Design#CUBIC}; the polynomial Kernel SHAP of Fumagalli, Witter, Musco et al. 2025).
 *
 * <p>With players coded {@code s_i = +1} (in the coalition) or {@code -1}, a game is a sum of parities
 * {@code v(S) = sum_T a_T prod_{i in T} s_i}, and the Shapley value of a parity over {@code T} is {@code 2/|T|} for
 * each member when {@code |T|} is odd and 0 when it is even. A complementary pair {@code (S, N\S)} observes the odd
 * part {@code (v(S) - v(N\S)) / 2} of the game, which holds only the odd parities: paired Kernel SHAP fits the
 * first-order ones (and is therefore exact for games of order two); this estimator also fits the third-order ones,
 * by weighted least squares over the pairs with the Shapley-kernel weights of their strata (with a small ridge on the
 * third-order terms while there are fewer pairs than coefficients plus {@link #MIN_DF}), so that it is exact for
 * games of order three and, with every coalition, for any game. While the ridge is on, the fit is solved in its dual
 * form over the pairs ({@link ParityKernelRidge}: an {@code n x n} system instead of {@code p x p}, the same
 * values); once the pairs determine the coefficients, through the normal equations. The efficiency constraint
 * ({@code sum phi = v(N) - v(empty)}) is built in by eliminating one coefficient. Past {@link #MAX_TERMS} terms, the
 * third-order terms are restricted to the players with the largest first-order values.
 *
 * <p>Standard errors: the sandwich of {@link KernelShapErrors} over the pair scores (stratified, without
 * replacement), each pair's residual divided by {@code 1 - h} for its hat value {@code h} (the jackknife-like HC3
 * correction: the residuals of a fit of {@code p} coefficients to a few times {@code p} pairs are too small); unknown
 * ({@code NaN}) until there are more pairs than coefficients plus {@link #MIN_DF}.
 */
final class ThirdOrderShapley {

  /** Largest number of coefficients (first- and third-order) fitted. */
  static final int MAX_TERMS = 600;
  /**
   * Ridge on the third-order coefficients while they are not determined (the regression weights sum to one; the
   * design's diagonal is about 2).
   */
  static final double RIDGE = 1e-3;
  /** Up to this many players the Gram matrix comes from one Walsh-Hadamard transform (2^M doubles). */
  private static final int WALSH_PLAYERS = 18;
  /** Pairs beyond the number of coefficients before the standard errors are estimated. */
  static final int MIN_DF = 32;

  private ThirdOrderShapley() {}

  /** Shapley values and their standard errors (local player indices). */
  record Estimate(double[] phi, double[] se) {}

  /** Whether {@code pairs} pairs are enough to estimate standard errors of the fit over {@code m} players. */
  static boolean identified(int m, int pairs) {
    return pairs > terms(m) + MIN_DF;
  }

  /**
   * Whether any third-order term fits for {@code m} players (at least 3 players, and {@code m + 1} coefficients
   * within {@link #MAX_TERMS}); without one the surrogate is the first-order fit of paired Kernel SHAP, which
   * {@link KernelShap} then computes itself.
   */
  static boolean fitsTriples(int m) {
    return tripleCount(m) >= 3;
  }

  /** Number of coefficients fitted for {@code m} players. */
  static int terms(int m) {
    return m + (int) KernelShap.binomial(tripleCount(m), 3);
  }

  /** The number of players whose triples are fitted. */
  private static int tripleCount(int m) {
    int k = Math.min(m, 3);
    while (k < m && m + KernelShap.binomial(k + 1, 3) <= MAX_TERMS) {
      k++;
    }
    return m + KernelShap.binomial(k, 3) <= MAX_TERMS ? k : 0;
  }

  /**
   * Fits the surrogate.
   *
   * @param y coalition values minus the base value, one per mask of {@code sample}
   * @param total {@code v(N) - v(empty)}
   * @param linear first-order (paired Kernel SHAP) values, which choose the players of the third-order terms when
   *     not all of them fit
   * @param errors whether to estimate standard errors ({@code NaN} when not identified)
   */
  static Estimate fit(PairedStrata sample, double[] y, double total, int m, double[] linear, boolean errors) {
    int[][] triples = triples(m, linear);
    int p = m + triples.length - 1;
    if (sample.unitStratum.size() <= p + MIN_DF && m < 64) {
      // the ridge fit from the pairs' n x n kernel (fewer pairs than coefficients: the cheaper system)
      long chosen = 0;
      for (int[] tr : triples) {
        chosen |= (1L << tr[0]) | (1L << tr[1]) | (1L << tr[2]);
      }
      double[] phi = ParityKernelRidge.fit(sample, y, total, m, triples, chosen, RIDGE);
      if (phi != null) {
        double[] se = null;
        if (errors) {
          se = new double[m];
          Arrays.fill(se, Double.NaN);
        }
        return new Estimate(phi, se);
      }
    }
    return primal(sample, y, total, m, triples, errors);
  }

  /**
   * The fit through the {@code p x p} normal equations of the coefficients (every sample; the hat values of the
   * standard errors come from its factor).
   */
  static Estimate primal(PairedStrata sample, double[] y, double total, int m, int[][] triples, boolean errors) {
    int terms = m + triples.length;
    int p = terms - 1;
    int n = sample.unitStratum.size();
    boolean underdetermined = n <= p + MIN_DF;
    double[] cw = sample.weights();
    // per pair: the design column (coefficient 0 eliminated by the constraint: x_c = f_(c+1) - f_0) and the target
    double[][] xt = new double[p][n];
    double[] t = new double[n];
    double[] w = new double[n];
    double[] f = new double[terms];
    double[] rhs = new double[p];
    long[] bits = m < 64 ? new long[n] : null;
    for (int u = 0; u < n; u++) {
      BitSet s = sample.masks.get(2 * u);
      parities(s, m, triples, f);
      for (int c = 1; c < terms; c++) {
        xt[c - 1][u] = f[c] - f[0];
      }
      t[u] = 0.5 * (y[2 * u] - y[2 * u + 1]) - f[0] * 0.5 * total;
      w[u] = cw[2 * u] + cw[2 * u + 1];
      for (int c = 0; c < p; c++) {
        rhs[c] += w[u] * xt[c][u] * t[u];
      }
      if (bits != null) {
        long[] words = s.toLongArray();
        bits[u] = words.length == 0 ? 0 : words[0];
      }
    }
    double[][] h = bits != null ? parityGram(bits, w, m, triples, m <= WALSH_PLAYERS) : gram(xt, w);
    // a ridge only while the pairs do not determine the coefficients (the fit is then exact for order-3 games)
    for (int c = 0; c < p; c++) {
      if (c >= m - 1 && underdetermined) {
        h[c][c] += RIDGE;
      }
    }
    // phi = L a, a_0 = total/2 - sum beta: phi = L_0 total/2 + K beta with K_c = L_(c+1) - L_0
    double[][] k = new double[m][p];
    for (int c = 1; c < terms; c++) {
      for (int i = 0; i < m; i++) {
        k[i][c - 1] = -shapleyOf(0, i, m, triples);
      }
      if (c < m) {
        k[c][c - 1] += 2;
      } else {
        for (int i : triples[c - m]) {
          k[i][c - 1] += 2.0 / 3;
        }
      }
    }
    double[][] chol = Linalg.factor(h);
    double[] beta = Linalg.substitute(chol, rhs);
    double[] phi = new double[m];
    for (int i = 0; i < m; i++) {
      double v = shapleyOf(0, i, m, triples) * 0.5 * total;
      for (int c = 0; c < p; c++) {
        v += k[i][c] * beta[c];
      }
      phi[i] = v;
    }
    double[] se = new double[m];
    if (!errors) {
      return new Estimate(phi, null);
    }
    if (underdetermined) {
      Arrays.fill(se, Double.NaN);
      return new Estimate(phi, se);
    }
    // G = K H^-1 (H symmetric); each pair's effect on phi: G x_u r_u / (1 - h_u), the residual scaled by its hat
    // value h_u = w_u x_u' H^-1 x_u (the jackknife's HC3: in-sample residuals of p coefficients are too small)
    double[][] sol = new double[m][];
    for (int i = 0; i < m; i++) {
      sol[i] = Linalg.substitute(chol, k[i]);
    }
    // hat values: |L^-1 x_u|^2 for every pair at once (forward substitution over the design's columns)
    double[][] z = Linalg.forwardColumns(chol, xt);
    double[] z2 = new double[n];
    for (double[] zc : z) {
      for (int u = 0; u < n; u++) {
        z2[u] += zc[u] * zc[u];
      }
    }
    double[] r = new double[n];
    for (int u = 0; u < n; u++) {
      if (sample.strata[sample.unitStratum.get(u)].full()) {
        continue; // whole strata add no variance
      }
      double fit = 0;
      for (int c = 0; c < p; c++) {
        fit += xt[c][u] * beta[c];
      }
      double hat = w[u] * z2[u];
      if (!(hat < 1 - 1e-9)) {
        Arrays.fill(se, Double.NaN);
        return new Estimate(phi, se);
      }
      r[u] = (t[u] - fit) / (1 - hat);
    }
    // every pair's effect G x_u r_u, G x_u as one product over the design's columns
    double[][] gx = new double[m][n];
    for (int i = 0; i < m; i++) {
      double[] gi = sol[i];
      double[] out = gx[i];
      for (int c = 0; c < p; c++) {
        double coef = gi[c];
        if (coef != 0) {
          double[] xc = xt[c];
          for (int u = 0; u < n; u++) {
            out[u] += coef * xc[u];
          }
        }
      }
    }
    double[][] effect = new double[n][];
    for (int u = 0; u < n; u++) {
      effect[u] = new double[m];
      for (int i = 0; i < m; i++) {
        effect[u][i] = gx[i][u] * r[u];
      }
    }
    double[] var = KernelShapErrors.stratifiedVariance(sample, effect, m);
    if (var == null) {
      Arrays.fill(se, Double.NaN);
      return new Estimate(phi, se);
    }
    for (int i = 0; i < m; i++) {
      se[i] = Math.sqrt(var[i]);
    }
    return new Estimate(phi, se);
  }

  /** {@code sum_u w_u x_u x_u'} for the design columns {@code xt} (lower and upper triangles). */
  static double[][] gram(double[][] xt, double[] w) {
    int p = xt.length;
    int n = w.length;
    double[][] h = new double[p][p];
    double[] wc = new double[n];
    for (int c = 0; c < p; c++) {
      for (int u = 0; u < n; u++) {
        wc[u] = w[u] * xt[c][u];
      }
      for (int e = 0; e <= c; e++) {
        double v = 0;
        double[] xe = xt[e];
        for (int u = 0; u < n; u++) {
          v += wc[u] * xe[u];
        }
        h[c][e] = v;
        h[e][c] = v;
      }
    }
    return h;
  }

  /**
   * The same Gram matrix from the parities' structure: the product of the parities of {@code A} and {@code B} is
   * the parity of their symmetric difference, so the Gram matrix of the parities holds the weighted means
   * {@code mu(T) = sum_u w_u chi_T(s_u)} of a few thousand even sets {@code T} (sizes 0 to 6): all of them by one
   * Walsh-Hadamard transform up to {@link #WALSH_PLAYERS} players, else each once with bit counts ({@code M < 64}),
   * instead of {@code n p^2} products.
   */
  static double[][] parityGram(long[] bits, double[] w, int m, int[][] triples, boolean walsh) {
    int terms = m + triples.length;
    long[] set = new long[terms];
    for (int i = 0; i < m; i++) {
      set[i] = 1L << i;
    }
    for (int q = 0; q < triples.length; q++) {
      set[m + q] = (1L << triples[q][0]) | (1L << triples[q][1]) | (1L << triples[q][2]);
    }
    double[] all = walsh ? walsh(bits, w, m) : null;
    java.util.HashMap<Long, Double> mu = new java.util.HashMap<>();
    double[][] g = new double[terms][terms];
    for (int a = 0; a < terms; a++) {
      for (int b = 0; b <= a; b++) {
        long key = set[a] ^ set[b];
        double v;
        if (all != null) {
          v = all[(int) key];
        } else {
          Double known = mu.get(key);
          if (known == null) {
            double sum = 0;
            for (int u = 0; u < bits.length; u++) {
              sum += (Long.bitCount(key & bits[u]) & 1) == 0 ? w[u] : -w[u];
            }
            known = sum;
            mu.put(key, known);
          }
          v = known;
        }
        g[a][b] = v;
        g[b][a] = v;
      }
    }
    int p = terms - 1;
    double[][] h = new double[p][p];
    for (int c = 0; c < p; c++) {
      for (int e = 0; e < p; e++) {
        h[c][e] = g[c + 1][e + 1] - g[c + 1][0] - g[0][e + 1] + g[0][0];
      }
    }
    return h;
  }

  /**
   * {@code mu(T)} for every set {@code T} of the {@code m} players at once: the Walsh-Hadamard transform of the
   * pairs' weights by coalition ({@code m 2^m} additions).
   */
  private static double[] walsh(long[] bits, double[] w, int m) {
    double[] a = new double[1 << m];
    for (int u = 0; u < bits.length; u++) {
      a[(int) bits[u]] += w[u];
    }
    for (int len = 1; len < a.length; len <<= 1) {
      for (int i = 0; i < a.length; i += len << 1) {
        for (int j = i; j < i + len; j++) {
          double x = a[j];
          double y = a[j + len];
          a[j] = x + y;
          a[j + len] = x - y;
        }
      }
    }
    return a;
  }

  /** The Shapley value, for player {@code i}, of the parity of coefficient {@code c} (0: player 0's own). */
  private static double shapleyOf(int c, int i, int m, int[][] triples) {
    if (c < m) {
      return c == i ? 2 : 0;
    }
    for (int j : triples[c - m]) {
      if (j == i) {
        return 2.0 / 3;
      }
    }
    return 0;
  }

  /** The parities of the first- then third-order terms at coalition {@code s}. */
  private static void parities(BitSet s, int m, int[][] triples, double[] f) {
    for (int i = 0; i < m; i++) {
      f[i] = s.get(i) ? 1 : -1;
    }
    for (int q = 0; q < triples.length; q++) {
      int[] tr = triples[q];
      f[m + q] = f[tr[0]] * f[tr[1]] * f[tr[2]];
    }
  }

  /** The triples fitted: all, or those of the players with the largest |linear| (ties: lower index). */
  static int[][] triples(int m, double[] linear) {
    int k = tripleCount(m);
    if (k < 3) {
      return new int[0][];
    }
    int[] chosen;
    if (k == m) {
      chosen = new int[m];
      for (int i = 0; i < m; i++) {
        chosen[i] = i;
      }
    } else {
      chosen = Linalg.largestMagnitudes(linear, k);
    }
    List<int[]> out = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        for (int c = b + 1; c < k; c++) {
          out.add(new int[] {chosen[a], chosen[b], chosen[c]});
        }
      }
    }
    return out.toArray(new int[0][]);
  }
}
