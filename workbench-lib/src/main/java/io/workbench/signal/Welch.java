package io.workbench.signal;

/**
 * Welch's power spectral density estimate: the signal is cut into segments (default 256 samples, or the
 * whole signal when shorter) overlapping by half, each segment has its mean removed and is multiplied by
 * a periodic Hann window, and the squared magnitudes of their discrete Fourier transforms are averaged
 * and scaled to a one-sided density ({@code 2 |X_k|^2 / (fs sum w^2)}, not doubled at 0 Hz and at the
 * Nyquist frequency). With these defaults the result equals SciPy's {@code scipy.signal.welch(x, fs,
 * nperseg=256)}.
 *
 * <pre>{@code
 * Spectrum s = Welch.psd(samples, 128);            // 256-sample segments, 50% overlap
 * Spectrum fine = Welch.psd(samples, 128, 512, 256);
 * double beta = s.bandPower(Band.BETA);
 * }</pre>
 */
public final class Welch {

  /** Default segment length in samples. */
  public static final int DEFAULT_SEGMENT = 256;

  private Welch() {}

  /** Welch spectrum with segments of {@value #DEFAULT_SEGMENT} samples (fewer when the signal is shorter). */
  public static Spectrum psd(double[] x, double samplingRate) {
    int seg = Math.min(DEFAULT_SEGMENT, x.length);
    return psd(x, samplingRate, seg, seg / 2);
  }

  /**
   * Welch spectrum with a given segment length and overlap (both in samples).
   *
   * @param x the signal, finite, at least {@code segment} samples
   * @param samplingRate hertz
   * @param segment segment length, at least 2
   * @param overlap samples shared by consecutive segments, {@code 0 <= overlap < segment}
   */
  public static Spectrum psd(double[] x, double samplingRate, int segment, int overlap) {
    if (!(samplingRate > 0)) {
      throw new IllegalArgumentException("samplingRate must be positive, got " + samplingRate);
    }
    Signals.requireFinite(x, "Signal for the spectrum");
    if (segment < 2 || segment > x.length) {
      throw new IllegalArgumentException(
          "Welch segment length must be in 2.." + x.length + " (the signal length), got " + segment);
    }
    if (overlap < 0 || overlap >= segment) {
      throw new IllegalArgumentException("Welch overlap must be in 0.." + (segment - 1) + ", got " + overlap);
    }
    int step = segment - overlap;
    int count = (x.length - segment) / step + 1;
    double[] win = new double[segment];
    double wss = 0;
    for (int i = 0; i < segment; i++) {
      win[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / segment);
      wss += win[i] * win[i];
    }
    int bins = segment / 2 + 1;
    double[] acc = new double[bins];
    double[] re = new double[segment];
    double[] im = new double[segment];
    double[] cos = new double[segment];
    double[] sin = new double[segment];
    for (int i = 0; i < segment; i++) {
      cos[i] = Math.cos(2 * Math.PI * i / segment);
      sin[i] = Math.sin(2 * Math.PI * i / segment);
    }
    boolean pow2 = Integer.bitCount(segment) == 1;
    for (int s = 0; s < count; s++) {
      int start = s * step;
      double mean = 0;
      for (int i = 0; i < segment; i++) {
        mean += x[start + i];
      }
      mean /= segment;
      for (int i = 0; i < segment; i++) {
        re[i] = (x[start + i] - mean) * win[i];
        im[i] = 0;
      }
      if (pow2) {
        fft(re, im, cos, sin);
        for (int k = 0; k < bins; k++) {
          acc[k] += re[k] * re[k] + im[k] * im[k];
        }
      } else {
        for (int k = 0; k < bins; k++) {
          double r = 0;
          double q = 0;
          for (int i = 0; i < segment; i++) {
            int idx = (int) (((long) k * i) % segment);
            r += re[i] * cos[idx];
            q -= re[i] * sin[idx];
          }
          acc[k] += r * r + q * q;
        }
      }
    }
    double[] freq = new double[bins];
    double[] psd = new double[bins];
    for (int k = 0; k < bins; k++) {
      freq[k] = k * samplingRate / segment;
      double scale = 1.0 / (samplingRate * wss);
      boolean edge = k == 0 || (segment % 2 == 0 && k == bins - 1);
      psd[k] = acc[k] / count * scale * (edge ? 1 : 2);
    }
    return new Spectrum(freq, psd);
  }

  /** In-place iterative radix-2 FFT (length a power of two), with precomputed twiddle tables. */
  private static void fft(double[] re, double[] im, double[] cos, double[] sin) {
    int n = re.length;
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      int stride = n / len;
      for (int i = 0; i < n; i += len) {
        for (int k = 0; k < len / 2; k++) {
          double wr = cos[k * stride];
          double wi = -sin[k * stride];
          int a = i + k;
          int b = a + len / 2;
          double xr = re[b] * wr - im[b] * wi;
          double xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }
}
