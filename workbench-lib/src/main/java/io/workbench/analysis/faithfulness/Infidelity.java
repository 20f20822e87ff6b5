package io.workbench.analysis.faithfulness;

import io.workbench.analysis.AnalysisRun;
import io.workbench.check.Checks;
import io.workbench.display.Numbers;
import io.workbench.explain.Attribution;
import io.workbench.explain.Baseline;
import io.workbench.model.Model;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import java.util.Random;

/**
 * Explanation infidelity (Yeh et al. 2019, as Captum's {@code captum.metrics.infidelity} defines it):
 * {@code INFD(phi, f, x) = E_I[(I . phi - (f(x) - f(x - I)))^2]}, the expected squared error of the attribution
 * as a linear predictor of how the target output changes when the input is perturbed by {@code I}. Each row is
 * perturbed {@link #samples(int)} times (default Gaussian noise, standard deviation 0.003, as in Captum's
 * example {@code perturb_fn}); all perturbed rows go through the model in a few batched calls. With
 * {@link #normalize(boolean)} the attribution is first scaled by the optimal
 * {@code beta = E[(I . phi)(f(x) - f(x - I))] / E[(I . phi)^2]} per row, as Captum's {@code normalize=True}.
 * Lower is better: a linear model {@code f = w . x} explained by its gradient {@code phi = w} scores 0, and so
 * does {@code phi = w * x} (occlusion / Shapley values with baseline 0) under
 * {@link #multiplyByInputs(Baseline)}. {@code I} is taken as exactly
 * {@code x - (x - I)} after rounding the perturbed input to float, so the identity holds to float precision.
 *
 * <pre>{@code
 * InfidelityResult r = Infidelity.create().samples(50).seed(1).compute(model, attribution);
 * r.mean(); r.perRow();
 * Infidelity.create().noise((x, rnd, i) -> { ... fill i ... }).normalize(true).compute(model, attribution);
 * }</pre>
 */
public final class Infidelity implements RunSettings<Infidelity> {

  /** Draws one perturbation {@code I} for a row {@code x} into {@code perturbation} (same length). */
  @FunctionalInterface
  public interface Noise {
    void sample(float[] x, Random rnd, double[] perturbation);
  }

  private int samples = 10;
  private double std = 0.003;
  private Noise noise;
  private boolean normalize;
  private Baseline relative;
  private RunOptions options = RunOptions.defaults();

  private Infidelity() {}

  /** 10 Gaussian perturbations (std 0.003) per row, not normalised, {@link RunOptions#defaults()}. */
  public static Infidelity create() {
    return new Infidelity();
  }

  private Infidelity copy() {
    Infidelity c = new Infidelity();
    c.samples = samples;
    c.std = std;
    c.noise = noise;
    c.normalize = normalize;
    c.relative = relative;
    c.options = options;
    return c;
  }

  /** Perturbations per row ({@code n_perturb_samples}), at least 1. */
  public Infidelity samples(int n) {
    Checks.positive(n, "samples");
    Infidelity c = copy();
    c.samples = n;
    return c;
  }

  /** Gaussian noise with this standard deviation ({@code > 0}); replaces a custom {@link #noise(Noise)}. */
  public Infidelity std(double s) {
    if (!(s > 0) || !Double.isFinite(s)) {
      throw new IllegalArgumentException("std must be > 0 and finite, got " + s);
    }
    Infidelity c = copy();
    c.std = s;
    c.noise = null;
    return c;
  }

  /**
   * A custom perturbation distribution (e.g. removing random patches: {@code I = x - baseline} on a subset).
   * It is called from the worker threads, each time with its own generator: it must not keep state.
   */
  public Infidelity noise(Noise n) {
    Checks.notNull(n, "noise");
    Infidelity c = copy();
    c.noise = n;
    return c;
  }

  /** Scale the attributions by the optimal beta per row first (Captum's {@code normalize}). */
  public Infidelity normalize(boolean on) {
    Infidelity c = copy();
    c.normalize = on;
    return c;
  }

  /**
   * Attributions of the "multiplied by inputs" kind (occlusion, Shapley values, integrated gradients, which
   * sum to {@code f(x) - f(baseline)}): the perturbation paired with {@code phi} becomes
   * {@code (x - x_perturbed) / (x - baseline)} per feature, as Captum's
   * {@code infidelity_perturb_func_decorator(multiply_by_inputs=True)}; a zero denominator counts as 1.
   * With {@code phi = w * x} and baseline 0 a linear model then scores 0. {@code null} switches it off.
   */
  public Infidelity multiplyByInputs(Baseline baseline) {
    Infidelity c = copy();
    c.relative = baseline;
    return c;
  }

  @Override
  public RunOptions options() {
    return options;
  }

  /** A copy with other run options; the seed draws the perturbations (one generator per perturbed row). */
  @Override
  public Infidelity withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    Infidelity c = copy();
    c.options = o;
    return c;
  }

  /** Infidelity of an attribution (its explained rows, values and targets). */
  public InfidelityResult compute(Model model, Attribution attribution) {
    if (attribution == null) {
      throw new IllegalArgumentException("attribution is null");
    }
    return compute(model, attribution.inputs(), attribution.values(), attribution.targets());
  }

  /**
   * Infidelity from raw arrays: {@code x} and {@code attributions} are {@code rows x features}, {@code targets}
   * the explained output per row (0 for regression).
   */
  public InfidelityResult compute(Model model, float[][] x, double[][] attributions, int[] targets) {
    int d = Faithfulness.Inputs.check(model, x, attributions, targets);
    int n = x.length;
    int p = samples;
    double[] fx = new double[n];
    double[][] dot = new double[n][p];
    double[][] diffOut = new double[n][p];
    long total = n + (long) n * p;
    long seed = options.seed();
    float[][] base = relative == null ? null : relative.resolve(model, n);
    try (AnalysisRun run = AnalysisRun.start("infidelity", total, options)) {
      run.evaluate(model, total, d, (v, dest) -> {
        if (v < n) {
          System.arraycopy(x[(int) v], 0, dest, 0, d);
          return;
        }
        int i = (int) ((v - n) / p);
        int s = (int) ((v - n) % p);
        Random rnd = new Random(mix(seed ^ mix(v + 1)));
        double[] pert = new double[d];
        if (noise == null) {
          for (int j = 0; j < d; j++) {
            pert[j] = std * rnd.nextGaussian();
          }
        } else {
          noise.sample(x[i].clone(), rnd, pert);
        }
        double a = 0;
        for (int j = 0; j < d; j++) {
          float moved = (float) (x[i][j] - pert[j]);
          if (!Float.isFinite(moved)) {
            throw new IllegalArgumentException("noise made feature " + j + " of row " + i + " non-finite: " + pert[j]);
          }
          dest[j] = moved;
          double step = (double) x[i][j] - moved;
          if (base != null) {
            double den = (double) x[i][j] - base[i][j];
            step /= den == 0 ? 1 : den;
          }
          a += step * attributions[i][j];
        }
        dot[i][s] = a;
      }, (v, out) -> {
        if (v < n) {
          fx[(int) v] = out[targets[(int) v]];
        } else {
          int i = (int) ((v - n) / p);
          diffOut[i][(int) ((v - n) % p)] = out[targets[i]];
        }
      });
    }
    double[] infid = new double[n];
    double[] beta = normalize ? new double[n] : null;
    for (int i = 0; i < n; i++) {
      double ab = 0;
      double aa = 0;
      for (int s = 0; s < p; s++) {
        diffOut[i][s] = fx[i] - diffOut[i][s];
        ab += dot[i][s] * diffOut[i][s];
        aa += dot[i][s] * dot[i][s];
      }
      double b = 1;
      if (normalize) {
        b = ab / (aa == 0 ? 1 : aa);
        beta[i] = b;
      }
      double e = 0;
      for (int s = 0; s < p; s++) {
        double r = b * dot[i][s] - diffOut[i][s];
        e += r * r;
      }
      infid[i] = e / p;
    }
    String desc = (noise == null ? "Gaussian, std " + Numbers.format(std) : "custom noise")
        + (relative == null ? "" : ", multiplied by inputs, " + relative);
    return new InfidelityResult(infid, beta, p, desc, seed);
  }

  /** SplitMix64's finaliser: neighbouring seeds give unrelated {@link Random} streams. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
