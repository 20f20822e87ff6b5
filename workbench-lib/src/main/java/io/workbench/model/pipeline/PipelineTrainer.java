package io.workbench.model.pipeline;

import io.workbench.data.Dataset;
import io.workbench.model.Model;
import io.workbench.model.Trainer;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;

/**
 * A {@link Pipeline} followed by a trainer: a {@link Trainer} whose models take raw rows. Usable wherever a
 * trainer is, so cross-validation refits the preprocessing on each training fold. Its run options (seed,
 * threads, progress, cancellation) are those of the trainer inside, which does the long work: fitting the
 * steps is quick.
 *
 * <pre>{@code
 * Trainer t = Pipeline.of(Imputer.median(), OneHotEncoder.of("sex")).then(Models.xgboost());
 * CrossValidation.run(t, data, 5, 42);    // the imputer sees only each fold's training rows
 * Pipeline.of(Standardizer.all()).then(Models.mlp(16)).seed(7).progress(bar).fit(train);
 * }</pre>
 *
 * @param pipeline the preprocessing steps
 * @param trainer the model trained on the preprocessed rows
 */
public record PipelineTrainer(Pipeline pipeline, Trainer trainer) implements Trainer, RunSettings<PipelineTrainer> {

  /** Checks both parts. */
  public PipelineTrainer {
    if (pipeline == null || trainer == null) {
      throw new IllegalArgumentException("PipelineTrainer needs a pipeline and a trainer");
    }
  }

  /** The run options of the trainer inside, or the defaults when it takes none. */
  @Override
  public RunOptions options() {
    return trainer instanceof RunSettings<?> rs ? rs.options() : RunOptions.defaults();
  }

  /**
   * The same pipeline with the trainer inside set to {@code options}.
   *
   * @throws IllegalArgumentException when the trainer inside takes no run options (a lambda, for example)
   */
  @Override
  public PipelineTrainer withOptions(RunOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options is null");
    }
    if (!(trainer instanceof RunSettings<?> rs)) {
      throw new IllegalArgumentException("The pipeline's trainer " + trainer.getClass().getSimpleName()
          + " takes no run options (seed, threads, progress, cancellation); set them on the trainer itself");
    }
    return new PipelineTrainer(pipeline, (Trainer) rs.withOptions(options));
  }

  /** Fits the steps on {@code train}, then the model on the transformed training rows. */
  @Override
  public PipelineModel fit(Dataset train) {
    if (train == null) {
      throw new IllegalArgumentException("fit(train): the training dataset is null");
    }
    FittedPipeline fitted = pipeline.fit(train);
    Model inner = trainer.fit(fitted.apply(train));
    return PipelineModel.of(fitted, inner);
  }
}
