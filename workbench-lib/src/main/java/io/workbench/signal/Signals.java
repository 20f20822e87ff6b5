package io.workbench.signal;

/**
 * Small per-signal helpers: mean and standard deviation that skip missing ({@code NaN}) samples, and
 * standardisation.
 *
 * <pre>{@code
 * double[] z = Signals.standardize(samples);   // mean 0, standard deviation 1
 * double[] ms = Signals.meanStd(samples);      // {mean, population standard deviation}
 * }</pre>
 */
public final class Signals {

  private Signals() {}

  /**
   * Mean and population standard deviation (divisor {@code n}) of the finite samples, computed in two
   * passes; {@code {NaN, NaN}} when there are none.
   */
  public static double[] meanStd(double[] x) {
    double sum = 0;
    int n = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    if (n == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double mean = sum / n;
    double ss = 0;
    for (double v : x) {
      if (!Double.isNaN(v)) {
        ss += (v - mean) * (v - mean);
      }
    }
    return new double[] {mean, Math.sqrt(ss / n)};
  }

  /**
   * {@code (x - mean) / std} with the statistics of the finite samples; a constant signal becomes all
   * zeros (its standard deviation is 0). Missing samples stay {@code NaN}.
   */
  public static double[] standardize(double[] x) {
    double[] ms = meanStd(x);
    double[] out = new double[x.length];
    double scale = ms[1] > 0 ? 1 / ms[1] : 0;
    for (int i = 0; i < x.length; i++) {
      out[i] = (x[i] - ms[0]) * scale;
    }
    return out;
  }

  /** Fails naming the argument when the signal holds a {@code NaN} or infinite sample. */
  static void requireFinite(double[] x, String what) {
    if (x == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException(
            what + " has the non-finite value " + x[i] + " at sample " + i
                + "; filters and spectra need finite samples (interpolate or cut missing parts first)");
      }
    }
  }
}
