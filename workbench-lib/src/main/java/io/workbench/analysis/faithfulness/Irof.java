package io.workbench.analysis.faithfulness;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;
import io.workbench.check.Checks;
import io.workbench.explain.Attribution;

/**
 * IROF, Iterative Removal Of Features (Rieger and Hansen 2020, "IROF: a low resource evaluation metric for
 * explanation methods"): the sample is cut into segments (windows of the sample shape here, superpixels in the paper),
 * the segments are ranked by their mean attribution and replaced one after another, most relevant first, by the row's
 * mean value; the score is the area over the curve of the normalised class output,
 * {@code (1/K) sum_{k=1..K} (1 - f(x_k) / f(x))}. A faithful attribution destroys the output early: higher is better.
 * Rows whose output is 0 score {@code NaN}. At most {@code steps} steps (segments are removed in even groups when
 * there are more).
 *
 * <pre>{@code
 * double[] irof = new Irof().windows(8).score(in);
 * }</pre>
 */
public final class Irof extends MetricBase {

  private final int window;
  private final int steps;

  /** Single features as segments, at most 20 steps. */
  public Irof() {
    this(1, 20);
  }

  private Irof(int window, int steps) {
    super("IROF", "faithfulness", true);
    this.window = window;
    this.steps = steps;
  }

  /** Segments: windows of {@code size} values of the sample shape (see {@code Faithfulness.windows}). */
  public Irof windows(int size) {
    Checks.positive(size, "windows");
    return new Irof(size, steps);
  }

  /** The largest number of removal steps, at least 1. */
  public Irof steps(int n) {
    Checks.positive(n, "steps");
    return new Irof(window, n);
  }

  @Override
  public double[] score(MetricInput in) {
    Attribution a = in.attribution();
    float[][] x = a.inputs();
    int[] unitOf = RemovalCurves.units(a, window);
    int units = java.util.Arrays.stream(unitOf).max().getAsInt() + 1;
    float[] mean = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      double s = 0;
      for (float v : x[i]) {
        s += v;
      }
      mean[i] = (float) (s / x[i].length);
    }
    double[][] y = RemovalCurves.run(in, name(), unitOf, true, true, RemovalCurves.evenCounts(units, steps),
        (i, removed, dest) -> {
          for (int j = 0; j < dest.length; j++) {
            dest[j] = removed[j] ? mean[i] : x[i][j];
          }
        });
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      if (y[i][0] == 0) {
        out[i] = Double.NaN;
        continue;
      }
      double s = 0;
      for (int k = 1; k < y[i].length; k++) {
        s += 1 - y[i][k] / y[i][0];
      }
      out[i] = s / (y[i].length - 1);
    }
    return out;
  }
}
