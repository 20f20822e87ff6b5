package io.workbench.model.pipeline;

import io.workbench.data.Dataset;
import io.workbench.model.Model;
import io.workbench.model.Trainer;

/**
 * A {@link Pipeline} followed by a trainer: a {@link Trainer} whose models take raw rows. Usable wherever a
 * trainer is, so cross-validation refits the preprocessing on each training fold.
 *
 * <pre>{@code
 * Trainer t = Pipeline.of(Imputer.median(), OneHotEncoder.of("sex")).then(Models.xgboost());
 * CrossValidation.run(t, data, 5, 42);    // the imputer sees only each fold's training rows
 * }</pre>
 *
 * @param pipeline the preprocessing steps
 * @param trainer the model trained on the preprocessed rows
 */
public record PipelineTrainer(Pipeline pipeline, Trainer trainer) implements Trainer {

  /** Checks both parts. */
  public PipelineTrainer {
    if (pipeline == null || trainer == null) {
      throw new IllegalArgumentException("PipelineTrainer needs a pipeline and a trainer");
    }
  }

  /** Fits the steps on {@code train}, then the model on the transformed training rows. */
  @Override
  public PipelineModel fit(Dataset train) {
    FittedPipeline fitted = pipeline.fit(train);
    Model inner = trainer.fit(fitted.apply(train));
    return PipelineModel.of(fitted, inner);
  }
}
