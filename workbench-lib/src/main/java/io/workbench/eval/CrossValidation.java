package io.workbench.eval;

import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.data.Splits;
import io.workbench.data.Task;
import io.workbench.display.Numbers;
import io.workbench.model.Model;
import io.workbench.model.Trainer;
import io.workbench.progress.ProgressTask;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * k-fold cross-validation of any {@link Trainer}: stratified folds for classification, shuffled folds for
 * regression, and group k-fold (no group in two folds) when the dataset has a group column. Every fold
 * trains a fresh model on the other folds and predicts its own rows, so each row gets one out-of-fold
 * prediction.
 *
 * <p>Run options ({@link RunSettings}): the seed (default {@value RunOptions#DEFAULT_SEED}) assigns the folds;
 * thread counts, when set, are handed on to a trainer that takes run options. Progress is one bar: after each
 * fold, and the trainers' own progress nested in it ({@code fold 3/5: epoch 12/40 loss 0.21}). Cancellation
 * (or a thread interrupt) stops the folds, and the trainer inside the running fold at its next check.
 *
 * <pre>{@code
 * CrossValidationResult cv = CrossValidation.of(Models.xgboost().rounds(50)).folds(5).seed(42).run(data);
 * cv.summary();          // metric, mean, std over folds
 * cv.outOfFold();        // rows x classes out-of-fold probabilities, in dataset row order
 * }</pre>
 */
public final class CrossValidation implements RunSettings<CrossValidation> {

  private final Trainer trainer;
  private final int folds;
  private final RunOptions options;

  private CrossValidation(Trainer trainer, int folds, RunOptions options) {
    this.trainer = trainer;
    this.folds = folds;
    this.options = options;
  }

  /** Cross-validation of a trainer: 5 folds, seed {@value RunOptions#DEFAULT_SEED}. */
  public static CrossValidation of(Trainer trainer) {
    if (trainer == null) {
      throw new IllegalArgumentException("trainer must not be null");
    }
    return new CrossValidation(trainer, 5, RunOptions.defaults());
  }

  /** Number of folds, at least 2. */
  public CrossValidation folds(int k) {
    if (k < 2) {
      throw new IllegalArgumentException("folds must be at least 2, got " + k);
    }
    return new CrossValidation(trainer, k, options);
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public CrossValidation withOptions(RunOptions o) {
    return new CrossValidation(trainer, folds, java.util.Objects.requireNonNull(o, "options"));
  }

  /**
   * Runs the folds.
   *
   * @throws IllegalArgumentException when the dataset has no target, fewer rows (or groups) than folds, or
   *     a class is missing from a fold's training part
   */
  public CrossValidationResult run(Dataset data) {
    if (data == null) {
      throw new IllegalArgumentException("run(data): data is null");
    }
    if (data.task() == null) {
      throw new IllegalArgumentException("Cross-validation needs a target; this dataset has none");
    }
    int n = data.rows();
    if (n < folds) {
      throw new IllegalArgumentException(
          "The dataset has " + n + " rows, fewer than the " + folds + " folds; use at most " + n + " folds");
    }
    boolean grouped = data.group() != null;
    if (grouped) {
      int groups = new HashSet<>(List.of(data.groups())).size();
      if (groups < folds) {
        throw new IllegalArgumentException(
            "Group column '" + data.group() + "' has " + groups + " groups, fewer than the " + folds
                + " folds; use at most " + groups + " folds");
      }
    }
    long seed = options.seed();
    List<Split> splits = grouped ? Splits.groupKFold(data, folds, seed) : Splits.kFold(data, folds, seed);
    boolean classification = data.task() == Task.CLASSIFICATION;
    if (classification) {
      for (int f = 0; f < splits.size(); f++) {
        int[] counts = splits.get(f).train().classCountsArray();
        for (int c = 0; c < counts.length; c++) {
          if (counts[c] == 0) {
            throw new IllegalArgumentException(
                "Class '" + data.classNames().get(c) + "' is missing from the training part of fold " + (f + 1)
                    + " of " + folds + " (the dataset has " + data.classCountsArray()[c] + " row(s) of it"
                    + (grouped ? ", in too few groups" : "") + "); use fewer folds or more data of that class");
          }
        }
      }
    }
    Trainer fitter = options.passThreads(trainer);
    double[][] oof = new double[n][];
    int[] foldOf = new int[n];
    List<Metrics> perFold = new ArrayList<>();
    List<Model> models = new ArrayList<>();
    try (ProgressTask progress = options.start("cross-validation", folds)) {
      for (int f = 0; f < splits.size(); f++) {
        progress.check();
        String fold = "fold " + (f + 1) + "/" + folds;
        progress.step(fold);
        Split s = splits.get(f);
        Model model = fitter.fit(s.train());
        Predictions p = Evaluation.predictions(model, s.test());
        int[] rows = s.testRows();
        double[][] proba = classification ? p.probaView() : null;
        double[] values = classification ? null : p.predictedView();
        for (int i = 0; i < rows.length; i++) {
          oof[rows[i]] = classification ? proba[i].clone() : new double[] {values[i]};
          foldOf[rows[i]] = f;
        }
        Metrics m = Evaluation.of(p);
        perFold.add(m);
        models.add(model);
        Map<String, Double> v = new LinkedHashMap<>(m.values());
        v.put("fold", (double) (f + 1));
        Metric headline = classification ? Metric.ACCURACY : Metric.RMSE;
        progress.advance(1, fold + " " + headline.name() + " " + Numbers.format(m.value(headline.name())), v);
      }
      progress.done(folds + " folds");
    }
    for (int i = 0; i < n; i++) {
      if (oof[i] == null) {
        throw new IllegalStateException("Row " + i + " was in no test fold; the fold assignment is broken");
      }
    }
    Predictions pooled = classification
        ? Predictions.classification(data.y(), oof, data.classNames())
        : Predictions.regression(data.yDouble(), column0(oof));
    return new CrossValidationResult(folds, seed, grouped, perFold, models, pooled, foldOf, trainer.toString());
  }

  private static double[] column0(double[][] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i][0];
    }
    return out;
  }
}
