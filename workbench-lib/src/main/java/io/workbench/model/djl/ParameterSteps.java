package io.workbench.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.TrainingChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Training steps of the interpretable-by-design networks, whose weights live in plain float arrays: one
 * gradient evaluation through PyTorch's autograd (the arrays are copied into a sub-manager that closes after
 * the step), Adam updates in Java (deterministic), seeded batch orders, and the per-feature standardisation
 * (per channel for signals). The caller holds the engine's gradient lock.
 */
final class ParameterSteps {

  private final List<float[]> params;
  private final List<long[]> shapes;
  private final double rate;
  private final List<double[]> m = new ArrayList<>();
  private final List<double[]> v = new ArrayList<>();
  private int t;

  /** Adam over {@code params} (updated in place) with learning rate {@code rate}. */
  ParameterSteps(List<float[]> params, List<long[]> shapes, double rate) {
    this.params = params;
    this.shapes = shapes;
    this.rate = rate;
    for (float[] p : params) {
      m.add(new double[p.length]);
      v.add(new double[p.length]);
    }
  }

  /**
   * One step: {@code loss} builds the scalar loss from the parameters (as arrays recording gradients, in the
   * order given) in a fresh sub-manager; returns the loss value.
   */
  double step(NDManager manager, BiFunction<NDManager, List<NDArray>, NDArray> loss) {
    List<float[]> grads = new ArrayList<>();
    double value;
    try (NDManager sub = manager.newSubManager(); GradientCollector gc = Djl.engine().newGradientCollector()) {
      List<NDArray> arrays = new ArrayList<>();
      for (int i = 0; i < params.size(); i++) {
        NDArray a = sub.create(params.get(i), new Shape(shapes.get(i)));
        a.setRequiresGradient(true);
        arrays.add(a);
      }
      NDArray l = loss.apply(sub, arrays);
      value = l.getFloat();
      gc.backward(l);
      for (NDArray a : arrays) {
        grads.add(a.getGradient().toFloatArray());
      }
    }
    adam(grads);
    return value;
  }

  /** One Adam update with the given gradients (beta 0.9, 0.999, epsilon 1e-8). */
  void adam(List<float[]> grads) {
    t++;
    double c1 = 1 - Math.pow(0.9, t);
    double c2 = 1 - Math.pow(0.999, t);
    for (int i = 0; i < params.size(); i++) {
      float[] p = params.get(i);
      float[] g = grads.get(i);
      double[] mi = m.get(i);
      double[] vi = v.get(i);
      for (int k = 0; k < p.length; k++) {
        mi[k] = 0.9 * mi[k] + 0.1 * g[k];
        vi[k] = 0.999 * vi[k] + 0.001 * g[k] * g[k];
        p[k] -= (float) (rate * (mi[k] / c1) / (Math.sqrt(vi[k] / c2) + 1e-8));
      }
    }
  }

  /** Checked encoder widths (1..6 layers of 1..1024), copied. */
  static int[] layers(int[] widths) {
    if (widths == null || widths.length == 0 || widths.length > 6) {
      throw new IllegalArgumentException("layers needs 1..6 widths, got "
          + (widths == null ? "null" : java.util.Arrays.toString(widths)));
    }
    for (int w : widths) {
      if (w < 1 || w > 1024) {
        throw new IllegalArgumentException("every layer width must be 1..1024, got "
            + java.util.Arrays.toString(widths));
      }
    }
    return widths.clone();
  }

  /** A checked convolution kernel length (odd, 1..63). */
  static int kernel(int k) {
    if (k < 1 || k > 63 || k % 2 == 0) {
      throw new IllegalArgumentException("kernel must be odd and 1..63, got " + k);
    }
    return k;
  }

  /** {@code n} checked to be at least {@code min}. */
  static int atLeast(int n, int min, String what) {
    if (n < min) {
      throw new IllegalArgumentException(what + " must be >= " + min + ", got " + n);
    }
    return n;
  }

  /** A checked learning rate in (0, 1]. */
  static double rate(double rate) {
    if (!(rate > 0 && rate <= 1)) {
      throw new IllegalArgumentException("learningRate must be in (0, 1], got " + rate);
    }
    return rate;
  }

  /**
   * The encoder widths a trainer uses: its own, or three blocks of 16 filters for signals, two for images and
   * one dense layer of 32 units for rows.
   */
  static int[] widths(int[] layers, int[] sampleShape) {
    return layers != null ? layers : sampleShape.length == 3 ? new int[] {16, 16}
        : sampleShape.length == 2 ? new int[] {16, 16, 16} : new int[] {32};
  }

  /** The kernel a trainer uses: its own ({@code > 0}), or 7 samples for signals and 3 x 3 pixels for images. */
  static int kernelFor(int kernel, int[] sampleShape) {
    return kernel > 0 ? kernel : sampleShape.length == 3 ? 3 : 7;
  }

  /** Every row standardised ({@link #standardize(float[], float[][])}). */
  static float[][] standardizeAll(float[][] raw, float[][] standardizer) {
    float[][] xs = new float[raw.length][];
    for (int i = 0; i < raw.length; i++) {
      xs[i] = standardize(raw[i], standardizer);
    }
    return xs;
  }

  /** The row order of one epoch, shuffled by {@code rnd}. */
  static int[] order(int n, Random rnd) {
    int[] o = new int[n];
    for (int i = 0; i < n; i++) {
      o[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int s = o[i];
      o[i] = o[j];
      o[j] = s;
    }
    return o;
  }

  /** Rows {@code order[from..to)} of {@code x} as one flat array. */
  static float[] batch(float[][] x, int[] order, int from, int to) {
    int d = x[0].length;
    float[] out = new float[(to - from) * d];
    for (int i = from; i < to; i++) {
      System.arraycopy(x[order[i]], 0, out, (i - from) * d, d);
    }
    return out;
  }

  /**
   * Checks a classification training set as every trainer does (null, empty, no target, a single class, a
   * class missing, another task) and returns its features (which fails naming the row and feature of a missing
   * or infinite value).
   */
  static float[][] classificationRows(Dataset train, String trainer) {
    Task task = TrainingChecks.requireTrainable(train);
    if (task != Task.CLASSIFICATION) {
      throw new IllegalArgumentException(trainer + " does classification; the training data is "
          + task.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " data (target "
          + (train.target() != null ? "'" + train.target() + "'" : train.targets()) + ")");
    }
    TrainingChecks.requireClasses(train, "training set", true);
    return train.x();
  }

  /**
   * Per-feature {@code {mean, scale}} standardisation fitted on {@code x}: for signals ({@code [channels,
   * length]}) and images ({@code [channels, height, width]}) one mean and scale per channel, repeated over its
   * samples; a constant feature gets scale 1.
   */
  static float[][] standardizer(float[][] x, int[] sampleShape) {
    int d = x[0].length;
    int groups = sampleShape.length >= 2 ? sampleShape[0] : d;
    int per = d / groups;
    float[] mean = new float[d];
    float[] scale = new float[d];
    for (int g = 0; g < groups; g++) {
      double s = 0;
      double ss = 0;
      long n = 0;
      for (float[] row : x) {
        for (int k = g * per; k < (g + 1) * per; k++) {
          s += row[k];
          ss += (double) row[k] * row[k];
          n++;
        }
      }
      double mu = s / n;
      double sd = Math.sqrt(Math.max(0, ss / n - mu * mu));
      for (int k = g * per; k < (g + 1) * per; k++) {
        mean[k] = (float) mu;
        scale[k] = sd > 1e-12 ? (float) sd : 1f;
      }
    }
    return new float[][] {mean, scale};
  }

  /** {@code (x - mean) / scale} per feature, as a new array. */
  static float[] standardize(float[] x, float[][] standardizer) {
    float[] out = new float[x.length];
    for (int k = 0; k < x.length; k++) {
      out[k] = (x[k] - standardizer[0][k]) / standardizer[1][k];
    }
    return out;
  }
}
