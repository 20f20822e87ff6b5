package io.workbench.data;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.columns.Column;

/**
 * Standardisation (z-scores) fitted on the training part: {@code (x - mean) / scale}, with the population
 * standard deviation as scale (as scikit-learn's {@code StandardScaler}); a constant feature gets scale 1.
 * Fit it directly on all features, or give a {@link Step} ({@link #all()}: every numeric feature, {@link
 * #on(String...)}: some) to a {@code Pipeline}. A feature that is not standardised has mean 0 and scale 1
 * and passes through unchanged (text columns included).
 *
 * <pre>{@code
 * Standardizer s = Standardizer.fit(split.train());
 * Dataset test = s.apply(split.test());   // uses the training means, no leakage
 * Step step = Standardizer.on("age", "bmi");
 * }</pre>
 *
 * @param inputFeatures feature names, in order
 * @param mean training mean per feature (0 for a feature left as it is)
 * @param scale training standard deviation per feature (1 where it is 0, and for a feature left as it is)
 */
public record Standardizer(List<String> inputFeatures, double[] mean, double[] scale) implements Transform {

  /** Validates sizes and copies the arrays. */
  public Standardizer {
    inputFeatures = List.copyOf(inputFeatures);
    if (mean.length != inputFeatures.size() || scale.length != inputFeatures.size()) {
      throw new IllegalArgumentException(
          "Standardizer needs one mean and scale per feature: " + inputFeatures.size() + " features, "
              + mean.length + " means, " + scale.length + " scales");
    }
    mean = mean.clone();
    scale = scale.clone();
  }

  /** Standardisation of every numeric feature, as a pipeline step. */
  public static Spec all() {
    return new Spec(List.of());
  }

  /** Standardisation of the given features only, as a pipeline step. */
  public static Spec on(String... features) {
    return new Spec(List.of(features));
  }

  /**
   * A standardizer before fitting: the columns to standardise ({@code []}: every numeric feature of the
   * training data).
   *
   * @param columns the features to standardise, or empty for every numeric one
   */
  public record Spec(List<String> columns) implements Step {

    /** Copies the column list. */
    public Spec {
      columns = List.copyOf(columns);
    }

    @Override
    public Standardizer fit(Dataset train) {
      return Standardizer.fit(train, columns.isEmpty() ? Transforms.numericFeatures(train) : columns);
    }

    /** The step as the call that makes it, for example {@code Standardizer.on("age")}. */
    @Override
    public String toString() {
      return columns.isEmpty() ? "Standardizer.all()" : "Standardizer.on(" + Transforms.quoted(columns) + ")";
    }
  }

  /** Fits means and scales of every feature on the training part (two passes, in double precision). */
  public static Standardizer fit(Dataset train) {
    return fit(train, train.features());
  }

  private static Standardizer fit(Dataset train, List<String> columns) {
    if (train.rows() == 0) {
      throw new IllegalArgumentException("Cannot fit a Standardizer on an empty dataset");
    }
    int d = train.numFeatures();
    double[] mean = new double[d];
    double[] scale = new double[d];
    java.util.Arrays.fill(scale, 1);
    for (String c : columns) {
      int j = train.featureIndex(c);
      float[] v = train.featureValues(j);
      double sum = 0;
      for (float f : v) {
        sum += f;
      }
      mean[j] = sum / v.length;
      double ss = 0;
      for (float f : v) {
        double dev = f - mean[j];
        ss += dev * dev;
      }
      scale[j] = Math.sqrt(ss / v.length);
      if (scale[j] == 0) {
        scale[j] = 1;
      }
    }
    return new Standardizer(train.features(), mean, scale);
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] scale() {
    return scale.clone();
  }

  /** The features this standardizer changes (those whose mean is not 0 or scale not 1). */
  public List<String> standardized() {
    List<String> out = new ArrayList<>();
    for (int j = 0; j < mean.length; j++) {
      if (!identity(j)) {
        out.add(inputFeatures.get(j));
      }
    }
    return out;
  }

  private boolean identity(int j) {
    return mean[j] == 0 && scale[j] == 1;
  }

  @Override
  public Dataset apply(Dataset data) {
    Transforms.checkFeatures("Standardizer", inputFeatures, data.features());
    if (data.matrixBacked() || standardized().size() == mean.length) {
      return data.withFeatures(apply(data.x()));
    }
    List<Column<?>> cols = new ArrayList<>();
    for (int j = 0; j < mean.length; j++) {
      if (identity(j)) {
        cols.add(data.featureColumn(j));
        continue;
      }
      float[] v = data.featureValues(j);
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) ((v[i] - mean[j]) / scale[j]);
      }
      cols.add(FloatColumn.create(inputFeatures.get(j), v));
    }
    return data.withFeatureColumns(cols);
  }

  /** Standardises a raw matrix in a new array (rows x features, in {@link #inputFeatures()} order). */
  public float[][] apply(float[][] x) {
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != mean.length) {
        throw new IllegalArgumentException(
            "Row " + i + " has " + x[i].length + " values, expected " + mean.length + " features");
      }
      out[i] = new float[mean.length];
      for (int j = 0; j < mean.length; j++) {
        out[i][j] = (float) ((x[i][j] - mean[j]) / scale[j]);
      }
    }
    return out;
  }
}
