package io.workbench.analysis.faithfulness;

import io.workbench.analysis.AnalysisRun;
import io.workbench.check.Checks;
import io.workbench.data.Task;
import io.workbench.explain.Attribution;
import io.workbench.explain.Baseline;
import io.workbench.model.Model;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import java.util.Arrays;
import java.util.Random;

/**
 * Deletion and insertion curves (Samek et al. 2017, Petsiuk et al. 2018): does the model output fall fastest
 * when the features an attribution ranks highest are removed first? For each explained row the features (or
 * feature groups / windows) are ordered by attribution; <em>deletion</em> replaces them one step at a time by a
 * {@link Baseline}, <em>insertion</em> starts from the baseline and puts the real values back. At every step
 * the model output of the row's target class is recorded (all rows x steps evaluated in a few large batched
 * calls). The same is done with a seeded random ordering for comparison. A faithful attribution gives a low
 * deletion area and a high insertion area compared with random; ordering least-relevant-first reverses that.
 *
 * <pre>{@code
 * Faithfulness f = Faithfulness.create().baseline(Baseline.mean(train.x())).steps(50).seed(1);
 * FaithfulnessCurve del = f.deletion(model, attribution);    // del.auc() vs del.randomAuc()
 * FaithfulnessCurve ins = f.insertion(model, attribution);
 * f.order(Faithfulness.Order.LEAST_RELEVANT_FIRST).deletion(model, attribution);   // reverse check
 * Faithfulness.create().windows(8).deletion(model, ecgAttribution);                // signals: 8-sample windows
 * }</pre>
 */
public final class Faithfulness implements RunSettings<Faithfulness> {

  /** Which features go first. */
  public enum Order {
    /** Highest attribution first (the usual curve). */
    MOST_RELEVANT_FIRST,
    /** Lowest attribution first (the reverse check: the output should change slowly). */
    LEAST_RELEVANT_FIRST
  }

  private Baseline baseline = Baseline.constant(0);
  private int steps = 50;
  private int stepSize;
  private double stepFraction;
  private boolean absolute;
  private Order order = Order.MOST_RELEVANT_FIRST;
  private boolean random = true;
  private boolean keepRows;
  private int[] groups;
  private int window;
  private RunOptions options = RunOptions.defaults();

  private Faithfulness() {}

  /**
   * Baseline 0, 50 steps (fewer when there are fewer features), signed ranking, most relevant first, a random
   * ordering too (drawn with the options' seed), no per-row curves kept, single features (no groups),
   * {@link RunOptions#defaults()}.
   */
  public static Faithfulness create() {
    return new Faithfulness();
  }

  private Faithfulness copy() {
    Faithfulness c = new Faithfulness();
    c.baseline = baseline;
    c.steps = steps;
    c.stepSize = stepSize;
    c.stepFraction = stepFraction;
    c.absolute = absolute;
    c.order = order;
    c.random = random;
    c.keepRows = keepRows;
    c.groups = groups;
    c.window = window;
    c.options = options;
    return c;
  }

  /** What replaces a removed feature (deletion) or where insertion starts. */
  public Faithfulness baseline(Baseline b) {
    if (b == null) {
      throw new IllegalArgumentException("baseline is null");
    }
    Faithfulness c = copy();
    c.baseline = b;
    return c;
  }

  /** Number of steps ({@code >= 1}); the curve has {@code min(steps, units) + 1} points. */
  public Faithfulness steps(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + n);
    }
    Faithfulness c = copy();
    c.steps = n;
    c.stepSize = 0;
    c.stepFraction = 0;
    return c;
  }

  /** Features (or groups) removed per step ({@code >= 1}), instead of a number of steps. */
  public Faithfulness stepSize(int units) {
    if (units < 1) {
      throw new IllegalArgumentException("stepSize must be >= 1 feature, got " + units);
    }
    Faithfulness c = copy();
    c.steps = 0;
    c.stepSize = units;
    c.stepFraction = 0;
    return c;
  }

  /** Fraction of the features (or groups) removed per step, in (0, 1]. */
  public Faithfulness stepFraction(double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("stepFraction must be in (0, 1], got " + fraction);
    }
    Faithfulness c = copy();
    c.steps = 0;
    c.stepSize = 0;
    c.stepFraction = fraction;
    return c;
  }

  /** Rank by |attribution| instead of the signed value (default false: signed, positive evidence first). */
  public Faithfulness absolute(boolean abs) {
    Faithfulness c = copy();
    c.absolute = abs;
    return c;
  }

  /** Most or least relevant first. */
  public Faithfulness order(Order o) {
    if (o == null) {
      throw new IllegalArgumentException("order is null");
    }
    Faithfulness c = copy();
    c.order = o;
    return c;
  }

  /** Whether to compute the random-ordering curve too (default true). */
  public Faithfulness random(boolean on) {
    Faithfulness c = copy();
    c.random = on;
    return c;
  }

  /** Keep every row's curve in the result (default false: mean curve and per-row areas only). */
  public Faithfulness keepRows(boolean keep) {
    Faithfulness c = copy();
    c.keepRows = keep;
    return c;
  }

  /**
   * Feature groups removed together: {@code groupOf[j]} is the group id ({@code 0..G-1}) of feature {@code j};
   * a group is ranked by the sum of its attributions (or of their absolute values).
   */
  public Faithfulness groups(int... groupOf) {
    if (groupOf == null || groupOf.length == 0) {
      throw new IllegalArgumentException("groups is null or empty");
    }
    int g = Arrays.stream(groupOf).max().getAsInt() + 1;
    boolean[] seen = new boolean[g];
    for (int j = 0; j < groupOf.length; j++) {
      if (groupOf[j] < 0) {
        throw new IllegalArgumentException("groups: feature " + j + " has group " + groupOf[j] + ", expected >= 0");
      }
      seen[groupOf[j]] = true;
    }
    for (int k = 0; k < g; k++) {
      if (!seen[k]) {
        throw new IllegalArgumentException("groups: ids must be 0.." + (g - 1) + " without gaps, group " + k + " is empty");
      }
    }
    Faithfulness c = copy();
    c.groups = groupOf.clone();
    c.window = 0;
    return c;
  }

  /**
   * Windows of the sample shape removed together: segments of {@code size} values for {@code [d]}, time
   * windows of {@code size} samples per channel for {@code [channels, length]}, {@code size x size} patches
   * (all channels together) for {@code [c, h, w]}.
   */
  public Faithfulness windows(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("windows: size must be >= 1, got " + size);
    }
    Faithfulness c = copy();
    c.groups = null;
    c.window = size;
    return c;
  }

  @Override
  public RunOptions options() {
    return options;
  }

  /**
   * A copy with other run options: the seed draws the random ordering; all rows x steps go through the model
   * in batches from the worker threads.
   */
  @Override
  public Faithfulness withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    Faithfulness c = copy();
    c.options = o;
    return c;
  }

  /** Deletion curve of an attribution (its explained rows, values, targets and sample shape). */
  public FaithfulnessCurve deletion(Model model, Attribution attribution) {
    return run(true, model, attribution);
  }

  /** Insertion curve of an attribution. */
  public FaithfulnessCurve insertion(Model model, Attribution attribution) {
    return run(false, model, attribution);
  }

  /**
   * Deletion curve from raw arrays: {@code x} and {@code attributions} are {@code rows x features},
   * {@code targets} the explained output per row (0 for regression).
   */
  public FaithfulnessCurve deletion(Model model, float[][] x, double[][] attributions, int[] targets) {
    return run(true, model, x, attributions, targets, null);
  }

  /** Insertion curve from raw arrays (see {@link #deletion(Model, float[][], double[][], int[])}). */
  public FaithfulnessCurve insertion(Model model, float[][] x, double[][] attributions, int[] targets) {
    return run(false, model, x, attributions, targets, null);
  }

  private FaithfulnessCurve run(boolean deletion, Model model, Attribution a) {
    if (a == null) {
      throw new IllegalArgumentException("attribution is null");
    }
    return run(deletion, model, a.inputs(), a.values(), a.targets(), a.sampleShape());
  }

  private FaithfulnessCurve run(boolean deletion, Model model, float[][] x, double[][] phi, int[] targets, int[] shape) {
    int d = Inputs.check(model, x, phi, targets);
    int n = x.length;
    int[] unitOf = groups != null ? groups : window > 0 ? windowGroups(shape == null ? new int[] {d} : shape, window)
        : null;
    if (unitOf != null && unitOf.length != d) {
      throw new IllegalArgumentException("groups cover " + unitOf.length + " features, expected " + d);
    }
    int units = unitOf == null ? d : Arrays.stream(unitOf).max().getAsInt() + 1;
    int s = steps > 0 ? Math.min(steps, units)
        : stepSize > 0 ? (units + stepSize - 1) / stepSize
        : (int) Math.min(units, Math.ceil(1.0 / stepFraction - 1e-9));
    int[] removed = new int[s + 1];
    for (int k = 0; k <= s; k++) {
      removed[k] = stepSize > 0 ? Math.min(units, k * stepSize) : (int) Math.round((double) k * units / s);
    }
    double[] xs = new double[s + 1];
    for (int k = 0; k <= s; k++) {
      xs[k] = (double) removed[k] / units;
    }
    float[][] base = baseline.resolve(model, n);
    int[][] members = members(unitOf, units);
    int curves = random ? 2 : 1;
    // per curve kind and row: features in removal order, and how many features are gone after each step
    int[][][] featOrder = new int[curves][n][];
    int[][][] featCount = new int[curves][n][];
    Random rnd = new Random(options.seed());
    for (int i = 0; i < n; i++) {
      double[] score = unitScores(phi[i], unitOf, units);
      Integer[] idx = new Integer[units];
      for (int u = 0; u < units; u++) {
        idx[u] = u;
      }
      boolean most = order == Order.MOST_RELEVANT_FIRST;
      Arrays.sort(idx, (p, q) -> most ? Double.compare(score[q], score[p]) : Double.compare(score[p], score[q]));
      int[] ranked = new int[units];
      for (int u = 0; u < units; u++) {
        ranked[u] = idx[u];
      }
      flatten(ranked, members, removed, d, featOrder[0], featCount[0], i);
      if (random) {
        int[] perm = new int[units];
        for (int u = 0; u < units; u++) {
          perm[u] = u;
        }
        for (int u = units - 1; u > 0; u--) {
          int j = rnd.nextInt(u + 1);
          int t = perm[u];
          perm[u] = perm[j];
          perm[j] = t;
        }
        flatten(perm, members, removed, d, featOrder[1], featCount[1], i);
      }
    }
    int points = s + 1;
    double[][][] y = new double[curves][n][points];
    long perCurve = (long) n * points;
    try (AnalysisRun run = AnalysisRun.start(deletion ? "deletion curve" : "insertion curve", perCurve * curves,
        options)) {
      run.evaluate(model, perCurve * curves, d, (v, dest) -> {
        int c = (int) (v / perCurve);
        int i = (int) ((v % perCurve) / points);
        int k = (int) (v % points);
        float[] start = deletion ? x[i] : base[i];
        float[] other = deletion ? base[i] : x[i];
        System.arraycopy(start, 0, dest, 0, d);
        int[] f = featOrder[c][i];
        for (int t = 0, m = featCount[c][i][k]; t < m; t++) {
          dest[f[t]] = other[f[t]];
        }
      }, (v, out) -> {
        int c = (int) (v / perCurve);
        int i = (int) ((v % perCurve) / points);
        y[c][i][(int) (v % points)] = out[targets[i]];
      });
    }
    double[][] mean = new double[curves][points];
    double[][] rowAuc = new double[curves][n];
    for (int c = 0; c < curves; c++) {
      for (int i = 0; i < n; i++) {
        rowAuc[c][i] = trapezoid(xs, y[c][i]);
        for (int k = 0; k < points; k++) {
          mean[c][k] += y[c][i][k] / n;
        }
      }
    }
    String ranking = (order == Order.MOST_RELEVANT_FIRST ? "most relevant first" : "least relevant first")
        + (absolute ? " (|attribution|)" : " (signed attribution)");
    return new FaithfulnessCurve(deletion ? "deletion" : "insertion", ranking, baseline.toString(), xs, mean[0],
        trapezoid(xs, mean[0]), rowAuc[0], random ? mean[1] : null, random ? trapezoid(xs, mean[1]) : Double.NaN,
        random ? rowAuc[1] : null, keepRows ? y[0] : null, units);
  }

  private double[] unitScores(double[] phi, int[] unitOf, int units) {
    double[] sc = new double[units];
    for (int j = 0; j < phi.length; j++) {
      sc[unitOf == null ? j : unitOf[j]] += absolute ? Math.abs(phi[j]) : phi[j];
    }
    return sc;
  }

  private static int[][] members(int[] unitOf, int units) {
    int[][] m = new int[units][];
    if (unitOf == null) {
      for (int u = 0; u < units; u++) {
        m[u] = new int[] {u};
      }
      return m;
    }
    int[] count = new int[units];
    for (int g : unitOf) {
      count[g]++;
    }
    for (int u = 0; u < units; u++) {
      m[u] = new int[count[u]];
    }
    int[] fill = new int[units];
    for (int j = 0; j < unitOf.length; j++) {
      m[unitOf[j]][fill[unitOf[j]]++] = j;
    }
    return m;
  }

  private static void flatten(int[] unitOrder, int[][] members, int[] removed, int d, int[][] orderOut,
      int[][] countOut, int i) {
    int[] f = new int[d];
    int[] cumul = new int[unitOrder.length + 1];
    int t = 0;
    for (int u = 0; u < unitOrder.length; u++) {
      for (int j : members[unitOrder[u]]) {
        f[t++] = j;
      }
      cumul[u + 1] = t;
    }
    int[] cnt = new int[removed.length];
    for (int k = 0; k < removed.length; k++) {
      cnt[k] = cumul[removed[k]];
    }
    orderOut[i] = f;
    countOut[i] = cnt;
  }

  /** Group ids of windows over a sample shape (see {@link #windows(int)}). */
  static int[] windowGroups(int[] shape, int size) {
    int d = 1;
    for (int v : shape) {
      d *= v;
    }
    int[] g = new int[d];
    if (shape.length == 1) {
      for (int j = 0; j < d; j++) {
        g[j] = j / size;
      }
    } else if (shape.length == 2) {
      int len = shape[1];
      int per = (len + size - 1) / size;
      for (int c = 0; c < shape[0]; c++) {
        for (int t = 0; t < len; t++) {
          g[c * len + t] = c * per + t / size;
        }
      }
    } else if (shape.length == 3) {
      int h = shape[1];
      int w = shape[2];
      int pw = (w + size - 1) / size;
      for (int c = 0; c < shape[0]; c++) {
        for (int r = 0; r < h; r++) {
          for (int q = 0; q < w; q++) {
            g[(c * h + r) * w + q] = (r / size) * pw + q / size;
          }
        }
      }
    } else {
      throw new IllegalArgumentException("windows: sample shape " + Arrays.toString(shape)
          + " is not supported, expected [d], [channels, length] or [c, h, w]");
    }
    return g;
  }

  /** Area under a curve by the trapezoid rule. */
  static double trapezoid(double[] x, double[] y) {
    double a = 0;
    for (int k = 0; k + 1 < x.length; k++) {
      a += (x[k + 1] - x[k]) * (y[k] + y[k + 1]) / 2;
    }
    return a;
  }

  /** Shared input checks of the faithfulness measures (package-internal). */
  static final class Inputs {
    private Inputs() {}

    /** Checks shapes, finiteness and targets; returns the number of features. */
    static int check(Model model, float[][] x, double[][] phi, int[] targets) {
      if (model == null) {
        throw new IllegalArgumentException("model is null");
      }
      if (x == null || x.length == 0) {
        throw new IllegalArgumentException("x is null or has no rows");
      }
      if (phi == null || targets == null) {
        throw new IllegalArgumentException((phi == null ? "attributions" : "targets") + " is null");
      }
      if (phi.length != x.length) {
        throw new IllegalArgumentException("attributions have " + phi.length + " rows but x has " + x.length
            + " rows; expected one attribution row per explained row");
      }
      if (targets.length != x.length) {
        throw new IllegalArgumentException("targets has " + targets.length + " entries, expected " + x.length
            + " (one per row)");
      }
      int d = model.featureNames().size();
      int outputs = model.task() == Task.REGRESSION ? 1 : model.classNames().size();
      for (int i = 0; i < x.length; i++) {
        if (x[i].length != d) {
          throw new IllegalArgumentException("x row " + i + " has " + x[i].length + " features, the model expects " + d);
        }
        if (phi[i].length != d) {
          throw new IllegalArgumentException("attribution row " + i + " has " + phi[i].length + " values, expected " + d
              + " (one per feature)");
        }
        for (int j = 0; j < d; j++) {
          if (!Double.isFinite(phi[i][j])) {
            throw new IllegalArgumentException("attribution row " + i + ", feature " + j + " is " + phi[i][j]);
          }
        }
        if (targets[i] < 0 || targets[i] >= outputs) {
          throw new IllegalArgumentException("target of row " + i + " is " + targets[i] + ", expected 0.." + (outputs - 1)
              + (outputs == 1 ? " (regression has one output)" : " (class indices of " + model.classNames() + ")"));
        }
      }
      return d;
    }
  }
}
