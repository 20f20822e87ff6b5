package io.workbench.analysis.representation;

import io.workbench.model.Differentiable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Centred kernel alignment (Kornblith et al. 2019, "Similarity of neural network representations
 * revisited"): how alike two representations of the same rows are, in [0, 1]. With centred Gram matrices
 * {@code Kc = H K H} and {@code Lc = H L H}, {@code CKA = <Kc, Lc> / (||Kc|| ||Lc||)} (Frobenius). Linear CKA uses
 * {@code K = X X^T}, which equals the paper's {@code ||Y^T X||^2 / (||X^T X|| ||Y^T Y||)} for column-centred X
 * and Y; it is invariant to orthogonal transforms and isotropic scaling, not to arbitrary invertible linear
 * maps. RBF CKA uses {@code K_ij = exp(-||x_i - x_j||^2 / (2 sigma^2))} with sigma a fraction of the median
 * distance between rows (the paper's choice; default 0.8). Cost: {@code n^2} memory and {@code n^2 d} time
 * per representation, so keep to a few hundred rows.
 *
 * <pre>{@code
 * double s = Cka.linear(net.layerActivations("conv1", x), net.layerActivations("conv2", x));
 * CkaMatrix layers = Cka.linear(Cka.layers(net, x));              // every layer against every layer
 * CkaMatrix seeds = Cka.linear(Cka.layers(netA, x), Cka.layers(netB, x));   // two models, same rows
 * layers.heatmap();
 * }</pre>
 */
public final class Cka {

  /** Default RBF bandwidth as a fraction of the median distance between rows. */
  public static final double DEFAULT_SIGMA_FRACTION = 0.8;

  private Cka() {}

  /** Linear CKA of two representations of the same rows ({@code rows x features} each, widths may differ). */
  public static double linear(float[][] x, float[][] y) {
    double[][][] g = grams(x, y);
    return alignment(linearGram(g[0]), linearGram(g[1]));
  }

  /** RBF CKA with sigma = {@value #DEFAULT_SIGMA_FRACTION} times the median distance. */
  public static double rbf(float[][] x, float[][] y) {
    return rbf(x, y, DEFAULT_SIGMA_FRACTION);
  }

  /**
   * RBF CKA; {@code sigmaFraction} times the median pairwise distance of each representation is its
   * bandwidth.
   */
  public static double rbf(float[][] x, float[][] y, double sigmaFraction) {
    if (!(sigmaFraction > 0) || Double.isInfinite(sigmaFraction)) {
      throw new IllegalArgumentException("sigmaFraction must be a positive finite number, got " + sigmaFraction);
    }
    double[][][] g = grams(x, y);
    return alignment(rbfGram(g[0], sigmaFraction), rbfGram(g[1], sigmaFraction));
  }

  /**
   * Activations of the named layers (all layers when none are named) for the same rows, in layer order: the
   * input of {@link #linear(Map)} and {@link #rbf(Map)}.
   */
  public static Map<String, float[][]> layers(Differentiable model, float[][] x, String... layers) {
    List<String> names = layers.length == 0 ? model.layerNames() : List.of(layers);
    Map<String, float[][]> out = new LinkedHashMap<>();
    for (String l : names) {
      out.put(l, model.layerActivations(l, x));
    }
    return out;
  }

  /** Linear CKA of every representation against every other. */
  public static CkaMatrix linear(Map<String, float[][]> representations) {
    return matrix("linear", representations, representations, m -> linearGram(m));
  }

  /** Linear CKA of each representation of {@code a} (rows) against each of {@code b} (columns). */
  public static CkaMatrix linear(Map<String, float[][]> a, Map<String, float[][]> b) {
    return matrix("linear", a, b, m -> linearGram(m));
  }

  /** RBF CKA (default bandwidth) of every representation against every other. */
  public static CkaMatrix rbf(Map<String, float[][]> representations) {
    return matrix("rbf", representations, representations, m -> rbfGram(m, DEFAULT_SIGMA_FRACTION));
  }

  /** RBF CKA (default bandwidth) of each representation of {@code a} against each of {@code b}. */
  public static CkaMatrix rbf(Map<String, float[][]> a, Map<String, float[][]> b) {
    return matrix("rbf", a, b, m -> rbfGram(m, DEFAULT_SIGMA_FRACTION));
  }

  private interface Kernel {
    double[][] centredGram(double[][] x);
  }

  private static CkaMatrix matrix(String kernel, Map<String, float[][]> a, Map<String, float[][]> b, Kernel k) {
    if (a == null || a.isEmpty() || b == null || b.isEmpty()) {
      throw new IllegalArgumentException("CKA needs at least one representation on each side, got "
          + (a == null ? "null" : a.keySet()) + " and " + (b == null ? "null" : b.keySet()));
    }
    Map<String, double[][]> ga = centredGrams(a, k, -1);
    int n = ga.values().iterator().next().length;
    Map<String, double[][]> gb = a == b ? ga : centredGrams(b, k, n);
    double[][] v = new double[ga.size()][gb.size()];
    int i = 0;
    for (double[][] ka : ga.values()) {
      int j = 0;
      for (double[][] kb : gb.values()) {
        v[i][j++] = alignment(ka, kb);
      }
      i++;
    }
    return new CkaMatrix(kernel, new ArrayList<>(a.keySet()), new ArrayList<>(b.keySet()), v);
  }

  private static Map<String, double[][]> centredGrams(Map<String, float[][]> reps, Kernel k, int rows) {
    Map<String, double[][]> out = new LinkedHashMap<>();
    int n = rows;
    for (Map.Entry<String, float[][]> e : reps.entrySet()) {
      double[][] x = Matrices.toDouble(e.getValue(), "CKA representation '" + e.getKey() + "'");
      if (n >= 0 && x.length != n) {
        throw new IllegalArgumentException("CKA representation '" + e.getKey() + "' has " + x.length
            + " rows, expected " + n + " (every representation must hold the same rows)");
      }
      if (x.length < 3) {
        throw new IllegalArgumentException("CKA needs at least 3 rows, representation '" + e.getKey()
            + "' has " + x.length);
      }
      n = x.length;
      out.put(e.getKey(), k.centredGram(x));
    }
    return out;
  }

  private static double[][][] grams(float[][] x, float[][] y) {
    double[][] a = Matrices.toDouble(x, "CKA x");
    double[][] b = Matrices.toDouble(y, "CKA y");
    if (a.length != b.length) {
      throw new IllegalArgumentException("CKA: x has " + a.length + " rows and y has " + b.length
          + "; both must hold the same rows");
    }
    if (a.length < 3) {
      throw new IllegalArgumentException("CKA needs at least 3 rows, got " + a.length);
    }
    return new double[][][] {a, b};
  }

  /** {@code H X X^T H}, computed from the column-centred X. */
  static double[][] linearGram(double[][] x) {
    double[][] c = Matrices.centre(x);
    return Matrices.gram(c, c);
  }

  /** {@code H K H} of the RBF kernel with bandwidth {@code fraction * median distance}. */
  static double[][] rbfGram(double[][] x, double fraction) {
    int n = x.length;
    double[][] g = Matrices.gram(x, x);
    double[][] d2 = new double[n][n];
    double[] upper = new double[n * (n - 1) / 2];
    int u = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        d2[i][j] = Math.max(0, g[i][i] + g[j][j] - 2 * g[i][j]);
        if (j > i) {
          upper[u++] = d2[i][j];
        }
      }
    }
    Arrays.sort(upper);
    double median = Math.sqrt(upper.length % 2 == 1 ? upper[upper.length / 2]
        : (upper[upper.length / 2 - 1] + upper[upper.length / 2]) / 2);
    double sigma = fraction * median;
    double[][] k = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        k[i][j] = sigma > 0 ? Math.exp(-d2[i][j] / (2 * sigma * sigma)) : (d2[i][j] == 0 ? 1 : 0);
      }
    }
    return Matrices.doubleCentre(k);
  }

  /** {@code <Kc, Lc> / (||Kc|| ||Lc||)}; 0 when either representation is constant. */
  static double alignment(double[][] kc, double[][] lc) {
    double kk = Matrices.frobenius(kc, kc);
    double ll = Matrices.frobenius(lc, lc);
    if (kk <= 0 || ll <= 0) {
      return 0;
    }
    return Matrices.frobenius(kc, lc) / Math.sqrt(kk * ll);
  }
}
