package io.workbench.plot;

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
}
