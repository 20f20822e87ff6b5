package io.workbench.signal;

import io.workbench.run.Workers;

/**
 * Changes a signal's sampling rate by band-limited (windowed-sinc) interpolation. Each output sample is
 * a weighted sum of the input around its time, with a Kaiser-windowed sinc kernel ({@value #ZEROS} zero
 * crossings each side, beta {@value #BETA}) whose cut-off is the lower of the two Nyquist frequencies, so
 * down-sampling also removes what would alias. Weights are normalised to sum to one; the ends are
 * extended by mirror reflection. Any ratio works, not only integer ones.
 *
 * <p>{@link #resamplePoly(double[], int, int)} is SciPy's {@code scipy.signal.resample_poly} with its
 * defaults instead: a {@code firwin} low-pass of {@code 20 * max(up, down) + 1} taps (Kaiser window,
 * beta {@value #POLY_BETA}, cut-off {@code 1 / max(up, down)} of Nyquist, gain {@code up}), applied
 * zero-phase by polyphase filtering with zeros beyond the ends ({@code padtype='constant'}); it gives
 * {@code ceil(n * up / down)} samples and costs about {@code 20 * max(up, down) / up} multiplications
 * per output (29 at 360 to 250 Hz) against about {@code 2 * ZEROS * max(1, from / to)} (46) for the sinc kernel.
 *
 * <pre>{@code
 * double[] y = Resampler.resample(x, 360, 250);       // MIT-BIH rate to 250 Hz
 * double[] p = Resampler.resamplePoly(x, 25, 36);     // as scipy.signal.resample_poly(x, 25, 36)
 * Recording r = rec.resample(128);                    // every channel
 * Recording q = rec.resamplePoly(128);                // every channel, resample_poly's method
 * }</pre>
 */
public final class Resampler {

  /** Zero crossings of the sinc on each side of the kernel centre. */
  public static final int ZEROS = 16;
  /** Kaiser window shape parameter. */
  public static final double BETA = 8.0;
  /** Kaiser window shape parameter of {@link #resamplePoly}'s filter (SciPy's default {@code ('kaiser', 5.0)}). */
  public static final double POLY_BETA = 5.0;
  /** Largest {@code max(up, down)} (in lowest terms) that {@link #resamplePoly} accepts: its filter has {@code 20 * max + 1} taps. */
  public static final int MAX_POLY_FACTOR = 1 << 16;

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
    return apply(x, m, step, up, first, weights, true);
  }

  /**
   * Output sample {@code k} is {@code sum_j weights[r][j] x[q + first[r] + j]} with {@code q, r} the quotient
   * and remainder of {@code k * step / up}; samples beyond the ends are mirrored or, when {@code mirror} is
   * false, zero. Blocks of outputs run on the worker pool.
   */
  private static double[] apply(double[] x, int m, long step, long up, int[] first, double[][] weights, boolean mirror) {
    int n = x.length;
    double[] y = new double[m];
    int chunks = (m + CHUNK - 1) / CHUNK;
    Workers.forEach("resampling", chunks, chunk -> {
      int end = (int) Math.min(m, (long) (chunk + 1) * CHUNK);
      // quotient and remainder of k * step / up, stepped without a division per output
      long pos = (long) chunk * CHUNK * step;
      int q = (int) (pos / up);
      int r = (int) (pos % up);
      int qStep = (int) (step / up);
      int rStep = (int) (step % up);
      int phases = (int) up;
      for (int k = chunk * CHUNK; k < end; k++) {
        double[] w = weights[r];
        int start = q + first[r];
        y[k] = start >= 0 && start + w.length <= n ? dot(w, x, start)
            : mirror ? mirroredDot(w, x, start) : paddedDot(w, x, start);
        q += qStep;
        r += rStep;
        if (r >= phases) {
          r -= phases;
          q++;
        }
      }
    });
    return y;
  }

  /**
   * Resamples {@code x} by the rational factor {@code up / down} as SciPy's
   * {@code resample_poly(x, up, down)} does with its defaults (see the class comment): output sample
   * {@code m} is at input position {@code m * down / up}, and {@code ceil(n * up / down)} samples come
   * back. The factor is reduced to lowest terms first; {@code up == down} returns a copy.
   */
  public static double[] resamplePoly(double[] x, int up, int down) {
    if (up < 1 || down < 1) {
      throw new IllegalArgumentException("resamplePoly needs up >= 1 and down >= 1, got up=" + up + ", down=" + down);
    }
    Signals.requireFinite(x, "Signal to resample");
    int g = java.math.BigInteger.valueOf(up).gcd(java.math.BigInteger.valueOf(down)).intValue();
    int u = up / g;
    int d = down / g;
    int max = Math.max(u, d);
    if (max > MAX_POLY_FACTOR) {
      throw new IllegalArgumentException("resamplePoly needs max(up, down) in lowest terms at most " + MAX_POLY_FACTOR
          + " (its filter has 20 * max + 1 taps), got up=" + u + ", down=" + d);
    }
    long out = ((long) x.length * u + d - 1) / d;
    if (out > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("resamplePoly would give " + out + " samples from " + x.length
          + " at up=" + u + ", down=" + d + "; at most " + (Integer.MAX_VALUE - 8) + " fit in an array");
    }
    if (u == 1 && d == 1) {
      return x.clone();
    }
    int m = (int) out;
    if (x.length == 0) {
      return new double[0];
    }
    // firwin(2 * half + 1, 1 / max, window=('kaiser', 5.0)) scaled to unit DC gain, times up; tap t is at lag t - half
    int half = 10 * max;
    double[] h = new double[2 * half + 1];
    double sum = 0;
    for (int t = 0; t <= 2 * half; t++) {
      double lag = t - half;
      double r = lag / half;
      double arg = Math.PI * lag / max;
      double sinc = lag == 0 ? 1 : Math.sin(arg) / arg;
      h[t] = sinc * bessel0(POLY_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / max;
      sum += h[t];
    }
    double gain = u / sum;
    // phase r of output m (r = m * down mod up) meets input q at lag m * down - q * up = r + k * up
    int[] first = new int[u];
    double[][] weights = new double[u][];
    for (int r = 0; r < u; r++) {
      int kmin = Math.floorDiv(-half - r + u - 1, u);
      int kmax = Math.floorDiv(half - r, u);
      double[] w = new double[Math.max(0, kmax - kmin + 1)];
      for (int j = 0; j < w.length; j++) {
        w[j] = h[r + (kmax - j) * u + half] * gain;
      }
      first[r] = -kmax;
      weights[r] = w;
    }
    return apply(x, m, d, u, first, weights, false);
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

  /** {@code sum w[j] x[start + j]} with zeros outside {@code x}. */
  private static double paddedDot(double[] w, double[] x, int start) {
    int lo = Math.max(0, -start);
    int hi = Math.min(w.length, x.length - start);
    double sum = 0;
    for (int j = lo; j < hi; j++) {
      sum += w[j] * x[start + j];
    }
    return sum;
  }

  /** {@code {step, up}} with {@code from / to = step / up} in lowest terms, or null when not a small ratio. */
  private static long[] rational(double from, double to) {
    long[] r = ratio(from, to);
    return r != null && r[1] <= 4096 ? r : null;
  }

  /**
   * {@code {step, up}} with {@code from / to = step / up} in lowest terms when both rates are whole
   * multiples of 0.001 Hz, else null.
   */
  private static long[] ratio(double from, double to) {
    long a = Math.round(from * 1000);
    long b = Math.round(to * 1000);
    if (Math.abs(a - from * 1000) > 1e-6 || Math.abs(b - to * 1000) > 1e-6) {
      return null;
    }
    long g = java.math.BigInteger.valueOf(a).gcd(java.math.BigInteger.valueOf(b)).longValue();
    return new long[] {a / g, b / g};
  }

  /**
   * {@link #resamplePoly(double[], int, int)} from {@code from} Hz to {@code to} Hz, with {@code up / down}
   * the ratio {@code to / from} in lowest terms; both rates must be whole multiples of 0.001 Hz.
   */
  public static double[] resamplePoly(double[] x, double from, double to) {
    if (!(from > 0) || !(to > 0) || Double.isInfinite(from) || Double.isInfinite(to)) {
      throw new IllegalArgumentException("Resampling needs positive finite rates, got from=" + from + ", to=" + to);
    }
    long[] r = ratio(from, to);
    if (r == null || r[0] > MAX_POLY_FACTOR || r[1] > MAX_POLY_FACTOR) {
      throw new IllegalArgumentException("resamplePoly needs rates whose ratio is up/down with max(up, down) at most "
          + MAX_POLY_FACTOR + " (multiples of 0.001 Hz), got from=" + from + ", to=" + to);
    }
    return resamplePoly(x, (int) r[1], (int) r[0]);
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
