package io.workbench.model;

import io.workbench.data.Dataset;

/**
 * Something that fits a {@link Model} to a training dataset. Trainers are immutable settings; {@link
 * #fit(Dataset)} may be called many times (cross-validation, Rashomon sets) and, for the same seed and
 * data, gives the same model.
 *
 * <pre>{@code
 * Trainer t = Models.mlp(64, 32).epochs(40).seed(42);
 * Model m = t.fit(split.train());
 * }</pre>
 */
@FunctionalInterface
public interface Trainer {

  /** Fits a model; fails naming what is wrong for an empty or single-class training set. */
  Model fit(Dataset train);
}
