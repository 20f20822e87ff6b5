package io.workbench.spark;

import io.workbench.labels.LabelIssueFinder;
import io.workbench.labels.LabelIssues;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Confident-learning label issues of a labelled Spark DataFrame: the out-of-fold probabilities come from
 * {@link DistributedCrossValidation} (one Spark task per fold), then the library's confident learning
 * ({@link LabelIssues#finder()}, cleanlab's {@code find_label_issues}) runs on the driver over the rows x classes
 * matrix. Given the same folds, the result equals the single-JVM {@code LabelIssues.find} on the same rows.
 *
 * <pre>{@code
 * SparkLabelIssues issues = DistributedLabelIssues.of(() -> Models.xgboost().rounds(50))
 *     .folds(5).rowId("id").find(frame, features, "label");
 * issues.report().issuesTable();
 * issues.toDataFrame(spark).join(frame, "id");
 * }</pre>
 */
public final class DistributedLabelIssues {

  private final DistributedCrossValidation folds;
  private final LabelIssueFinder finder;

  private DistributedLabelIssues(DistributedCrossValidation folds, LabelIssueFinder finder) {
    this.folds = folds;
    this.finder = finder;
  }

  /** Label issues from the out-of-fold probabilities of the trainers {@code trainer} builds (5 folds). */
  public static DistributedLabelIssues of(TrainerFactory trainer) {
    return new DistributedLabelIssues(DistributedCrossValidation.of(trainer), LabelIssues.finder());
  }

  /** Number of folds, at least 2. */
  public DistributedLabelIssues folds(int k) {
    return new DistributedLabelIssues(folds.folds(k), finder);
  }

  /** Seed of the fold assignment. */
  public DistributedLabelIssues seed(long s) {
    return new DistributedLabelIssues(folds.seed(s), finder);
  }

  /** An integral column with a unique id per row (the result names rows by it). */
  public DistributedLabelIssues rowId(String column) {
    return new DistributedLabelIssues(folds.rowId(column), finder);
  }

  /** A column of groups (patients): every group in one fold. */
  public DistributedLabelIssues groups(String column) {
    return new DistributedLabelIssues(folds.groups(column), finder);
  }

  /** The confident-learning settings (filter and rank methods, per-class limits); default {@code LabelIssues.finder()}. */
  public DistributedLabelIssues finder(LabelIssueFinder f) {
    if (f == null) {
      throw new IllegalArgumentException("finder: expected a LabelIssueFinder, got null");
    }
    return new DistributedLabelIssues(folds, f);
  }

  /**
   * Finds the label issues.
   *
   * @param label a string, boolean or integer class column
   * @throws IllegalArgumentException on the driver for bad columns (as {@link DistributedCrossValidation#run}) or a
   *     numeric target (label issues need classes)
   */
  public SparkLabelIssues find(org.apache.spark.sql.Dataset<Row> rows, List<String> features, String label) {
    DistributedCrossValidation.Target target = DistributedCrossValidation.Target.check(rows, label);
    if (!target.classification()) {
      throw new IllegalArgumentException("Label column '" + label + "' holds numbers; label issues need classes "
          + "(a string, boolean or integer column)");
    }
    DistributedCrossValidation.Outcome o = folds.runWithIds(rows, features, target);
    return new SparkLabelIssues(finder.find(o.outOfFold(), o.labels(), target.classes()), o.ids(), o.result());
  }
}
