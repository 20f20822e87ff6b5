package io.workbench.analysis.axiomatic;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;
import io.workbench.explain.Attribution;

/**
 * Completeness (Sundararajan et al. 2017, "Axiomatic Attribution for Deep Networks"; summation-to-delta in Shrikumar
 * et al. 2017): the attributions of a row should add up to the change of the explained output between the baseline
 * and the input, {@code |sum_j a_j - (f(x) - f(b))|}, measured relative to {@code |f(x) - f(b)|} (absolute when that is
 * below 1e-12). {@code f(x)} and {@code f(b)} are the output and base value the method reports in its own output space
 * (probability or logit), so methods that report no base value (occlusion, Grad-CAM, LIME) score {@code NaN}. Lower
 * is better; 0 for exact methods (Shapley values, integrated gradients with enough steps, DeepLIFT, LRP-0 without
 * biases).
 *
 * <pre>{@code
 * double[] gap = new Completeness().score(MetricInput.of(model, ig.explain(rows)));
 * }</pre>
 */
public final class Completeness extends MetricBase {

  /** The metric (no settings). */
  public Completeness() {
    super("completeness gap", "axiomatic", false);
  }

  @Override
  public double[] score(MetricInput in) {
    Attribution a = in.attribution();
    double[][] v = a.values();
    double[] out = new double[v.length];
    double[] fx = a.outputs();
    double[] base = a.baseValues();
    for (int i = 0; i < v.length; i++) {
      if (!a.additive() || fx == null || base == null || Double.isNaN(fx[i]) || Double.isNaN(base[i])) {
        out[i] = Double.NaN;
        continue;
      }
      double s = 0;
      for (double e : v[i]) {
        s += e;
      }
      double delta = fx[i] - base[i];
      out[i] = Math.abs(s - delta) / (Math.abs(delta) < 1e-12 ? 1 : Math.abs(delta));
    }
    return out;
  }
}
