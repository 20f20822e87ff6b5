package io.workbench.eval;

import io.workbench.data.Task;
import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.model.Model;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of {@link CrossValidation}: metrics per fold, their mean and sample standard deviation
 * (divisor k - 1; folds where a metric is undefined are left out of its mean), the fitted fold models and
 * the out-of-fold predictions of every row.
 *
 * <pre>{@code
 * cv.perFold();                 // fold, train_rows, test_rows, accuracy, ...
 * cv.summary();                 // metric, mean, std, folds
 * double[][] oof = cv.outOfFold();
 * cv.pooled().value("auroc");   // metrics of all out-of-fold predictions together
 * }</pre>
 */
public final class CrossValidationResult implements Displayable {

  private final int folds;
  private final long seed;
  private final boolean grouped;
  private final List<Metrics> perFold;
  private final List<Model> models;
  private final Predictions outOfFold;
  private final int[] foldOf;
  private final String trainer;

  /**
   * The result of folds run elsewhere (for example as Spark tasks by {@code workbench-spark}'s distributed
   * cross-validation): the same value, tables and charts as {@link CrossValidation#run}.
   *
   * <pre>{@code
   * CrossValidationResult cv = CrossValidationResult.of(k, seed, false, perFold, models, pooled, foldOf, "xgboost");
   * }</pre>
   *
   * @param perFold the metrics of each fold's test part, in fold order
   * @param models the fitted model of each fold, in fold order
   * @param outOfFold the out-of-fold predictions of every row
   * @param foldOf the test fold of every row (0-based), one per row of {@code outOfFold}
   * @throws IllegalArgumentException when the sizes disagree
   */
  public static CrossValidationResult of(int folds, long seed, boolean grouped, List<Metrics> perFold,
      List<Model> models, Predictions outOfFold, int[] foldOf, String trainer) {
    if (folds < 2 || perFold.size() != folds || models.size() != folds) {
      throw new IllegalArgumentException("folds: " + folds + " folds need as many fold metrics and models, got "
          + perFold.size() + " and " + models.size());
    }
    if (foldOf.length != outOfFold.size()) {
      throw new IllegalArgumentException("foldOf: " + foldOf.length + " fold numbers for " + outOfFold.size()
          + " out-of-fold rows");
    }
    for (int i = 0; i < foldOf.length; i++) {
      if (foldOf[i] < 0 || foldOf[i] >= folds) {
        throw new IllegalArgumentException("foldOf: row " + i + " has fold " + foldOf[i] + ", expected 0.."
            + (folds - 1));
      }
    }
    return new CrossValidationResult(folds, seed, grouped, perFold, models, outOfFold, foldOf, trainer);
  }

  CrossValidationResult(int folds, long seed, boolean grouped, List<Metrics> perFold, List<Model> models,
      Predictions outOfFold, int[] foldOf, String trainer) {
    this.folds = folds;
    this.seed = seed;
    this.grouped = grouped;
    this.perFold = List.copyOf(perFold);
    this.models = List.copyOf(models);
    this.outOfFold = outOfFold;
    this.foldOf = foldOf.clone();
    this.trainer = trainer;
  }

  /** Number of folds. */
  public int folds() {
    return folds;
  }

  /** Whether folds were formed by group. */
  public boolean grouped() {
    return grouped;
  }

  /** The metrics of each fold's test part. */
  public List<Metrics> foldMetrics() {
    return perFold;
  }

  /** The model trained in each fold. */
  public List<Model> models() {
    return models;
  }

  /** The fold (0-based) in which each row was predicted. */
  public int[] foldOf() {
    return foldOf.clone();
  }

  /**
   * Out-of-fold predictions in dataset row order: class probabilities ({@code rows x classes}) or, for
   * regression, {@code rows x 1} values.
   */
  public double[][] outOfFold() {
    if (outOfFold.task() == Task.CLASSIFICATION) {
      return outOfFold.proba();
    }
    double[] v = outOfFold.predictedView();
    double[][] out = new double[v.length][];
    for (int i = 0; i < v.length; i++) {
      out[i] = new double[] {v[i]};
    }
    return out;
  }

  /** The out-of-fold predictions with the dataset's labels, for metrics, bootstrap and label quality. */
  public Predictions predictions() {
    return outOfFold;
  }

  /** Metrics of all out-of-fold predictions pooled. */
  public Metrics pooled() {
    return Evaluation.of(outOfFold);
  }

  /** One row per fold: {@code fold}, {@code train_rows}, {@code test_rows}, then one column per metric. */
  public Table perFold() {
    int[] fold = new int[folds];
    int[] testRows = new int[folds];
    for (int f : foldOf) {
      testRows[f]++;
    }
    int[] trainRows = new int[folds];
    for (int f = 0; f < folds; f++) {
      fold[f] = f + 1;
      trainRows[f] = foldOf.length - testRows[f];
    }
    Table t = Table.create("cross-validation folds", IntColumn.create("fold", fold),
        IntColumn.create("train_rows", trainRows), IntColumn.create("test_rows", testRows));
    for (String name : metricNames()) {
      double[] v = new double[folds];
      for (int f = 0; f < folds; f++) {
        v[f] = perFold.get(f).value(name);
      }
      t.addColumns(DoubleColumn.create(name, v));
    }
    return t;
  }

  /** One row per metric: {@code metric}, {@code mean}, {@code std} and {@code folds} (folds where it is defined). */
  public Table summary() {
    List<String> names = metricNames();
    double[] mean = new double[names.size()];
    double[] sd = new double[names.size()];
    int[] used = new int[names.size()];
    for (int m = 0; m < names.size(); m++) {
      List<Double> finite = new ArrayList<>();
      for (Metrics fm : perFold) {
        double v = fm.value(names.get(m));
        if (!Double.isNaN(v)) {
          finite.add(v);
        }
      }
      double[] arr = finite.stream().mapToDouble(Double::doubleValue).toArray();
      used[m] = arr.length;
      mean[m] = arr.length == 0 ? Double.NaN : Stats.mean(arr);
      sd[m] = arr.length == 0 ? Double.NaN : Stats.std(arr);
    }
    return Table.create("cross-validation summary", StringColumn.create("metric", names),
        DoubleColumn.create("mean", mean), DoubleColumn.create("std", sd), IntColumn.create("folds", used));
  }

  /** The same as {@link #summary()}: mean and standard deviation of each metric over the folds. */
  public Table toTable() {
    return summary();
  }

  /** The mean over folds of one metric. */
  public double mean(String metric) {
    Table s = summary();
    int row = metricNames().indexOf(metric);
    if (row < 0) {
      throw new IllegalArgumentException("No metric '" + metric + "'; metrics are " + metricNames());
    }
    return s.doubleColumn("mean").get(row);
  }

  private List<String> metricNames() {
    List<String> names = new ArrayList<>(perFold.get(0).values().keySet());
    names.remove("n");
    return names;
  }

  private String caption() {
    return folds + "-fold " + (grouped ? "group " : outOfFold.task() == Task.CLASSIFICATION ? "stratified " : "")
        + "cross-validation of " + trainer + " (seed " + seed + ", " + foldOf.length + " rows)";
  }

  @Override
  public String toHtml() {
    return Tables.html(summary(), caption()) + Tables.html(perFold(), "Per fold");
  }

  @Override
  public String toString() {
    return Tables.text(summary(), caption());
  }
}
