package io.workbench.explain;

import io.workbench.data.Dataset;
import io.workbench.model.Model;
import io.workbench.stats.KMeans;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reference distribution that "absent" features are drawn from (interventional Shapley values): rows
 * with weights summing to one. Large training sets are summarised, by seeded sampling or by weighted
 * k-means (each centre weighted by its cluster's share, as {@code shap.kmeans}; centres are not snapped to
 * observed values).
 *
 * <p>A background is a <em>distribution</em> that Shapley-style explainers (Kernel SHAP, exact and sampling
 * Shapley, GradientSHAP) average over. The single reference point per row that integrated gradients,
 * occlusion and the faithfulness measures use is a {@link Baseline} ({@code Baseline.mean(background)}
 * turns one into the other).
 *
 * <pre>{@code
 * Background bg = Background.kmeans(train, 20, 42);   // 20 weighted centres
 * Background bg2 = Background.sample(train, 100, 42); // 100 rows, equal weights
 * Explain.kernelShap(model, bg).explain(test.head(10));
 * }</pre>
 */
public final class Background implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final float[][] rows;
  private final double[] weights;
  private final List<String> featureNames;

  private Background(float[][] rows, double[] weights, List<String> featureNames) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("Background needs at least one row, got 0");
    }
    int d = rows[0].length;
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != d) {
        throw new IllegalArgumentException("Background row " + i + " has " + rows[i].length + " columns, row 0 has " + d);
      }
      for (int j = 0; j < d; j++) {
        if (!Float.isFinite(rows[i][j])) {
          throw new IllegalArgumentException("Background row " + i + ", column " + j + " is not finite: " + rows[i][j]);
        }
      }
    }
    if (featureNames != null && featureNames.size() != d) {
      throw new IllegalArgumentException("Background has " + d + " columns but " + featureNames.size() + " feature names");
    }
    double sum = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("Background weights must be finite and >= 0, got " + w);
      }
      sum += w;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("Background weights sum to 0");
    }
    this.rows = rows;
    this.weights = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      this.weights[i] = weights[i] / sum;
    }
    this.featureNames = featureNames == null ? null : List.copyOf(featureNames);
  }

  /** All rows with equal weights; columns are checked against the model by count only. */
  public static Background of(float[][] rows) {
    return new Background(copy(rows), uniform(rows.length), null);
  }

  /** Rows with the given (non-negative) weights, normalised to sum one. */
  public static Background of(float[][] rows, double[] weights) {
    if (weights.length != rows.length) {
      throw new IllegalArgumentException("Background: " + rows.length + " rows but " + weights.length + " weights");
    }
    return new Background(copy(rows), weights.clone(), null);
  }

  /** All rows of a dataset with equal weights; columns are checked against the model by name. */
  public static Background of(Dataset data) {
    return new Background(data.x(), uniform(data.rows()), data.features());
  }

  /** {@code n} rows sampled without replacement (all rows when the dataset has at most {@code n}). */
  public static Background sample(Dataset data, int n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("Background.sample: n must be >= 1, got " + n);
    }
    if (data.rows() <= n) {
      return of(data);
    }
    return new Background(data.sample(n, seed).x(), uniform(n), data.features());
  }

  /**
   * Weighted k-means summary: {@code k} centres from seeded k-means++ and Lloyd iterations, each weighted by
   * the share of rows nearest to it.
   */
  public static Background kmeans(Dataset data, int k, long seed) {
    return kmeans(data.x(), data.features(), k, seed);
  }

  /** Weighted k-means summary of a raw matrix (see {@link #kmeans(Dataset, int, long)}). */
  public static Background kmeans(float[][] x, List<String> featureNames, int k, long seed) {
    if (k < 1) {
      throw new IllegalArgumentException("Background.kmeans: k must be >= 1, got " + k);
    }
    if (x.length == 0) {
      throw new IllegalArgumentException("Background.kmeans: no rows to summarise");
    }
    if (x.length <= k) {
      return new Background(copy(x), uniform(x.length), featureNames);
    }
    int n = x.length;
    int d = x[0].length;
    KMeans.Clustering km = KMeans.fit(x, k, seed);
    double[][] c = km.centres();
    int[] count = km.counts();
    List<float[]> centres = new ArrayList<>();
    List<Double> w = new ArrayList<>();
    for (int m = 0; m < k; m++) {
      if (count[m] > 0) {
        float[] f = new float[d];
        for (int j = 0; j < d; j++) {
          f[j] = (float) c[m][j];
        }
        centres.add(f);
        w.add((double) count[m] / n);
      }
    }
    return new Background(centres.toArray(new float[0][]), w.stream().mapToDouble(Double::doubleValue).toArray(),
        featureNames);
  }

  /** Number of rows. */
  public int size() {
    return rows.length;
  }

  /** Number of columns. */
  public int numFeatures() {
    return rows[0].length;
  }

  /** The rows (a copy). */
  public float[][] rows() {
    return copy(rows);
  }

  /** The weights, summing to one (a copy). */
  public double[] weights() {
    return weights.clone();
  }

  /** Column names when known (from a dataset), else empty. */
  public List<String> featureNames() {
    return featureNames == null ? List.of() : featureNames;
  }

  /** Fails naming the mismatch when the columns differ from the model's (by name when known, else by count). */
  void checkAgainst(Model model) {
    if (featureNames != null) {
      try {
        Model.checkFeatures(model, featureNames);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Background does not match the model: " + e.getMessage(), e);
      }
    } else if (numFeatures() != model.featureNames().size()) {
      throw new IllegalArgumentException("Background has " + numFeatures() + " columns but the model expects "
          + model.featureNames().size() + " features");
    }
  }

  float[][] rowsView() {
    return rows;
  }

  double[] weightsView() {
    return weights;
  }

  private static double[] uniform(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0 / Math.max(1, n));
    return w;
  }

  private static float[][] copy(float[][] x) {
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
    }
    return out;
  }

  @Override
  public String toString() {
    return "Background(" + rows.length + " rows x " + numFeatures() + " features)";
  }
}
