package io.workbench.analysis.agreement;

import io.workbench.analysis.AnalysisRun;
import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.data.Splits;
import io.workbench.eval.Metric;
import io.workbench.eval.Predictions;
import io.workbench.model.Model;
import io.workbench.model.Trainer;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * A Rashomon set (Breiman 2001; Fisher, Rudin &amp; Dominici 2019): many models that fit about equally
 * well. Every trainer (different seeds or hyperparameters) is fitted on the training part of a seeded
 * split and scored on the held-out part; models within {@code tolerance} of the best score are
 * accepted, and the spread of each feature's importance across the accepted models is reported. The
 * importance method is pluggable ({@link ImportanceFn}), computed on the held-out part.
 *
 * <pre>{@code
 * List<Trainer> trainers = IntStream.range(0, 20).mapToObj(s -> Models.mlp(32).seed(s)).toList();
 * RashomonResult r = RashomonSet.create().score(Metric.ACCURACY).tolerance(0.01)
 *     .importance(ImportanceFn.permutation(Metric.ACCURACY, 3, 42)).fit(trainers, data);
 * r.toTable();     // feature, min, max, mean, std, range over the accepted models
 * }</pre>
 */
public final class RashomonSet implements RunSettings<RashomonSet> {

  private final Metric score;
  private final double tolerance;
  private final double validationFraction;
  private final ImportanceFn importance;
  private final RunOptions options;

  private RashomonSet(Metric score, double tolerance, double validationFraction, ImportanceFn importance,
      RunOptions options) {
    this.score = score;
    this.tolerance = tolerance;
    this.validationFraction = validationFraction;
    this.importance = importance;
    this.options = options;
  }

  /**
   * Task's default score, tolerance 0.01, 25% held out (split with the options' seed, default 42),
   * permutation importance (3 repeats) of the same score.
   */
  public static RashomonSet create() {
    return new RashomonSet(null, 0.01, 0.25, null, RunOptions.defaults());
  }

  /** The validation score that decides which models are near-optimal. */
  public RashomonSet score(Metric s) {
    Checks.notNull(s, "score");
    return new RashomonSet(s, tolerance, validationFraction, importance, options);
  }

  /** Accept models whose score is within this absolute distance of the best, at least 0. */
  public RashomonSet tolerance(double t) {
    if (!(t >= 0) || Double.isInfinite(t)) {
      throw new IllegalArgumentException("tolerance must be a finite number >= 0, got " + t);
    }
    return new RashomonSet(score, t, validationFraction, importance, options);
  }

  /** Share of rows held out for scoring and importance, in (0, 1). */
  public RashomonSet validationFraction(double f) {
    if (!(f > 0 && f < 1)) {
      throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + f);
    }
    return new RashomonSet(score, tolerance, f, importance, options);
  }

  /** The importance method applied to each accepted model. */
  public RashomonSet importance(ImportanceFn fn) {
    Checks.notNull(fn, "importance");
    return new RashomonSet(score, tolerance, validationFraction, fn, options);
  }

  @Override
  public RunOptions options() {
    return options;
  }

  /**
   * A copy with other run options: the seed splits train and validation rows (and seeds the default
   * permutation importance); progress counts fits and importances. Trainers are fitted one after another
   * with their own thread settings (DJL's gradient recorder is one per JVM).
   */
  @Override
  public RashomonSet withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    return new RashomonSet(score, tolerance, validationFraction, importance, o);
  }

  /** Fits every trainer, keeps the near-optimal models, and measures their importances. */
  public RashomonResult fit(List<? extends Trainer> trainers, Dataset data) {
    if (trainers.isEmpty()) {
      throw new IllegalArgumentException("A Rashomon set needs at least one trainer");
    }
    if (data.task() == null) {
      throw new IllegalArgumentException("A Rashomon set needs a dataset with a target");
    }
    Metric s = score != null ? score : Metric.defaultFor(data.task());
    ImportanceFn imp = importance != null ? importance : ImportanceFn.permutation(s, 3, options.seed());
    Split split = Splits.trainTest(data, 1 - validationFraction, options.seed());
    try (AnalysisRun run = AnalysisRun.start("Rashomon set", 2L * trainers.size(), options)) {
      return fit(run, trainers, data, s, imp, split);
    }
  }

  private RashomonResult fit(AnalysisRun run, List<? extends Trainer> trainers, Dataset data, Metric s,
      ImportanceFn imp, Split split) {
    List<Model> models = new ArrayList<>();
    double[] scores = new double[trainers.size()];
    for (int t = 0; t < trainers.size(); t++) {
      run.check();
      Model m = trainers.get(t).fit(split.train());
      Model.checkFeatures(m, split.test().features());
      scores[t] = s.compute(Predictions.ofModelOutput(split.test(), m.predictProba(split.test().x())));
      if (!Double.isFinite(scores[t])) {
        throw new IllegalStateException("Trainer " + t + " gave a non-finite " + s.name() + ": " + scores[t]);
      }
      models.add(m);
      run.advance(1, "fitted model " + (t + 1));
    }
    double best = scores[0];
    for (double v : scores) {
      best = s.higherIsBetter() ? Math.max(best, v) : Math.min(best, v);
    }
    boolean[] accepted = new boolean[scores.length];
    List<double[]> importances = new ArrayList<>();
    int d = data.numFeatures();
    for (int t = 0; t < scores.length; t++) {
      run.check();
      accepted[t] = s.higherIsBetter() ? scores[t] >= best - tolerance : scores[t] <= best + tolerance;
      if (accepted[t]) {
        double[] v = imp.importance(models.get(t), split.test());
        if (v.length != d) {
          throw new IllegalStateException("The importance function gave " + v.length + " values for " + d + " features");
        }
        importances.add(v.clone());
      }
      run.advance(1, "importance of model " + (t + 1));
    }
    return new RashomonResult(data.features(), s.name(), tolerance, scores, accepted, importances);
  }
}
