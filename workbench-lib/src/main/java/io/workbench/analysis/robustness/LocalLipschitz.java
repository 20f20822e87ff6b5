package io.workbench.analysis.robustness;

import io.workbench.analysis.MetricInput;

/**
 * Local Lipschitz estimate (Alvarez-Melis and Jaakkola 2018, "On the Robustness of Interpretability Methods"):
 * {@code L(x) = max_{x' in B(x)} ||e(x) - e(x')||_2 / ||x - x'||_2}, the largest rate of change of the explanation
 * over {@code samples} seeded points of the L-infinity ball of half-width {@code radius} around the row (a sampled
 * lower bound of the true maximum). Lower is better. Defaults: radius 0.1, 10 samples.
 *
 * <pre>{@code
 * double[] lip = new LocalLipschitz().radius(0.05).samples(20).score(in);
 * }</pre>
 */
public final class LocalLipschitz extends PerturbationMetric<LocalLipschitz> {

  /** Radius 0.1, 10 samples. */
  public LocalLipschitz() {
    this(0.1, 10);
  }

  private LocalLipschitz(double radius, int samples) {
    super("local Lipschitz", radius, samples);
  }

  @Override
  LocalLipschitz with(double radius, int samples) {
    return new LocalLipschitz(radius, samples);
  }

  @Override
  public double[] score(MetricInput in) {
    Perturbed p = Perturbed.of(in, name(), radius, samples, false);
    double[] out = new double[p.x.length];
    for (int i = 0; i < out.length; i++) {
      for (int k = 0; k < samples; k++) {
        double dx = Perturbed.distance(p.x[i], p.xp[i][k]);
        if (dx > 0) {
          out[i] = Math.max(out[i], Perturbed.distance(p.a[i], p.ap[i][k]) / dx);
        }
      }
    }
    return out;
  }
}
