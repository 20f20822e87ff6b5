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

  /** Outputs of one phase summed together in {@link #apply}. */
  private static final int LANES = 8;

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
   * false, zero. Blocks of outputs run on the worker pool. Within a block, the outputs {@code k, k + up, k + 2 up,
   * ...} share their phase {@code r} (and {@code q} grows by {@code step}), so they go {@value #LANES} at a time
   * through one pass over that phase's weights: each weight is loaded once for {@value #LANES} sums.
   */
  private static double[] apply(double[] x, int m, long step, long up, int[] first, double[][] weights, boolean mirror) {
    int n = x.length;
    double[] y = new double[m];
    int chunks = (m + CHUNK - 1) / CHUNK;
    int phases = (int) up;
    Workers.forEach("resampling", chunks, chunk -> {
      int k0 = chunk * CHUNK;
      int k1 = (int) Math.min(m, (long) k0 + CHUNK);
      for (int c = 0; c < phases && k0 + c < k1; c++) {
        int k = k0 + c;
        long pos = (long) k * step;
        int r = (int) (pos % up);
        int q = (int) (pos / up);
        double[] w = weights[r];
        int len = w.length;
        int stride = (int) step;
        int start = q + first[r];
        // outputs k, k + up, ...: those whose taps all fall inside x go LANES at a time
        while (k < k1) {
          if (start >= 0 && k + (LANES - 1) * up < k1 && (long) start + (LANES - 1) * step + len <= n) {
            lanes(w, x, start, stride, y, k, phases);
            k += LANES * phases;
            start += LANES * stride;
          } else {
            y[k] = start >= 0 && start + len <= n ? dot(w, x, start)
                : mirror ? mirroredDot(w, x, start) : paddedDot(w, x, start);
            k += phases;
            start += stride;
          }
        }
      }
    });
    return y;
  }

  /**
   * {@value #LANES} outputs of one phase: {@code y[k + l * kStride] = sum_j w[j] x[start + l * stride + j]}, one
   * sum per output in tap order (as {@link #dot}).
   */
  private static void lanes(double[] w, double[] x, int start, int stride, double[] y, int k, int kStride) {
    double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
    int s1 = start + stride, s2 = s1 + stride, s3 = s2 + stride, s4 = s3 + stride, s5 = s4 + stride;
    int s6 = s5 + stride, s7 = s6 + stride;
    for (int j = 0; j < w.length; j++) {
      double v = w[j];
      a0 = Math.fma(v, x[start + j], a0);
      a1 = Math.fma(v, x[s1 + j], a1);
      a2 = Math.fma(v, x[s2 + j], a2);
      a3 = Math.fma(v, x[s3 + j], a3);
      a4 = Math.fma(v, x[s4 + j], a4);
      a5 = Math.fma(v, x[s5 + j], a5);
      a6 = Math.fma(v, x[s6 + j], a6);
      a7 = Math.fma(v, x[s7 + j], a7);
    }
    y[k] = a0;
    y[k + kStride] = a1;
    y[k + 2 * kStride] = a2;
    y[k + 3 * kStride] = a3;
    y[k + 4 * kStride] = a4;
    y[k + 5 * kStride] = a5;
    y[k + 6 * kStride] = a6;
    y[k + 7 * kStride] = a7;
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

  /** {@code sum w[j] x[start + j]}, in tap order. */
  private static double dot(double[] w, double[] x, int start) {
    double s = 0;
    for (int j = 0; j < w.length; j++) {
      s = Math.fma(w[j], x[start + j], s);
    }
    return s;
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
