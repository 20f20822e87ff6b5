package io.workbench.explain.counterfactual;

import io.workbench.analysis.AnalysisRun;
import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.Model;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Counterfactual explanations (Wachter et al. 2017; DiCE's sparsity, plausibility and diversity, Mothilal et
 * al. 2020) for any tabular {@link Model}: the nearest changes of one row that make the model answer a desired
 * class (by default, for a classifier, any class other than the predicted one) or, for a regression model, a
 * value inside a desired range.
 *
 * <p><b>Distance</b>: L1 with each feature scaled by its median absolute deviation (MAD) in the reference
 * data, {@code sum_j |x'_j - x_j| / MAD_j} (a feature with MAD 0 is scaled by its mean absolute deviation
 * from the median instead, or by 1 if that is 0 too). Changing a feature by one MAD costs 1.
 *
 * <p><b>Plausibility</b>: every value stays within the reference data's range of its feature; features
 * declared {@link #immutable(String...)} never change; features whose reference values are all whole numbers
 * only take whole numbers; features declared {@link #categorical(String...)} only take values that occur in
 * the reference data (a one-hot group should be declared immutable: its columns are changed one by one).
 *
 * <p><b>Search</b> (model-agnostic, seeded, every step one batched model call over all candidates): each
 * mutable feature alone set to each of 16 quantiles of its reference values, plus {@link #candidates(int)}
 * random candidates that copy the values of a random reference row into a random subset of features (so
 * values are plausible by construction); the candidates that reach the goal are then made sparse (greedily
 * reverting the changed feature whose reversal keeps the goal and saves most), and pulled toward the
 * original row by bisection, first along the line to it and then feature by feature (12 halvings each).
 * Finally the cheapest is taken, and further ones chosen greedily by cost minus {@link #diversity(double)}
 * times their distance to those already chosen. Gradients are not used: the search works for every model.
 *
 * <pre>{@code
 * Counterfactuals cf = Counterfactuals.create(train).immutable("age", "sex").count(3).seed(7);
 * CounterfactualSet s = cf.explain(model, test, 0);            // row 0 of test, to the other class
 * CounterfactualSet r = cf.toRange(0, 10).explain(regressor, test, 5);
 * s.best(); s.toTable();                                       // in a notebook, s renders with changes highlighted
 * }</pre>
 */
public final class Counterfactuals implements RunSettings<Counterfactuals> {

  private static final int QUANTILES = 16;
  private static final int HALVINGS = 12;

  private final Dataset reference;
  private Set<String> immutable = Set.of();
  private Set<String> categorical = Set.of();
  private int count = 1;
  private int candidates = 1000;
  private double diversity = 1.0;
  private String desiredClass;
  private double low = Double.NaN;
  private double high = Double.NaN;
  private RunOptions options = RunOptions.defaults();

  private Counterfactuals(Dataset reference) {
    this.reference = reference;
  }

  /**
   * A search over the features of {@code reference} (the training data, usually), which gives the ranges,
   * MADs and valid values; one counterfactual, 1000 random candidates, diversity weight 1, seed 42.
   */
  public static Counterfactuals create(Dataset reference) {
    Checks.notNull(reference, "reference");
    if (reference.rows() < 2) {
      throw new IllegalArgumentException("reference data has " + reference.rows()
          + " rows; counterfactuals need at least 2 to learn each feature's range and spread");
    }
    return new Counterfactuals(reference);
  }

  private Counterfactuals copy() {
    Counterfactuals c = new Counterfactuals(reference);
    c.immutable = immutable;
    c.categorical = categorical;
    c.count = count;
    c.candidates = candidates;
    c.diversity = diversity;
    c.desiredClass = desiredClass;
    c.low = low;
    c.high = high;
    c.options = options;
    return c;
  }

  /** Features that must never change (for example age, sex, or the columns of a one-hot group). */
  public Counterfactuals immutable(String... features) {
    Counterfactuals c = copy();
    c.immutable = names(features, "immutable");
    return c;
  }

  /** Features that only take values present in the reference data (no bisection between values). */
  public Counterfactuals categorical(String... features) {
    Counterfactuals c = copy();
    c.categorical = names(features, "categorical");
    return c;
  }

  private Set<String> names(String[] features, String what) {
    Checks.notNull(features, what);
    Checks.indices(reference.features(), List.of(features), what);
    return Set.of(features);
  }

  /** How many counterfactuals to return (fewer when fewer distinct ones are found); default 1. */
  public Counterfactuals count(int k) {
    Checks.positive(k, "count");
    Counterfactuals c = copy();
    c.count = k;
    return c;
  }

  /** Random candidates beside the single-feature ones; default 1000. */
  public Counterfactuals candidates(int n) {
    Checks.positive(n, "candidates");
    Counterfactuals c = copy();
    c.candidates = n;
    return c;
  }

  /** Weight of the distance to the counterfactuals already chosen when choosing the next; {@code >= 0}, default 1. */
  public Counterfactuals diversity(double weight) {
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("diversity must be a finite number >= 0, got " + weight);
    }
    Counterfactuals c = copy();
    c.diversity = weight;
    return c;
  }

  /** The class the counterfactuals must be predicted as (classifiers); by default any class but the predicted one. */
  public Counterfactuals toClass(String className) {
    Checks.notNull(className, "toClass");
    Counterfactuals c = copy();
    c.desiredClass = className;
    c.low = Double.NaN;
    c.high = Double.NaN;
    return c;
  }

  /** The range {@code [low, high]} a regression model's prediction must reach. */
  public Counterfactuals toRange(double low, double high) {
    if (!(low <= high)) {
      throw new IllegalArgumentException("toRange needs low <= high (finite or infinite bounds), got [" + low + ", "
          + high + "]");
    }
    Counterfactuals c = copy();
    c.low = low;
    c.high = high;
    c.desiredClass = null;
    return c;
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public Counterfactuals withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    Counterfactuals c = copy();
    c.options = o;
    return c;
  }

  /** Counterfactuals of row {@code row} of {@code data}. */
  public CounterfactualSet explain(Model model, Dataset data, int row) {
    Checks.notNull(data, "data");
    if (row < 0 || row >= data.rows()) {
      throw new IllegalArgumentException("row " + row + " is out of range; data has " + data.rows() + " rows");
    }
    Model.checkFeatures(model, data.features());
    return explain(model, data.x(new int[] {row})[0]);
  }

  /** Counterfactuals of one raw feature row, in the model's feature order. */
  public CounterfactualSet explain(Model model, float[] x) {
    Checks.notNull(model, "model");
    Model.checkFeatures(model, reference.features());
    Checks.notNull(x, "x");
    Model.checkInput(model, new float[][] {x});
    Checks.finiteFeatures(new float[][] {x}, model.featureNames(), "x");
    Goal goal = goal(model, x);
    Space space = new Space(reference, immutable, categorical);
    int d = x.length;
    try (AnalysisRun run = AnalysisRun.start("counterfactuals", -1, options)) {
      List<float[]> pool = initial(space, x);
      boolean[] ok = goal.reached(run, model, pool);
      List<float[]> found = new ArrayList<>();
      for (int i = 0; i < pool.size(); i++) {
        if (ok[i]) {
          found.add(pool.get(i));
        }
      }
      sparsify(run, model, goal, space, x, found);
      bisectLine(run, model, goal, space, x, found);
      for (int j = 0; j < d; j++) {
        bisectFeature(run, model, goal, space, x, found, j);
      }
      List<float[]> chosen = choose(space, x, found);
      float[][] rows = chosen.toArray(new float[0][]);
      float[][] out = rows.length == 0 ? new float[0][] : model.predictProba(rows);
      double[] cost = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        cost[i] = space.distance(x, rows[i]);
      }
      float[] original = model.predictProba(new float[][] {x})[0];
      return new CounterfactualSet(model.featureNames(), outputNames(model), goal.describe(model), x.clone(), original,
          rows, out, cost, pool.size());
    }
  }

  private static List<String> outputNames(Model model) {
    return model.task() == Task.REGRESSION ? List.of("prediction") : model.classNames();
  }

  private Goal goal(Model model, float[] x) {
    if (model.task() == Task.MULTI_LABEL) {
      throw new IllegalArgumentException("counterfactuals are for classifiers and regression models; this model is"
          + " multi-label " + model.classNames());
    }
    float[] now = model.predictProba(new float[][] {x})[0];
    if (model.task() == Task.REGRESSION) {
      if (Double.isNaN(low)) {
        throw new IllegalArgumentException("a regression model needs the range its prediction should reach:"
            + " .toRange(low, high); the row is predicted " + now[0]);
      }
      if (now[0] >= low && now[0] <= high) {
        throw new IllegalArgumentException("the row is already predicted " + now[0] + ", inside toRange [" + low
            + ", " + high + "]");
      }
      return new Goal(-1, -1, low, high);
    }
    if (!Double.isNaN(low)) {
      throw new IllegalArgumentException("toRange is for regression models; this classifier has classes "
          + model.classNames() + ": use toClass(name)");
    }
    int predicted = Stats.argmax(now);
    if (desiredClass == null) {
      return new Goal(-1, predicted, Double.NaN, Double.NaN);
    }
    int k = Checks.indexOf(model.classNames(), desiredClass, "toClass");
    if (k == predicted) {
      throw new IllegalArgumentException("the row is already predicted '" + desiredClass + "' (toClass); ask for"
          + " another of " + model.classNames());
    }
    return new Goal(k, -1, Double.NaN, Double.NaN);
  }

  /** Single-feature quantile moves, then random candidates copying a reference row into a random subset. */
  private List<float[]> initial(Space space, float[] x) {
    List<float[]> pool = new ArrayList<>();
    int[] mutable = space.mutable();
    if (mutable.length == 0) {
      throw new IllegalArgumentException("every feature is immutable: nothing may change");
    }
    for (int j : mutable) {
      for (float v : space.quantiles(j, QUANTILES)) {
        if (v != x[j]) {
          float[] c = x.clone();
          c[j] = v;
          pool.add(c);
        }
      }
    }
    Random rnd = new Random(options.seed());
    float[][] ref = space.x();
    for (int i = 0; i < candidates; i++) {
      int size = i % 2 == 0 ? 1 + rnd.nextInt(Math.min(3, mutable.length)) : 1 + rnd.nextInt(mutable.length);
      float[] from = ref[rnd.nextInt(ref.length)];
      float[] c = x.clone();
      int[] order = mutable.clone();
      for (int s = 0; s < size; s++) {
        int pick = s + rnd.nextInt(order.length - s);
        int t = order[s];
        order[s] = order[pick];
        order[pick] = t;
        c[order[s]] = from[order[s]];
      }
      pool.add(c);
    }
    return pool;
  }

  /** Greedy reversal: per candidate, the valid single reversal that saves most, until none keeps the goal. */
  private static void sparsify(AnalysisRun run, Model model, Goal goal, Space space, float[] x, List<float[]> found) {
    boolean[] done = new boolean[found.size()];
    while (true) {
      List<float[]> trials = new ArrayList<>();
      List<int[]> owner = new ArrayList<>();
      for (int c = 0; c < found.size(); c++) {
        if (done[c]) {
          continue;
        }
        float[] cf = found.get(c);
        for (int j = 0; j < x.length; j++) {
          if (cf[j] != x[j]) {
            float[] t = cf.clone();
            t[j] = x[j];
            trials.add(t);
            owner.add(new int[] {c, j});
          }
        }
      }
      if (trials.isEmpty()) {
        return;
      }
      boolean[] ok = goal.reached(run, model, trials);
      double[] saving = new double[found.size()];
      int[] best = new int[found.size()];
      Arrays.fill(best, -1);
      for (int t = 0; t < trials.size(); t++) {
        int c = owner.get(t)[0];
        int j = owner.get(t)[1];
        double s = Math.abs(found.get(c)[j] - x[j]) / space.scale(j);
        if (ok[t] && (best[c] < 0 || s > saving[c])) {
          best[c] = j;
          saving[c] = s;
        }
      }
      boolean any = false;
      for (int c = 0; c < found.size(); c++) {
        if (done[c]) {
          continue;
        }
        if (best[c] < 0) {
          done[c] = true;
        } else {
          found.get(c)[best[c]] = x[best[c]];
          any = true;
        }
      }
      if (!any) {
        return;
      }
    }
  }

  /** Bisection of t in [0, 1] on x + t (cf - x) over the changed continuous features; t = 1 is known valid. */
  private static void bisectLine(AnalysisRun run, Model model, Goal goal, Space space, float[] x, List<float[]> found) {
    int n = found.size();
    double[] lo = new double[n];
    double[] hi = new double[n];
    Arrays.fill(hi, 1);
    float[][] target = found.stream().map(float[]::clone).toArray(float[][]::new);
    for (int step = 0; step < HALVINGS; step++) {
      List<float[]> trials = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        trials.add(space.along(x, target[c], (lo[c] + hi[c]) / 2));
      }
      boolean[] ok = goal.reached(run, model, trials);
      for (int c = 0; c < n; c++) {
        double mid = (lo[c] + hi[c]) / 2;
        if (ok[c]) {
          hi[c] = mid;
          found.set(c, trials.get(c));
        } else {
          lo[c] = mid;
        }
      }
    }
  }

  /** Bisection of feature {@code j} alone between the original value (invalid side) and each candidate's value. */
  private static void bisectFeature(AnalysisRun run, Model model, Goal goal, Space space, float[] x,
      List<float[]> found, int j) {
    if (space.isCategorical(j)) {
      return;
    }
    int n = found.size();
    double[] valid = new double[n];
    double[] invalid = new double[n];
    for (int c = 0; c < n; c++) {
      valid[c] = found.get(c)[j];
      invalid[c] = x[j];
    }
    for (int step = 0; step < HALVINGS; step++) {
      List<float[]> trials = new ArrayList<>();
      List<Integer> owner = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        float mid = space.value(j, (valid[c] + invalid[c]) / 2, valid[c]);
        if (mid != (float) valid[c] && mid != (float) invalid[c]) {
          float[] t = found.get(c).clone();
          t[j] = mid;
          trials.add(t);
          owner.add(c);
        }
      }
      if (trials.isEmpty()) {
        return;
      }
      boolean[] ok = goal.reached(run, model, trials);
      for (int t = 0; t < trials.size(); t++) {
        int c = owner.get(t);
        if (ok[t]) {
          valid[c] = trials.get(t)[j];
          found.set(c, trials.get(t));
        } else {
          invalid[c] = trials.get(t)[j];
        }
      }
    }
  }

  /** The cheapest, then greedily: least cost minus diversity times distance to the nearest chosen. */
  private List<float[]> choose(Space space, float[] x, List<float[]> found) {
    List<float[]> distinct = new ArrayList<>();
    for (float[] f : found) {
      if (distinct.stream().noneMatch(g -> Arrays.equals(f, g))) {
        distinct.add(f);
      }
    }
    double[] cost = distinct.stream().mapToDouble(f -> space.distance(x, f)).toArray();
    List<float[]> chosen = new ArrayList<>();
    boolean[] used = new boolean[distinct.size()];
    while (chosen.size() < count && chosen.size() < distinct.size()) {
      int best = -1;
      double bestScore = Double.POSITIVE_INFINITY;
      for (int i = 0; i < distinct.size(); i++) {
        if (used[i]) {
          continue;
        }
        double near = Double.POSITIVE_INFINITY;
        for (float[] c : chosen) {
          near = Math.min(near, space.distance(c, distinct.get(i)));
        }
        double score = chosen.isEmpty() ? cost[i] : cost[i] - diversity * near;
        if (score < bestScore) {
          bestScore = score;
          best = i;
        }
      }
      used[best] = true;
      chosen.add(distinct.get(best));
    }
    return chosen;
  }

  /**
   * What the counterfactual must reach: class {@code toClass}, any class but {@code notClass}, or a regression
   * value in {@code [low, high]}.
   */
  private record Goal(int toClass, int notClass, double low, double high) {

    boolean reached(float[] out) {
      if (!Double.isNaN(low)) {
        return out[0] >= low && out[0] <= high;
      }
      int k = Stats.argmax(out);
      return toClass >= 0 ? k == toClass : k != notClass;
    }

    boolean[] reached(AnalysisRun run, Model model, List<float[]> rows) {
      boolean[] ok = new boolean[rows.size()];
      if (rows.isEmpty()) {
        return ok;
      }
      int d = rows.get(0).length;
      run.evaluate(model, rows.size(), d, (i, dest) -> System.arraycopy(rows.get((int) i), 0, dest, 0, d),
          (i, out) -> ok[(int) i] = reached(out));
      return ok;
    }

    String describe(Model model) {
      if (!Double.isNaN(low)) {
        return "prediction in [" + low + ", " + high + "]";
      }
      return toClass >= 0 ? "to class '" + model.classNames().get(toClass) + "'"
          : "away from class '" + model.classNames().get(notClass) + "'";
    }
  }
}
