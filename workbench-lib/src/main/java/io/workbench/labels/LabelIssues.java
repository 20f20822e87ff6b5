package io.workbench.labels;

import io.workbench.data.Dataset;
import io.workbench.data.Splits;
import io.workbench.data.Task;
import io.workbench.eval.CrossValidation;
import io.workbench.model.Model;
import io.workbench.model.Trainer;
import io.workbench.run.RunOptions;
import java.util.Objects;

/**
 * Finds likely label errors by confident learning with the default settings (see {@link
 * LabelIssueFinder} for options). The core input is a matrix of <em>out-of-fold</em> predicted
 * probabilities and the given labels; with a dataset and a trainer the probabilities are computed by
 * stratified k-fold cross-validation first.
 *
 * <pre>{@code
 * LabelIssueReport r = LabelIssues.find(probs, labels);          // probabilities you already have
 * LabelIssueReport s = LabelIssues.find(data, trainer, 5, 42);   // 5-fold out-of-fold probabilities
 * s.cleaned(data);                                               // the rows not flagged
 * }</pre>
 */
public final class LabelIssues {

  private LabelIssues() {}

  /** A finder with the default settings, to change options on. */
  public static LabelIssueFinder finder() {
    return new LabelIssueFinder();
  }

  /**
   * Label issues from out-of-fold probabilities.
   *
   * @param probs rows x classes, each row summing to 1 (tolerance 1e-3)
   * @param labels given class index per row, in {@code 0..classes-1}
   */
  public static LabelIssueReport find(double[][] probs, int[] labels) {
    return finder().find(probs, labels);
  }

  /** {@link #find(double[][], int[])} for float probabilities (as {@code Model.predictProba}). */
  public static LabelIssueReport find(float[][] probs, int[] labels) {
    return finder().find(probs, labels);
  }

  /**
   * Label issues of a classification dataset: out-of-fold probabilities of {@code trainer} by stratified
   * {@code k}-fold cross-validation (folds from {@code data.Splits.kFold(data, k, seed)}), then confident
   * learning with the default settings.
   */
  public static LabelIssueReport find(Dataset data, Trainer trainer, int k, long seed) {
    return finder().find(data, trainer, k, seed);
  }

  /**
   * Out-of-fold predicted probabilities: row i holds the prediction of a model that did not see row i
   * in training (stratified k-fold, seeded). Progress: one cross-validation bar with the trainers nested.
   * This loop is deliberately minimal; the evaluation package's cross-validation computes the same
   * out-of-fold matrix with more options.
   *
   * @return rows x classes probabilities in the dataset's class order
   */
  public static double[][] outOfFoldProbabilities(Dataset data, Trainer trainer, int k, long seed) {
    return outOfFoldProbabilities(data, trainer, k, RunOptions.defaults().withSeed(seed));
  }

  /** Out-of-fold probabilities by cross-validation run with these options (seed, threads, progress...). */
  static double[][] outOfFoldProbabilities(Dataset data, Trainer trainer, int k, RunOptions options) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(trainer, "trainer");
    requireClassification(data);
    if (k < 2) {
      throw new IllegalArgumentException("k (folds) must be at least 2, got " + k);
    }
    if (data.rows() < k) {
      throw new IllegalArgumentException(
          "k = " + k + " folds need at least " + k + " rows, but the dataset has " + data.rows());
    }
    return CrossValidation.of(trainer).folds(k).withOptions(options).run(data).outOfFold();
  }

  static void requireClassification(Dataset data) {
    if (data.task() != Task.CLASSIFICATION) {
      throw new IllegalArgumentException(
          "Label issues need a classification dataset; this one is "
              + (data.task() == null ? "unlabelled (no target)" : data.task().toString().toLowerCase(java.util.Locale.ROOT)));
    }
  }
}
