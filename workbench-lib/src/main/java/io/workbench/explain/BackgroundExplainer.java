package io.workbench.explain;

import io.workbench.model.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An explainer whose absent features are taken from a {@link Background} (interventional Shapley values):
 * {@code v(S) = sum_b w_b f(x_S, b_rest)}. The base value is {@code v(empty) = E_b f(b)}.
 *
 * @param <B> the concrete explainer type
 */
public abstract class BackgroundExplainer<B extends BackgroundExplainer<B>> extends Explainer<B> {

  final Background background;
  Link link = Link.IDENTITY;
  /** Feature indices per player (null: every feature is its own player). */
  int[][] units;
  List<String> unitNames;

  BackgroundExplainer(Model model, Background background) {
    super(model);
    if (background == null) {
      throw new IllegalArgumentException("background is null");
    }
    background.checkAgainst(model);
    this.background = background;
  }

  /**
   * Explain groups of features as single players (super-pixels, channel x time windows, one-hot blocks): a
   * group is present or absent as a whole. The attribution then has one value per group (named by the map's
   * keys, in its order; sample shape {@code [groups]}; input value = the mean of the group's features).
   * Groups must not overlap; features in no group always take the explained row's value.
   */
  public B groups(Map<String, int[]> groups) {
    int d = model.featureNames().size();
    if (groups == null || groups.isEmpty()) {
      throw new IllegalArgumentException("groups: need at least one group");
    }
    int[] owner = new int[d];
    java.util.Arrays.fill(owner, -1);
    List<String> names = new ArrayList<>();
    int[][] u = new int[groups.size()][];
    int g = 0;
    for (Map.Entry<String, int[]> e : new LinkedHashMap<>(groups).entrySet()) {
      int[] cols = e.getValue();
      if (cols == null || cols.length == 0) {
        throw new IllegalArgumentException("group '" + e.getKey() + "' is empty");
      }
      for (int j : cols) {
        if (j < 0 || j >= d) {
          throw new IllegalArgumentException("group '" + e.getKey() + "' has feature index " + j
              + "; valid indices are 0.." + (d - 1));
        }
        if (owner[j] >= 0) {
          throw new IllegalArgumentException("feature " + j + " is in groups '" + names.get(owner[j]) + "' and '"
              + e.getKey() + "'; groups must not overlap");
        }
        owner[j] = g;
      }
      names.add(e.getKey());
      u[g++] = cols.clone();
    }
    B c = copy();
    c.units = u;
    c.unitNames = List.copyOf(names);
    return c;
  }

  /**
   * The output space (shap's {@code link}; default {@link Link#IDENTITY}): {@link Link#LOGIT} explains the log-odds
   * of a classifier's probabilities, {@code v(S) = logit(E_b f(x_S, b))}, to compare with TreeSHAP in margin space.
   *
   * @throws IllegalArgumentException for {@link Link#LOGIT} on a regression model
   */
  public B link(Link l) {
    if (l == null) {
      throw new IllegalArgumentException("link is null; use Link.IDENTITY or Link.LOGIT");
    }
    if (l == Link.LOGIT && model.task() == io.workbench.data.Task.REGRESSION) {
      throw new IllegalArgumentException("Link.LOGIT needs probabilities, but the model does regression; use"
          + " Link.IDENTITY");
    }
    B c = copy();
    c.link = l;
    return c;
  }

  @Override
  float[][] explained(float[][] fx) {
    if (link == Link.IDENTITY) {
      return fx;
    }
    float[][] out = new float[fx.length][];
    for (int i = 0; i < fx.length; i++) {
      out[i] = new float[fx[i].length];
      for (int k = 0; k < fx[i].length; k++) {
        out[i][k] = (float) link.apply(fx[i][k]);
      }
    }
    return out;
  }

  @Override
  String outputSpace() {
    return link == Link.LOGIT ? "log-odds" : super.outputSpace();
  }

  /** Feature indices of each player. */
  int[][] players() {
    if (units != null) {
      return units;
    }
    int d = model.featureNames().size();
    int[][] u = new int[d][];
    for (int j = 0; j < d; j++) {
      u[j] = new int[] {j};
    }
    return u;
  }

  /**
   * The row's base value {@code v(empty)}: {@code E_b f(b)}, or, when some features are in no group, the
   * expectation with those features kept at the row's values.
   */
  double baseFor(CoalitionEvaluator ev, float[] x, int t, int[] fixed, double[] expected) {
    if (fixed.length == 0) {
      return expected[t];
    }
    float[][] bg = background.rowsView();
    return ev.evaluate(1, q -> t, (q, b, row) -> CoalitionEvaluator.masked(row, bg[b], x, fixed, fixed.length))[0];
  }

  /** Features in no player: they always keep the explained row's value. */
  static int[] fixedFeatures(int[][] players, int d) {
    boolean[] in = new boolean[d];
    int count = 0;
    for (int[] p : players) {
      for (int j : p) {
        in[j] = true;
        count++;
      }
    }
    int[] out = new int[d - count];
    int k = 0;
    for (int j = 0; j < d; j++) {
      if (!in[j]) {
        out[k++] = j;
      }
    }
    return out;
  }

  /** Features of the given players, concatenated. */
  static int[] featuresOf(int[][] players, int[] chosen, int count) {
    int total = 0;
    for (int q = 0; q < count; q++) {
      total += players[chosen[q]].length;
    }
    int[] out = new int[total];
    int k = 0;
    for (int q = 0; q < count; q++) {
      for (int j : players[chosen[q]]) {
        out[k++] = j;
      }
    }
    return out;
  }

  @Override
  Attribution.Builder start(Context ctx) {
    Attribution.Builder b = super.start(ctx);
    if (link != Link.IDENTITY) {
      b.setting("link", link.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (units == null) {
      return b;
    }
    float[][] means = new float[ctx.x().length][units.length];
    for (int i = 0; i < means.length; i++) {
      for (int g = 0; g < units.length; g++) {
        double s = 0;
        for (int j : units[g]) {
          s += ctx.x()[i][j];
        }
        means[i][g] = (float) (s / units[g].length);
      }
    }
    return b.renamed(unitNames, new int[] {units.length}, means).setting("groups", units.length);
  }

  /** The background distribution.
  public Background background() {
    return background;
  }

  /** {@code link(E_b f(b))} per output index. */
  double[] expectedOutputs() {
    float[][] fb = predict(model, background.rowsView(), batchRows());
    double[] w = background.weightsView();
    double[] e = new double[fb[0].length];
    for (int b = 0; b < fb.length; b++) {
      for (int k = 0; k < e.length; k++) {
        e[k] += w[b] * fb[b][k];
      }
    }
    for (int k = 0; k < e.length; k++) {
      e[k] = link.apply(e[k]);
    }
    return e;
  }

  /** Players (features or groups) where some background row differs from {@code x}; the others get exactly 0. */
  int[] varying(float[] x, int[][] players) {
    float[][] bg = background.rowsView();
    int[] out = new int[players.length];
    int n = 0;
    for (int g = 0; g < players.length; g++) {
      search:
      for (int j : players[g]) {
        for (float[] row : bg) {
          if (row[j] != x[j]) {
            out[n++] = g;
            break search;
          }
        }
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * One evaluator per worker. With fewer rows than threads, each evaluator also spreads its batches over
   * {@code threads / rows} threads (explaining a single row still uses every core).
   */
  CoalitionEvaluator[] evaluators(Work work, int rows) {
    CoalitionEvaluator[] ev = new CoalitionEvaluator[threads()];
    int inner = rows < threads() ? Math.max(1, threads() / rows) : 1;
    for (int w = 0; w < threads(); w++) {
      ev[w] = new CoalitionEvaluator(model, background.weightsView(), model.featureNames().size(), batchRows(), work,
          inner, link);
    }
    return ev;
  }

  static long sum(CoalitionEvaluator[] ev) {
    long s = 0;
    for (CoalitionEvaluator e : ev) {
      s += e.evaluations;
    }
    return s;
  }
}
