package io.workbench.data;

import java.util.List;

/**
 * Standardisation (z-scores) fitted on the training part: {@code (x - mean) / scale}, with the population
 * standard deviation as scale (as scikit-learn's {@code StandardScaler}); a constant feature gets scale 1.
 *
 * <pre>{@code
 * Standardizer s = Standardizer.fit(split.train());
 * Dataset test = s.apply(split.test());   // uses the training means, no leakage
 * }</pre>
 *
 * @param inputFeatures feature names, in order
 * @param mean training mean per feature
 * @param scale training standard deviation per feature (1 where it is 0)
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

  /** Fits means and scales on the training part (two passes, in double precision). */
  public static Standardizer fit(Dataset train) {
    if (train.rows() == 0) {
      throw new IllegalArgumentException("Cannot fit a Standardizer on an empty dataset");
    }
    float[][] x = train.x();
    int n = x.length;
    int d = train.numFeatures();
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        double c = row[j] - mean[j];
        scale[j] += c * c;
      }
    }
    for (int j = 0; j < d; j++) {
      scale[j] = Math.sqrt(scale[j] / n);
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

  @Override
  public Dataset apply(Dataset data) {
    Transforms.checkFeatures("Standardizer", inputFeatures, data.features());
    float[][] x = data.x();
    for (float[] row : x) {
      for (int j = 0; j < row.length; j++) {
        row[j] = (float) ((row[j] - mean[j]) / scale[j]);
      }
    }
    return data.withFeatures(x);
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
