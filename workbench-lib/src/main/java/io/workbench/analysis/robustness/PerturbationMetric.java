package io.workbench.analysis.robustness;

import io.workbench.analysis.MetricBase;
import io.workbench.check.Checks;

/**
 * The settings the robustness metrics share: the half-width of the L-infinity ball the perturbed copies are drawn
 * from, and how many copies per row.
 *
 * <pre>{@code
 * double[] lip = new LocalLipschitz().radius(0.05).samples(20).score(in);
 * }</pre>
 *
 * @param <M> the concrete metric, returned by the setters
 */
public abstract class PerturbationMetric<M extends PerturbationMetric<M>> extends MetricBase {

  final double radius;
  final int samples;

  PerturbationMetric(String name, double radius, int samples) {
    super(name, "robustness", false);
    this.radius = radius;
    this.samples = samples;
  }

  /** A copy with these settings. */
  abstract M with(double radius, int samples);

  /** Half-width of the L-infinity ball, {@code > 0} and finite. */
  public final M radius(double r) {
    if (!(r > 0) || !Double.isFinite(r)) {
      throw new IllegalArgumentException("radius must be > 0 and finite, got " + r);
    }
    return with(r, samples);
  }

  /** Perturbed copies per row, at least 1. */
  public final M samples(int n) {
    Checks.positive(n, "samples");
    return with(radius, n);
  }
}
