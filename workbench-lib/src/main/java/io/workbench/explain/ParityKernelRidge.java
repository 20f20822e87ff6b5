package io.workbench.explain;

import java.util.BitSet;

/**
 * The ridge fit of {@link ThirdOrderShapley} in its dual form, for samples with fewer pairs than coefficients plus
 * {@link ThirdOrderShapley#MIN_DF} (the only ones that carry the ridge): the same coefficients from an
 * {@code n x n} system over the {@code n} pairs instead of the {@code p x p} normal equations of the {@code p}
 * coefficients (575 at 16 players).
 *
 * <p>The design's third-order columns (each parity minus player 0's, which the efficiency constraint eliminates)
 * carry the ridge {@code lambda}; the first-order ones do not. For fixed first-order coefficients {@code b1}, the
 * third-order ones are {@code b3 = X3' g} with {@code g = Q (t - X1 b1)} and
 * {@code Q = W^1/2 (W^1/2 K W^1/2 + lambda I)^-1 W^1/2}, {@code K = X3 X3'}; profiling them out leaves the weighted
 * least squares {@code min (t - X1 b1)' Q (t - X1 b1)} of {@code M - 1} unknowns. {@code K} needs no column of
 * {@code X3}: the product of two parities is the parity of the symmetric difference, so
 * {@code sum_T chi_T(a) chi_T(b)} is the third elementary symmetric polynomial of {@code a * b} over the fitted
 * players, a function of their Hamming distance alone (one bit count per pair of pairs). The Shapley values
 * {@code K_3 b3 = (K_3 X3') g} follow from the same polynomials of each coalition.
 */
final class ParityKernelRidge {

  private ParityKernelRidge() {}

  /**
   * The Shapley values of the ridge fit, or {@code null} when the first-order system is singular (the primal
   * fit then handles it as before).
   *
   * @param sample the pairs (at most 63 players)
   * @param y coalition values minus the base value, one per mask
   * @param total {@code v(N) - v(empty)}
   * @param triples the fitted triples, all among the players of {@code chosen}
   * @param chosen bit mask of the players whose triples are fitted (all triples of them are)
   */
  static double[] fit(PairedStrata sample, double[] y, double total, int m, int[][] triples, long chosen,
      double lambda) {
    int n = sample.unitStratum.size();
    int k = Long.bitCount(chosen);
    double triplesCount = triples.length;
    double[] cw = sample.weights();
    long[] bits = new long[n];
    double[] s0 = new double[n];
    double[] e3 = new double[n];
    double[] t = new double[n];
    double[] root = new double[n];
    for (int u = 0; u < n; u++) {
      BitSet s = sample.masks.get(2 * u);
      long[] words = s.toLongArray();
      bits[u] = words.length == 0 ? 0 : words[0];
      s0[u] = (bits[u] & 1) != 0 ? 1 : -1;
      e3[u] = e3(2 * Long.bitCount(bits[u] & chosen) - k, k);
      t[u] = 0.5 * (y[2 * u] - y[2 * u + 1]) - s0[u] * 0.5 * total;
      root[u] = Math.sqrt(cw[2 * u] + cw[2 * u + 1]);
    }
    // sum_T chi_T(a) chi_T(b) by the number of fitted players where a and b differ
    double[] byDistance = new double[k + 1];
    for (int d = 0; d <= k; d++) {
      byDistance[d] = e3(k - 2 * d, k);
    }
    double[][] a = new double[n][n];
    for (int u = 0; u < n; u++) {
      for (int v = 0; v <= u; v++) {
        double kuv = byDistance[Long.bitCount((bits[u] ^ bits[v]) & chosen)] - s0[v] * e3[u] - s0[u] * e3[v]
            + triplesCount * s0[u] * s0[v];
        double val = root[u] * root[v] * kuv + (u == v ? lambda : 0);
        a[u][v] = val;
        a[v][u] = val;
      }
    }
    double[][] l = Linalg.factor(a);
    // with z = L^-1 W^1/2 v, u' Q v = z_u . z_v: the first-order columns x_c = s_(c+1) - s_0 and the target, each
    // one forward substitution (all at once, one column per right-hand side)
    int q1 = m - 1;
    double[][] cols = new double[n][q1 + 1];
    for (int u = 0; u < n; u++) {
      double[] row = cols[u];
      for (int c = 0; c < q1; c++) {
        row[c] = root[u] * (((bits[u] >>> (c + 1) & 1) != 0 ? 1 : -1) - s0[u]);
      }
      row[q1] = root[u] * t[u];
    }
    double[][] z = Linalg.forwardColumns(l, cols);
    double[][] g1 = new double[q1][q1];
    double[] rhs = new double[q1];
    for (double[] zu : z) {
      double zt = zu[q1];
      for (int c = 0; c < q1; c++) {
        double zc = zu[c];
        rhs[c] += zc * zt;
        double[] gc = g1[c];
        for (int e = 0; e <= c; e++) {
          gc[e] += zc * zu[e];
        }
      }
    }
    for (int c = 0; c < q1; c++) {
      for (int e = 0; e < c; e++) {
        g1[e][c] = g1[c][e];
      }
    }
    double[][] l1 = Linalg.factorOrNull(g1);
    if (l1 == null) {
      return null;
    }
    double[] b1 = Linalg.substitute(l1, rhs);
    // g = Q (t - X1 b1) = W^1/2 L'^-1 (z_t - sum_c b1_c z_c)
    double[] g = new double[n];
    for (int u = 0; u < n; u++) {
      double v = z[u][q1];
      for (int c = 0; c < q1; c++) {
        v -= b1[c] * z[u][c];
      }
      g[u] = v;
    }
    g = Linalg.backward(l, g);
    for (int u = 0; u < n; u++) {
      g[u] *= root[u];
    }
    // phi_i = L_0(i) total/2 + sum_c K_ic b_c with K_ic = -L_0(i) + (own Shapley value of term c for player i),
    // L_0(i) = 2 [i = 0]; over the triples: sum_T K_iT b3_T = sum_u g_u sum_T K_iT x_T(u)
    double[] phi = new double[m];
    double sumB1 = 0;
    for (int c = 0; c < q1; c++) {
      phi[c + 1] += 2 * b1[c];
      sumB1 += b1[c];
    }
    double pairsOfOthers = (k - 1) * (k - 2) / 2.0;
    double allTriples = 0;
    for (int u = 0; u < n; u++) {
      double gu = g[u];
      if (gu == 0) {
        continue;
      }
      int sigma = 2 * Long.bitCount(bits[u] & chosen) - k;
      allTriples += gu * (e3[u] - triplesCount * s0[u]);
      for (int i = 0; i < m; i++) {
        if ((chosen >>> i & 1) != 0) {
          int si = (bits[u] >>> i & 1) != 0 ? 1 : -1;
          int rest = sigma - si;
          double e2Others = (rest * (double) rest - (k - 1)) / 2;
          phi[i] += 2.0 / 3 * gu * (si * e2Others - pairsOfOthers * s0[u]);
        }
      }
    }
    phi[0] += total - 2 * sumB1 - 2 * allTriples;
    return phi;
  }

  /** The third elementary symmetric polynomial of {@code k} values of +-1 summing to {@code sigma}. */
  private static double e3(int sigma, int k) {
    double s = sigma;
    return (s * s * s - 3.0 * k * s + 2 * s) / 6;
  }
}
