package io.workbench.analysis.effects;

/**
 * How partial-dependence grids are laid over a feature's values.
 *
 * <pre>{@code
 * PartialDependence.create().grid(GridType.UNIFORM).gridSize(30);
 * }</pre>
 */
public enum GridType {
  /** Quantiles of the feature at equally spaced probabilities (repeated values dropped). */
  QUANTILE,
  /** Equally spaced points from the feature's minimum to its maximum. */
  UNIFORM;

  /**
   * The grid for the given values.
   *
   * @param values the feature's values (not modified)
   * @param size number of points asked for, at least 2
   */
  public double[] grid(double[] values, int size) {
    if (size < 2) {
      throw new IllegalArgumentException("gridSize must be >= 2, got " + size);
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("A grid needs at least one value");
    }
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    double min = v[0];
    double max = v[v.length - 1];
    if (min == max) {
      return new double[] {min};
    }
    double[] g = new double[size];
    for (int t = 0; t < size; t++) {
      double p = (double) t / (size - 1);
      if (this == UNIFORM) {
        g[t] = t == size - 1 ? max : min + p * (max - min);
      } else {
        double pos = p * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        g[t] = v[lo] + (pos - lo) * (v[hi] - v[lo]);
      }
    }
    return java.util.Arrays.stream(g).distinct().toArray();
  }
}
