package io.workbench.explain;

import io.workbench.model.Model;
import io.workbench.model.TreeEnsemble;
import java.util.Arrays;

/**
 * Exact TreeSHAP for tree ensembles (a model with the {@link TreeEnsemble} capability, such as XGBoost).
 *
 * <p><b>Path-dependent</b> (default, Lundberg et al. 2020): the expectation over absent features follows the trees'
 * covers, as XGBoost's {@code predictContrib}. The trees are walked in Java with Fast TreeSHAP v2 (Yang 2021:
 * per-leaf tables precomputed once per model, then one look-up per leaf and path feature), in parallel over rows
 * ({@link #threads(int)}; the numbers never depend on it); ensembles whose tables would be too large (deep trees)
 * or whose dump cannot be read use XGBoost's native {@code predictContrib} ({@link Algorithm#NATIVE}).
 *
 * <p><b>Interventional</b> ({@link #background(Background)}; shap's {@code feature_perturbation="interventional"}):
 * the exact Shapley values of {@code v(S) = E_b f(x_S, b_rest)} over a background, in margin space or, for binary
 * classifiers, in probability space ({@link Output#PROBABILITY}: each reference's values scaled to the change of
 * the probability, as shap does), comparable to Kernel SHAP's values with the same background.
 *
 * <p>Values are in the model's <em>margin</em> space by default: log-odds of the target class for binary
 * classifiers, the softmax input for multi-class, the predicted value for regression. Base values and outputs are
 * in the same space and the attribution is additive: values sum to output minus base. SHAP interaction values
 * (path-dependent, as XGBoost's {@code pred_interactions}) come from {@link #interactions(float[][])}.
 *
 * <pre>{@code
 * Model xgb = Models.xgboost().fit(train);
 * Attribution shap = Explain.treeShap(xgb).explain(test);                 // class 1, log-odds
 * Attribution prob = Explain.treeShap(xgb).background(Background.sample(train, 100, 1))
 *     .output(TreeShap.Output.PROBABILITY).explain(test.head(50));        // interventional, probability
 * InteractionValues iv = Explain.treeShap(xgb).interactions(test.head(20));
 * iv.plot();                                                              // mean |interaction| matrix
 * }</pre>
 */
public final class TreeShap extends Explainer<TreeShap> {

  /** How path-dependent values are computed. */
  public enum Algorithm {
    /** Fast TreeSHAP in Java when the trees can be read and their tables fit, else native (default). */
    AUTO,
    /** Fast TreeSHAP v2 in Java; fails when the model's trees cannot be read or are too deep for its tables. */
    FAST,
    /** XGBoost's own {@code predictContrib}. */
    NATIVE
  }

  /** The space of the explained output. */
  public enum Output {
    /** The margin: log-odds (binary), softmax input (multi-class), value (regression). Default. */
    MARGIN,
    /** The probability of the target class (binary classifiers, with a background only). */
    PROBABILITY
  }

  /** Rows per block of Fast TreeSHAP: a tree's tables stay in cache while a block walks it. */
  private static final int BLOCK = 64;

  private transient TreeEnsemble trees;
  /** The parsed trees of this model; rebuilt for another model by {@link #bind()}. */
  private transient Holder holder;
  private Algorithm algorithm = Algorithm.AUTO;
  private Background background;
  private Output output = Output.MARGIN;

  /** The parsed trees, shared by every copy of one explainer (built on first use). */
  private static final class Holder {
    private boolean built;
    private TreeForest forest;
    private FastTreeShap fast;

    synchronized TreeForest forest(Model model, float[][] probe) {
      if (!built) {
        forest = TreeForest.of(model, probe);
        fast = forest == null ? null : FastTreeShap.of(forest);
        built = true;
      }
      return forest;
    }

    synchronized FastTreeShap fast() {
      return fast;
    }
  }

  TreeShap(Model model) {
    super(model);
    this.trees = trees(model);
    this.holder = new Holder();
  }

  @Override
  void bind() {
    trees = trees(model);
    holder = new Holder();
  }

  private static TreeEnsemble trees(Model model) {
    return model.as(TreeEnsemble.class).orElseThrow(() -> new IllegalArgumentException(
        "tree SHAP needs a tree ensemble (XGBoost); this model is " + model.getClass().getSimpleName()
            + " without the TreeEnsemble capability; use Explain.kernelShap"));
  }

  /** How path-dependent values are computed (default {@link Algorithm#AUTO}). */
  public TreeShap algorithm(Algorithm a) {
    if (a == null) {
      throw new IllegalArgumentException("algorithm is null; use TreeShap.Algorithm.AUTO, FAST or NATIVE");
    }
    TreeShap c = copy();
    c.algorithm = a;
    return c;
  }

  /** Interventional TreeSHAP against this background (checked against the model's features). */
  public TreeShap background(Background bg) {
    if (bg == null) {
      throw new IllegalArgumentException("background is null; pass Background.sample(train, 100, seed)");
    }
    bg.checkAgainst(model);
    TreeShap c = copy();
    c.background = bg;
    return c;
  }

  /** Interventional TreeSHAP against every row of a dataset (summarise large ones with {@link Background}). */
  public TreeShap background(io.workbench.data.Dataset bg) {
    if (bg == null) {
      throw new IllegalArgumentException("background is null; pass Background.sample(train, 100, seed)");
    }
    return background(Background.of(bg));
  }

  /** The explained output's space (default {@link Output#MARGIN}). */
  public TreeShap output(Output o) {
    if (o == null) {
      throw new IllegalArgumentException("output is null; use TreeShap.Output.MARGIN or PROBABILITY");
    }
    TreeShap c = copy();
    c.output = o;
    return c;
  }

  @Override
  String methodName() {
    return background == null ? "tree SHAP" : "interventional tree SHAP";
  }

  @Override
  String outputSpace() {
    if (output == Output.PROBABILITY) {
      return "probability";
    }
    if (model.task() == io.workbench.data.Task.REGRESSION) {
      return "value";
    }
    return model.classNames().size() == 2 || model.task() == io.workbench.data.Task.MULTI_LABEL ? "log-odds" : "margin";
  }

  @Override
  void validate(int[] shape) {
    if (output == Output.PROBABILITY && (background == null || !binary())) {
      throw new IllegalArgumentException("TreeShap.Output.PROBABILITY needs a background (interventional TreeSHAP)"
          + " and a binary classifier; this explainer has " + (background == null ? "no background" : "a model with "
          + model.classNames().size() + " classes") + "; use Output.MARGIN");
    }
    if (background != null && algorithm == Algorithm.NATIVE) {
      throw new IllegalArgumentException("interventional TreeSHAP walks the trees in Java; Algorithm.NATIVE computes"
          + " path-dependent values only");
    }
  }

  private boolean binary() {
    return model.task() == io.workbench.data.Task.CLASSIFICATION && model.classNames().size() == 2;
  }

  /** The margin output of a target and its sign (binary class 0 is the negated log-odds of class 1). */
  private int outputOf(int target) {
    return trees.numOutputs() == 1 ? 0 : target;
  }

  private double signOf(int target) {
    return binary() && target == 0 ? -1 : 1;
  }

  /** The forest, or a failure naming why it is needed. */
  private TreeForest requireForest(float[][] probe, String what) {
    TreeForest f = holder.forest(model, probe);
    if (f == null) {
      throw new IllegalArgumentException(what + " needs the model's trees, but its tree dump could not be read or"
          + " does not reproduce its margins (categorical splits?); use path-dependent TreeSHAP (no background)");
    }
    return f;
  }

  @Override
  Attribution compute(Context ctx) {
    if (background != null) {
      return interventional(ctx, requireForest(ctx.x(), "interventional TreeSHAP"));
    }
    FastTreeShap fast = null;
    if (algorithm != Algorithm.NATIVE) {
      holder.forest(model, ctx.x());
      fast = holder.fast();
      if (fast == null && algorithm == Algorithm.FAST) {
        throw new IllegalArgumentException("Algorithm.FAST: the trees could not be read or are too deep for Fast"
            + " TreeSHAP's tables (at most " + FastTreeShap.MAX_TABLE + " entries); use Algorithm.AUTO or NATIVE");
      }
    }
    return fast == null ? nativeValues(ctx) : fastValues(ctx, fast, holder.forest(model, ctx.x()));
  }

  private Attribution fastValues(Context ctx, FastTreeShap fast, TreeForest forest) {
    float[][] x = ctx.x();
    int n = x.length;
    int d = x[0].length;
    double[][] values = new double[n][d];
    double[] base = new double[n];
    double[] margin = new double[n];
    int[] outputs = new int[n];
    for (int i = 0; i < n; i++) {
      outputs[i] = outputOf(ctx.targets()[i]);
    }
    int blocks = (n + BLOCK - 1) / BLOCK;
    ctx.work().parallel(blocks, threads(), (blk, w) -> {
      int from = blk * BLOCK;
      int to = Math.min(n, from + BLOCK);
      fast.contributions(outputs, x, from, to, values);
      for (int i = from; i < to; i++) {
        double sign = signOf(ctx.targets()[i]);
        for (int j = 0; j < d; j++) {
          values[i][j] *= sign;
        }
        base[i] = sign * fast.expected[outputs[i]];
        margin[i] = sign * forest.margin(outputs[i], x[i]);
      }
      ctx.work().advance(to - from);
    });
    return start(ctx).values(values).baseValues(base).outputs(margin).additive(true).evaluations(n)
        .setting("output", "margin (log-odds for classifiers)").setting("trees", forest.trees.length)
        .setting("algorithm", "fast TreeSHAP v2").build();
  }

  private Attribution interventional(Context ctx, TreeForest forest) {
    float[][] x = ctx.x();
    int n = x.length;
    int d = x[0].length;
    float[][] bg = background.rowsView();
    double[] bw = background.weightsView();
    InterventionalTreeShap alg = new InterventionalTreeShap(forest);
    boolean prob = output == Output.PROBABILITY;
    int outputs = forest.outputs;
    int[][][] bgRoutes = new int[bg.length][][];
    for (int b = 0; b < bg.length; b++) {
      bgRoutes[b] = alg.routes(bg[b]);
    }
    double[][] bgMargin = new double[outputs][bg.length];
    for (int o = 0; o < outputs; o++) {
      for (int b = 0; b < bg.length; b++) {
        bgMargin[o][b] = forest.margin(o, bg[b]);
      }
    }
    double[][] values = new double[n][];
    double[] base = new double[n];
    double[] out = new double[n];
    InterventionalTreeShap.Scratch[] scratch = new InterventionalTreeShap.Scratch[threads()];
    ctx.work().parallel(n, threads(), (i, w) -> {
      if (scratch[w] == null) {
        scratch[w] = new InterventionalTreeShap.Scratch(d);
      }
      int t = ctx.targets()[i];
      int o = outputOf(t);
      double sign = signOf(t);
      double mx = forest.margin(o, x[i]);
      double[] phi = new double[d];
      double b0 = 0;
      int[][] rx = alg.routes(x[i]);
      for (int b = 0; b < bg.length; b++) {
        double mb = bgMargin[o][b];
        double scale = bw[b];
        if (prob) {
          double diff = mx - mb;
          scale *= Math.abs(diff) > 1e-12 ? (sigmoid(mx) - sigmoid(mb)) / diff : sigmoid(mx) * (1 - sigmoid(mx));
          b0 += bw[b] * sigmoid(mb);
        } else {
          b0 += bw[b] * mb;
        }
        alg.add(o, rx, bgRoutes[b], scale, phi, scratch[w]);
      }
      double fx = prob ? sigmoid(mx) : mx;
      if (sign < 0) {
        for (int j = 0; j < d; j++) {
          phi[j] = -phi[j];
        }
        fx = prob ? 1 - fx : -fx;
        b0 = prob ? 1 - b0 : -b0;
      }
      values[i] = phi;
      base[i] = b0;
      out[i] = fx;
      ctx.work().advance(1);
    });
    return start(ctx).values(values).baseValues(base).outputs(out).additive(true)
        .evaluations((long) n * bg.length).setting("output", prob ? "probability" : "margin")
        .setting("background", background.size()).setting("trees", forest.trees.length).build();
  }

  private static double sigmoid(double m) {
    return 1 / (1 + Math.exp(-m));
  }

  private Attribution nativeValues(Context ctx) {
    float[][] x = ctx.x();
    int n = x.length;
    int d = x[0].length;
    int[] targets = ctx.targets();
    double[][] values = new double[n][];
    double[] base = new double[n];
    double[] margin = new double[n];
    for (int s = 0; s < n; s += batchRows()) {
      ctx.work().check();
      int e = Math.min(n, s + batchRows());
      int[] classes = Arrays.stream(targets, s, e).distinct().sorted().toArray();
      for (int k : classes) {
        int[] rows = java.util.stream.IntStream.range(s, e).filter(i -> targets[i] == k).toArray();
        float[][] sub = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
          sub[r] = x[rows[r]];
        }
        double[][] phi = trees.predictContrib(sub, k);
        double[] m = trees.predictMargin(sub, k);
        if (phi.length != rows.length || m.length != rows.length) {
          throw new IllegalStateException("tree ensemble returned " + phi.length + " contribution rows and "
              + m.length + " margins for " + rows.length + " inputs");
        }
        for (int r = 0; r < rows.length; r++) {
          if (phi[r].length != d + 1) {
            throw new IllegalStateException("tree ensemble returned " + phi[r].length + " contributions per row, expected "
                + (d + 1) + " (features + bias)");
          }
          values[rows[r]] = Arrays.copyOf(phi[r], d);
          base[rows[r]] = phi[r][d];
          margin[rows[r]] = m[r];
        }
      }
      ctx.work().advance(e - s);
    }
    return start(ctx).values(values).baseValues(base).outputs(margin).additive(true).evaluations(n)
        .setting("output", "margin (log-odds for classifiers)").setting("trees", trees.numTrees())
        .setting("algorithm", "native").build();
  }

  /**
   * Path-dependent SHAP interaction values of the target for each row (as XGBoost's {@code pred_interactions}):
   * {@code features x features} per row, symmetric, each row of a matrix summing to the feature's SHAP value.
   * Costs about {@code depth^2} times the SHAP values.
   *
   * @throws IllegalArgumentException when the trees cannot be read or a background is set (interaction values
   *     are path-dependent only)
   */
  public InteractionValues interactions(float[][] rows) {
    if (background != null) {
      throw new IllegalArgumentException("interaction values are path-dependent; remove the background");
    }
    Attribution a = explain(rows); // checks the rows, resolves targets, gives outputs and base values
    float[][] x = a.inputs();
    TreeForest forest = requireForest(x, "interaction values");
    FastTreeShap alg = FastTreeShap.forInteractions(forest);
    int n = x.length;
    double[][][] v = new double[n][][];
    try (Work work = new Work("tree SHAP interactions", n, options)) {
      work.parallel(n, threads(), (i, w) -> {
        int t = a.targets()[i];
        double[][] m = alg.interactions(outputOf(t), x[i]);
        double sign = signOf(t);
        if (sign < 0) {
          for (double[] r : m) {
            for (int j = 0; j < r.length; j++) {
              r[j] = -r[j];
            }
          }
        }
        v[i] = m;
        work.advance(1);
      });
      work.done();
    }
    return new InteractionValues(a, v);
  }

  /** {@link #interactions(float[][])} of a dataset's rows (features checked by name). */
  public InteractionValues interactions(io.workbench.data.Dataset rows) {
    if (rows == null) {
      throw new IllegalArgumentException("rows is null");
    }
    Model.checkFeatures(model, rows.features());
    return interactions(rows.x());
  }
}
