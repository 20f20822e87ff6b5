package io.workbench.data;

/** What the target of a {@link Dataset} asks a model to do. */
public enum Task {
  /** The target is one class out of {@link Dataset#classNames()}. */
  CLASSIFICATION,
  /** The target is a real number. */
  REGRESSION,
  /**
   * The target is several independent 0/1 labels (a row may have none, one or several), one column each;
   * see {@link Dataset#labelNames()} and {@link Dataset#yMulti()}.
   */
  MULTI_LABEL
}
