package io.workbench.explain.counterfactual;

import io.workbench.data.Dataset;
import io.workbench.stats.Stats;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The feature space a counterfactual search moves in, learnt from the reference data: each feature's range,
 * MAD scale, whether it takes whole numbers only, is categorical or immutable.
 */
final class Space {

  private final float[][] x;
  private final double[][] sorted;
  private final double[] scale;
  private final boolean[] whole;
  private final boolean[] categorical;
  private final boolean[] immutable;

  Space(Dataset reference, Set<String> immutableNames, Set<String> categoricalNames) {
    this.x = reference.x();
    io.workbench.check.Checks.finiteFeatures(x, reference.features(), "reference data");
    int d = x[0].length;
    sorted = new double[d][];
    scale = new double[d];
    whole = new boolean[d];
    categorical = new boolean[d];
    immutable = new boolean[d];
    for (int j = 0; j < d; j++) {
      int col = j;
      double[] v = Arrays.stream(x).mapToDouble(r -> r[col]).sorted().toArray();
      sorted[j] = v;
      scale[j] = scale(v);
      whole[j] = Arrays.stream(v).allMatch(a -> a == Math.rint(a));
      String name = reference.features().get(j);
      categorical[j] = categoricalNames.contains(name);
      immutable[j] = immutableNames.contains(name);
    }
  }

  /** MAD; else the mean absolute deviation from the median; else 1. */
  static double scale(double[] sorted) {
    double median = Stats.quantile(sorted, 0.5);
    double[] dev = Arrays.stream(sorted).map(a -> Math.abs(a - median)).sorted().toArray();
    double mad = Stats.quantile(dev, 0.5);
    if (mad > 0) {
      return mad;
    }
    double mean = Arrays.stream(dev).average().orElse(0);
    return mean > 0 ? mean : 1;
  }

  float[][] x() {
    return x;
  }

  int[] mutable() {
    return IntStream.range(0, immutable.length).filter(j -> !immutable[j]).toArray();
  }

  boolean isCategorical(int j) {
    return categorical[j];
  }

  double scale(int j) {
    return scale[j];
  }

  /** Distinct values at {@code k} equally spaced quantiles (the data values themselves for categorical or whole-number features). */
  float[] quantiles(int j, int k) {
    double[] v = sorted[j];
    double[] q = new double[k];
    for (int t = 0; t < k; t++) {
      double p = (double) t / (k - 1);
      q[t] = categorical[j] || whole[j] ? v[(int) Math.round(p * (v.length - 1))] : Stats.quantile(v, p);
    }
    double[] distinct = Arrays.stream(q).distinct().toArray();
    float[] out = new float[distinct.length];
    for (int t = 0; t < out.length; t++) {
      out[t] = (float) distinct[t];
    }
    return out;
  }

  /** {@code v} made valid for feature {@code j}: whole numbers round toward {@code toward}; within the range. */
  float value(int j, double v, double toward) {
    double out = v;
    if (whole[j]) {
      out = toward > v ? Math.ceil(v) : Math.floor(v);
    }
    double[] s = sorted[j];
    return (float) Math.max(s[0], Math.min(s[s.length - 1], out));
  }

  /** {@code x + t (target - x)} over the changed features; categorical ones keep the target's value. */
  float[] along(float[] from, float[] target, double t) {
    float[] out = target.clone();
    for (int j = 0; j < from.length; j++) {
      if (from[j] != target[j] && !categorical[j]) {
        out[j] = value(j, from[j] + t * (target[j] - from[j]), target[j]);
      }
    }
    return out;
  }

  /** The L1 distance scaled by each feature's MAD. */
  double distance(float[] a, float[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += Math.abs((double) a[j] - b[j]) / scale[j];
    }
    return s;
  }
}
