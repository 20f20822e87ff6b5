package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Resampler#resamplePoly}: SciPy's {@code resample_poly} with its default filter and zero padding. */
class ResamplePolyTest {

  @TempDir Path tmp;

  static final int[][] FACTORS = {{25, 36}, {36, 25}, {2, 1}, {1, 3}, {7, 5}, {4, 6}, {3, 3}};
  static final int[] LENGTHS = {1001, 257, 7, 1};

  static double[] signal(int n, long seed) {
    Random rnd = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextGaussian() + 2 * Math.sin(i / 20.0) + 0.5;
    }
    return x;
  }

  /**
   * Against {@code scipy.signal.resample_poly} (Debian's python3-scipy; skipped with a message without it):
   * several up/down pairs, odd lengths including ones shorter than the filter, and a long signal whose outputs
   * span several blocks of the worker pool.
   */
  @Test
  void matchesScipyResamplePoly() throws Exception {
    StringBuilder script = new StringBuilder("import numpy as np, scipy.signal as s\n");
    List<double[]> inputs = new java.util.ArrayList<>();
    int[] lengths = java.util.stream.IntStream.concat(java.util.Arrays.stream(LENGTHS), java.util.stream.IntStream.of(40_001)).toArray();
    for (int n = 0; n < lengths.length; n++) {
      double[] x = signal(lengths[n], 11 + n);
      inputs.add(x);
      StringBuilder text = new StringBuilder();
      for (double v : x) {
        text.append(String.format(Locale.ROOT, "%.17g%n", v));
      }
      Path in = Files.writeString(tmp.resolve("x" + n + ".txt"), text);
      script.append("x = np.atleast_1d(np.loadtxt('").append(in).append("'))\n");
      int[][] factors = lengths[n] > 10_000 ? new int[][] {{2, 1}} : FACTORS;
      for (int[] f : factors) {
        script.append("np.savetxt('").append(tmp.resolve("y" + n + "_" + f[0] + "_" + f[1] + ".txt"))
            .append("', np.atleast_1d(s.resample_poly(x, ").append(f[0]).append(", ").append(f[1]).append(")), fmt='%.17g')\n");
      }
    }
    FilterTest.assumeScipy(script.toString());
    for (int n = 0; n < lengths.length; n++) {
      int[][] factors = lengths[n] > 10_000 ? new int[][] {{2, 1}} : FACTORS;
      for (int[] f : factors) {
        double[] want = Files.readAllLines(tmp.resolve("y" + n + "_" + f[0] + "_" + f[1] + ".txt")).stream()
            .filter(l -> !l.isBlank()).mapToDouble(Double::parseDouble).toArray();
        double[] got = Resampler.resamplePoly(inputs.get(n), f[0], f[1]);
        assertEquals(want.length, got.length, lengths[n] + " samples, up " + f[0] + ", down " + f[1]);
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
          worst = Math.max(worst, Math.abs(want[i] - got[i]));
        }
        assertTrue(worst < 1e-10, lengths[n] + " samples, up " + f[0] + ", down " + f[1] + ": worst difference from scipy " + worst);
      }
    }
  }

  /**
   * Against the definition computed the slow way: firwin's Kaiser-windowed sinc (closed form, beta 5,
   * cut-off 1 / max(up, down), unit DC gain times up), the signal up-sampled with zeros, fully convolved,
   * and every down-th sample taken from the filter's centre on.
   */
  @Test
  void equalsUpsampleConvolveDownsample() {
    for (int[] f : FACTORS) {
      for (int n : LENGTHS) {
        double[] x = signal(n, n + f[0]);
        int g = java.math.BigInteger.valueOf(f[0]).gcd(java.math.BigInteger.valueOf(f[1])).intValue();
        int up = f[0] / g;
        int down = f[1] / g;
        double[] want;
        if (up == 1 && down == 1) {
          want = x.clone();
        } else {
          int max = Math.max(up, down);
          int half = 10 * max;
          double[] h = new double[2 * half + 1];
          double sum = 0;
          for (int t = 0; t < h.length; t++) {
            double lag = t - half;
            double sinc = lag == 0 ? 1 : Math.sin(Math.PI * lag / max) / (Math.PI * lag / max);
            double r = lag / half;
            h[t] = sinc * besselI0(5.0 * Math.sqrt(1 - r * r));
            sum += h[t];
          }
          double[] u = new double[n * up];
          for (int i = 0; i < n; i++) {
            u[i * up] = x[i];
          }
          want = new double[(n * up + down - 1) / down];
          for (int m = 0; m < want.length; m++) {
            int c = m * down + half;
            double acc = 0;
            for (int t = 0; t < h.length; t++) {
              int i = c - t;
              if (i >= 0 && i < u.length) {
                acc += h[t] * up / sum * u[i];
              }
            }
            want[m] = acc;
          }
        }
        double[] got = Resampler.resamplePoly(x, f[0], f[1]);
        assertEquals(want.length, got.length, n + " samples, up " + f[0] + ", down " + f[1]);
        for (int i = 0; i < want.length; i++) {
          assertEquals(want[i], got[i], 1e-12, n + " samples, up " + f[0] + ", down " + f[1] + ", output " + i);
        }
      }
    }
  }

  /** I0 by its series, summed independently of the library's. */
  static double besselI0(double x) {
    double sum = 0;
    double term = 1;
    for (int k = 0; k < 300; k++) {
      if (k > 0) {
        term *= (x / 2) * (x / 2) / ((double) k * k);
      }
      sum += term;
    }
    return sum;
  }

  /** A recording resampled channel by channel in parallel equals each channel resampled alone. */
  @Test
  void recordingResamplesEveryChannel() {
    double[] a = signal(3600, 1);
    double[] b = signal(3601, 2);
    Recording rec = Recording.of("r", new Channel("a", "mV", 360, a), new Channel("b", "mV", 360, b));
    Recording r = rec.resamplePoly(250);
    assertEquals(250, r.channels().get(0).samplingRate());
    assertArrayEquals(Resampler.resamplePoly(a, 25, 36), r.channels().get(0).samples());
    assertArrayEquals(Resampler.resamplePoly(b, 25, 36), r.channels().get(1).samples());
    assertEquals(2501, r.channels().get(1).samples().length);
  }

  @Test
  void badArguments() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Resampler.resamplePoly(new double[10], 0, 3));
    assertTrue(e.getMessage().contains("up=0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Resampler.resamplePoly(new double[10], 2, -1));
    assertTrue(e.getMessage().contains("down=-1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Resampler.resamplePoly(new double[] {1, Double.NaN}, 2, 3));
    assertTrue(e.getMessage().contains("sample 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Resampler.resamplePoly(new double[10], Integer.MAX_VALUE, 1));
    assertTrue(e.getMessage().contains("at most"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Resampler.resamplePoly(new double[10], 360, 250.0001));
    assertTrue(e.getMessage().contains("250.0001"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Resampler.resamplePoly(new double[10], 360, Double.NaN));
    assertTrue(e.getMessage().contains("positive finite"), e.getMessage());
  }
}
