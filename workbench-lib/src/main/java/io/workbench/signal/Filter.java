package io.workbench.signal;

import io.workbench.run.Workers;
import java.util.Locale;
import uk.me.berndporr.iirj.Biquad;
import uk.me.berndporr.iirj.Butterworth;

/**
 * A Butterworth filter specification (low-pass, high-pass, band-pass, band-stop or notch), designed for
 * a sampling rate when applied. The design (bilinear transform of the analog Butterworth prototype,
 * cascaded second-order sections) comes from the iirj library; {@link #apply} runs it forward and
 * backward, so the result has no phase shift and its gain is {@code |H(f)|^2}.
 *
 * <p>The order is that of the low-pass prototype; band-pass and band-stop designs have twice as many
 * poles (as in SciPy's {@code butter}). Cut-off frequencies are the -3 dB points of one pass.
 *
 * <pre>{@code
 * Filter f = Filter.bandPass(4, 0.5, 40);     // order 4, 0.5-40 Hz
 * double[] clean = f.apply(samples, 360);     // zero-phase (forward-backward)
 * double g = f.zeroPhaseGain(50, 360);        // |H(50 Hz)|^2
 * Recording r = rec.filter(Filter.notch(50)); // every channel
 * }</pre>
 */
public final class Filter {

  /** The kind of response. */
  public enum Type {
    /** Passes below the cut-off. */
    LOW_PASS,
    /** Passes above the cut-off. */
    HIGH_PASS,
    /** Passes between the two edges. */
    BAND_PASS,
    /** Stops between the two edges (a notch when narrow). */
    BAND_STOP
  }

  /** The second-order section that passes its input unchanged: {@code b0 = 1}, all else 0. */
  private static final double[] IDENTITY = {1, 0, 0, 0, 0};

  /** Shortest block of samples that {@link #apply} filters as one task of the worker pool. */
  private static final int MIN_BLOCK = 1 << 15;

  /** Factor by which the cascade's zero-input response must have decayed over a block's warm-up. */
  private static final double DECAY = 0x1p-60;

  private final Type type;
  private final int order;
  private final double low;
  private final double high;

  private Filter(Type type, int order, double low, double high) {
    if (order < 1 || order > 16) {
      throw new IllegalArgumentException("Butterworth order must be in 1..16, got " + order);
    }
    this.type = type;
    this.order = order;
    this.low = low;
    this.high = high;
  }

  /** Low-pass with the -3 dB point at {@code cutoff} Hz. */
  public static Filter lowPass(int order, double cutoff) {
    requirePositive(cutoff, "cutoff");
    return new Filter(Type.LOW_PASS, order, cutoff, cutoff);
  }

  /** High-pass with the -3 dB point at {@code cutoff} Hz. */
  public static Filter highPass(int order, double cutoff) {
    requirePositive(cutoff, "cutoff");
    return new Filter(Type.HIGH_PASS, order, cutoff, cutoff);
  }

  /** Band-pass between {@code low} and {@code high} Hz (-3 dB edges). */
  public static Filter bandPass(int order, double low, double high) {
    requireEdges(low, high);
    return new Filter(Type.BAND_PASS, order, low, high);
  }

  /** Band-stop between {@code low} and {@code high} Hz (-3 dB edges). */
  public static Filter bandStop(int order, double low, double high) {
    requireEdges(low, high);
    return new Filter(Type.BAND_STOP, order, low, high);
  }

  /** A notch at {@code frequency} Hz: an order-2 band-stop {@code width} Hz wide. */
  public static Filter notch(double frequency, double width) {
    requirePositive(frequency, "frequency");
    requirePositive(width, "width");
    if (width >= 2 * frequency) {
      throw new IllegalArgumentException(
          "Notch width " + width + " Hz must be less than twice the frequency " + frequency + " Hz");
    }
    return bandStop(2, frequency - width / 2, frequency + width / 2);
  }

  /** A notch at {@code frequency} Hz (for example 50 or 60 Hz mains), 2 Hz wide. */
  public static Filter notch(double frequency) {
    return notch(frequency, 2);
  }

  /** The response type. */
  public Type type() {
    return type;
  }

  /** Order of the low-pass prototype. */
  public int order() {
    return order;
  }

  /** Lower edge (the cut-off for low-pass and high-pass). */
  public double low() {
    return low;
  }

  /** Upper edge (the cut-off for low-pass and high-pass). */
  public double high() {
    return high;
  }

  /**
   * Second-order sections for a sampling rate, one row {@code {b0, b1, b2, a1, a2}} per section
   * ({@code a0 = 1}).
   */
  public double[][] sections(double samplingRate) {
    checkRate(samplingRate);
    Butterworth bw = new Butterworth();
    switch (type) {
      case LOW_PASS -> bw.lowPass(order, samplingRate, low);
      case HIGH_PASS -> bw.highPass(order, samplingRate, low);
      case BAND_PASS -> bw.bandPass(order, samplingRate, (low + high) / 2, high - low);
      case BAND_STOP -> bw.bandStop(order, samplingRate, (low + high) / 2, high - low);
      default -> throw new IllegalStateException(type.toString());
    }
    double[][] sos = new double[bw.getNumBiquads()][];
    for (int i = 0; i < sos.length; i++) {
      Biquad q = bw.getBiquad(i);
      double a0 = q.getA0();
      sos[i] = new double[] {q.getB0() / a0, q.getB1() / a0, q.getB2() / a0, q.getA1() / a0, q.getA2() / a0};
    }
    return sos;
  }

  /** Magnitude {@code |H(f)|} of one (causal) pass at {@code frequency} Hz, from the sections. */
  public double gain(double frequency, double samplingRate) {
    double w = 2 * Math.PI * frequency / samplingRate;
    double cr = Math.cos(w);
    double ci = -Math.sin(w);
    double c2r = Math.cos(2 * w);
    double c2i = -Math.sin(2 * w);
    double g = 1;
    for (double[] s : sections(samplingRate)) {
      double nr = s[0] + s[1] * cr + s[2] * c2r;
      double ni = s[1] * ci + s[2] * c2i;
      double dr = 1 + s[3] * cr + s[4] * c2r;
      double di = s[3] * ci + s[4] * c2i;
      g *= Math.sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
    }
    return g;
  }

  /** Gain of the zero-phase (forward-backward) filter at {@code frequency} Hz: {@code |H(f)|^2}. */
  public double zeroPhaseGain(double frequency, double samplingRate) {
    double g = gain(frequency, samplingRate);
    return g * g;
  }

  /**
   * Zero-phase filtering: forward, then backward over the reversed output. The ends are extended by odd
   * reflection and each pass starts from the sections' steady state for the first value (as SciPy's
   * {@code sosfiltfilt}), so there is no start-up transient. The extension is
   * {@link #padLength(int, double)} samples. A long signal is filtered in blocks on the worker pool ({@link
   * Workers}); the blocks depend on the signal's length and the filter only, so the result does not depend on
   * the number of threads.
   */
  public double[] apply(double[] x, double samplingRate) {
    Signals.requireFinite(x, "Signal to filter");
    int n = x.length;
    if (n == 0) {
      return new double[0];
    }
    double[][] sos = sections(samplingRate);
    int pad = padLength(n, samplingRate);
    // the odd extensions at both ends; the signal itself goes from x to out without an extended copy
    double[] head = new double[pad];
    double[] tail = new double[pad];
    for (int i = 0; i < pad; i++) {
      head[i] = 2 * x[0] - x[pad - i];
      tail[i] = 2 * x[n - 1] - x[n - 2 - i];
    }
    double[] out = new double[n];
    double[][] state = steadyState(sos, pad > 0 ? head[0] : x[0]);
    cascade(sos, state, head, head, false);
    cascade(sos, state, x, out, false);
    cascade(sos, state, tail, tail, false);
    // backward from the end of the filtered tail; the head's backward outputs are not part of the result
    state = steadyState(sos, pad > 0 ? tail[pad - 1] : out[n - 1]);
    cascade(sos, state, tail, tail, true);
    cascade(sos, state, out, out, true);
    return out;
  }

  /** One causal pass from a zero state (has the phase delay of the filter). */
  public double[] applyCausal(double[] x, double samplingRate) {
    Signals.requireFinite(x, "Signal to filter");
    double[][] sos = sections(samplingRate);
    double[] y = new double[x.length];
    cascade(sos, new double[sos.length][2], x, y, false);
    return y;
  }

  /**
   * Samples added at each end by {@link #apply}: three times the number of coefficients of the cascade,
   * {@code 3 (2 s + 1)} for {@code s} sections, but at least 3 periods of the lowest edge frequency, and at
   * most {@code length - 1}.
   */
  public int padLength(int length, double samplingRate) {
    int sections = type == Type.LOW_PASS || type == Type.HIGH_PASS ? (order + 1) / 2 : order;
    int pad = Math.max(3 * (2 * sections + 1), (int) Math.ceil(3 * samplingRate / low));
    return Math.max(0, Math.min(length - 1, pad));
  }

  /**
   * The state (direct form II transposed, {@code {s1, s2}} per section) of a cascade that has seen the constant
   * input {@code u0} forever.
   */
  private static double[][] steadyState(double[][] sos, double u0) {
    double[][] state = new double[sos.length][2];
    for (int j = 0; j < sos.length; j++) {
      double[] s = sos[j];
      double y0 = u0 * (s[0] + s[1] + s[2]) / (1 + s[3] + s[4]);
      state[j][1] = s[2] * u0 - s[4] * y0;
      state[j][0] = y0 - s[0] * u0;
      u0 = y0;
    }
    return state;
  }

  /**
   * Runs the cascade over {@code src} into {@code dst} (the same array for in place), forward or (for the
   * second pass of zero-phase filtering) from the last sample to the first, starting from {@code state} and
   * leaving the end state in it.
   *
   * <p>A signal of at least two blocks runs block by block on the worker pool: every block but the first (in
   * the direction of the pass) starts from the state that the cascade reaches over the {@code warm} samples
   * before it from a zero state, which differs from the exact state by at most {@code 2^-60} of the state's size
   * ({@code warm} is chosen so that the cascade's zero-input response has decayed by that factor). The start
   * states are found first, all blocks, then the blocks run, so in-place filtering reads no sample another block
   * has already written. Block length and warm-up depend only on the filter and the length, not on the threads.
   */
  private static void cascade(double[][] sos, double[][] state, double[] src, double[] dst, boolean backward) {
    int n = src.length;
    int warm = n >= 2 * MIN_BLOCK ? warmUp(sos, n / 16) : -1;
    int block = Math.max(MIN_BLOCK, 8 * warm);
    int blocks = warm < 0 ? 1 : (n + block - 1) / block;
    if (blocks < 2) {
      sweep(sos, state, src, dst, 0, n, backward);
      return;
    }
    double[][][] starts = new double[blocks][][];
    starts[0] = state;
    Workers.forEach("filter warm-up", blocks - 1, t -> {
      int b = t + 1;
      // the warm samples just before block b in the pass's direction, filtered from a zero state on a copy
      int lo = backward ? n - b * block : b * block - warm;
      double[] scratch = java.util.Arrays.copyOfRange(src, lo, lo + warm);
      double[][] s = new double[sos.length][2];
      sweep(sos, s, scratch, scratch, 0, warm, backward);
      starts[b] = s;
    });
    Workers.forEach("filtering", blocks, b -> {
      int from = b * block;
      int to = Math.min(n, from + block);
      sweep(sos, starts[b], src, dst, backward ? n - to : from, backward ? n - from : to, backward);
    });
    double[][] end = starts[blocks - 1];
    for (int j = 0; j < sos.length; j++) {
      state[j][0] = end[j][0];
      state[j][1] = end[j][1];
    }
  }

  /**
   * Samples of zero-state warm-up after which the cascade's zero-input response has fallen to at most
   * {@code 2^-60} of its start (the maximum-row-sum norm of the state transition matrix to that power), or -1 when
   * that takes more than {@code limit} samples. Found by repeated squaring, then bisection to a multiple of 64.
   */
  private static int warmUp(double[][] sos, int limit) {
    int d = 2 * sos.length;
    double[][] m = new double[d][d];
    for (int k = 0; k < d; k++) {
      // column k of the one-step transition: the zero-input step applied to the k-th unit state
      double[] st = new double[d];
      st[k] = 1;
      double u = 0;
      for (int j = 0; j < sos.length; j++) {
        double[] s = sos[j];
        double y = s[0] * u + st[2 * j];
        st[2 * j] = s[1] * u - s[3] * y + st[2 * j + 1];
        st[2 * j + 1] = s[2] * u - s[4] * y;
        u = y;
      }
      for (int i = 0; i < d; i++) {
        m[i][k] = st[i];
      }
    }
    // powers[k] = m^(2^k); the first power of two that decays enough, then bisection down to 64 samples
    java.util.List<double[][]> powers = new java.util.ArrayList<>();
    powers.add(m);
    int steps = 1;
    while (steps < 64 || norm(powers.get(powers.size() - 1)) > DECAY) {
      if (steps > limit / 2) {
        return -1;
      }
      powers.add(product(powers.get(powers.size() - 1), powers.get(powers.size() - 1)));
      steps *= 2;
    }
    if (steps == 64) {
      return steps;
    }
    int k = powers.size() - 2;
    int lo = steps / 2;
    double[][] atLo = powers.get(k);
    int hi = steps;
    while (k > 6) {
      k--;
      double[][] mid = product(atLo, powers.get(k));
      if (norm(mid) <= DECAY) {
        hi = lo + (1 << k);
      } else {
        lo += 1 << k;
        atLo = mid;
      }
    }
    return hi;
  }

  private static double[][] product(double[][] a, double[][] b) {
    int d = a.length;
    double[][] c = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int k = 0; k < d; k++) {
        double v = a[i][k];
        for (int j = 0; j < d; j++) {
          c[i][j] += v * b[k][j];
        }
      }
    }
    return c;
  }

  /** Maximum absolute row sum. */
  private static double norm(double[][] m) {
    double worst = 0;
    for (double[] row : m) {
      double s = 0;
      for (double v : row) {
        s += Math.abs(v);
      }
      worst = Math.max(worst, s);
    }
    return worst;
  }

  /**
   * The whole cascade over {@code [lo, hi)} from {@code state} (updated to the end state). Sections go four at a
   * time (one or two: a pair) with their states in local variables (a section's recurrence is the critical path;
   * the others overlap with it), in the same arithmetic as one section after the other; later groups of four
   * run over {@code dst} in place.
   */
  private static void sweep(double[][] sos, double[][] state, double[] src, double[] dst, int lo, int hi,
      boolean backward) {
    if (sos.length <= 2) {
      // one or two sections: a pair sweep costs less than four with identities
      boolean one = sos.length == 1;
      pair(sos[0], state[0], one ? IDENTITY : sos[1], one ? new double[2] : state[1], src, dst, lo, hi, backward);
      return;
    }
    double[] in = src;
    for (int j = 0; j < sos.length; j += 4) {
      // a last group of fewer than four is completed with identity sections (y = v exactly, their states stay zero)
      double[][] group = new double[4][];
      double[][] groupState = new double[4][];
      for (int g = 0; g < 4; g++) {
        boolean real = j + g < sos.length;
        group[g] = real ? sos[j + g] : IDENTITY;
        groupState[g] = real ? state[j + g] : new double[2];
      }
      quad(group, groupState, in, dst, lo, hi, backward);
      in = dst;
    }
  }

  /**
   * Four sections in one sweep over {@code [lo, hi)} (an order-4 band-pass in one pass instead of two): the four
   * recurrences overlap, and the signal is read and written once.
   */
  private static void quad(double[][] sos, double[][] state, double[] src, double[] dst, int lo, int hi,
      boolean backward) {
    double[] s = sos[0];
    double[] t = sos[1];
    double[] u = sos[2];
    double[] r = sos[3];
    double sb0 = s[0], sb1 = s[1], sb2 = s[2], sa1 = s[3], sa2 = s[4];
    double tb0 = t[0], tb1 = t[1], tb2 = t[2], ta1 = t[3], ta2 = t[4];
    double ub0 = u[0], ub1 = u[1], ub2 = u[2], ua1 = u[3], ua2 = u[4];
    double rb0 = r[0], rb1 = r[1], rb2 = r[2], ra1 = r[3], ra2 = r[4];
    double s1 = state[0][0], s2 = state[0][1], t1 = state[1][0], t2 = state[1][1];
    double u1 = state[2][0], u2 = state[2][1], r1 = state[3][0], r2 = state[3][1];
    int step = backward ? -1 : 1;
    int i = backward ? hi - 1 : lo;
    for (int k = hi - lo; k > 0; k--, i += step) {
      double v = src[i];
      double y = Math.fma(sb0, v, s1);
      s1 = Math.fma(-sa1, y, Math.fma(sb1, v, s2));
      s2 = Math.fma(-sa2, y, sb2 * v);
      double w = Math.fma(tb0, y, t1);
      t1 = Math.fma(-ta1, w, Math.fma(tb1, y, t2));
      t2 = Math.fma(-ta2, w, tb2 * y);
      double z = Math.fma(ub0, w, u1);
      u1 = Math.fma(-ua1, z, Math.fma(ub1, w, u2));
      u2 = Math.fma(-ua2, z, ub2 * w);
      double o = Math.fma(rb0, z, r1);
      r1 = Math.fma(-ra1, o, Math.fma(rb1, z, r2));
      r2 = Math.fma(-ra2, o, rb2 * z);
      dst[i] = o;
    }
    state[0][0] = s1;
    state[0][1] = s2;
    state[1][0] = t1;
    state[1][1] = t2;
    state[2][0] = u1;
    state[2][1] = u2;
    state[3][0] = r1;
    state[3][1] = r2;
  }

  /** Two sections in one sweep (the same arithmetic as {@link #quad}'s first two). */
  private static void pair(double[] s, double[] zs, double[] t, double[] zt, double[] src, double[] dst, int lo,
      int hi, boolean backward) {
    double sb0 = s[0], sb1 = s[1], sb2 = s[2], sa1 = s[3], sa2 = s[4];
    double tb0 = t[0], tb1 = t[1], tb2 = t[2], ta1 = t[3], ta2 = t[4];
    double s1 = zs[0], s2 = zs[1], t1 = zt[0], t2 = zt[1];
    int step = backward ? -1 : 1;
    int i = backward ? hi - 1 : lo;
    for (int k = hi - lo; k > 0; k--, i += step) {
      double v = src[i];
      double y = Math.fma(sb0, v, s1);
      s1 = Math.fma(-sa1, y, Math.fma(sb1, v, s2));
      s2 = Math.fma(-sa2, y, sb2 * v);
      double w = Math.fma(tb0, y, t1);
      t1 = Math.fma(-ta1, w, Math.fma(tb1, y, t2));
      t2 = Math.fma(-ta2, w, tb2 * y);
      dst[i] = w;
    }
    zs[0] = s1;
    zs[1] = s2;
    zt[0] = t1;
    zt[1] = t2;
  }

  private void checkRate(double samplingRate) {
    if (!(samplingRate > 0) || Double.isInfinite(samplingRate)) {
      throw new IllegalArgumentException("samplingRate must be a positive number of hertz, got " + samplingRate);
    }
    double nyquist = samplingRate / 2;
    if (high >= nyquist) {
      throw new IllegalArgumentException(
          "Filter " + this + " needs its frequencies below the Nyquist frequency " + nyquist + " Hz of a "
              + samplingRate + " Hz signal");
    }
  }

  private static void requirePositive(double v, String what) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a positive number of hertz, got " + v);
    }
  }

  private static void requireEdges(double low, double high) {
    requirePositive(low, "low");
    requirePositive(high, "high");
    if (!(high > low)) {
      throw new IllegalArgumentException("Band edges need low < high, got low=" + low + ", high=" + high);
    }
  }

  @Override
  public String toString() {
    String kind = type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    String f = type == Type.LOW_PASS || type == Type.HIGH_PASS ? fmt(low) + " Hz" : fmt(low) + "-" + fmt(high) + " Hz";
    return "Butterworth " + kind + " order " + order + ", " + f;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Filter f && f.type == type && f.order == order && f.low == low && f.high == high;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(type, order, low, high);
  }
}
