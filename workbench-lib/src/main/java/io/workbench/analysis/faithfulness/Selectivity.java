package io.workbench.analysis.faithfulness;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;
import io.workbench.check.Checks;
import io.workbench.explain.Attribution;
import io.workbench.explain.Baseline;

/**
 * Selectivity (Montavon et al. 2018, "Methods for interpreting and understanding deep neural networks"): windows of the
 * sample are ranked by their summed attribution and replaced, most relevant first, by a baseline (0 by default); the
 * score is the area under the curve of the explained output against the fraction removed (trapezoid rule, from the
 * intact row to all removed). A selective attribution makes the output drop at once: lower is better.
 *
 * <pre>{@code
 * double[] auc = new Selectivity().windows(4).score(in);
 * }</pre>
 */
public final class Selectivity extends MetricBase {

  private final int window;
  private final int steps;
  private final Baseline baseline;

  /** Single features, at most 20 steps, baseline 0. */
  public Selectivity() {
    this(1, 20, Baseline.constant(0));
  }

  private Selectivity(int window, int steps, Baseline baseline) {
    super("selectivity", "faithfulness", false);
    this.window = window;
    this.steps = steps;
    this.baseline = baseline;
  }

  /** Remove windows of {@code size} values of the sample shape together. */
  public Selectivity windows(int size) {
    Checks.positive(size, "windows");
    return new Selectivity(size, steps, baseline);
  }

  /** The largest number of removal steps, at least 1. */
  public Selectivity steps(int n) {
    Checks.positive(n, "steps");
    return new Selectivity(window, n, baseline);
  }

  /** What replaces a removed window. */
  public Selectivity baseline(Baseline b) {
    Checks.notNull(b, "baseline");
    return new Selectivity(window, steps, b);
  }

  @Override
  public double[] score(MetricInput in) {
    Attribution a = in.attribution();
    int[] unitOf = RemovalCurves.units(a, window);
    int units = java.util.Arrays.stream(unitOf).max().getAsInt() + 1;
    int[] counts = RemovalCurves.evenCounts(units, steps);
    float[][] base = baseline.resolve(in.model(), a.rows());
    double[][] y = RemovalCurves.run(in, name(), unitOf, true, false, counts,
        RemovalCurves.replaceBy(a.inputs(), base));
    double[] xs = new double[counts.length];
    for (int k = 0; k < xs.length; k++) {
      xs[k] = (double) counts[k] / units;
    }
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = Faithfulness.trapezoid(xs, y[i]);
    }
    return out;
  }
}
