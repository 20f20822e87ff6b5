package io.workbench.explain;

import io.workbench.model.Model;
import java.util.SplittableRandom;

/**
 * Expected gradients / GradientSHAP (Erion et al. 2021; Captum's {@code GradientShap}): integrated gradients
 * averaged over baselines drawn from a {@link Background}, each path integral estimated by one random
 * point. For every explained row and each of {@link #samples(int)} draws: a baseline {@code b} from the
 * background (by its weights), optional Gaussian noise on the input {@code x' = x + N(0, stdev^2)} (Captum's
 * {@code stdevs}, default 0), a point {@code a ~ U(0, 1)} on the path, and the term {@code grad f(b + a (x' -
 * b)) * (x' - b)}; the attribution is the mean of the terms. In expectation the values sum to {@code f(x) -
 * E_b f(b)} (exactly so for a linear output); the base value is {@code E_b f(b)} over the weighted
 * background, and {@link Attribution#convergenceDelta()} gives {@code sum_j value - (f(x) - E_b f(b))} per row,
 * which shrinks as the samples grow. Seeded per row: results do not depend on batching.
 *
 * <pre>{@code
 * Attribution es = Explain.gradientShap(net, Background.sample(train, 100, 1)).samples(50).seed(3)
 *     .explain(test.head(10));
 * }</pre>
 */
public final class GradientShap extends GradientExplainer<GradientShap> {

  private final Background background;
  private int samples = 5;
  private double stdev;

  GradientShap(Model model, Background background) {
    super(model, "gradientShap");
    if (background == null) {
      throw new IllegalArgumentException("gradientShap needs a background (reference rows), got null");
    }
    background.checkAgainst(model);
    this.background = background;
  }

  /** Random baseline/point draws per row (Captum's {@code n_samples}, default 5); at least 1. */
  public GradientShap samples(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("samples (n_samples) must be >= 1, got " + n);
    }
    GradientShap c = copy();
    c.samples = n;
    return c;
  }

  /** Standard deviation of the Gaussian noise added to the input, in raw units (default 0). */
  public GradientShap stdev(double s) {
    if (!(s >= 0) || Double.isInfinite(s)) {
      throw new IllegalArgumentException("stdev must be finite and >= 0, got " + s);
    }
    GradientShap c = copy();
    c.stdev = s;
    return c;
  }

  @Override
  String methodName() {
    return "gradient SHAP";
  }

  @Override
  int pointsPerRow() {
    return samples;
  }

  @Override
  double[][] attribute(float[][] x, int[] targets, Pass pass) {
    float[][] bg = background.rowsView();
    double[] cum = new double[bg.length];
    double acc = 0;
    double[] w = background.weightsView();
    for (int b = 0; b < bg.length; b++) {
      acc += w[b];
      cum[b] = acc;
    }
    int n = x.length;
    int d = x[0].length;
    double[][] out = new double[n][];
    int per = pass.rowsPerCall(samples);
    for (int s = 0; s < n; s += per) {
      int e = Math.min(n, s + per);
      float[][] pts = new float[(e - s) * samples][d];
      double[][] diff = new double[(e - s) * samples][d];
      for (int i = s; i < e; i++) {
        SplittableRandom rnd = new SplittableRandom(Work.seedFor(seed(), pass.rowId(i)));
        for (int k = 0; k < samples; k++) {
          float[] b = bg[draw(cum, rnd.nextDouble() * acc)];
          double a = rnd.nextDouble();
          int r = (i - s) * samples + k;
          for (int j = 0; j < d; j++) {
            double xj = stdev > 0 ? x[i][j] + stdev * rnd.nextGaussian() : x[i][j];
            diff[r][j] = xj - b[j];
            pts[r][j] = (float) (b[j] + a * diff[r][j]);
          }
        }
      }
      float[][] g = gradients(pts, repeat(targets, s, e, samples), pass);
      for (int i = s; i < e; i++) {
        double[] v = new double[d];
        for (int k = 0; k < samples; k++) {
          int r = (i - s) * samples + k;
          for (int j = 0; j < d; j++) {
            v[j] += g[r][j] * diff[r][j];
          }
        }
        for (int j = 0; j < d; j++) {
          v[j] /= samples;
        }
        out[i] = v;
      }
      pass.advance(e - s);
    }
    return out;
  }

  /** First index whose cumulative weight exceeds {@code u}. */
  private static int draw(double[] cum, double u) {
    int lo = 0;
    int hi = cum.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cum[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  @Override
  Attribution compute(Context ctx) {
    Pass pass = new Pass(internalBatchSize, ctx.work());
    pass.rowIds = ctx.rowIds();
    double[][] v = attribute(ctx.x(), ctx.targets(), pass);
    double[] fx = selectedOutput(ctx.x(), ctx.targets());
    float[][] bg = background.rowsView();
    double[] w = background.weightsView();
    float[][] fb = net.output(bg, output);
    double[] base = new double[v.length];
    double[] delta = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      int t = ctx.targets()[i];
      double m = 0;
      for (int b = 0; b < bg.length; b++) {
        m += w[b] * fb[b][t];
      }
      base[i] = m;
      double sum = 0;
      for (double a : v[i]) {
        sum += a;
      }
      delta[i] = sum - (fx[i] - m);
    }
    return startGradient(ctx, fx).values(v).baseValues(base).convergenceDelta(delta).additive(true)
        .setting("samples", samples).setting("stdev", stdev).setting("background", background.size() + " rows")
        .evaluations(pass.evaluations).build();
  }
}
