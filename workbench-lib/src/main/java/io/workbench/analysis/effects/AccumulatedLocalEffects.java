package io.workbench.analysis.effects;

import io.workbench.analysis.AnalysisRun;
import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.explain.Target;
import io.workbench.model.Model;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import io.workbench.stats.Stats;
import java.util.Arrays;
import java.util.List;

/**
 * Accumulated local effects (ALE, Apley and Zhu 2020): how the model's output moves with one feature, or
 * with a pair beyond their separate effects, measured only where the data lie. Unlike partial dependence,
 * ALE never evaluates the model at combinations the data do not contain (such as a large {@code x2} with a
 * small {@code x1} when the two are correlated), so an unused feature that is correlated with a used one
 * gets an effect near 0.
 *
 * <p><b>First order</b> ({@link #oneWay}): the feature's range is cut at its quantiles {@code z_0 < ... <
 * z_K} ({@link #bins(int)} bins, repeated quantiles dropped); every row in bin {@code k} (values in {@code
 * (z_(k-1), z_k]}, the first bin also holding {@code z_0}) is evaluated at both edges of its bin with its
 * other features unchanged; the mean difference per bin is accumulated from {@code z_0}, and the curve is
 * centred so that its mean over the data (each bin counted by its rows, at the mean of its two edge values)
 * is 0.
 *
 * <p><b>Second order</b> ({@link #twoWay}): rows fall into cells of the two quantile grids ({@link
 * #pairBins(int)} per feature); each row's second difference over its cell's four corners is averaged per
 * cell (an empty cell takes the value of the nearest non-empty cell, in bin steps), accumulated over both
 * axes, and the two first-order effects this accumulation contains are removed (equation 14 of the paper,
 * each cell's step taken at the mean of its two edges on the other axis rather than the upper one, so that a
 * product {@code x1 * x2} gives {@code (x1 - mean) * (x2 - mean)} without a half-bin shift), then the surface is centred (each cell counted by its rows, at the mean of its four corners). What remains
 * is the pure interaction: about 0 for an additive model.
 *
 * <p><b>Discrete features</b>: a feature whose values are all whole numbers gets whole-number edges (the
 * quantiles rounded), so the model is only asked about valid values; a binary or one-hot column has one bin
 * (the effect of switching it from 0 to 1). A feature with a single value is rejected. All the edge
 * evaluations of all rows go to the model in batched calls ({@link RunOptions#batchRows()} rows each).
 *
 * <pre>{@code
 * AccumulatedLocalEffects ale = AccumulatedLocalEffects.create().bins(20);
 * AleCurve c = ale.oneWay(model, test, "bmi");          // c.grid(), c.ale(), c.counts()
 * c.plot();                                             // the curve, one call
 * AleSurface s = ale.twoWay(model, test, "bmi", "age"); // s.ale()[i][j]; s.plot() is a heatmap
 * }</pre>
 */
public final class AccumulatedLocalEffects implements RunSettings<AccumulatedLocalEffects> {

  private int bins = 20;
  private int pairBins = 10;
  private int rows = 5000;
  private Target target = Target.auto();
  private RunOptions options = RunOptions.defaults();

  private AccumulatedLocalEffects() {}

  /**
   * 20 quantile bins for one feature, 10 per feature for a pair, up to 5000 rows (drawn with the options'
   * seed, default 42), the positive class of a binary model (the value of a regression model).
   */
  public static AccumulatedLocalEffects create() {
    return new AccumulatedLocalEffects();
  }

  private AccumulatedLocalEffects copy() {
    AccumulatedLocalEffects c = new AccumulatedLocalEffects();
    c.bins = bins;
    c.pairBins = pairBins;
    c.rows = rows;
    c.target = target;
    c.options = options;
    return c;
  }

  /** Quantile bins of a single feature, at least 1 (fewer when quantiles repeat); default 20. */
  public AccumulatedLocalEffects bins(int k) {
    Checks.positive(k, "bins");
    AccumulatedLocalEffects c = copy();
    c.bins = k;
    return c;
  }

  /** Quantile bins per feature of a pair, at least 1 (fewer when quantiles repeat); default 10. */
  public AccumulatedLocalEffects pairBins(int k) {
    Checks.positive(k, "pairBins");
    AccumulatedLocalEffects c = copy();
    c.pairBins = k;
    return c;
  }

  /** At most this many rows, drawn without replacement with the options' seed; default 5000. */
  public AccumulatedLocalEffects rows(int max) {
    Checks.positive(max, "rows");
    AccumulatedLocalEffects c = copy();
    c.rows = max;
    return c;
  }

  /** The output followed: {@link Target#auto()} by default; multi-class models name a class. */
  public AccumulatedLocalEffects target(Target t) {
    Checks.notNull(t, "target");
    AccumulatedLocalEffects c = copy();
    c.target = t;
    return c;
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public AccumulatedLocalEffects withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    AccumulatedLocalEffects c = copy();
    c.options = o;
    return c;
  }

  /** First-order ALE of one feature. */
  public AleCurve oneWay(Model model, Dataset data, String feature) {
    Checks.notNull(model, "model");
    Checks.notNull(data, "data");
    Model.checkFeatures(model, data.features());
    int j = Checks.indices(data.features(), List.of(feature), "oneWay")[0];
    int o = target.outputIndex(model);
    float[][] x = data.x(Stats.sampleIndices(data.rows(), rows, options.seed()));
    double[] z = edges(x, j, bins, feature);
    int n = x.length;
    int d = x[0].length;
    int[] bin = binOf(x, j, z);
    double[] y = new double[2 * n];
    try (AnalysisRun run = AnalysisRun.start("accumulated local effects", 2L * n, options)) {
      run.evaluate(model, 2L * n, d, (v, dest) -> {
        int i = (int) (v >> 1);
        System.arraycopy(x[i], 0, dest, 0, d);
        dest[j] = (float) z[bin[i] - (int) (v & 1)];
      }, (v, out) -> y[(int) v] = out[o]);
    }
    int k = z.length - 1;
    double[] sum = new double[k + 1];
    int[] counts = new int[k + 1];
    for (int i = 0; i < n; i++) {
      sum[bin[i]] += y[2 * i] - y[2 * i + 1];
      counts[bin[i]]++;
    }
    double[] ale = new double[k + 1];
    for (int b = 1; b <= k; b++) {
      ale[b] = ale[b - 1] + (counts[b] == 0 ? 0 : sum[b] / counts[b]);
    }
    double centre = 0;
    for (int b = 1; b <= k; b++) {
      centre += counts[b] * (ale[b - 1] + ale[b]) / 2;
    }
    centre /= n;
    for (int b = 0; b <= k; b++) {
      ale[b] -= centre;
    }
    return new AleCurve(feature, Target.outputName(model, o), z, ale, Arrays.copyOfRange(counts, 1, k + 1));
  }

  /** Second-order ALE of a pair: the interaction surface, without either feature's own effect. */
  public AleSurface twoWay(Model model, Dataset data, String first, String second) {
    Checks.notNull(model, "model");
    Checks.notNull(data, "data");
    Model.checkFeatures(model, data.features());
    int[] jl = Checks.indices(data.features(), List.of(first, second), "twoWay");
    if (jl[0] == jl[1]) {
      throw new IllegalArgumentException("twoWay needs two different features, got '" + first + "' twice");
    }
    int o = target.outputIndex(model);
    float[][] x = data.x(Stats.sampleIndices(data.rows(), rows, options.seed()));
    double[] za = edges(x, jl[0], pairBins, first);
    double[] zb = edges(x, jl[1], pairBins, second);
    int n = x.length;
    int d = x[0].length;
    int[] ba = binOf(x, jl[0], za);
    int[] bb = binOf(x, jl[1], zb);
    double[] y = new double[4 * n];
    try (AnalysisRun run = AnalysisRun.start("accumulated local effects", 4L * n, options)) {
      run.evaluate(model, 4L * n, d, (v, dest) -> {
        int i = (int) (v >> 2);
        int corner = (int) (v & 3);
        System.arraycopy(x[i], 0, dest, 0, d);
        dest[jl[0]] = (float) za[ba[i] - (corner >> 1)];
        dest[jl[1]] = (float) zb[bb[i] - (corner & 1)];
      }, (v, out) -> y[(int) v] = out[o]);
    }
    int ka = za.length - 1;
    int kb = zb.length - 1;
    double[][] cell = new double[ka + 1][kb + 1];
    int[][] counts = new int[ka + 1][kb + 1];
    for (int i = 0; i < n; i++) {
      cell[ba[i]][bb[i]] += y[4 * i] - y[4 * i + 1] - y[4 * i + 2] + y[4 * i + 3];
      counts[ba[i]][bb[i]]++;
    }
    double[][] delta = fillEmpty(cell, counts, ka, kb);
    double[][] acc = new double[ka + 1][kb + 1];
    for (int a = 1; a <= ka; a++) {
      for (int b = 1; b <= kb; b++) {
        acc[a][b] = delta[a][b] + acc[a - 1][b] + acc[a][b - 1] - acc[a - 1][b - 1];
      }
    }
    double[] mainA = mainEffect(acc, counts, ka, kb, true);
    double[] mainB = mainEffect(acc, counts, ka, kb, false);
    double centre = 0;
    for (int a = 0; a <= ka; a++) {
      for (int b = 0; b <= kb; b++) {
        acc[a][b] -= mainA[a] + mainB[b];
      }
    }
    for (int a = 1; a <= ka; a++) {
      for (int b = 1; b <= kb; b++) {
        centre += counts[a][b] * (acc[a - 1][b - 1] + acc[a - 1][b] + acc[a][b - 1] + acc[a][b]) / 4;
      }
    }
    centre /= n;
    int[][] shown = new int[ka][kb];
    for (int a = 0; a <= ka; a++) {
      for (int b = 0; b <= kb; b++) {
        acc[a][b] -= centre;
        if (a > 0 && b > 0) {
          shown[a - 1][b - 1] = counts[a][b];
        }
      }
    }
    return new AleSurface(first, second, Target.outputName(model, o), za, zb, acc, shown);
  }

  /**
   * The first-order effect held in the accumulated surface: along the first axis ({@code alongFirst}),
   * {@code h(k) = sum over k' <= k of the row-weighted mean over the cells (k', m) of the step acc(k', .) -
   * acc(k'-1, .)}, the step taken at the mean of the cell's two edges on the other axis.
   */
  private static double[] mainEffect(double[][] acc, int[][] counts, int ka, int kb, boolean alongFirst) {
    int len = alongFirst ? ka : kb;
    int across = alongFirst ? kb : ka;
    double[] h = new double[len + 1];
    for (int k = 1; k <= len; k++) {
      double s = 0;
      int m = 0;
      for (int c = 1; c <= across; c++) {
        int w = alongFirst ? counts[k][c] : counts[c][k];
        double step = alongFirst ? acc[k][c] - acc[k - 1][c] + acc[k][c - 1] - acc[k - 1][c - 1]
            : acc[c][k] - acc[c][k - 1] + acc[c - 1][k] - acc[c - 1][k - 1];
        s += w * step / 2;
        m += w;
      }
      h[k] = h[k - 1] + (m == 0 ? 0 : s / m);
    }
    return h;
  }

  /** Mean second difference per cell; an empty cell takes the nearest non-empty cell's mean (bin steps). */
  private static double[][] fillEmpty(double[][] sum, int[][] counts, int ka, int kb) {
    double[][] mean = new double[ka + 1][kb + 1];
    for (int a = 1; a <= ka; a++) {
      for (int b = 1; b <= kb; b++) {
        if (counts[a][b] > 0) {
          mean[a][b] = sum[a][b] / counts[a][b];
          continue;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int p = 1; p <= ka; p++) {
          for (int q = 1; q <= kb; q++) {
            double dist = (double) (p - a) * (p - a) + (double) (q - b) * (q - b);
            if (counts[p][q] > 0 && dist < best) {
              best = dist;
              mean[a][b] = sum[p][q] / counts[p][q];
            }
          }
        }
      }
    }
    return mean;
  }

  /**
   * Bin edges of feature {@code j}: type-7 quantiles at {@code 0, 1/k, ..., 1}, rounded for whole-number
   * features, as floats (the values the model will see), repeats dropped.
   */
  static double[] edges(float[][] x, int j, int k, String feature) {
    double[] v = new double[x.length];
    boolean whole = true;
    for (int i = 0; i < x.length; i++) {
      v[i] = x[i][j];
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException("Feature '" + feature + "' is " + v[i] + " in sampled row " + i
            + "; accumulated local effects need finite values of the feature (impute missing values first)");
      }
      whole &= v[i] == Math.rint(v[i]);
    }
    Arrays.sort(v);
    if (v[0] == v[v.length - 1]) {
      throw new IllegalArgumentException("Feature '" + feature + "' has the single value " + v[0] + " in the "
          + x.length + " rows used: an accumulated local effect needs at least two distinct values");
    }
    double[] z = new double[k + 1];
    for (int t = 0; t <= k; t++) {
      double q = Stats.quantile(v, (double) t / k);
      z[t] = whole ? Math.rint(q) : (float) q;
    }
    return Arrays.stream(z).distinct().toArray();
  }

  /** Bin of each row: {@code k} with {@code z_(k-1) < x <= z_k}, values at {@code z_0} in bin 1. */
  static int[] binOf(float[][] x, int j, double[] z) {
    int[] out = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      int pos = Arrays.binarySearch(z, x[i][j]);
      int b = pos >= 0 ? pos : -pos - 1;
      out[i] = Math.max(1, Math.min(b, z.length - 1));
    }
    return out;
  }
}
