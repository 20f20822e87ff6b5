package io.workbench.explain;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Standard errors of Kernel SHAP values estimated from a {@link PairedStrata} sample. The constrained regression's
 * solution is linearised around its residuals (a sandwich estimate, as Covert and Lee 2021 do for Kernel SHAP):
 * {@code Cov(beta) = H^-1 V H^-1}, where {@code H = sum_q w_q x_q x_q'} is the weighted design and {@code V} the
 * variance of the weighted score {@code sum_q w_q x_q r_q} under stratified sampling of pairs without
 * replacement: {@code V = sum_g W_g^2 (1 - n_g / N_g) S_g / n_g}, with {@code S_g} the sample covariance of the
 * pair scores in stratum {@code g}. Strata drawn whole add nothing; a stratum with one draw leaves the error
 * unknown ({@code NaN}).
 */
final class KernelShapErrors {

  private KernelShapErrors() {}

  /**
   * Per player, the standard error of {@code phi} ({@code m} values; {@code NaN} when unknown; players outside
   * {@code active} get 0).
   *
   * @param y coalition values minus the base value
   * @param total {@code f(x) - base}
   * @param phi the solution (local player indices)
   * @param active the players in the regression, ascending (the last is eliminated by the constraint)
   */
  static double[] of(PairedStrata sample, double[] y, double total, double[] phi, int[] active, int m) {
    double[] se = new double[m];
    int a = active.length;
    if (a < 2) {
      return se;
    }
    List<BitSet> masks = sample.masks;
    double[] w = sample.weights();
    int p = a - 1;
    int last = active[p];
    int k = masks.size();
    double[][] x = new double[k][p];
    double[] r = new double[k];
    double[][] h = new double[p][p];
    for (int q = 0; q < k; q++) {
      BitSet s = masks.get(q);
      double zl = s.get(last) ? 1 : 0;
      double fit = zl * total;
      for (int c = 0; c < p; c++) {
        x[q][c] = (s.get(active[c]) ? 1 : 0) - zl;
        fit += x[q][c] * phi[active[c]];
      }
      r[q] = y[q] - fit;
      for (int c = 0; c < p; c++) {
        double xc = w[q] * x[q][c];
        if (xc != 0) {
          for (int e = 0; e <= c; e++) {
            h[c][e] += xc * x[q][e];
          }
        }
      }
    }
    for (int c = 0; c < p; c++) {
      for (int e = c + 1; e < p; e++) {
        h[c][e] = h[e][c];
      }
    }
    // G = H^-1, column by column
    double[][] g = new double[p][];
    for (int c = 0; c < p; c++) {
      double[] unit = new double[p];
      unit[c] = 1;
      g[c] = Linalg.solveSpd(h, unit);
    }
    // each pair's score, mapped onto the coefficients: G (x_S r_S + x_C r_C) / 2, and their sum (the last player)
    int units = sample.unitStratum.size();
    double[][] effect = new double[units][];
    for (int u = 0; u < units; u++) {
      if (sample.strata[sample.unitStratum.get(u)].full()) {
        continue;
      }
      double[] e = new double[p + 1];
      for (int c = 0; c < p; c++) {
        double sc = 0.5 * (x[2 * u][c] * r[2 * u] + x[2 * u + 1][c] * r[2 * u + 1]);
        if (sc != 0) {
          for (int d = 0; d < p; d++) {
            e[d] += g[c][d] * sc;
          }
        }
      }
      for (int d = 0; d < p; d++) {
        e[p] += e[d];
      }
      effect[u] = e;
    }
    double[] var = stratifiedVariance(sample, effect, p + 1);
    if (var == null) {
      Arrays.fill(se, Double.NaN);
      return se;
    }
    for (int c = 0; c < p; c++) {
      se[active[c]] = Math.sqrt(var[c]);
    }
    se[last] = Math.sqrt(var[p]);
    return se;
  }

  /**
   * The variance of the stratified estimate {@code sum_g W_g mean_g(effect)} per column of {@code effect} (one row
   * per unit of the sample; rows of whole strata are not read): pairs drawn without replacement,
   * {@code sum_g W_g^2 (1 - n_g / N_g) S_g / n_g} with the stratum weights renormalised over the strata drawn.
   * Null when a stratum not drawn whole has fewer than two draws (its variance is unknown).
   */
  static double[] stratifiedVariance(PairedStrata sample, double[][] effect, int dims) {
    double drawnWeight = 0;
    for (PairedStrata.Stratum st : sample.strata) {
      if (st.drawn > 0) {
        drawnWeight += st.weight;
      }
    }
    double[] var = new double[dims];
    int units = sample.unitStratum.size();
    for (int g = 0; g < sample.strata.length; g++) {
      PairedStrata.Stratum st = sample.strata[g];
      if (st.full()) {
        continue;
      }
      if (st.drawn < 2) {
        return null;
      }
      int n = st.drawn;
      double[] mean = new double[dims];
      for (int u = 0; u < units; u++) {
        if (sample.unitStratum.get(u) == g) {
          for (int d = 0; d < dims; d++) {
            mean[d] += effect[u][d];
          }
        }
      }
      for (int d = 0; d < dims; d++) {
        mean[d] /= n;
      }
      double wg = st.weight / drawnWeight;
      double factor = wg * wg * (1 - n / st.population) / ((double) n * (n - 1));
      for (int u = 0; u < units; u++) {
        if (sample.unitStratum.get(u) == g) {
          for (int d = 0; d < dims; d++) {
            double dd = effect[u][d] - mean[d];
            var[d] += factor * dd * dd;
          }
        }
      }
    }
    return var;
  }
}
