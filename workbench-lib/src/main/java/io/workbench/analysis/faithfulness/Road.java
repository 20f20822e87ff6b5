package io.workbench.analysis.faithfulness;

import io.workbench.analysis.MetricBase;
import io.workbench.analysis.MetricInput;
import io.workbench.explain.Attribution;
import java.util.Random;

/**
 * ROAD, RemOve And Debias (Rong et al. 2022, "A Consistent and Efficient Evaluation Strategy for Attribution
 * Methods"): the features are ranked by attribution and a growing share of them (10%, 20%, ..., 90% by default) is
 * removed and filled in by noisy linear imputation (each removed value the weighted mean of its neighbours plus a
 * little noise, {@link NoisyLinearImputer}), so that the model does not see where the mask was; the score of a row
 * is the mean output of its explained class over those steps. <b>MoRF</b> (most relevant first): the output should
 * fall fast, lower is better; <b>LeRF</b> (least relevant first): it should stay, higher is better. No retraining.
 *
 * <pre>{@code
 * double[] morf = Road.morf().score(in);                    // lower = better
 * double[] lerf = Road.lerf().fractions(0.2, 0.5, 0.8).noise(0).score(in);
 * }</pre>
 */
public final class Road extends MetricBase {

  private final boolean morf;
  private final double[] fractions;
  private final double noise;

  private Road(boolean morf, double[] fractions, double noise) {
    super(morf ? "ROAD MoRF" : "ROAD LeRF", "faithfulness", !morf);
    this.morf = morf;
    this.fractions = fractions;
    this.noise = noise;
  }

  /** Most relevant first, fractions 0.1..0.9, noise 0.01 of the row's standard deviation. */
  public static Road morf() {
    return new Road(true, defaultFractions(), 0.01);
  }

  /** Least relevant first, fractions 0.1..0.9, noise 0.01 of the row's standard deviation. */
  public static Road lerf() {
    return new Road(false, defaultFractions(), 0.01);
  }

  private static double[] defaultFractions() {
    double[] f = new double[9];
    for (int k = 0; k < 9; k++) {
      f[k] = (k + 1) / 10.0;
    }
    return f;
  }

  /** The shares of the features removed, each in (0, 1]. */
  public Road fractions(double... f) {
    if (f == null || f.length == 0) {
      throw new IllegalArgumentException("fractions: need at least one share in (0, 1]");
    }
    for (double v : f) {
      if (!(v > 0 && v <= 1)) {
        throw new IllegalArgumentException("fractions must be in (0, 1], got " + v);
      }
    }
    return new Road(morf, f.clone(), noise);
  }

  /** Imputation noise as a multiple of the row's standard deviation, {@code >= 0} (0: plain linear imputation). */
  public Road noise(double sd) {
    if (!(sd >= 0) || !Double.isFinite(sd)) {
      throw new IllegalArgumentException("noise must be finite and >= 0, got " + sd);
    }
    return new Road(morf, fractions, sd);
  }

  @Override
  public double[] score(MetricInput in) {
    Attribution a = in.attribution();
    int d = a.numFeatures();
    int[] counts = new int[fractions.length];
    for (int k = 0; k < counts.length; k++) {
      counts[k] = (int) Math.round(fractions[k] * d);
    }
    float[][] x = a.inputs();
    NoisyLinearImputer imputer = new NoisyLinearImputer(a.sampleShape(), noise);
    long seed = in.options().seed();
    double[][] y = RemovalCurves.run(in, name(), RemovalCurves.units(a, 1), morf, false, counts,
        (i, removed, dest) -> imputer.impute(x[i], removed, dest, new Random(seed * 31 + i)));
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      double s = 0;
      for (double v : y[i]) {
        s += v;
      }
      out[i] = s / y[i].length;
    }
    return out;
  }
}
