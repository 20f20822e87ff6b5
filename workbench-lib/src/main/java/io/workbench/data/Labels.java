package io.workbench.data;

import java.util.List;
import tech.tablesaw.columns.Column;

/**
 * What a {@link Dataset} asks a model to predict: classes ({@link ClassLabels}), real values ({@link
 * ValueLabels}), several 0/1 labels ({@link MultiLabels}) or nothing ({@link NoLabels}). Each kind answers
 * the accessors that make sense for it; the others fail with one message saying what the dataset holds and
 * which accessor to use instead. Values were checked when the labels were made; they never change.
 */
sealed interface Labels permits ClassLabels, ValueLabels, MultiLabels, NoLabels {

  /** The task, or {@code null} when there is no target. */
  Task task();

  /** The single target column's name, or {@code null} (no target, or multi-label). */
  String target();

  /** The target column names: the label columns (multi-label), the target, or none. */
  default List<String> columns() {
    return target() == null ? List.of() : List.of(target());
  }

  /** The target columns as Tablesaw columns (class indices for classification). */
  List<Column<?>> asColumns();

  /** The given rows, in the given order (indices already checked). */
  Labels rows(int[] rowIndices);

  /** The part of {@code Dataset.toString()} that describes the target, starting with ", " (or empty). */
  String describe();

  /** Class index per row (classification); {@code what} names the caller in the error. */
  default int[] classIndices(String what) {
    throw wrongKind(what, Task.CLASSIFICATION);
  }

  /** Class names (classification) or label names (multi-label). */
  default List<String> classNames(String what) {
    throw wrongKind(what, Task.CLASSIFICATION);
  }

  /** Label names in output order (multi-label). */
  default List<String> labelNames(String what) {
    throw wrongKind(what, Task.MULTI_LABEL);
  }

  /** Rows per class, in class order (classification). */
  default int[] classCounts(String what) {
    throw wrongKind(what, Task.CLASSIFICATION);
  }

  /** The same classes with other indices, checked (classification). */
  default Labels withClassIndices(int[] y, String what) {
    throw wrongKind(what, Task.CLASSIFICATION);
  }

  /** Rows having each label, in label order (multi-label). */
  default java.util.Map<String, Integer> labelCounts(String what) {
    throw wrongKind(what, Task.MULTI_LABEL);
  }

  /** One number per row: the value (regression) or the class index (classification). */
  default double[] values(String what) {
    throw wrongKind(what, Task.REGRESSION);
  }

  /** Rows x labels of 0/1 (multi-label). */
  default int[][] multi(String what) {
    throw wrongKind(what, Task.MULTI_LABEL);
  }

  /** The error for an accessor that does not fit this kind of target. */
  private IllegalStateException wrongKind(String what, Task wanted) {
    if (task() == null) {
      return new IllegalStateException(what + " needs a target; this dataset has none");
    }
    if (wanted == Task.MULTI_LABEL) {
      return new IllegalStateException(what + " is for multi-label datasets; target '" + target() + "' is " + task()
          + " (use y() or yDouble())");
    }
    if (task() == Task.MULTI_LABEL) {
      return new IllegalStateException(wanted == Task.CLASSIFICATION
          ? what + " is for single-label classification; this dataset is multi-label " + columns()
              + " (use labelNames() and yMulti())"
          : what + " needs a single target; this dataset is multi-label " + columns() + ", use yMulti()");
    }
    return new IllegalStateException(what + " is for classification; target '" + target() + "' is " + task());
  }
}
