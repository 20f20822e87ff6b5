package io.workbench.analysis.robustness;

import io.workbench.analysis.MetricInput;

/**
 * Relative input and output stability, RIS and ROS (Agarwal et al. 2022, "Rethinking Stability for Attribution-based
 * Explanations"): over seeded perturbed copies {@code x'} that keep the predicted class,
 * <pre>
 *   RIS = max ||(e_x - e_x') / e_x||_2 / max(||(x - x') / x||_2, eps_min)
 *   ROS = max ||(e_x - e_x') / e_x||_2 / max(||(h(x) - h(x')) / h(x)||_2, eps_min)
 * </pre>
 * with element-wise division ({@code |denominator|} below 1e-6 replaced by 1e-6 keeping its sign, as Quantus does),
 * {@code eps_min = 1e-6}, and {@code h} the model outputs (class probabilities here; the paper uses logits). The
 * relative representation stability (RRS) needs a hidden layer and is not offered. {@code NaN} when no copy keeps the
 * class. Lower is better. Defaults: radius 0.02, 10 samples.
 *
 * <pre>{@code
 * double[] ris = RelativeStability.input().score(in);
 * double[] ros = RelativeStability.output().radius(0.05).score(in);
 * }</pre>
 */
public final class RelativeStability extends PerturbationMetric<RelativeStability> {

  private static final double EPS = 1e-6;

  private final boolean input;

  private RelativeStability(boolean input, double radius, int samples) {
    super(input ? "relative input stability" : "relative output stability", radius, samples);
    this.input = input;
  }

  @Override
  RelativeStability with(double radius, int samples) {
    return new RelativeStability(input, radius, samples);
  }

  /** RIS: relative to the change of the input. */
  public static RelativeStability input() {
    return new RelativeStability(true, 0.02, 10);
  }

  /** ROS: relative to the change of the model outputs. */
  public static RelativeStability output() {
    return new RelativeStability(false, 0.02, 10);
  }

  @Override
  public double[] score(MetricInput in) {
    Perturbed p = Perturbed.of(in, name(), radius, samples, true);
    double[] out = new double[p.x.length];
    for (int i = 0; i < out.length; i++) {
      double best = Double.NaN;
      for (int k = 0; k < samples; k++) {
        if (!p.sameClass(i, k)) {
          continue;
        }
        double num = relative(p.a[i], p.ap[i][k]);
        double den = input ? relative(toDouble(p.x[i]), toDouble(p.xp[i][k]))
            : relative(toDouble(p.out[i]), toDouble(p.outP[i][k]));
        double r = num / Math.max(den, EPS);
        best = Double.isNaN(best) ? r : Math.max(best, r);
      }
      out[i] = best;
    }
    return out;
  }

  /** {@code ||(a - b) / a||_2} with small denominators replaced by {@code ±1e-6}. */
  static double relative(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double den = Math.abs(a[j]) < EPS ? (a[j] < 0 ? -EPS : EPS) : a[j];
      double r = (a[j] - b[j]) / den;
      s += r * r;
    }
    return Math.sqrt(s);
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int j = 0; j < v.length; j++) {
      d[j] = v[j];
    }
    return d;
  }
}
