package io.workbench.analysis.faithfulness;

import io.workbench.analysis.AnalysisRun;
import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.data.DatasetBuilder;
import io.workbench.data.Task;
import io.workbench.explain.Attribution;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Max-sensitivity of an explanation (Yeh et al. 2019, as Captum's {@code captum.metrics.sensitivity_max}):
 * {@code max_d ||phi(x + d) - phi(x)|| / ||phi(x)||} over {@link #samples(int)} perturbations {@code d} drawn
 * uniformly from the L-infinity ball of radius {@link #radius(double)} (Captum's default perturbation), with
 * the Euclidean (Frobenius) norm of the flattened attributions. As in Captum, a zero {@code ||phi(x)||} is
 * replaced by 1. The explanation method is re-run on all perturbed rows at once (in chunks of
 * {@link RunOptions#batchRows()} rows). Lower is more robust; a constant explanation scores 0.
 *
 * <pre>{@code
 * SensitivityResult s = MaxSensitivity.create().radius(0.02).samples(10).seed(1)
 *     .compute(d -> ks.target(Target.perRow(d.y())).explain(d), test.head(20));
 * SensitivityResult g = MaxSensitivity.create().compute(rows -> gradients(rows), x);   // float[][] -> double[][]
 * }</pre>
 */
public final class MaxSensitivity implements RunSettings<MaxSensitivity> {

  private final double radius;
  private final int samples;
  private final RunOptions options;

  private MaxSensitivity(double radius, int samples, RunOptions options) {
    this.radius = radius;
    this.samples = samples;
    this.options = options;
  }

  /** Radius 0.02, 10 perturbations per row, {@link RunOptions#defaults()}. */
  public static MaxSensitivity create() {
    return new MaxSensitivity(0.02, 10, RunOptions.defaults());
  }

  /** Radius of the L-infinity ball, {@code > 0}. */
  public MaxSensitivity radius(double r) {
    if (!(r > 0) || !Double.isFinite(r)) {
      throw new IllegalArgumentException("radius must be > 0 and finite, got " + r);
    }
    return new MaxSensitivity(r, samples, options);
  }

  /** Perturbations per row ({@code n_perturb_samples}), at least 1. */
  public MaxSensitivity samples(int n) {
    Checks.positive(n, "samples");
    return new MaxSensitivity(radius, n, options);
  }

  @Override
  public RunOptions options() {
    return options;
  }

  /**
   * A copy with other run options: the seed draws the perturbations, batch rows cap the rows per explainer
   * call. The explainer is called from this thread, one chunk after another (it may use gradients, which are
   * not threaded; give the explainer its own thread count).
   */
  @Override
  public MaxSensitivity withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    return new MaxSensitivity(radius, samples, o);
  }

  /**
   * Max-sensitivity of an explanation function over raw rows: {@code explainer} maps {@code m x d} rows to
   * {@code m x k} attributions (same row order).
   */
  public SensitivityResult compute(Function<float[][], double[][]> explainer, float[][] x) {
    if (explainer == null) {
      throw new IllegalArgumentException("explainer is null");
    }
    checkRows(x);
    return run((rows, src) -> explainer.apply(rows), x);
  }

  /**
   * Max-sensitivity of an explainer over a dataset. Perturbed copies are passed as matrix-backed datasets with
   * the same feature names, sample shape and labels (row {@code i}'s copies keep its label, so
   * {@code d -> explainer.target(Target.perRow(d.y())).explain(d)} explains the same class throughout).
   */
  public SensitivityResult compute(Function<Dataset, Attribution> explainer, Dataset data) {
    if (explainer == null || data == null) {
      throw new IllegalArgumentException((explainer == null ? "explainer" : "data") + " is null");
    }
    float[][] x = data.x();
    checkRows(x);
    int[] shape = data.sampleShape();
    int[] labels = data.target() != null && data.task() == Task.CLASSIFICATION ? data.y() : null;
    double[] values = data.target() != null && data.task() == Task.REGRESSION ? data.yDouble() : null;
    return run((rows, src) -> {
      DatasetBuilder b;
      if (labels != null) {
        int[] y = new int[rows.length];
        for (int i = 0; i < y.length; i++) {
          y[i] = labels[src[i]];
        }
        b = Dataset.builder(Table.create("data", IntColumn.create(data.target(), y))).featureMatrix(data.features(), rows)
            .target(data.target()).classNames(data.classNames());
      } else if (values != null) {
        double[] y = new double[rows.length];
        for (int i = 0; i < y.length; i++) {
          y[i] = values[src[i]];
        }
        b = Dataset.builder(Table.create("data", DoubleColumn.create(data.target(), y)))
            .featureMatrix(data.features(), rows).target(data.target()).regression();
      } else {
        b = Dataset.builder(Table.create("data")).featureMatrix(data.features(), rows);
      }
      Attribution a = explainer.apply(b.sampleShape(shape).build());
      if (a == null) {
        throw new IllegalArgumentException("explainer returned null");
      }
      return a.values();
    }, x);
  }

  private static void checkRows(float[][] x) {
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException("x is null or has no rows");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null || x[i].length != x[0].length) {
        throw new IllegalArgumentException("x row " + i + " has " + (x[i] == null ? "no" : x[i].length)
            + " values, expected " + x[0].length);
      }
    }
  }

  private SensitivityResult run(BiFunction<float[][], int[], double[][]> explain, float[][] x) {
    int n = x.length;
    int d = x[0].length;
    int p = samples;
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    double[][] phi0 = call(explain, x, all, "the original rows");
    double[] norm0 = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (double v : phi0[i]) {
        s += v * v;
      }
      norm0[i] = Math.sqrt(s);
    }
    double[] max = new double[n];
    double[][] each = new double[n][p];
    long total = (long) n * p;
    long seed = options.seed();
    Random rnd = new Random(seed);
    int per = AnalysisRun.rowsPerCall(options.batchRows(), d, AnalysisRun.MAX_CELLS);
    try (AnalysisRun run = AnalysisRun.start("max-sensitivity", total, options)) {
      for (long start = 0; start < total; start += per) {
        run.check();
        sensitivities(explain, x, start, (int) Math.min(per, total - start), rnd, phi0, norm0, each, max);
        run.advance(Math.min(per, total - start), "perturbed rows");
      }
    }
    return new SensitivityResult(max, each, radius, p, seed);
  }

  /** Explains {@code m} perturbed rows from {@code start} on and records their sensitivities. */
  private void sensitivities(BiFunction<float[][], int[], double[][]> explain, float[][] x, long start, int m,
      Random rnd, double[][] phi0, double[] norm0, double[][] each, double[] max) {
    int d = x[0].length;
    int p = samples;
    float[][] rows = new float[m][d];
    int[] src = new int[m];
    for (int r = 0; r < m; r++) {
      int i = (int) ((start + r) / p);
      src[r] = i;
      for (int j = 0; j < d; j++) {
        rows[r][j] = (float) (x[i][j] + radius * (2 * rnd.nextDouble() - 1));
      }
    }
    double[][] phi = call(explain, rows, src, "perturbed rows " + start + ".." + (start + m - 1));
    for (int r = 0; r < m; r++) {
      int i = src[r];
      if (phi[r].length != phi0[i].length) {
        throw new IllegalArgumentException("explainer gave " + phi[r].length + " values for a perturbed copy of row "
            + i + " but " + phi0[i].length + " for the row itself");
      }
      double s = 0;
      for (int j = 0; j < phi[r].length; j++) {
        double dv = phi[r][j] - phi0[i][j];
        s += dv * dv;
      }
      double sens = Math.sqrt(s) / (norm0[i] == 0 ? 1 : norm0[i]);
      each[i][(int) ((start + r) % p)] = sens;
      max[i] = Math.max(max[i], sens);
    }
  }

  private static double[][] call(BiFunction<float[][], int[], double[][]> explain, float[][] rows, int[] src,
      String what) {
    double[][] out = explain.apply(rows, src);
    if (out == null || out.length != rows.length) {
      throw new IllegalArgumentException("explainer returned " + (out == null ? "null" : out.length + " rows")
          + " for " + rows.length + " rows (" + what + "), expected one attribution row per input row");
    }
    for (int r = 0; r < out.length; r++) {
      if (out[r] == null) {
        throw new IllegalArgumentException("explainer returned no attribution for row " + r + " of " + what);
      }
    }
    return out;
  }
}
