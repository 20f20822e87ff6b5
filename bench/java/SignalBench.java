import io.workbench.signal.Filter;
import io.workbench.signal.Resampler;
import io.workbench.signal.Welch;
import java.util.Arrays;
import java.util.Random;

/**
 * Signal processing timings on one hour of a 360 Hz signal (1,296,000 samples, seeded): zero-phase
 * Butterworth band-pass (order 4, 0.5-40 Hz), Welch PSD (1024-sample segments, half overlap) and
 * resampling to 250 Hz, by resample_poly's method ("resample") and by the Kaiser-windowed sinc kernel of
 * Resampler.resample ("resample_sinc"). Prints "MEDIAN <name> <seconds>" after warm-up runs.
 */
public class SignalBench {
  public static void main(String[] args) {
    int n = 360 * 3600;
    Random rnd = new Random(42);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.sin(2 * Math.PI * 1.2 * i / 360.0) + 0.3 * rnd.nextGaussian();
    }
    Filter bp = Filter.bandPass(4, 0.5, 40);
    time("filtfilt", 7, () -> bp.apply(x, 360));
    time("welch", 7, () -> Welch.psd(x, 360, 1024, 512));
    time("resample", 5, () -> Resampler.resamplePoly(x, 25, 36));
    time("resample_sinc", 5, () -> Resampler.resample(x, 360, 250));
  }

  static void time(String name, int runs, Runnable r) {
    for (int i = 0; i < 2; i++) {
      r.run();
    }
    double[] t = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      r.run();
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(t);
    System.out.printf(java.util.Locale.ROOT, "MEDIAN %s %.6f%n", name, t[runs / 2]);
  }
}
