package io.workbench.analysis.robustness;

import io.workbench.analysis.MetricInput;
import io.workbench.model.Differentiable;

/**
 * Relative input and output stability, RIS and ROS (Agarwal et al. 2022, "Rethinking Stability for Attribution-based
 * Explanations"): over seeded perturbed copies {@code x'} that keep the predicted class,
 * <pre>
 *   RIS = max ||(e_x - e_x') / e_x||_2 / max(||(x - x') / x||_2, eps_min)
 *   ROS = max ||(e_x - e_x') / e_x||_2 / max(||(h(x) - h(x')) / h(x)||_2, eps_min)
 * </pre>
 * with element-wise division ({@code |denominator|} below 1e-6 replaced by 1e-6 keeping its sign, as Quantus does),
 * {@code eps_min = 1e-6}, and {@code h} the model outputs (class probabilities here; the paper uses logits). The
 * relative representation stability compares with the change of a hidden layer's activations {@code L} instead:
 * <pre>
 *   RRS = max ||(e_x - e_x') / e_x||_2 / max(||(L_x - L_x') / L_x||_2, eps_min)
 * </pre>
 * read from a {@link Differentiable} model's {@link Differentiable#layerActivations} (a DJL network). {@code NaN} when
 * no copy keeps the class. Lower is better. Defaults: radius 0.02, 10 samples.
 *
 * <pre>{@code
 * double[] ris = RelativeStability.input().score(in);
 * double[] ros = RelativeStability.output().radius(0.05).score(in);
 * double[] rrs = RelativeStability.representation("dense1").score(in);
 * }</pre>
 */
public final class RelativeStability extends PerturbationMetric<RelativeStability> {

  private static final double EPS = 1e-6;

  private final boolean input;
  /** The hidden layer of RRS, else null. */
  private final String layer;

  private RelativeStability(boolean input, String layer, double radius, int samples) {
    super(layer != null ? "relative representation stability (" + layer + ")"
        : input ? "relative input stability" : "relative output stability", radius, samples);
    this.input = input;
    this.layer = layer;
  }

  @Override
  RelativeStability with(double radius, int samples) {
    return new RelativeStability(input, layer, radius, samples);
  }

  /** RIS: relative to the change of the input. */
  public static RelativeStability input() {
    return new RelativeStability(true, null, 0.02, 10);
  }

  /** ROS: relative to the change of the model outputs. */
  public static RelativeStability output() {
    return new RelativeStability(false, null, 0.02, 10);
  }

  /**
   * RRS: relative to the change of the activations of the named layer (one of the network's {@link
   * Differentiable#layerNames()}); the model must be {@link Differentiable}.
   */
  public static RelativeStability representation(String layer) {
    if (layer == null || layer.isBlank()) {
      throw new IllegalArgumentException("representation: layer must name a layer of the network, got "
          + (layer == null ? "null" : "'" + layer + "'"));
    }
    return new RelativeStability(false, layer, 0.02, 10);
  }

  @Override
  public double[] score(MetricInput in) {
    Differentiable net = layer == null ? null : network(in);
    Perturbed p = Perturbed.of(in, name(), radius, samples, true);
    float[][][] reps = net == null ? null : representations(net, p);
    double[] out = new double[p.x.length];
    for (int i = 0; i < out.length; i++) {
      double best = Double.NaN;
      for (int k = 0; k < samples; k++) {
        if (!p.sameClass(i, k)) {
          continue;
        }
        double num = relative(p.a[i], p.ap[i][k]);
        double den = reps != null ? relative(toDouble(reps[i][0]), toDouble(reps[i][k + 1]))
            : input ? relative(toDouble(p.x[i]), toDouble(p.xp[i][k]))
            : relative(toDouble(p.out[i]), toDouble(p.outP[i][k]));
        double r = num / Math.max(den, EPS);
        best = Double.isNaN(best) ? r : Math.max(best, r);
      }
      out[i] = best;
    }
    return out;
  }

  /** Checks that the model is differentiable and knows the layer, before any copy is explained. */
  private Differentiable network(MetricInput in) {
    if (!(in.model() instanceof Differentiable d)) {
      throw new IllegalArgumentException(name() + " reads hidden-layer activations and needs a Differentiable model "
          + "(a DJL network); got " + in.model().getClass().getSimpleName());
    }
    if (!d.layerNames().contains(layer)) {
      throw new IllegalArgumentException(name() + ": the network has no layer '" + layer + "'; layers are "
          + d.layerNames());
    }
    return d;
  }

  /** Per row: the layer's activations of the row (index 0) and of its copies (1..samples), in one call. */
  private float[][][] representations(Differentiable d, Perturbed p) {
    int n = p.x.length;
    float[][] rows = new float[n * (1 + samples)][];
    for (int i = 0; i < n; i++) {
      rows[i * (1 + samples)] = p.x[i];
      for (int k = 0; k < samples; k++) {
        rows[i * (1 + samples) + 1 + k] = p.xp[i][k];
      }
    }
    float[][] h = d.layerActivations(layer, rows);
    float[][][] out = new float[n][1 + samples][];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k <= samples; k++) {
        out[i][k] = h[i * (1 + samples) + k];
      }
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
