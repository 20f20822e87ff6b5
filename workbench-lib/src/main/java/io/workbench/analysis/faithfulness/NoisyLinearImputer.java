package io.workbench.analysis.faithfulness;

import java.util.Arrays;
import java.util.Random;

/**
 * Noisy linear imputation of ROAD (Rong et al. 2022, "A Consistent and Efficient Evaluation Strategy for Attribution
 * Methods"): every removed value becomes the weighted mean of its neighbours (a sparse linear system whose known
 * values are the kept ones), plus Gaussian noise, so that the removal leaks no information through the shape of the
 * mask. Along a time axis ({@code [d]} or {@code [channels, length]}: neighbours t-1 and t+1) the system's solution is
 * the straight line between the nearest kept values on either side (constant beyond the last one); on images
 * ({@code [c, h, w]}, per channel) the 8 neighbours weigh 1/6 (direct) and 1/12 (diagonal), as in the paper, and the
 * system is solved by Gauss-Seidel iteration. A channel with nothing kept gets the mean of the row's kept values.
 */
final class NoisyLinearImputer {

  private final int[] shape;
  private final double noise;

  /** For samples of {@code shape}; noise standard deviation {@code noise} times the row's standard deviation. */
  NoisyLinearImputer(int[] shape, double noise) {
    if (shape.length < 1 || shape.length > 3) {
      throw new IllegalArgumentException("ROAD imputation: sample shape " + Arrays.toString(shape)
          + " is not supported, expected [d], [channels, length] or [c, h, w]");
    }
    this.shape = shape.clone();
    this.noise = noise;
  }

  /** Writes row {@code x} with its {@code removed} values imputed into {@code dest}. */
  void impute(float[] x, boolean[] removed, float[] dest, Random rnd) {
    System.arraycopy(x, 0, dest, 0, x.length);
    double keptMean = 0;
    int kept = 0;
    double m = 0;
    double m2 = 0;
    for (int j = 0; j < x.length; j++) {
      m += x[j];
      m2 += (double) x[j] * x[j];
      if (!removed[j]) {
        keptMean += x[j];
        kept++;
      }
    }
    keptMean = kept == 0 ? 0 : keptMean / kept;
    double sd = Math.sqrt(Math.max(0, m2 / x.length - (m / x.length) * (m / x.length)));
    if (shape.length == 3) {
      int plane = shape[1] * shape[2];
      for (int c = 0; c < shape[0]; c++) {
        grid(dest, removed, c * plane, shape[1], shape[2], keptMean);
      }
    } else {
      int len = shape[shape.length - 1];
      for (int off = 0; off < x.length; off += len) {
        chain(dest, removed, off, len, keptMean);
      }
    }
    if (noise > 0) {
      for (int j = 0; j < x.length; j++) {
        if (removed[j]) {
          dest[j] += (float) (noise * sd * rnd.nextGaussian());
        }
      }
    }
  }

  private static void chain(float[] v, boolean[] removed, int off, int len, double fallback) {
    int t = 0;
    while (t < len) {
      if (!removed[off + t]) {
        t++;
        continue;
      }
      int s = t;
      while (t < len && removed[off + t]) {
        t++;
      }
      boolean left = s > 0;
      boolean right = t < len;
      double l = left ? v[off + s - 1] : 0;
      double r = right ? v[off + t] : 0;
      for (int k = s; k < t; k++) {
        double val;
        if (left && right) {
          val = l + (r - l) * (k - (s - 1)) / (double) (t - (s - 1));
        } else if (left) {
          val = l;
        } else if (right) {
          val = r;
        } else {
          val = fallback;
        }
        v[off + k] = (float) val;
      }
    }
  }

  private static void grid(float[] v, boolean[] removed, int off, int h, int w, double fallback) {
    boolean any = false;
    boolean anyKept = false;
    for (int p = 0; p < h * w; p++) {
      any |= removed[off + p];
      anyKept |= !removed[off + p];
    }
    if (!any) {
      return;
    }
    for (int p = 0; p < h * w; p++) {
      if (removed[off + p]) {
        v[off + p] = (float) fallback;
      }
    }
    if (!anyKept) {
      return;
    }
    double[] val = new double[h * w];
    for (int p = 0; p < h * w; p++) {
      val[p] = v[off + p];
    }
    for (int iter = 0; iter < 2000; iter++) {
      double change = 0;
      for (int r = 0; r < h; r++) {
        for (int c = 0; c < w; c++) {
          int p = r * w + c;
          if (!removed[off + p]) {
            continue;
          }
          double s = 0;
          double wsum = 0;
          for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
              int rr = r + dr;
              int cc = c + dc;
              if ((dr == 0 && dc == 0) || rr < 0 || rr >= h || cc < 0 || cc >= w) {
                continue;
              }
              double wt = dr == 0 || dc == 0 ? 1.0 / 6 : 1.0 / 12;
              s += wt * val[rr * w + cc];
              wsum += wt;
            }
          }
          double nv = s / wsum;
          change = Math.max(change, Math.abs(nv - val[p]));
          val[p] = nv;
        }
      }
      if (change < 1e-7) {
        break;
      }
    }
    for (int p = 0; p < h * w; p++) {
      v[off + p] = (float) val[p];
    }
  }
}
