package io.workbench.signal;

import io.workbench.run.Workers;

/**
 * Changes a signal's sampling rate by band-limited (windowed-sinc) interpolation. Each output sample is
 * a weighted sum of the input around its time, with a Kaiser-windowed sinc kernel ({@value #ZEROS} zero
 * crossings each side, beta {@value #BETA}) whose cut-off is the lower of the two Nyquist frequencies, so
 * down-sampling also removes what would alias. Weights are normalised to sum to one; the ends are
 * extended by mirror reflection. Any ratio works, not only integer ones.
 *
 * <pre>{@code
 * double[] y = Resampler.resample(x, 360, 250);   // MIT-BIH rate to 250 Hz
 * Recording r = rec.resample(128);                // every channel
 * }</pre>
 */
public final class Resampler {

  /** Zero crossings of the sinc on each side of the kernel centre. */
  public static final int ZEROS = 16;
  /** Kaiser window shape parameter. */
  public static final double BETA = 8.0;

  /** Output samples per task of the worker pool. */
  private static final int CHUNK = 1 << 16;

  private Resampler() {}

  /** Number of output samples for {@code n} input samples: {@code round(n * to / from)}. */
  public static int outputLength(int n, double from, double to) {
    return (int) Math.round(n * (to / from));
  }

  /**
   * Resamples {@code x} from {@code from} Hz to {@code to} Hz; output sample {@code m} is at time
   * {@code m / to} seconds.
   */
  public static double[] resample(double[] x, double from, double to) {
    if (!(from > 0) || !(to > 0) || Double.isInfinite(from) || Double.isInfinite(to)) {
      throw new IllegalArgumentException("Resampling needs positive finite rates, got from=" + from + ", to=" + to);
    }
    Signals.requireFinite(x, "Signal to resample");
    int n = x.length;
    int m = outputLength(n, from, to);
    double[] y = new double[m];
    if (n == 0) {
      return y;
    }
    double c = Math.min(1, to / from);
    double half = ZEROS / c;
    long[] ratio = rational(from, to);
    if (ratio != null) {
      return polyphase(x, m, ratio[0], ratio[1], c, half);
    }
    double step = from / to;
    for (int k = 0; k < m; k++) {
      double p = k * step;
      int lo = (int) Math.ceil(p - half);
      int hi = (int) Math.floor(p + half);
      double sum = 0;
      double wsum = 0;
      for (int j = lo; j <= hi; j++) {
        double w = kernel(p - j, c, half);
        sum += w * x[mirror(j, n)];
        wsum += w;
      }
      y[k] = sum / wsum;
    }
    return y;
  }

  /**
   * For a rational ratio {@code from / to = step / up} (with {@code up <= 4096}) the fractional position
   * of output sample {@code k} takes only {@code up} values, so the weights are computed once per phase.
   */
  private static double[] polyphase(double[] x, int m, long step, long up, double c, double half) {
    int n = x.length;
    int phases = (int) up;
    int[] first = new int[phases];
    double[][] weights = new double[phases][];
    for (int r = 0; r < phases; r++) {
      double frac = (double) r / up;
      int lo = (int) Math.ceil(frac - half);
      int hi = (int) Math.floor(frac + half);
      double[] w = new double[hi - lo + 1];
      double wsum = 0;
      for (int j = lo; j <= hi; j++) {
        w[j - lo] = kernel(frac - j, c, half);
        wsum += w[j - lo];
      }
      for (int j = 0; j < w.length; j++) {
        w[j] /= wsum;
      }
      first[r] = lo;
      weights[r] = w;
    }
    double[] y = new double[m];
    int chunks = (m + CHUNK - 1) / CHUNK;
    Workers.forEach("resampling", chunks, chunk -> {
      int end = (int) Math.min(m, (long) (chunk + 1) * CHUNK);
      for (int k = chunk * CHUNK; k < end; k++) {
        long pos = k * step;
        int q = (int) (pos / up);
        int r = (int) (pos % up);
        double[] w = weights[r];
        int start = q + first[r];
        y[k] = start >= 0 && start + w.length <= n ? dot(w, x, start) : mirroredDot(w, x, start);
      }
    });
    return y;
  }

  /** {@code sum w[j] x[start + j]} in four interleaved sums (the sum's latency, not its length, bounds it). */
  private static double dot(double[] w, double[] x, int start) {
    int len = w.length;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < len; j += 4) {
      s0 = Math.fma(w[j], x[start + j], s0);
      s1 = Math.fma(w[j + 1], x[start + j + 1], s1);
      s2 = Math.fma(w[j + 2], x[start + j + 2], s2);
      s3 = Math.fma(w[j + 3], x[start + j + 3], s3);
    }
    for (; j < len; j++) {
      s0 = Math.fma(w[j], x[start + j], s0);
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static double mirroredDot(double[] w, double[] x, int start) {
    double sum = 0;
    for (int j = 0; j < w.length; j++) {
      sum += w[j] * x[mirror(start + j, x.length)];
    }
    return sum;
  }

  /** {@code {step, up}} with {@code from / to = step / up} in lowest terms, or null when not a small ratio. */
  private static long[] rational(double from, double to) {
    long a = Math.round(from * 1000);
    long b = Math.round(to * 1000);
    if (Math.abs(a - from * 1000) > 1e-6 || Math.abs(b - to * 1000) > 1e-6) {
      return null;
    }
    long g = java.math.BigInteger.valueOf(a).gcd(java.math.BigInteger.valueOf(b)).longValue();
    long step = a / g;
    long up = b / g;
    return up <= 4096 ? new long[] {step, up} : null;
  }

  private static double kernel(double d, double c, double half) {
    double r = d / half;
    double win = bessel0(BETA * Math.sqrt(Math.max(0, 1 - r * r))) / bessel0(BETA);
    double arg = Math.PI * c * d;
    double sinc = Math.abs(arg) < 1e-12 ? 1 : Math.sin(arg) / arg;
    return sinc * win;
  }

  private static int mirror(int j, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    int r = Math.floorMod(j, period);
    return r < n ? r : period - r;
  }

  /** Modified Bessel function of the first kind, order 0 (power series). */
  static double bessel0(double x) {
    double sum = 1;
    double term = 1;
    double q = x * x / 4;
    for (int k = 1; k < 200; k++) {
      term *= q / ((double) k * k);
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return sum;
  }
}
