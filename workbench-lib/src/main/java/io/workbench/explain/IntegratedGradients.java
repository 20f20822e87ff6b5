package io.workbench.explain;

import io.workbench.model.Model;
import java.util.Arrays;

/**
 * Integrated gradients (Sundararajan et al. 2017, Captum's {@code IntegratedGradients}): for a baseline
 * {@code b}, {@code IG_j(x) = (x_j - b_j) * integral_0^1 d f(b + a (x - b)) / d x_j da}, approximated by a
 * quadrature over {@link #steps(int)} points on the straight path: Gauss-Legendre (default, as Captum) or a
 * Riemann sum (left, right, middle, trapezoid). Completeness: {@code sum_j IG_j = f(x) - f(b)}; the base
 * value is {@code f(b)}, the attribution is {@link Attribution#additive() additive}, and {@link
 * Attribution#convergenceDelta()} holds {@code sum_j IG_j - (f(x) - f(b))} per row (Captum's convergence
 * delta), which shrinks as the steps grow.
 *
 * <p><b>Baseline.</b> As Captum, the default baseline is all zeros of the input, here the <em>raw</em>
 * features (pixels, signals: zero = absent). For tabular data whose zero is not neutral, pass a {@link
 * Baseline}: {@code Baseline.mean(train)} (training means), per-feature values, or one reference row per
 * explained row (Captum's per-example baselines).
 *
 * <p>All steps of one row are evaluated in one gradient call ({@link #internalBatchSize(int)} points per
 * call, at least one row).
 *
 * <pre>{@code
 * Attribution ig = Explain.integratedGradients(net).baseline(Baseline.mean(train)).steps(64).explain(test.head(10));
 * ig.convergenceDelta().orElseThrow();   // ~1e-6 with Gauss-Legendre on a smooth network
 * Explain.integratedGradients(net).method(IntegratedGradients.Method.RIEMANN_TRAPEZOID).steps(200);
 * }</pre>
 */
public final class IntegratedGradients extends GradientExplainer<IntegratedGradients> {

  /** Quadrature rule over the path {@code a in [0, 1]} (Captum's {@code method}). */
  public enum Method {
    /** Gauss-Legendre nodes and weights (exact for polynomials of degree {@code 2 steps - 1}). */
    GAUSS_LEGENDRE,
    /** Left Riemann sum: {@code a = k / steps}, {@code k = 0..steps-1}. */
    RIEMANN_LEFT,
    /** Right Riemann sum: {@code a = k / steps}, {@code k = 1..steps}. */
    RIEMANN_RIGHT,
    /** Midpoint rule: {@code a = (k + 1/2) / steps}. */
    RIEMANN_MIDDLE,
    /**
     * Trapezoid rule on {@code steps} equally spaced points including both ends (needs steps >= 2): weights
     * {@code 1/(n-1)}, halved at both ends, summing to 1. Captum 0.6's {@code riemann_trapezoid} takes the same
     * points with weights {@code 1/n} halved at the ends, which sum to {@code (n-1)/n}: its attributions are ours
     * times {@code (n-1)/n} (ours are Captum's times {@code n/(n-1)}), and its completeness gap does not close as
     * it should. The other rules agree with Captum's.
     */
    RIEMANN_TRAPEZOID
  }

  private int steps = 50;
  private Method method = Method.GAUSS_LEGENDRE;
  private Baseline baseline = Baseline.constant(0);

  IntegratedGradients(Model model) {
    super(model, "integrated gradients");
  }

  /** Points on the path (Captum's {@code n_steps}, default 50); at least 1 (2 for the trapezoid rule). */
  public IntegratedGradients steps(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("steps (n_steps) must be >= 1, got " + n);
    }
    IntegratedGradients c = copy();
    c.steps = n;
    return c;
  }

  /** The quadrature rule (default {@link Method#GAUSS_LEGENDRE}). */
  public IntegratedGradients method(Method m) {
    if (m == null) {
      throw new IllegalArgumentException("method is null; valid methods are " + Arrays.toString(Method.values()));
    }
    IntegratedGradients c = copy();
    c.method = m;
    return c;
  }

  /**
   * Where the path starts (default {@code Baseline.constant(0)}): a constant, one value per feature, a
   * dataset's means, or one reference row per explained row.
   *
   * @throws IllegalArgumentException when the baseline does not have one value per feature of the model
   */
  public IntegratedGradients baseline(Baseline b) {
    if (b == null) {
      throw new IllegalArgumentException("baseline is null; use Baseline.constant(0) for zeros");
    }
    b.check(model);
    IntegratedGradients c = copy();
    c.baseline = b;
    return c;
  }

  /**
   * Quadrature nodes on {@code [0, 1]} and their weights (summing to 1) for a rule and a number of points:
   * {@code {alphas, weights}}.
   */
  public static double[][] quadrature(Method method, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps (n_steps) must be >= 1, got " + steps);
    }
    double[] a = new double[steps];
    double[] w = new double[steps];
    switch (method) {
      case RIEMANN_LEFT, RIEMANN_RIGHT, RIEMANN_MIDDLE -> {
        double shift = method == Method.RIEMANN_LEFT ? 0 : method == Method.RIEMANN_RIGHT ? 1 : 0.5;
        for (int k = 0; k < steps; k++) {
          a[k] = (k + shift) / steps;
          w[k] = 1.0 / steps;
        }
      }
      case RIEMANN_TRAPEZOID -> {
        if (steps < 2) {
          throw new IllegalArgumentException("the trapezoid rule needs steps >= 2 (both ends of the path), got " + steps);
        }
        for (int k = 0; k < steps; k++) {
          a[k] = (double) k / (steps - 1);
          w[k] = (k == 0 || k == steps - 1 ? 0.5 : 1.0) / (steps - 1);
        }
      }
      case GAUSS_LEGENDRE -> gaussLegendre(steps, a, w);
      default -> throw new IllegalStateException(method.toString());
    }
    return new double[][] {a, w};
  }

  /**
   * Gauss-Legendre nodes by Newton's method on the Legendre polynomial {@code P_n} (three-term recurrence),
   * mapped from {@code [-1, 1]} to {@code [0, 1]}: {@code a = (t + 1) / 2}, weight {@code 1 / ((1 - t^2)
   * P_n'(t)^2)}.
   */
  private static void gaussLegendre(int n, double[] a, double[] w) {
    for (int i = 0; i < (n + 1) / 2; i++) {
      double t = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      double dp = 0;
      for (int iter = 0; iter < 100; iter++) {
        double p0 = 1;
        double p1 = t;
        for (int k = 2; k <= n; k++) {
          double p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        double pn = n == 1 ? t : p1;
        double pPrev = n == 1 ? 1 : p0;
        dp = n * (t * pn - pPrev) / (t * t - 1);
        double dt = pn / dp;
        t -= dt;
        if (Math.abs(dt) < 1e-15) {
          break;
        }
      }
      // recompute the derivative at the converged node
      double p0 = 1;
      double p1 = t;
      for (int k = 2; k <= n; k++) {
        double p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = n * (t * p1 - (n == 1 ? 1 : p0)) / (t * t - 1);
      double weight = 1.0 / ((1 - t * t) * dp * dp); // 2 / ((1 - t^2) P'^2) on [-1, 1], halved for [0, 1]
      // t is the i-th largest node: a = (1 + t) / 2 at the top, (1 - t) / 2 at the bottom
      a[n - 1 - i] = (1 + t) / 2;
      a[i] = (1 - t) / 2;
      w[n - 1 - i] = weight;
      w[i] = weight;
    }
  }

  @Override
  String methodName() {
    return "integrated gradients";
  }

  @Override
  void validate(int[] shape) {
    if (method == Method.RIEMANN_TRAPEZOID && steps < 2) {
      throw new IllegalArgumentException("the trapezoid rule needs steps >= 2 (both ends of the path), got " + steps);
    }
  }

  @Override
  int pointsPerRow() {
    return steps;
  }

  @Override
  double[][] attribute(float[][] x, int[] targets, Pass pass) {
    return pathIntegral(x, baseline.resolve(model, x.length), targets, pass, method, steps,
        (pts, t) -> gradients(pts, t, pass));
  }

  /** The chosen output at the baseline for each row's target (one network call per distinct baseline row). */
  double[] baselineOutputs(int[] targets) {
    return baselineOutputs(baseline, targets);
  }

  @Override
  Attribution compute(Context ctx) {
    Pass pass = new Pass(internalBatchSize, ctx.work());
    double[][] v = attribute(ctx.x(), ctx.targets(), pass);
    double[] fx = selectedOutput(ctx.x(), ctx.targets());
    double[] fb = baselineOutputs(ctx.targets());
    double[] delta = completenessGap(v, fx, fb);
    return startGradient(ctx, fx).values(v).baseValues(fb).convergenceDelta(delta).additive(true)
        .setting("steps", steps).setting("method", method.name().toLowerCase(java.util.Locale.ROOT))
        .setting("baseline", baseline.toString()).evaluations(pass.evaluations).build();
  }
}
