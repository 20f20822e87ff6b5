package io.workbench.explain;

import io.workbench.analysis.faithfulness.Faithfulness;
import io.workbench.display.Numbers;
import java.util.Arrays;

/**
 * The values that stand in for a removed feature in deletion and insertion curves ({@link Faithfulness}): a
 * constant, one value per feature (a background mean, a zero or "grey" image), or one full replacement row per
 * explained row (a blurred copy of each image or signal).
 *
 * <pre>{@code
 * Baseline.constant(0);                  // every removed feature becomes 0
 * Baseline.mean(background);             // the (weighted) background mean per feature
 * Baseline.values(perFeature);           // float[d]
 * Baseline.perRow(blurred);              // float[rows][d], row i replaces explained row i
 * }</pre>
 */
public final class Baseline {

  private final double constant;
  private final float[] values;
  private final float[][] rows;
  private final String description;

  private Baseline(double constant, float[] values, float[][] rows, String description) {
    this.constant = constant;
    this.values = values;
    this.rows = rows;
    this.description = description;
  }

  /** Every removed feature takes the same finite value. */
  public static Baseline constant(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("Baseline.constant: value must be finite, got " + value);
    }
    return new Baseline(value, null, null, "constant " + Numbers.format(value));
  }

  /** One finite value per (flattened) feature. */
  public static Baseline values(float[] perFeature) {
    if (perFeature == null || perFeature.length == 0) {
      throw new IllegalArgumentException("Baseline.values: perFeature is null or empty");
    }
    for (int j = 0; j < perFeature.length; j++) {
      if (!Float.isFinite(perFeature[j])) {
        throw new IllegalArgumentException("Baseline.values: feature " + j + " is " + perFeature[j] + ", expected finite");
      }
    }
    return new Baseline(0, perFeature.clone(), null, "per-feature values");
  }

  /** The column means of {@code rows} (e.g. training data). */
  public static Baseline mean(float[][] rows) {
    if (rows == null || rows.length == 0) {
      throw new IllegalArgumentException("Baseline.mean: rows is null or empty");
    }
    double[] w = new double[rows.length];
    Arrays.fill(w, 1);
    return new Baseline(0, weightedMean(rows, w), null, "mean of " + rows.length + " rows");
  }

  /** The weighted mean of a background (as explainers use it). */
  public static Baseline mean(Background background) {
    if (background == null) {
      throw new IllegalArgumentException("Baseline.mean: background is null");
    }
    return new Baseline(0, weightedMean(background.rows(), background.weights()), null,
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
      copy[i] = replacement[i].clone();
    }
    return new Baseline(0, null, copy, "per-row replacement");
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

  /**
   * The replacement matrix for {@code rows x d} explained rows.
   *
   * @throws IllegalArgumentException when the baseline has the wrong number of features or rows
   */
  public float[][] resolve(int n, int d) {
    float[][] out = new float[n][];
    if (rows != null) {
      if (rows.length != n) {
        throw new IllegalArgumentException("baseline has " + rows.length + " rows, expected one per explained row (" + n + ")");
      }
      if (rows[0].length != d) {
        throw new IllegalArgumentException("baseline rows have " + rows[0].length + " values, expected " + d + " (one per feature)");
      }
      return rows;
    }
    float[] one;
    if (values != null) {
      if (values.length != d) {
        throw new IllegalArgumentException("baseline has " + values.length + " values, expected " + d + " (one per feature)");
      }
      one = values;
    } else {
      one = new float[d];
      Arrays.fill(one, (float) constant);
    }
    Arrays.fill(out, one);
    return out;
  }

  @Override
  public String toString() {
    return "Baseline(" + description + ")";
  }
}
