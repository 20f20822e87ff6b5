package io.workbench.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Welch spectra and resampling. */
class SpectralTest {

  @TempDir Path tmp;

  @Test
  void welchMatchesScipy() throws Exception {
    Random rnd = new Random(3);
    double[] x = new double[5000];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextGaussian() + 3 * Math.sin(2 * Math.PI * 10 * i / 128.0) + 0.001 * i;
    }
    StringBuilder csv = new StringBuilder();
    for (double v : x) {
      csv.append(String.format(Locale.ROOT, "%.17g%n", v));
    }
    Path in = Files.writeString(tmp.resolve("x.txt"), csv);
    int[][] settings = {{256, 128}, {200, 50}, {128, 0}};
    StringBuilder script = new StringBuilder("import numpy as np, scipy.signal as s\n")
        .append("x = np.loadtxt('").append(in).append("')\n");
    for (int[] st : settings) {
      script.append("f, p = s.welch(x, fs=128, nperseg=").append(st[0]).append(", noverlap=").append(st[1])
          .append(")\nnp.savetxt('").append(tmp.resolve("p" + st[0] + ".txt"))
          .append("', np.column_stack([f, p]), fmt='%.17g')\n");
    }
    FilterTest.assumeScipy(script.toString());
    for (int[] st : settings) {
      Spectrum got = Welch.psd(x, 128, st[0], st[1]);
      double[] f = got.frequencies();
      double[] p = got.density();
      var lines = Files.readAllLines(tmp.resolve("p" + st[0] + ".txt"));
      assertEquals(lines.size(), f.length);
      for (int k = 0; k < f.length; k++) {
        String[] parts = lines.get(k).trim().split("\\s+");
        assertEquals(Double.parseDouble(parts[0]), f[k], 1e-12);
        double want = Double.parseDouble(parts[1]);
        assertEquals(want, p[k], 1e-9 * Math.max(1, Math.abs(want)), "segment " + st[0] + " bin " + k);
      }
    }
  }

  @Test
  void bandPowerOfSinusoidAndNoise() {
    double fs = 256;
    int n = 256 * 60;
    double[] tone = new double[n];
    for (int i = 0; i < n; i++) {
      tone[i] = 2 * Math.sin(2 * Math.PI * 10 * i / fs + 0.4);
    }
    Spectrum s = Welch.psd(tone, fs);
    // a sinusoid of amplitude A carries A^2 / 2 = 2, all of it within the Hann main lobe (9-11 Hz)
    assertEquals(2.0, s.bandPower(6, 14), 1e-6);
    assertEquals(2.0, s.bandPower(Band.ALPHA), 1e-6);
    assertEquals(0.0, s.bandPower(Band.BETA), 1e-9);
    assertEquals(10.0, s.peakFrequency(1, 100), 1e-9);

    Random rnd = new Random(1);
    double sigma = 0.5;
    double[] noise = new double[n];
    for (int i = 0; i < n; i++) {
      noise[i] = sigma * rnd.nextGaussian();
    }
    Spectrum w = Welch.psd(noise, fs);
    // total power equals the variance (Parseval), within the estimator's noise
    double[] ms = Signals.meanStd(noise);
    assertEquals(ms[1] * ms[1], w.bandPower(0, fs / 2), 0.03 * ms[1] * ms[1]);
    // white noise has the flat one-sided density sigma^2 / (fs / 2): 41 bins of 1 Hz in 60-100 Hz
    double expected = sigma * sigma / (fs / 2) * 41;
    assertEquals(expected, w.bandPower(new Band("high", 60, 100)), 0.1 * expected);
  }

  @Test
  void resamplingKeepsBandLimitedSignals() {
    double from = 360;
    double to = 250;
    int n = 3600;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      double t = i / from;
      x[i] = Math.sin(2 * Math.PI * 7 * t) + 0.5 * Math.cos(2 * Math.PI * 40 * t + 1) + 0.3;
    }
    double[] y = Resampler.resample(x, from, to);
    assertEquals(2500, y.length);
    double worst = 0;
    for (int m = 100; m < y.length - 100; m++) {
      double t = m / to;
      double want = Math.sin(2 * Math.PI * 7 * t) + 0.5 * Math.cos(2 * Math.PI * 40 * t + 1) + 0.3;
      worst = Math.max(worst, Math.abs(y[m] - want));
    }
    assertTrue(worst < 2e-3, "worst interior error " + worst);
    // up-sampling by a non-integer ratio
    double[] z = Resampler.resample(x, from, 1000);
    assertEquals(10000, z.length);
    worst = 0;
    for (int m = 300; m < z.length - 300; m++) {
      double t = m / 1000.0;
      double want = Math.sin(2 * Math.PI * 7 * t) + 0.5 * Math.cos(2 * Math.PI * 40 * t + 1) + 0.3;
      worst = Math.max(worst, Math.abs(z[m] - want));
    }
    assertTrue(worst < 2e-3, "worst interior error " + worst);
  }

  /**
   * A long signal (outputs in several blocks of the worker pool) resampled through the polyphase path equals the
   * documented kernel summed sample by sample: Kaiser-windowed sinc, normalised weights, mirrored ends.
   */
  @Test
  void polyphaseBlocksEqualTheDocumentedKernel() {
    double from = 360;
    double to = 250;
    Random rnd = new Random(3);
    double[] x = new double[200_001];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(i / 50.0) + rnd.nextGaussian();
    }
    double[] y = Resampler.resample(x, from, to);
    assertEquals(Math.round(x.length * to / from), y.length);
    double c = to / from;
    double half = Resampler.ZEROS / c;
    int n = x.length;
    for (int k : new int[] {0, 1, 5, 65_535, 65_536, 65_537, 131_071, 131_072, y.length - 2, y.length - 1}) {
      // output k is at input position 36 k / 25 = q + frac (exact, so that p - j loses no digits at large k)
      long q = 36L * k / 25;
      double frac = (36L * k % 25) / 25.0;
      double sum = 0;
      double wsum = 0;
      for (int jj = (int) Math.ceil(frac - half); jj <= (int) Math.floor(frac + half); jj++) {
        double d = frac - jj;
        long j = q + jj;
        double r = d / half;
        double w = besselI0(Resampler.BETA * Math.sqrt(Math.max(0, 1 - r * r))) / besselI0(Resampler.BETA)
            * (d == 0 ? 1 : Math.sin(Math.PI * c * d) / (Math.PI * c * d));
        int m = (int) Math.floorMod(j, 2L * (n - 1));
        sum += w * x[m < n ? m : 2 * (n - 1) - m];
        wsum += w;
      }
      assertEquals(sum / wsum, y[k], 1e-12, "output sample " + k);
    }
  }

  /** I0 by its power series, summed to the last term that changes the sum. */
  private static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    for (int k = 1; sum + term != sum || k < 3; k++) {
      term *= x * x / 4 / ((double) k * k);
      sum += term;
    }
    return sum;
  }

  @Test
  void irrationalRatioUsesTheDirectKernel() {
    double from = 360;
    double to = 100 * Math.PI; // no small rational ratio: every output sample computes its own weights
    double[] x = new double[1800];
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.sin(2 * Math.PI * 13 * i / from);
    }
    double[] y = Resampler.resample(x, from, to);
    assertEquals(Math.round(1800 * to / from), y.length);
    double worst = 0;
    for (int m = 100; m < y.length - 100; m++) {
      worst = Math.max(worst, Math.abs(y[m] - Math.sin(2 * Math.PI * 13 * m / to)));
    }
    assertTrue(worst < 2e-3, "worst interior error " + worst);
  }

  @Test
  void downsamplingRemovesWhatWouldAlias() {
    double from = 500;
    int n = 5000;
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.sin(2 * Math.PI * 100 * i / from); // above the new Nyquist frequency of 64 Hz
    }
    double[] y = Resampler.resample(x, from, 128);
    double peak = 0;
    for (int m = 50; m < y.length - 50; m++) {
      peak = Math.max(peak, Math.abs(y[m]));
    }
    assertTrue(peak < 2e-3, "100 Hz should be removed before sampling at 128 Hz, left " + peak);
  }

  @Test
  void badArguments() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Welch.psd(new double[100], 100, 200, 0));
    assertTrue(e.getMessage().contains("segment"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Welch.psd(new double[100], 100, 50, 50));
    assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new double[10], 0, 100));
    assertTrue(e.getMessage().contains("rates"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Band("x", 10, 5));
    assertTrue(e.getMessage().contains("low < high"), e.getMessage());
  }
}
