package io.workbench.analysis.robustness;

import io.workbench.analysis.MetricInput;

/**
 * Average sensitivity (Yeh et al. 2019, "On the (In)fidelity and Sensitivity of Explanations"; the mean counterpart
 * of {@code analysis.faithfulness.MaxSensitivity}): {@code mean_{x'} ||e(x) - e(x')||_2 / ||e(x)||_2} over
 * {@code samples} seeded points of the L-infinity ball of half-width {@code radius} (Captum's normalisation; a row
 * whose attribution is 0 divides by 1). Lower is better. Defaults: radius 0.02, 10 samples, as max-sensitivity.
 *
 * <pre>{@code
 * double[] s = new AverageSensitivity().radius(0.05).score(in);
 * }</pre>
 */
public final class AverageSensitivity extends PerturbationMetric<AverageSensitivity> {

  /** Radius 0.02, 10 samples. */
  public AverageSensitivity() {
    this(0.02, 10);
  }

  private AverageSensitivity(double radius, int samples) {
    super("average sensitivity", radius, samples);
  }

  @Override
  AverageSensitivity with(double radius, int samples) {
    return new AverageSensitivity(radius, samples);
  }

  @Override
  public double[] score(MetricInput in) {
    Perturbed p = Perturbed.of(in, name(), radius, samples, false);
    double[] out = new double[p.x.length];
    for (int i = 0; i < out.length; i++) {
      double norm = Perturbed.norm(p.a[i]);
      double s = 0;
      for (int k = 0; k < samples; k++) {
        s += Perturbed.distance(p.a[i], p.ap[i][k]) / (norm == 0 ? 1 : norm);
      }
      out[i] = s / samples;
    }
    return out;
  }
}
