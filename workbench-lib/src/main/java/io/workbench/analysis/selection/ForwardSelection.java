package io.workbench.analysis.selection;

import io.workbench.analysis.AnalysisRun;
import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.data.Splits;
import io.workbench.data.Task;
import io.workbench.eval.Metric;
import io.workbench.eval.Predictions;
import io.workbench.model.Model;
import io.workbench.model.Trainer;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * Forward feature selection scored by k-fold cross-validation ({@link Splits#kFold}, stratified for
 * classification, seeded). Two modes: <em>ranked</em> adds features in the order of a given importance
 * ranking (one fit per fold and step), <em>greedy</em> tries every remaining feature at each step and
 * keeps the one with the best mean CV score (ties to the earlier feature).
 *
 * <pre>{@code
 * SelectionPath p = ForwardSelection.create(trainer).score(Metric.ACCURACY).folds(5).seed(42)
 *     .maxFeatures(10).run(data);                       // greedy
 * SelectionPath q = ForwardSelection.create(trainer).ranked(importances.topFeatures(importances.size())).run(data);
 * p.toTable();       // step, feature added, CV mean, CV std
 * }</pre>
 */
public final class ForwardSelection implements RunSettings<ForwardSelection> {

  private final Trainer trainer;
  private final Metric score;
  private final int folds;
  private final int maxFeatures;
  private final List<String> ranking;
  private final RunOptions options;

  private ForwardSelection(Trainer trainer, Metric score, int folds, int maxFeatures, List<String> ranking,
      RunOptions options) {
    this.trainer = trainer;
    this.score = score;
    this.folds = folds;
    this.maxFeatures = maxFeatures;
    this.ranking = ranking;
    this.options = options;
  }

  /** Greedy, 5 folds, up to 10 features, the task's default score, {@link RunOptions#defaults()}. */
  public static ForwardSelection create(Trainer trainer) {
    Checks.notNull(trainer, "trainer");
    return new ForwardSelection(trainer, null, 5, 0, null, RunOptions.defaults());
  }

  /** The cross-validated score. */
  public ForwardSelection score(Metric s) {
    Checks.notNull(s, "score");
    return new ForwardSelection(trainer, s, folds, maxFeatures, ranking, options);
  }

  /** Number of folds, at least 2. */
  public ForwardSelection folds(int k) {
    if (k < 2) {
      throw new IllegalArgumentException("folds must be >= 2, got " + k);
    }
    return new ForwardSelection(trainer, score, k, maxFeatures, ranking, options);
  }

  /** Stop after this many features; at most the number of candidates (default: 10 or all, if fewer). */
  public ForwardSelection maxFeatures(int n) {
    Checks.positive(n, "maxFeatures");
    return new ForwardSelection(trainer, score, folds, n, ranking, options);
  }

  /** Ranked mode: add features in this order (most important first). */
  public ForwardSelection ranked(List<String> order) {
    if (order.isEmpty()) {
      throw new IllegalArgumentException("ranked() needs at least one feature");
    }
    return new ForwardSelection(trainer, score, folds, maxFeatures, List.copyOf(order), options);
  }

  @Override
  public RunOptions options() {
    return options;
  }

  /**
   * A copy with other run options: the seed assigns the folds, progress and cancellation apply per fit. The
   * candidates are fitted one after another (the trainer's own settings decide its threads; DJL's gradient
   * recorder is one per JVM), so the worker thread count does not apply here.
   */
  @Override
  public ForwardSelection withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    return new ForwardSelection(trainer, score, folds, maxFeatures, ranking, o);
  }

  /** Runs the selection on {@code data} (features and target). */
  public SelectionPath run(Dataset data) {
    if (data.task() == null) {
      throw new IllegalArgumentException("Forward selection needs a dataset with a target");
    }
    List<String> features = data.features();
    int[] candidates = ranking == null
        ? java.util.stream.IntStream.range(0, features.size()).toArray()
        : Checks.indices(features, ranking, "ranked");
    if (maxFeatures > candidates.length) {
      throw new IllegalArgumentException("maxFeatures " + maxFeatures + " is larger than the " + candidates.length
          + (ranking != null ? " ranked" : "") + " features");
    }
    int steps = maxFeatures > 0 ? maxFeatures : Math.min(10, candidates.length);
    Metric s = score != null ? score : Metric.defaultFor(data.task());
    List<Split> splits = Splits.kFold(data, folds, options.seed());
    float[][] x = data.x();
    long totalFits = ranking != null ? (long) steps * folds : 0;
    if (ranking == null) {
      for (int t = 0; t < steps; t++) {
        totalFits += (long) (candidates.length - t) * folds;
      }
    }
    try (AnalysisRun run = AnalysisRun.start("forward selection", totalFits, options)) {
      return run(run, data, features, candidates, steps, s, splits, x);
    }
  }

  private SelectionPath run(AnalysisRun run, Dataset data, List<String> features, int[] candidates, int steps,
      Metric s, List<Split> splits, float[][] x) {
    List<Integer> chosen = new ArrayList<>();
    boolean[] used = new boolean[features.size()];
    List<String> added = new ArrayList<>();
    List<double[]> foldScores = new ArrayList<>();
    for (int step = 0; step < steps; step++) {
      int bestFeature = -1;
      double[] bestScores = null;
      double bestMean = Double.NaN;
      for (int c : ranking != null ? new int[] {candidates[step]} : candidates) {
        if (used[c]) {
          continue;
        }
        List<Integer> trial = new ArrayList<>(chosen);
        trial.add(c);
        run.check();
        double[] sc = crossValidate(data, x, splits, trial, s);
        double m = Stats.mean(sc);
        if (bestFeature < 0 || (s.higherIsBetter() ? m > bestMean : m < bestMean)) {
          bestFeature = c;
          bestMean = m;
          bestScores = sc;
        }
        run.advance(folds, "step " + (step + 1) + "/" + steps + ": " + features.get(c));
      }
      chosen.add(bestFeature);
      used[bestFeature] = true;
      added.add(features.get(bestFeature));
      foldScores.add(bestScores);
    }
    return new SelectionPath(s.name(), s.higherIsBetter(), ranking != null ? "ranked" : "greedy", added, foldScores,
        candidates.length);
  }

  private double[] crossValidate(Dataset data, float[][] x, List<Split> splits, List<Integer> cols, Metric s) {
    double[] out = new double[splits.size()];
    for (int f = 0; f < splits.size(); f++) {
      Split sp = splits.get(f);
      Dataset train = subset(data, x, sp.trainRows(), cols);
      Dataset test = subset(data, x, sp.testRows(), cols);
      Model m = trainer.fit(train);
      out[f] = s.compute(Predictions.ofModelOutput(test, m.predictProba(test.x())));
    }
    return out;
  }

  static Dataset subset(Dataset data, float[][] x, int[] rows, List<Integer> cols) {
    float[][] sub = new float[rows.length][cols.size()];
    List<String> names = new ArrayList<>();
    for (int c : cols) {
      names.add(data.features().get(c));
    }
    for (int i = 0; i < rows.length; i++) {
      for (int c = 0; c < cols.size(); c++) {
        sub[i][c] = x[rows[i]][cols.get(c)];
      }
    }
    if (data.task() == Task.CLASSIFICATION) {
      int[] y = data.y();
      int[] ys = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        ys[i] = y[rows[i]];
      }
      return Dataset.of(sub, names, ys, data.classNames());
    }
    double[] y = data.yDouble();
    double[] ys = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      ys[i] = y[rows[i]];
    }
    return Dataset.of(sub, names, ys);
  }
}
