package io.workbench.explain;

import io.workbench.data.Dataset;
import io.workbench.display.Numbers;
import io.workbench.model.Model;
import java.util.Arrays;
import java.util.List;

/**
 * The reference values that stand in for an absent feature: the one baseline type of integrated gradients
 * (the path starts there), occlusion and feature ablation (the replacement values) and the faithfulness
 * measures of {@code analysis.faithfulness} (deletion and insertion curves, infidelity). A constant, one value
 * per feature (a background mean, a zero or "grey" image), or one full replacement row per explained row (a
 * blurred copy of each image or signal).
 *
 * <p>Not to be confused with {@link Background}: a background is a weighted <em>distribution</em> of rows that
 * Shapley-style explainers (Kernel SHAP, exact and sampling Shapley, GradientSHAP) average over; a baseline is
 * one reference point per row. {@link #mean(Background)} turns the first into the second.
 *
 * <pre>{@code
 * Baseline.constant(0);                  // every absent feature becomes 0
 * Baseline.mean(train);                  // the training mean per feature, checked by feature name
 * Baseline.values(perFeature);           // float[d]
 * Baseline.perRow(blurred);              // float[rows][d], row i stands in for explained row i
 * Explain.integratedGradients(net).baseline(Baseline.mean(train)).explain(rows);
 * Explain.occlusion(cnn, 1, 4, 4).baseline(Baseline.constant(0)).explain(images);
 * Faithfulness.create().baseline(Baseline.mean(train)).deletion(model, attribution);
 * }</pre>
 */
public final class Baseline implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private final double constant;
  private final float[] values;
  private final float[][] rows;
  private final List<String> featureNames;
  private final String description;

  private Baseline(double constant, float[] values, float[][] rows, List<String> featureNames, String description) {
    this.constant = constant;
    this.values = values;
    this.rows = rows;
    this.featureNames = featureNames;
    this.description = description;
  }

  /** Every absent feature takes the same finite value. */
  public static Baseline constant(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("Baseline.constant: value must be finite, got " + value);
    }
    return new Baseline(value, null, null, null, value == 0 ? "zeros" : "constant " + Numbers.format(value));
  }

  /** One finite value per (flattened) feature. */
  public static Baseline values(float[] perFeature) {
    if (perFeature == null || perFeature.length == 0) {
      throw new IllegalArgumentException("Baseline.values: perFeature is null or empty");
    }
    checkFinite(perFeature, "Baseline.values: feature ");
    return new Baseline(0, perFeature.clone(), null, null, "per-feature values");
  }

  /** The column means of {@code rows} (e.g. training data). */
  public static Baseline mean(float[][] rows) {
    if (rows == null || rows.length == 0) {
      throw new IllegalArgumentException("Baseline.mean: rows is null or empty");
    }
    double[] w = new double[rows.length];
    Arrays.fill(w, 1);
    return new Baseline(0, weightedMean(rows, w), null, null, "mean of " + rows.length + " rows");
  }

  /** The column means of a dataset's features; the model must read the same features, checked by name. */
  public static Baseline mean(Dataset data) {
    if (data == null || data.rows() == 0) {
      throw new IllegalArgumentException("Baseline.mean: the dataset is null or has no rows");
    }
    float[][] x = data.x();
    double[] w = new double[x.length];
    Arrays.fill(w, 1);
    return new Baseline(0, weightedMean(x, w), null, List.copyOf(data.features()), "mean of " + x.length + " rows");
  }

  /** The weighted mean of a background (as explainers use it). */
  public static Baseline mean(Background background) {
    if (background == null) {
      throw new IllegalArgumentException("Baseline.mean: background is null");
    }
    return new Baseline(0, weightedMean(background.rows(), background.weights()), null, null,
        "background mean (" + background.size() + " rows)");
  }

  /** One replacement row per explained row, in the same order (e.g. blurred copies). */
  public static Baseline perRow(float[][] replacement) {
    if (replacement == null || replacement.length == 0) {
      throw new IllegalArgumentException("Baseline.perRow: replacement is null or empty");
    }
    float[][] copy = new float[replacement.length][];
    for (int i = 0; i < copy.length; i++) {
      if (replacement[i] == null || replacement[i].length != replacement[0].length) {
        throw new IllegalArgumentException("Baseline.perRow: row " + i + " has "
            + (replacement[i] == null ? "no" : replacement[i].length) + " values, expected " + replacement[0].length);
      }
      checkFinite(replacement[i], "Baseline.perRow: row " + i + ", feature ");
      copy[i] = replacement[i].clone();
    }
    return new Baseline(0, null, copy, null, "per-row replacement");
  }

  private static void checkFinite(float[] v, String where) {
    for (int j = 0; j < v.length; j++) {
      if (!Float.isFinite(v[j])) {
        throw new IllegalArgumentException(where + j + " is " + v[j] + ", expected finite");
      }
    }
  }

  private static float[] weightedMean(float[][] rows, double[] w) {
    int d = rows[0].length;
    double[] s = new double[d];
    double tw = 0;
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != d) {
        throw new IllegalArgumentException("Baseline.mean: row " + i + " has " + rows[i].length + " values, expected " + d);
      }
      for (int j = 0; j < d; j++) {
        s[j] += w[i] * rows[i][j];
      }
      tw += w[i];
    }
    float[] out = new float[d];
    for (int j = 0; j < d; j++) {
      out[j] = (float) (s[j] / tw);
    }
    return out;
  }

  /** Whether this baseline holds one replacement row per explained row ({@link #perRow(float[][])}). */
  public boolean isPerRow() {
    return rows != null;
  }

  /**
   * Checks that the baseline fits the model's features: one value per feature (and the same names, for a
   * {@link #mean(Dataset)} baseline).
   *
   * @throws IllegalArgumentException naming what differs
   */
  public void check(Model model) {
    int d = model.featureNames().size();
    int have = rows != null ? rows[0].length : values != null ? values.length : d;
    if (have != d) {
      throw new IllegalArgumentException((rows != null ? "baseline rows have " : "baseline has ") + have
          + " values, expected " + d + " (one per feature)");
    }
    if (featureNames != null) {
      Model.checkFeatures(model, featureNames);
    }
  }

  /**
   * The reference row of each of {@code n} explained rows ({@code n x features}; rows may share one array,
   * which callers must not change).
   *
   * @throws IllegalArgumentException when the baseline has the wrong number of features or rows
   */
  public float[][] resolve(Model model, int n) {
    check(model);
    if (rows != null) {
      if (rows.length != n) {
        throw new IllegalArgumentException(
            "baseline has " + rows.length + " rows, expected one per explained row (" + n + ")");
      }
      return rows;
    }
    float[] one;
    if (values != null) {
      one = values;
    } else {
      one = new float[model.featureNames().size()];
      Arrays.fill(one, (float) constant);
    }
    float[][] out = new float[n][];
    Arrays.fill(out, one);
    return out;
  }

  @Override
  public String toString() {
    return "Baseline(" + description + ")";
  }
}
