package io.workbench.explain;

import io.workbench.data.Task;
import io.workbench.eval.Metric;
import io.workbench.eval.Predictions;
import io.workbench.model.LinearInput;
import io.workbench.model.Model;
import io.workbench.run.NativeThreads;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Permutation importance (Breiman 2001; scikit-learn's {@code permutation_importance}): how much a metric
 * worsens when one feature's (or one group's) column is shuffled across the rows of an evaluation set,
 * breaking its link to the target. Reported per feature: the mean and standard deviation (over repeats,
 * population std as scikit-learn) of {@code baseline - permuted} for higher-is-better metrics
 * ({@code permuted - baseline} otherwise), so larger always means more important.
 *
 * <p>Batched: permuted copies of many features are stacked into one matrix and evaluated with one model call
 * per chunk; buffers are reused (only the permuted columns are restored between chunks). Models offering
 * {@link LinearInput} take an exact fast path: shuffling column {@code j} moves the first-layer
 * pre-activations by the rank-one update {@code W[:, j] (x_perm - x)}, so no input matrix is rebuilt.
 * Single-output tree ensembles (XGBoost binary classifiers and regressors) take the tree fast path: their
 * trees are walked in Java and a permuted copy re-walks a tree only for rows whose path splits on a permuted
 * column, from that split down, starting from the model's own margins (used only after the walked trees reproduce the model's outputs on the
 * evaluation rows; float rounding may differ from the native sum in the last bits).
 * Random permutations are seeded per (feature, repeat): results depend on the seed only.
 *
 * <pre>{@code
 * FeatureImportance imp = Explain.permutationImportance(model, test)
 *     .metric(Metric.AUROC).repeats(10).seed(1).explain();      // io.workbench.eval.Metric
 * imp.topFeatures(10);
 * }</pre>
 */
public final class PermutationImportance implements RunSettings<PermutationImportance>, Cloneable {

  private final Model model;
  private final float[][] x;
  private final double[] y;
  private final int[] labels;
  private Metric metric;
  private int repeats = 5;
  private RunOptions options = RunOptions.defaults();
  private Map<String, int[]> groups;
  private boolean fastPath = true;

  PermutationImportance(Model model, float[][] x, double[] y) {
    if (model == null) {
      throw new IllegalArgumentException("model is null");
    }
    int d = model.featureNames().size();
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException("permutation importance needs evaluation rows, got 0");
    }
    if (y == null || y.length != x.length) {
      throw new IllegalArgumentException("permutation importance needs one target per row: " + x.length + " rows, "
          + (y == null ? 0 : y.length) + " targets");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values but the model expects " + d
            + " features");
      }
    }
    if (model.task() == Task.CLASSIFICATION) {
      int k = model.classNames().size();
      for (int i = 0; i < y.length; i++) {
        if (y[i] != Math.rint(y[i]) || y[i] < 0 || y[i] >= k) {
          throw new IllegalArgumentException("target of row " + i + " is " + y[i] + "; expected a class index 0.."
              + (k - 1) + " " + model.classNames());
        }
      }
    }
    this.model = model;
    this.x = x;
    this.y = y.clone();
    if (model.task() == Task.CLASSIFICATION) {
      labels = new int[y.length];
      for (int i = 0; i < y.length; i++) {
        labels[i] = (int) y[i];
      }
    } else {
      labels = null;
    }
    this.metric = Metric.defaultFor(model.task());
  }

  private PermutationImportance copy() {
    try {
      return (PermutationImportance) clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The metric (default {@link Metric#defaultFor}: accuracy for classifiers, R2 for regression). It is computed
   * on {@link Predictions} of the model output against the targets (probabilities for classifiers, output
   * column 0 for regression).
   */
  public PermutationImportance metric(Metric m) {
    if (m == null) {
      throw new IllegalArgumentException("metric is null");
    }
    boolean regression = model.task() == Task.REGRESSION;
    if (regression ? Metric.classification().contains(m) : Metric.regression().contains(m) || m == Metric.MSE) {
      throw new IllegalArgumentException("metric '" + m.name() + "' is for " + (regression ? "classification" : "regression")
          + " but the model does " + model.task() + "; use one of " + (regression
          ? Metric.regression() + " or " + Metric.MSE : Metric.classification()));
    }
    PermutationImportance c = copy();
    c.metric = m;
    return c;
  }

  /** Shuffles per feature (default 5); at least 1. */
  public PermutationImportance repeats(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("repeats must be >= 1, got " + n);
    }
    PermutationImportance c = copy();
    c.repeats = n;
    return c;
  }

  @Override
  public RunOptions options() {
    return options;
  }

  /**
   * A copy with other run options: seed of the shuffles (default {@value RunOptions#DEFAULT_SEED}), worker
   * threads (default: available processors; results do not depend on them), target rows per model call
   * (default 8192; at least one permuted copy per call), progress and cancellation.
   */
  @Override
  public PermutationImportance withOptions(RunOptions o) {
    PermutationImportance c = copy();
    c.options = java.util.Objects.requireNonNull(o, "options");
    return c;
  }

  /**
   * Whether to use the fast paths (default true): {@link LinearInput} for models offering it, the tree path for
   * single-output tree ensembles; false always evaluates batched permuted copies through {@code predictProba}.
   */
  public PermutationImportance fastPath(boolean on) {
    PermutationImportance c = copy();
    c.fastPath = on;
    return c;
  }

  /**
   * Permute groups of columns together instead of single features: group name to feature indices. The result
   * has one entry per group.
   */
  public PermutationImportance groups(Map<String, int[]> g) {
    int d = model.featureNames().size();
    if (g == null || g.isEmpty()) {
      throw new IllegalArgumentException("groups: need at least one group");
    }
    Map<String, int[]> copy = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : g.entrySet()) {
      int[] cols = e.getValue();
      if (cols == null || cols.length == 0) {
        throw new IllegalArgumentException("group '" + e.getKey() + "' is empty");
      }
      for (int j : cols) {
        if (j < 0 || j >= d) {
          throw new IllegalArgumentException("group '" + e.getKey() + "' has feature index " + j
              + "; valid indices are 0.." + (d - 1));
        }
      }
      copy.put(e.getKey(), cols.clone());
    }
    PermutationImportance c = copy();
    c.groups = copy;
    return c;
  }

  /** Groups given by feature names. */
  public PermutationImportance groupsByName(Map<String, List<String>> g) {
    if (g == null || g.isEmpty()) {
      throw new IllegalArgumentException("groups: need at least one group");
    }
    Map<String, int[]> idx = new LinkedHashMap<>();
    List<String> names = model.featureNames();
    for (Map.Entry<String, List<String>> e : g.entrySet()) {
      int[] cols = new int[e.getValue().size()];
      for (int q = 0; q < cols.length; q++) {
        cols[q] = names.indexOf(e.getValue().get(q));
        if (cols[q] < 0) {
          throw new IllegalArgumentException("group '" + e.getKey() + "': unknown feature '" + e.getValue().get(q)
              + "'; model features are " + (names.size() > 20 ? names.subList(0, 20) + "..." : names));
        }
      }
      idx.put(e.getKey(), cols);
    }
    return groups(idx);
  }

  /** Runs it. */
  public FeatureImportance explain() {
    int n = x.length;
    int d = model.featureNames().size();
    List<String> unitNames = new ArrayList<>();
    int[][] units;
    if (groups != null) {
      units = groups.values().toArray(new int[0][]);
      unitNames.addAll(groups.keySet());
    } else {
      units = new int[d][];
      for (int j = 0; j < d; j++) {
        units[j] = new int[] {j};
      }
      unitNames.addAll(model.featureNames());
    }
    int u = units.length;
    double sign = metric.higherIsBetter() ? 1 : -1;
    double[][] drops = new double[u][repeats];
    LinearInput li = fastPath ? model.as(LinearInput.class).orElse(null) : null;
    TreeRoute tree = fastPath && li == null ? TreeRoute.of(model, x) : null;
    long copies = (long) u * repeats;
    double baseline;
    try (Work work = new Work("permutation importance", copies, options);
        NativeThreads.Scope s = NativeThreads.use(options.nativeThreadsFor(1))) {
      baseline = li != null ? Double.NaN : score(Explainer.predict(model, x, options.batchRows()));
      if (li != null) {
        baseline = runLinear(li, units, drops, sign, work);
      } else if (tree != null) {
        runTree(tree, units, drops, baseline, sign, work);
      } else {
        runGeneric(units, drops, baseline, sign, work);
      }
      work.done();
    }
    double[] mean = new double[u];
    double[] std = new double[u];
    for (int q = 0; q < u; q++) {
      double s = 0;
      for (double v : drops[q]) {
        s += v;
      }
      mean[q] = s / repeats;
      double ss = 0;
      for (double v : drops[q]) {
        ss += (v - mean[q]) * (v - mean[q]);
      }
      std[q] = Math.sqrt(ss / repeats);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("metric", metric.name());
    settings.put("repeats", String.valueOf(repeats));
    settings.put("seed", String.valueOf(options.seed()));
    settings.put("rows", String.valueOf(n));
    settings.put("path", li != null ? "linear-input fast path" : tree != null ? "tree fast path" : "batched copies");
    settings.put("evaluations", String.valueOf(copies * n + n));
    return new FeatureImportance("permutation importance", settings, unitNames, mean, std, repeats, metric.name(),
        baseline);
  }

  /** The metric of one block of model output (rows aligned with the evaluation rows). */
  private double score(float[][] out) {
    Predictions p = labels != null
        ? Predictions.ofModelOutput(labels, out, model.classNames())
        : Predictions.ofModelOutput(y, out);
    return metric.compute(p);
  }

  private int[] permutation(int unit, int repeat) {
    int n = x.length;
    SplittableRandom rnd = new SplittableRandom(Work.seedFor(options.seed(), (long) unit * repeats + repeat));
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int r = rnd.nextInt(i + 1);
      int t = p[i];
      p[i] = p[r];
      p[r] = t;
    }
    return p;
  }

  private int copiesPerCall(int widthFloats) {
    int n = x.length;
    long maxFloats = 16L << 20; // 64 MB of floats per worker buffer
    long byRows = Math.max(1, options.batchRows() / n);
    long byMemory = Math.max(1, maxFloats / ((long) n * widthFloats));
    return (int) Math.max(1, Math.min(byRows, byMemory));
  }

  private void runGeneric(int[][] units, double[][] drops, double baseline, double sign, Work work) {
    int n = x.length;
    int d = x[0].length;
    int per = copiesPerCall(d);
    long copies = (long) units.length * repeats;
    int tasks = (int) ((copies + per - 1) / per);
    int t = Math.max(1, Math.min(options.workerThreads(), tasks));
    float[][][] buffers = new float[t][][];
    int[][][] dirty = new int[t][][];
    work.parallel(tasks, t, (task, w) -> {
      long first = (long) task * per;
      int count = (int) Math.min(per, copies - first);
      if (buffers[w] == null) {
        buffers[w] = new float[per * n][];
        for (int r = 0; r < per * n; r++) {
          buffers[w][r] = x[r % n].clone();
        }
        dirty[w] = new int[per][];
      }
      float[][] buf = buffers[w];
      for (int c = 0; c < count; c++) {
        if (dirty[w][c] != null) {
          for (int j : dirty[w][c]) {
            for (int i = 0; i < n; i++) {
              buf[c * n + i][j] = x[i][j];
            }
          }
        }
        long id = first + c;
        int unit = (int) (id / repeats);
        int rep = (int) (id % repeats);
        int[] perm = permutation(unit, rep);
        for (int j : units[unit]) {
          for (int i = 0; i < n; i++) {
            buf[c * n + i][j] = x[perm[i]][j];
          }
        }
        dirty[w][c] = units[unit];
      }
      float[][] in = count == per ? buf : Arrays.copyOf(buf, count * n);
      float[][] out = model.predictProba(in);
      if (out.length != in.length) {
        throw new IllegalStateException("model returned " + out.length + " rows for " + in.length + " inputs");
      }
      for (int c = 0; c < count; c++) {
        long id = first + c;
        double score = score(Arrays.copyOfRange(out, c * n, (c + 1) * n));
        drops[(int) (id / repeats)][(int) (id % repeats)] = sign * (baseline - score);
      }
      work.advance(count);
    });
  }

  /** The tree fast path: a permuted copy re-walks only the (row, tree) paths that split on a permuted column. */
  private void runTree(TreeRoute tree, int[][] units, double[][] drops, double baseline, double sign, Work work) {
    int n = x.length;
    long copies = (long) units.length * repeats;
    int[][] trees = new int[units.length][];
    for (int q = 0; q < units.length; q++) {
      trees[q] = tree.treesUsing(units[q]);
    }
    int t = (int) Math.max(1, Math.min(options.workerThreads(), copies));
    int d = x[0].length;
    float[][][] buffers = new float[t][][];
    double[][] margins = new double[t][];
    work.parallel((int) copies, t, (task, w) -> {
      if (buffers[w] == null) {
        buffers[w] = new float[n][tree.outputs()];
        margins[w] = new double[n];
      }
      int unit = task / repeats;
      int rep = task % repeats;
      boolean[] in = new boolean[d];
      for (int j : units[unit]) {
        in[j] = true;
      }
      tree.permuted(x, units[unit], in, trees[unit], permutation(unit, rep), margins[w], buffers[w]);
      drops[unit][rep] = sign * (baseline - score(buffers[w]));
      work.advance(1);
    });
  }

  /** The fast path; returns the baseline score (from the same pre-activation route, so inert columns score 0). */
  private double runLinear(LinearInput li, int[][] units, double[][] drops, double sign, Work work) {
    int n = x.length;
    int d = x[0].length;
    float[][] wt = li.inputWeights();
    float[] bias = li.inputBias();
    int h = bias.length;
    if (wt.length != h || wt[0].length != d) {
      throw new IllegalStateException("LinearInput weights are " + wt.length + " x " + wt[0].length + ", expected "
          + h + " x " + d);
    }
    // column-major copy of W for the rank-one updates, and the intact pre-activations
    double[][] wcol = new double[d][h];
    for (int k = 0; k < h; k++) {
      for (int j = 0; j < d; j++) {
        wcol[j][k] = wt[k][j];
      }
    }
    double[][] z = new double[n][h];
    for (int i = 0; i < n; i++) {
      float[] xi = x[i];
      for (int k = 0; k < h; k++) {
        double s = bias[k];
        float[] wk = wt[k];
        for (int j = 0; j < d; j++) {
          s += wk[j] * xi[j];
        }
        z[i][k] = s;
      }
    }
    // column-major copy of x: the shuffled reads x[perm[i]][j] stay within one column (no cache miss per row)
    float[][] cols = new float[d][n];
    for (int i = 0; i < n; i++) {
      float[] xi = x[i];
      for (int j = 0; j < d; j++) {
        cols[j][i] = xi[j];
      }
    }
    float[][] zf = new float[n][h];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < h; k++) {
        zf[i][k] = (float) z[i][k];
      }
    }
    double baseline = score(li.predictFromPreActivation(zf));
    int per = copiesPerCall(h);
    long copies = (long) units.length * repeats;
    int tasks = (int) ((copies + per - 1) / per);
    int t = Math.max(1, Math.min(options.workerThreads(), tasks));
    float[][][] buffers = new float[t][][];
    work.parallel(tasks, t, (task, w) -> {
      long first = (long) task * per;
      int count = (int) Math.min(per, copies - first);
      if (buffers[w] == null) {
        buffers[w] = new float[per * n][h];
      }
      float[][] buf = buffers[w];
      double[] acc = new double[h];
      for (int c = 0; c < count; c++) {
        long id = first + c;
        int unit = (int) (id / repeats);
        int[] perm = permutation(unit, (int) (id % repeats));
        shiftedPreActivations(z, cols, wcol, units[unit], perm, buf, c * n, acc);
      }
      float[][] in = count == per ? buf : Arrays.copyOf(buf, count * n);
      float[][] out = li.predictFromPreActivation(in);
      if (out.length != in.length) {
        throw new IllegalStateException("model returned " + out.length + " rows for " + in.length + " inputs");
      }
      for (int c = 0; c < count; c++) {
        long id = first + c;
        double score = score(Arrays.copyOfRange(out, c * n, (c + 1) * n));
        drops[(int) (id / repeats)][(int) (id % repeats)] = sign * (baseline - score);
      }
      work.advance(count);
    });
    return baseline;
  }

  /** Rows {@code offset..offset+n-1} of {@code buf} = z plus the rank-one shifts of the permuted columns. */
  private static void shiftedPreActivations(double[][] z, float[][] cols, double[][] wcol, int[] unitCols, int[] perm,
      float[][] buf, int offset, double[] acc) {
    int n = z.length;
    int h = acc.length;
    for (int i = 0; i < n; i++) {
      double[] zi = z[i];
      for (int k = 0; k < h; k++) {
        acc[k] = zi[k];
      }
      for (int j : unitCols) {
        float[] col = cols[j];
        double delta = col[perm[i]] - col[i];
        if (delta != 0) {
          double[] wj = wcol[j];
          for (int k = 0; k < h; k++) {
            acc[k] += wj[k] * delta;
          }
        }
      }
      float[] row = buf[offset + i];
      for (int k = 0; k < h; k++) {
        row[k] = (float) acc[k];
      }
    }
  }
}
