package io.workbench.data;

/** What the target of a {@link Dataset} asks a model to do. */
public enum Task {
  /** The target is one class out of {@link Dataset#classNames()}. */
  CLASSIFICATION,
  /** The target is a real number. */
  REGRESSION
}
