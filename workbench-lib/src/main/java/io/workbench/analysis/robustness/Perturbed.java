package io.workbench.analysis.robustness;

import io.workbench.analysis.MetricInput;
import io.workbench.explain.Attribution;
import io.workbench.stats.Stats;
import java.util.Random;

/**
 * Seeded perturbed copies of the explained rows ({@code samples} per row, uniform noise of half-width {@code radius}
 * per feature), their attributions by the scored method, and optionally the model outputs of rows and copies.
 */
final class Perturbed {

  final float[][] x;
  final double[][] a;
  final float[][][] xp;
  final double[][][] ap;
  final float[][] out;
  final float[][][] outP;

  private Perturbed(float[][] x, double[][] a, float[][][] xp, double[][][] ap, float[][] out, float[][][] outP) {
    this.x = x;
    this.a = a;
    this.xp = xp;
    this.ap = ap;
    this.out = out;
    this.outP = outP;
  }

  static Perturbed of(MetricInput in, String metric, double radius, int samples, boolean outputs) {
    Attribution at = in.attribution();
    float[][] x = at.inputs();
    int n = x.length;
    int d = x[0].length;
    float[][] rows = new float[n * samples][d];
    int[] targets = new int[n * samples];
    long seed = in.options().seed();
    for (int i = 0; i < n; i++) {
      Random rnd = new Random(seed * 1_000_003L + i);
      for (int p = 0; p < samples; p++) {
        float[] r = rows[i * samples + p];
        for (int j = 0; j < d; j++) {
          r[j] = (float) (x[i][j] + radius * (2 * rnd.nextDouble() - 1));
        }
        targets[i * samples + p] = at.targets()[i];
      }
    }
    double[][] phi = in.explain(rows, targets, metric);
    float[][][] xp = new float[n][samples][];
    double[][][] ap = new double[n][samples][];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < samples; p++) {
        xp[i][p] = rows[i * samples + p];
        ap[i][p] = phi[i * samples + p];
      }
    }
    float[][] out = null;
    float[][][] outP = null;
    if (outputs) {
      out = new float[n][];
      outP = new float[n][samples][];
      float[][] o = out;
      float[][][] op = outP;
      long total = (long) n * (1 + samples);
      int per = 1 + samples;
      in.evaluate(metric, total, (v, dest) -> {
        int i = (int) (v / per);
        int k = (int) (v % per);
        System.arraycopy(k == 0 ? x[i] : rows[i * samples + k - 1], 0, dest, 0, d);
      }, (v, res) -> {
        int i = (int) (v / per);
        int k = (int) (v % per);
        if (k == 0) {
          o[i] = res.clone();
        } else {
          op[i][k - 1] = res.clone();
        }
      });
    }
    return new Perturbed(x, at.values(), xp, ap, out, outP);
  }

  /** Whether copy {@code p} of row {@code i} keeps the row's predicted class (needs outputs). */
  boolean sameClass(int i, int p) {
    return Stats.argmax(out[i]) == Stats.argmax(outP[i][p]);
  }

  static double norm(double[] v) {
    double s = 0;
    for (double e : v) {
      s += e * e;
    }
    return Math.sqrt(s);
  }

  static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return Math.sqrt(s);
  }

  static double distance(float[] a, float[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += ((double) a[j] - b[j]) * ((double) a[j] - b[j]);
    }
    return Math.sqrt(s);
  }
}
