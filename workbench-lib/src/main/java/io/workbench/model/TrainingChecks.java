package io.workbench.model;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks every trainer makes on its training data before any work, with messages that say what was
 * expected and what arrived. Shared so that all trainers fail alike on the same bad data.
 *
 * <pre>{@code
 * TrainingChecks.requireTrainable(train);                          // target, rows and features present
 * TrainingChecks.requireClasses(train, "training data", true);     // every class has rows
 * }</pre>
 */
public final class TrainingChecks {

  private TrainingChecks() {}

  /**
   * The dataset is not null, has rows, a target and features.
   *
   * @return its task
   */
  public static Task requireTrainable(Dataset train) {
    if (train == null) {
      throw new IllegalArgumentException("fit(train): the training dataset is null");
    }
    if (train.task() == null) {
      throw new IllegalArgumentException(
          "fit(train): the training dataset has no target; set one with Dataset.builder(..).target(\"column\")");
    }
    if (train.rows() == 0) {
      throw new IllegalArgumentException("fit(train): cannot train on an empty dataset (0 rows)");
    }
    if (train.numFeatures() == 0) {
      throw new IllegalArgumentException("fit(train): the training dataset has no feature columns");
    }
    return train.task();
  }

  /**
   * A classification dataset has at least two classes with rows, and with {@code everyClass} no class
   * without rows (a network could never predict it).
   *
   * @param what what the data is, for the message, for example {@code "training part after the validation split"}
   */
  public static void requireClasses(Dataset d, String what, boolean everyClass) {
    int[] counts = d.classCountsArray();
    List<String> missing = new ArrayList<>();
    int present = 0;
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] == 0) {
        missing.add(d.classNames().get(c));
      } else {
        present++;
      }
    }
    if (present < 2) {
      throw new IllegalArgumentException(
          "The " + what + " has a single class (" + d.classCounts() + "); classification needs at least two");
    }
    if (everyClass && !missing.isEmpty()) {
      throw new IllegalArgumentException(
          "Class(es) " + missing + " missing from the " + what + " (" + d.classCounts()
              + "); the model could never predict them. Use a stratified split, or drop those classes");
    }
  }

  /** Every label of a multi-label dataset has rows with 0 and rows with 1. */
  public static void requireLabels(Dataset d, String what) {
    int[][] y = d.yMulti();
    List<String> names = d.labelNames();
    for (int l = 0; l < names.size(); l++) {
      int pos = 0;
      for (int[] row : y) {
        pos += row[l];
      }
      if (pos == 0 || pos == y.length) {
        throw new IllegalArgumentException(
            "Label '" + names.get(l) + "' is " + (pos == 0 ? "0" : "1") + " in every row of the " + what + " ("
                + y.length + " rows, label counts " + d.labelCounts() + "); each label needs rows with 0 and"
                + " with 1. Drop that label or use more data");
      }
    }
  }

  /** A validation share is in [0, 1). */
  public static double requireValidationShare(double share) {
    if (!(share >= 0 && share < 1)) {
      throw new IllegalArgumentException("validation share must be in [0, 1) (0 = no validation part), got " + share);
    }
    return share;
  }
}
