package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterTest {

  @TempDir Path tmp;

  static final double FS = 500;

  /** Pre-warped analog frequency of the bilinear transform (any constant factor cancels). */
  static double warp(double f) {
    return Math.tan(Math.PI * f / FS);
  }

  /**
   * Analytic |H|^2 of an order-n digital Butterworth filter: 1 / (1 + Omega^(2n)), with Omega the
   * prototype frequency that the bilinear transform and the band transformation give for f.
   */
  static double analyticSquared(Filter.Type type, int n, double lo, double hi, double f) {
    double w = warp(f);
    double omega;
    switch (type) {
      case LOW_PASS -> omega = w / warp(lo);
      case HIGH_PASS -> omega = warp(lo) / w;
      case BAND_PASS -> omega = Math.abs(w * w - warp(lo) * warp(hi)) / (w * (warp(hi) - warp(lo)));
      case BAND_STOP -> omega = w * (warp(hi) - warp(lo)) / Math.abs(w * w - warp(lo) * warp(hi));
      default -> throw new IllegalStateException();
    }
    return 1 / (1 + Math.pow(omega, 2 * n));
  }

  static final Filter[] FILTERS = {
    Filter.lowPass(4, 40), Filter.highPass(3, 0.5), Filter.bandPass(2, 8, 12), Filter.bandPass(4, 0.5, 40),
    Filter.bandStop(3, 45, 55), Filter.notch(50)
  };

  @Test
  void designedResponseMatchesButterworthFormula() {
    double[] freqs = {0.1, 0.5, 1, 5, 8, 10, 12, 20, 40, 45, 49, 50, 51, 55, 80, 120, 200, 240};
    for (Filter f : FILTERS) {
      for (double x : freqs) {
        double want = analyticSquared(f.type(), f.order(), f.low(), f.high(), x);
        assertEquals(want, f.zeroPhaseGain(x, FS), 1e-9, f + " at " + x + " Hz");
      }
      // the edges are the -3 dB points of one pass: |H|^2 = 1/2
      assertEquals(0.5, f.zeroPhaseGain(f.low(), FS), 1e-9, f.toString());
      assertEquals(0.5, f.zeroPhaseGain(f.high(), FS), 1e-9, f.toString());
    }
  }

  /** Filtering a long sinusoid forward-backward scales it by |H(f)|^2 and does not shift it. */
  @Test
  void zeroPhaseFilteringOfSinusoids() {
    int n = 20_000;
    double[][] cases = {{0, 10}, {0, 40}, {0, 80}, {2, 10}, {2, 7}, {2, 15}, {4, 50}, {4, 48}, {1, 0.5}, {1, 2}};
    for (double[] cs : cases) {
      Filter f = FILTERS[(int) cs[0]];
      double hz = cs[1];
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = Math.sin(2 * Math.PI * hz * i / FS + 0.3);
      }
      double[] y = f.apply(x, FS);
      double want = analyticSquared(f.type(), f.order(), f.low(), f.high(), hz);
      // least-squares fit of y = a sin + b cos over the middle: a = gain, b = phase error
      double a = 0;
      double b = 0;
      double ss = 0;
      double cc = 0;
      for (int i = n / 4; i < 3 * n / 4; i++) {
        double s = Math.sin(2 * Math.PI * hz * i / FS + 0.3);
        double c = Math.cos(2 * Math.PI * hz * i / FS + 0.3);
        a += y[i] * s;
        b += y[i] * c;
        ss += s * s;
        cc += c * c;
      }
      a /= ss;
      b /= cc;
      assertEquals(want, a, 2e-3, f + " at " + hz + " Hz: gain");
      assertEquals(0, b, 2e-3, f + " at " + hz + " Hz: phase");
    }
  }

  @Test
  void causalPassHasTheSingleGain() {
    Filter f = Filter.lowPass(4, 40);
    int n = 20_000;
    double hz = 30;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.sin(2 * Math.PI * hz * i / FS);
    }
    double[] y = f.applyCausal(x, FS);
    double peak = 0;
    for (int i = n / 2; i < n; i++) {
      peak = Math.max(peak, Math.abs(y[i]));
    }
    assertEquals(Math.sqrt(analyticSquared(Filter.Type.LOW_PASS, 4, 40, 40, hz)), peak, 2e-3);
  }

  /**
   * The whole zero-phase output equals SciPy's sosfiltfilt with the same design and padding, on an even and an odd
   * length, with one to four second-order sections (the cascade runs them in pairs plus a single one).
   */
  @Test
  void matchesScipySosfiltfilt() throws Exception {
    Filter[] filters = {Filter.lowPass(4, 40), Filter.highPass(3, 0.5), Filter.bandPass(2, 8, 12),
      Filter.bandStop(3, 45, 55), Filter.bandPass(4, 0.5, 40), Filter.lowPass(1, 30)};
    String[] scipy = {"butter(4, 40, 'lowpass', fs=500, output='sos')", "butter(3, 0.5, 'highpass', fs=500, output='sos')",
      "butter(2, [8, 12], 'bandpass', fs=500, output='sos')", "butter(3, [45, 55], 'bandstop', fs=500, output='sos')",
      "butter(4, [0.5, 40], 'bandpass', fs=500, output='sos')", "butter(1, 30, 'lowpass', fs=500, output='sos')"};
    Random rnd = new Random(5);
    StringBuilder script = new StringBuilder("import numpy as np, scipy.signal as s\n");
    double[][] xs = new double[2][];
    for (int n = 0; n < 2; n++) {
      double[] x = new double[3000 - n];
      for (int i = 0; i < x.length; i++) {
        x[i] = rnd.nextGaussian() + 2 * Math.sin(i / 30.0) + 0.01 * i;
      }
      xs[n] = x;
      StringBuilder csv = new StringBuilder();
      for (double v : x) {
        csv.append(String.format(Locale.ROOT, "%.17g%n", v));
      }
      Path in = Files.writeString(tmp.resolve("x" + n + ".txt"), csv);
      script.append("x = np.loadtxt('").append(in).append("')\n");
      for (int k = 0; k < filters.length; k++) {
        script.append("np.savetxt('").append(tmp.resolve("y" + n + "_" + k + ".txt")).append("', s.sosfiltfilt(s.")
            .append(scipy[k]).append(", x, padtype='odd', padlen=").append(filters[k].padLength(x.length, FS))
            .append("), fmt='%.17g')\n");
      }
    }
    assumeScipy(script.toString());
    for (int n = 0; n < 2; n++) {
      double[] x = xs[n];
      for (int k = 0; k < filters.length; k++) {
        double[] want = Files.readAllLines(tmp.resolve("y" + n + "_" + k + ".txt")).stream()
            .mapToDouble(Double::parseDouble).toArray();
        double[] got = filters[k].apply(x, FS);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
          worst = Math.max(worst, Math.abs(want[i] - got[i]));
        }
        assertTrue(worst < 1e-8, filters[k] + ", " + x.length + " samples: worst difference from scipy " + worst);
      }
    }
  }

  /**
   * Long signals are filtered in blocks on the worker pool, each block starting from a warmed-up state: the result
   * equals a plain one-section-after-another cascade over the whole extended signal (written here, the textbook
   * direct form II transposed) and, where SciPy is installed, {@code sosfiltfilt} and {@code sosfilt}, for one to
   * six sections on an odd length of several blocks.
   */
  @Test
  void longSignalsInBlocksMatchTheWholeCascadeAndScipy() throws Exception {
    // every one runs in blocks at this length (warm-ups of 128 to 15,040 samples, 4 to 13 blocks)
    Filter[] filters = {Filter.bandPass(4, 1, 40), Filter.highPass(3, 0.5), Filter.lowPass(1, 30),
      Filter.bandPass(2, 8, 12), Filter.lowPass(12, 100)};
    String[] scipy = {"butter(4, [1, 40], 'bandpass', fs=500, output='sos')",
      "butter(3, 0.5, 'highpass', fs=500, output='sos')", "butter(1, 30, 'lowpass', fs=500, output='sos')",
      "butter(2, [8, 12], 'bandpass', fs=500, output='sos')", "butter(12, 100, 'lowpass', fs=500, output='sos')"};
    int n = 400_001;
    Random rnd = new Random(11);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextGaussian() + 3 * Math.sin(i / 40.0) + 1e-5 * i;
    }
    Path in = tmp.resolve("long.bin");
    writeDoubles(in, x);
    StringBuilder script = new StringBuilder("import numpy as np, scipy.signal as s\n")
        .append("x = np.fromfile('").append(in).append("', dtype='>f8')\n");
    for (int k = 0; k < filters.length; k++) {
      double[] zeroPhase = filters[k].apply(x, FS);
      double[] causal = filters[k].applyCausal(x, FS);
      double[][] sos = filters[k].sections(FS);
      int pad = filters[k].padLength(n, FS);
      double[] ext = new double[n + 2 * pad];
      for (int i = 0; i < pad; i++) {
        ext[i] = 2 * x[0] - x[pad - i];
        ext[n + pad + i] = 2 * x[n - 1] - x[n - 2 - i];
      }
      System.arraycopy(x, 0, ext, pad, n);
      double[] fwd = directForm(sos, ext, true);
      double[] back = directForm(sos, reversed(fwd), true);
      double[] want = java.util.Arrays.copyOfRange(reversed(back), pad, pad + n);
      assertClose(want, zeroPhase, filters[k] + " zero-phase against the whole cascade");
      assertClose(directForm(sos, x, false), causal, filters[k] + " causal against the whole cascade");
      writeDoubles(tmp.resolve("zp" + k + ".bin"), zeroPhase);
      writeDoubles(tmp.resolve("c" + k + ".bin"), causal);
      script.append("sos = s.").append(scipy[k]).append('\n')
          .append("for name, want in (('zp', s.sosfiltfilt(sos, x, padtype='odd', padlen=").append(pad)
          .append(")), ('c', s.sosfilt(sos, x))):\n")
          .append("    got = np.fromfile('").append(tmp).append("/' + name + '").append(k).append(".bin', dtype='>f8')\n")
          .append("    worst = np.abs(got - want).max()\n")
          .append("    assert worst < 1e-8, ('").append(filters[k]).append("', name, worst)\n");
    }
    assumeScipy(script.toString());
  }

  /** Direct form II transposed, one section after the other; from the steady state of the first input or zero. */
  private static double[] directForm(double[][] sos, double[] x, boolean steadyStart) {
    double[] y = x.clone();
    for (double[] s : sos) {
      double z1 = 0;
      double z2 = 0;
      if (steadyStart) {
        double u = y[0];
        double out = u * (s[0] + s[1] + s[2]) / (1 + s[3] + s[4]);
        z1 = out - s[0] * u;
        z2 = s[2] * u - s[4] * out;
      }
      for (int i = 0; i < y.length; i++) {
        double u = y[i];
        double out = s[0] * u + z1;
        z1 = s[1] * u - s[3] * out + z2;
        z2 = s[2] * u - s[4] * out;
        y[i] = out;
      }
    }
    return y;
  }

  private static double[] reversed(double[] x) {
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = x[x.length - 1 - i];
    }
    return r;
  }

  private static void assertClose(double[] want, double[] got, String what) {
    double worst = 0;
    for (int i = 0; i < want.length; i++) {
      worst = Math.max(worst, Math.abs(want[i] - got[i]));
    }
    assertTrue(worst < 1e-9, what + ": worst difference " + worst);
  }

  private static void writeDoubles(Path file, double[] v) throws java.io.IOException {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 8);
    b.asDoubleBuffer().put(v);
    Files.write(file, b.array());
  }

  /**
   * Runs a Python script that needs numpy and scipy; skips the test (assumption) when python3 or scipy
   * is missing, fails when the script itself fails.
   */
  static void assumeScipy(String script) throws Exception {
    Process p;
    try {
      // Debian's interpreter first: CI installs python3-scipy for it (a pyenv python3 may lack scipy)
      String python = java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
      p = new ProcessBuilder(python, "-c",
          "try:\n    import scipy.signal\nexcept ImportError:\n    raise SystemExit(3)\n" + script)
          .redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      org.junit.jupiter.api.Assumptions.abort("python3 is not installed");
      return;
    }
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 timed out");
    assumeTrue(p.exitValue() != 3, "python3 has no scipy (Debian python3-scipy)");
    assertEquals(0, p.exitValue(), "python3 script failed: " + log);
  }

  @Test
  void badArguments() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Filter.lowPass(4, 300).apply(new double[10], 500));
    assertTrue(e.getMessage().contains("Nyquist") && e.getMessage().contains("250"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Filter.bandPass(2, 12, 8));
    assertTrue(e.getMessage().contains("low < high"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Filter.lowPass(0, 10));
    assertTrue(e.getMessage().contains("order"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Filter.highPass(2, -1));
    assertTrue(e.getMessage().contains("cutoff"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Filter.lowPass(2, 10).apply(new double[] {1, Double.NaN, 3}, 100));
    assertTrue(e.getMessage().contains("sample 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Filter.notch(50, 200));
    assertTrue(e.getMessage().contains("width"), e.getMessage());
  }
}
