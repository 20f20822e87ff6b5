package io.workbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Seeded generators with ground truth, so that explanation methods can be scored by what they recover.
 * The models are documented in {@code datasets/README.md}.
 *
 * <pre>{@code
 * SyntheticDataset s = Generators.highDimensional(500, 20_000, 10, 20, 42);
 * s.informative();   // the 10 feature indices the label depends on
 * }</pre>
 */
public final class Generators {

  private Generators() {}

  /**
   * High-dimensional binary classification. Informative features {@code z_1..z_k} are independent
   * standard normal; the label is {@code 1} when {@code sum_j w_j z_j + e > 0} with weights
   * {@code w_j = s_j * (1 + j / k)} (signs {@code s_j} random, magnitudes spread from 1 to 2) and
   * logistic noise {@code e} scaled by {@code 0.25 * ||w||}. Redundant features are random linear
   * combinations of the informative ones plus small noise (standard deviation 0.1); all other features
   * are independent standard normal noise. Feature positions are shuffled; names are {@code f0..f(d-1)}.
   *
   * @param n rows, at least 2
   * @param d features, from k + redundant up to 20,000 (or more, memory allowing)
   * @param k informative features, at least 1
   * @param redundant redundant features, at least 0
   * @param seed random seed
   */
  public static SyntheticDataset highDimensional(int n, int d, int k, int redundant, long seed) {
    if (n < 2) {
      throw new IllegalArgumentException("highDimensional needs n >= 2 rows, got " + n);
    }
    if (k < 1) {
      throw new IllegalArgumentException("highDimensional needs k >= 1 informative features, got " + k);
    }
    if (redundant < 0) {
      throw new IllegalArgumentException("redundant must be >= 0, got " + redundant);
    }
    if (d < k + redundant) {
      throw new IllegalArgumentException(
          "d = " + d + " features cannot hold k = " + k + " informative plus " + redundant + " redundant ones");
    }
    Random rnd = new Random(seed);
    int[] perm = IntStream.range(0, d).toArray();
    Splits.shuffle(perm, rnd);
    int[] informative = Arrays.copyOfRange(perm, 0, k);
    int[] redundantIdx = Arrays.copyOfRange(perm, k, k + redundant);

    double[] w = new double[k];
    double norm = 0;
    for (int j = 0; j < k; j++) {
      w[j] = (rnd.nextBoolean() ? 1 : -1) * (1 + (double) j / k);
      norm += w[j] * w[j];
    }
    norm = Math.sqrt(norm);
    double[][] mix = new double[redundant][k];
    for (double[] row : mix) {
      for (int j = 0; j < k; j++) {
        row[j] = rnd.nextGaussian();
      }
    }

    float[][] cols = new float[d][n];
    int[] y = new int[n];
    double[] z = new double[k];
    for (int i = 0; i < n; i++) {
      double score = 0;
      for (int j = 0; j < k; j++) {
        z[j] = rnd.nextGaussian();
        cols[informative[j]][i] = (float) z[j];
        score += w[j] * z[j];
      }
      double u = rnd.nextDouble();
      double logistic = Math.log(u / (1 - u));
      y[i] = score + 0.25 * norm * logistic > 0 ? 1 : 0;
      for (int r = 0; r < redundant; r++) {
        double v = 0;
        for (int j = 0; j < k; j++) {
          v += mix[r][j] * z[j];
        }
        cols[redundantIdx[r]][i] = (float) (v / Math.sqrt(k) + 0.1 * rnd.nextGaussian());
      }
    }
    boolean[] special = new boolean[d];
    for (int f : informative) {
      special[f] = true;
    }
    for (int f : redundantIdx) {
      special[f] = true;
    }
    for (int f = 0; f < d; f++) {
      if (!special[f]) {
        for (int i = 0; i < n; i++) {
          cols[f][i] = (float) rnd.nextGaussian();
        }
      }
    }
    float[][] x = new float[n][d];
    for (int f = 0; f < d; f++) {
      float[] col = cols[f];
      for (int i = 0; i < n; i++) {
        x[i][f] = col[i];
      }
    }
    List<String> names = new ArrayList<>(d);
    for (int f = 0; f < d; f++) {
      names.add("f" + f);
    }
    Table t = Table.create("high-dimensional (n=" + n + ", d=" + d + ", k=" + k + ")", IntColumn.create("label", y));
    Dataset data = Dataset.builder(t).featureMatrix(names, x).target("label").classNames("0", "1").build();
    Arrays.sort(informative);
    Arrays.sort(redundantIdx);
    return new SyntheticDataset(data, informative, redundantIdx);
  }
}
