package io.workbench.spark;

import io.workbench.model.Trainer;
import java.io.Serializable;

/**
 * How executors get a trainer: a serialisable recipe (usually a lambda) that builds the same trainer on every
 * JVM. Trainers hold settings only, so building one per task costs nothing; the fitted models come back to the
 * driver in their own saved format, never by Java serialisation.
 *
 * <pre>{@code
 * TrainerFactory xgb = () -> Models.xgboost().rounds(100).maxDepth(4);
 * CrossValidationResult cv = DistributedCrossValidation.of(xgb).folds(5).run(frame, features, "label");
 * }</pre>
 */
@FunctionalInterface
public interface TrainerFactory extends Serializable {

  /** A fresh trainer with the settings of this recipe. */
  Trainer create();
}
