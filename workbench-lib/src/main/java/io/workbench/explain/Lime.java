package io.workbench.explain;

import io.workbench.model.Model;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * LIME for tabular data (Ribeiro et al., 2016), continuous features, as lime's
 * {@code LimeTabularExplainer(discretize_continuous=False)}: perturbations are drawn from the training
 * distribution per feature ({@code N(mean_j, std_j)}, independent), weighted by the exponential kernel
 * {@code sqrt(exp(-d^2 / width^2))} of their Euclidean distance to the explained row in standardised units
 * (width {@code 0.75 sqrt(M)} by default), and a weighted ridge regression (alpha 1, with intercept) on the
 * standardised features is fitted. Attributions are its coefficients (per standard deviation of each
 * feature); {@code extra("score")} is the surrogate's weighted R2, {@code extra("intercept")} its intercept,
 * {@code extra("localPrediction")} its prediction at the row. Not implemented: lime's discretisation
 * ({@code discretize_continuous=True}, quartile bins) and categorical features.
 *
 * <pre>{@code
 * Attribution a = Explain.lime(model, train).samples(5000).numFeatures(10).seed(1).explain(test.head(5));
 * a.extra("score");   // surrogate R2 per row
 * }</pre>
 */
public final class Lime extends Explainer<Lime> {

  private final double[] mean;
  private final double[] scale;
  private int samples = 5000;
  private double kernelWidth = Double.NaN;
  private int numFeatures;
  private double alpha = 1.0;

  Lime(Model model, float[][] training) {
    super(model);
    int d = model.featureNames().size();
    if (training == null || training.length == 0) {
      throw new IllegalArgumentException("LIME needs training rows for its feature statistics, got none");
    }
    if (training[0].length != d) {
      throw new IllegalArgumentException("LIME training data has " + training[0].length
          + " columns but the model expects " + d + " features");
    }
    mean = new double[d];
    scale = new double[d];
    for (float[] row : training) {
      if (row.length != d) {
        throw new IllegalArgumentException("LIME training rows have different lengths (" + row.length + " vs " + d + ")");
      }
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= training.length;
    }
    for (float[] row : training) {
      for (int j = 0; j < d; j++) {
        double t = row[j] - mean[j];
        scale[j] += t * t;
      }
    }
    for (int j = 0; j < d; j++) {
      scale[j] = Math.sqrt(scale[j] / training.length);
      if (!(scale[j] > 0)) {
        scale[j] = 1;
      }
    }
  }

  /** Perturbed samples per row (default 5000, the first is the row itself); at least 2. */
  public Lime samples(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("samples must be >= 2, got " + n);
    }
    Lime c = copy();
    c.samples = n;
    return c;
  }

  /** Kernel width in standardised units (default {@code 0.75 sqrt(M)}). */
  public Lime kernelWidth(double w) {
    if (!(w > 0) || Double.isInfinite(w)) {
      throw new IllegalArgumentException("kernelWidth must be > 0 and finite, got " + w);
    }
    Lime c = copy();
    c.kernelWidth = w;
    return c;
  }

  /** Keep the {@code k} features with the largest weighted-ridge coefficients (lime's "highest_weights"); default all. */
  public Lime numFeatures(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("numFeatures must be >= 1, got " + k);
    }
    Lime c = copy();
    c.numFeatures = k;
    return c;
  }

  /** Ridge penalty of the surrogate (default 1, as lime). */
  public Lime alpha(double a) {
    if (!(a >= 0) || Double.isInfinite(a)) {
      throw new IllegalArgumentException("alpha must be >= 0 and finite, got " + a);
    }
    Lime c = copy();
    c.alpha = a;
    return c;
  }

  @Override
  String methodName() {
    return "LIME";
  }

  @Override
  Attribution compute(Context ctx) {
    int n = ctx.x().length;
    int d = mean.length;
    double width = Double.isNaN(kernelWidth) ? 0.75 * Math.sqrt(d) : kernelWidth;
    double[][] values = new double[n][];
    double[] intercept = new double[n];
    double[] score = new double[n];
    double[] local = new double[n];
    long[] evals = new long[1];
    ctx.work().parallel(n, threads(), (i, w) -> {
      float[] x = ctx.x()[i];
      int t = ctx.targets()[i];
      SplittableRandom rnd = new SplittableRandom(Work.seedFor(seed(), ctx.rowId(i)));
      double[][] z = new double[samples][d];
      float[][] raw = new float[samples][d];
      for (int j = 0; j < d; j++) {
        z[0][j] = (x[j] - mean[j]) / scale[j];
        raw[0][j] = x[j];
      }
      for (int s = 1; s < samples; s++) {
        for (int j = 0; j < d; j++) {
          double g = gaussian(rnd);
          z[s][j] = g;
          raw[s][j] = (float) (g * scale[j] + mean[j]);
        }
      }
      double[] y = new double[samples];
      for (int s0 = 0; s0 < samples; s0 += batchRows()) {
        ctx.work().check();
        int e = Math.min(samples, s0 + batchRows());
        float[][] out = model.predictProba(Arrays.copyOfRange(raw, s0, e));
        for (int s = s0; s < e; s++) {
          y[s] = out[s - s0][t];
        }
      }
      synchronized (evals) {
        evals[0] += samples;
      }
      double[] wt = new double[samples];
      for (int s = 0; s < samples; s++) {
        double dist2 = 0;
        for (int j = 0; j < d; j++) {
          double q = z[s][j] - z[0][j];
          dist2 += q * q;
        }
        wt[s] = Math.sqrt(Math.exp(-dist2 / (width * width)));
      }
      int[] active = allFeatures(d);
      if (numFeatures > 0 && numFeatures < d) {
        double[] coef = ridge(z, y, wt, active, 0.01)[0];
        active = Linalg.largestMagnitudes(coef, numFeatures);
      }
      double[][] fit = ridge(z, y, wt, active, alpha);
      double[] phi = new double[d];
      double pred0 = fit[1][0];
      for (int q = 0; q < active.length; q++) {
        phi[active[q]] = fit[0][q];
        pred0 += fit[0][q] * z[0][active[q]];
      }
      double ybar = 0;
      double wsum = 0;
      for (int s = 0; s < samples; s++) {
        ybar += wt[s] * y[s];
        wsum += wt[s];
      }
      ybar /= wsum;
      double ssRes = 0;
      double ssTot = 0;
      for (int s = 0; s < samples; s++) {
        double p = fit[1][0];
        for (int q = 0; q < active.length; q++) {
          p += fit[0][q] * z[s][active[q]];
        }
        ssRes += wt[s] * (y[s] - p) * (y[s] - p);
        ssTot += wt[s] * (y[s] - ybar) * (y[s] - ybar);
      }
      values[i] = phi;
      intercept[i] = fit[1][0];
      score[i] = ssTot == 0 ? 1 : 1 - ssRes / ssTot;
      local[i] = pred0;
      ctx.work().advance(1);
    });
    return start(ctx).values(values).baseValues(intercept).additive(false).evaluations(evals[0])
        .extra("score", score).extra("intercept", intercept).extra("localPrediction", local)
        .setting("samples", samples).setting("kernelWidth", width)
        .setting("numFeatures", numFeatures > 0 ? String.valueOf(numFeatures) : "all").setting("alpha", alpha)
        .build();
  }

  private static int[] allFeatures(int d) {
    int[] a = new int[d];
    for (int j = 0; j < d; j++) {
      a[j] = j;
    }
    return a;
  }

  /** Weighted ridge with an unpenalised intercept on the given columns: {coefficients, {intercept}}. */
  static double[][] ridge(double[][] z, double[] y, double[] w, int[] cols, double alpha) {
    int n = y.length;
    int p = cols.length;
    double wsum = 0;
    double ybar = 0;
    double[] xbar = new double[p];
    for (int s = 0; s < n; s++) {
      wsum += w[s];
      ybar += w[s] * y[s];
      for (int q = 0; q < p; q++) {
        xbar[q] += w[s] * z[s][cols[q]];
      }
    }
    ybar /= wsum;
    for (int q = 0; q < p; q++) {
      xbar[q] /= wsum;
    }
    double[][] xc = new double[n][p];
    double[] yc = new double[n];
    for (int s = 0; s < n; s++) {
      for (int q = 0; q < p; q++) {
        xc[s][q] = z[s][cols[q]] - xbar[q];
      }
      yc[s] = y[s] - ybar;
    }
    double[] beta = Linalg.weightedLeastSquares(xc, yc, w, alpha);
    double b0 = ybar;
    for (int q = 0; q < p; q++) {
      b0 -= xbar[q] * beta[q];
    }
    return new double[][] {beta, {b0}};
  }

  private static double gaussian(SplittableRandom rnd) {
    // Marsaglia polar method
    while (true) {
      double u = 2 * rnd.nextDouble() - 1;
      double v = 2 * rnd.nextDouble() - 1;
      double s = u * u + v * v;
      if (s > 0 && s < 1) {
        return u * Math.sqrt(-2 * Math.log(s) / s);
      }
    }
  }
}
