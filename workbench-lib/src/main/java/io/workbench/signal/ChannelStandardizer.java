package io.workbench.signal;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.data.Transform;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;

/**
 * Per-channel standardisation of a signal dataset ({@code sampleShape [channels, length]}), fitted on the
 * training part: each channel's mean and population standard deviation over all training rows and time
 * points, then {@code (x - mean_c) / scale_c} for every time point of channel {@code c}. Unlike a
 * per-feature {@link io.workbench.data.Standardizer} it keeps the shape of each signal over time, which is
 * what a 1D CNN wants. A constant channel gets scale 1.
 *
 * <pre>{@code
 * Split split = mi.data().split(0.8, 42);
 * ChannelStandardizer z = ChannelStandardizer.fit(split.train());
 * Dataset train = z.apply(split.train());
 * Dataset test = z.apply(split.test());     // training statistics, no leakage
 * }</pre>
 *
 * @param inputFeatures feature names, in order
 * @param channels number of channels
 * @param mean training mean per channel
 * @param scale training standard deviation per channel (1 where it is 0)
 */
public record ChannelStandardizer(List<String> inputFeatures, int channels, double[] mean, double[] scale)
    implements Transform {

  /** Checks sizes and copies the arrays. */
  public ChannelStandardizer {
    inputFeatures = List.copyOf(inputFeatures);
    if (channels < 1 || mean.length != channels || scale.length != channels
        || inputFeatures.size() % channels != 0) {
      throw new IllegalArgumentException("ChannelStandardizer needs one mean and scale per channel and a whole number"
          + " of features per channel: " + channels + " channels, " + mean.length + " means, " + scale.length
          + " scales, " + inputFeatures.size() + " features");
    }
    mean = mean.clone();
    scale = scale.clone();
  }

  /** Fits per-channel means and scales on a signal dataset (two passes, in double precision). */
  public static ChannelStandardizer fit(Dataset train) {
    int[] shape = train.sampleShape();
    if (shape.length != 2) {
      throw new IllegalArgumentException(
          "ChannelStandardizer needs a signal dataset with sampleShape [channels, length], got " + Arrays.toString(shape));
    }
    if (train.rows() == 0) {
      throw new IllegalArgumentException("Cannot fit a ChannelStandardizer on an empty dataset");
    }
    int c = shape[0];
    int len = shape[1];
    float[][] x = train.x();
    double[] mean = new double[c];
    double[] scale = new double[c];
    double count = (double) x.length * len;
    for (float[] row : x) {
      for (int ch = 0; ch < c; ch++) {
        for (int k = 0; k < len; k++) {
          mean[ch] += row[ch * len + k];
        }
      }
    }
    for (int ch = 0; ch < c; ch++) {
      mean[ch] /= count;
    }
    for (float[] row : x) {
      for (int ch = 0; ch < c; ch++) {
        for (int k = 0; k < len; k++) {
          double d = row[ch * len + k] - mean[ch];
          scale[ch] += d * d;
        }
      }
    }
    for (int ch = 0; ch < c; ch++) {
      scale[ch] = Math.sqrt(scale[ch] / count);
      if (scale[ch] == 0) {
        scale[ch] = 1;
      }
    }
    return new ChannelStandardizer(train.features(), c, mean, scale);
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] scale() {
    return scale.clone();
  }

  /** Standardises raw rows ({@code rows x (channels * length)}, channel-major) into a new array. */
  public float[][] apply(float[][] x) {
    int len = inputFeatures.size() / channels;
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != inputFeatures.size()) {
        throw new IllegalArgumentException(
            "Row " + i + " has " + x[i].length + " values, expected " + inputFeatures.size() + " features");
      }
      out[i] = new float[x[i].length];
      for (int ch = 0; ch < channels; ch++) {
        for (int k = 0; k < len; k++) {
          int j = ch * len + k;
          out[i][j] = (float) ((x[i][j] - mean[ch]) / scale[ch]);
        }
      }
    }
    return out;
  }

  @Override
  public Dataset apply(Dataset data) {
    if (!data.features().equals(inputFeatures)) {
      throw new IllegalArgumentException("ChannelStandardizer was fitted on " + inputFeatures.size() + " features ("
          + inputFeatures.get(0) + " .. " + inputFeatures.get(inputFeatures.size() - 1) + ") but the dataset has "
          + data.numFeatures() + " (" + (data.numFeatures() == 0 ? "" : data.features().get(0) + " .. "
          + data.features().get(data.numFeatures() - 1)) + "); apply it to data with the same channels and length");
    }
    return data.withFeatures(apply(data.x()));
  }
}
