package io.workbench.plot;

import io.workbench.check.Checks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One named curve of a model or method: points {@code (x[i], y[i])} and a summary score shown in the
 * legend (area under the curve, average precision, Brier score; {@code NaN} shows none).
 *
 * <pre>{@code
 * Curve roc = new Curve("xgboost", fpr, tpr, 0.987);
 * Figure f = Charts.roc(List.of(roc));
 * }</pre>
 *
 * @param name legend name
 * @param x x coordinates
 * @param y y coordinates, as many as {@code x}
 * @param score the summary shown in the legend, or {@code NaN}
 */
public record Curve(String name, double[] x, double[] y, double score) {

  /** Checks the name and that both coordinate arrays are present and of equal, non-zero length. */
  public Curve {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("Curve needs a non-blank name");
    }
    if (x == null || y == null) {
      throw new IllegalArgumentException("Curve '" + name + "' needs x and y arrays, got null");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "Curve '" + name + "' has " + x.length + " x values but " + y.length + " y values");
    }
    if (x.length == 0) {
      throw new IllegalArgumentException("Curve '" + name + "' has no points");
    }
    x = x.clone();
    y = y.clone();
  }

  /** A curve without a legend score. */
  public static Curve of(String name, double[] x, double[] y) {
    return new Curve(name, x, y, Double.NaN);
  }

  @Override
  public double[] x() {
    return x.clone();
  }

  @Override
  public double[] y() {
    return y.clone();
  }

  /** Checks curves for one chart: distinct names, finite points within {@code [lo, hi]} on both axes. */
  static void check(List<Curve> curves, String chart, double lo, double hi) {
    Checks.notNull(curves, chart + ": curves");
    if (curves.isEmpty()) {
      throw new IllegalArgumentException(chart + ": no curves given");
    }
    Set<String> seen = new HashSet<>();
    for (Curve c : curves) {
      Checks.notNull(c, chart + ": curve");
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException(chart + ": two curves are named '" + c.name() + "'");
      }
      double[] x = c.x();
      double[] y = c.y();
      for (int i = 0; i < x.length; i++) {
        if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
          throw new IllegalArgumentException(chart + ": curve '" + c.name() + "' point " + i + " is (" + x[i]
              + ", " + y[i] + "), expected finite numbers");
        }
        if (x[i] < lo - 1e-9 || x[i] > hi + 1e-9 || y[i] < lo - 1e-9 || y[i] > hi + 1e-9) {
          throw new IllegalArgumentException(chart + ": curve '" + c.name() + "' point " + i + " is (" + x[i]
              + ", " + y[i] + "), expected both within [" + lo + ", " + hi + "]");
        }
      }
    }
  }
}
