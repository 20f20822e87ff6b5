package io.workbench.testing;

import io.workbench.data.Dataset;
import io.workbench.model.Trainer;
import io.workbench.run.RunSettings;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A trainer under the {@link TrainerContract}: a name, the trainer (with {@link RunSettings}: seed, progress
 * and cancellation), the data it trains on, whether it makes random choices (then another seed must give
 * another model; otherwise every seed must give the same one), data of a task it does not do, and whether it
 * fills missing values itself. Immutable: each call returns a changed copy.
 *
 * <pre>{@code
 * TrainerCase c = TrainerCase.of("xgboost forest", Models.randomForest().parallelTrees(5), ContractData::binary)
 *     .wrongTask(ContractData::multiLabel);
 * TrainerContract.suite(c);
 * }</pre>
 */
public final class TrainerCase {

  private final String name;
  private final RunSettings<?> trainer;
  private final Supplier<Dataset> data;
  private final boolean random;
  private final Supplier<Dataset> wrongTask;
  private final boolean imputes;

  private TrainerCase(String name, RunSettings<?> trainer, Supplier<Dataset> data, boolean random,
      Supplier<Dataset> wrongTask, boolean imputes) {
    this.name = name;
    this.trainer = trainer;
    this.data = data;
    this.random = random;
    this.wrongTask = wrongTask;
    this.imputes = imputes;
  }

  /**
   * A trainer that makes random choices (weights, shuffles, row or feature samples), trained on {@code data}.
   *
   * @param trainer a {@link Trainer} that also has {@link RunSettings}
   * @throws IllegalArgumentException when it is not both
   */
  public static TrainerCase of(String name, RunSettings<?> trainer, Supplier<Dataset> data) {
    Objects.requireNonNull(name, "name");
    if (!(trainer instanceof Trainer)) {
      throw new IllegalArgumentException(name + ": " + trainer + " is not a Trainer");
    }
    return new TrainerCase(name, trainer, new Lazy<>(data), true, null, false);
  }

  /** The trainer makes no random choice: every seed must give the same model. */
  public TrainerCase deterministic() {
    return new TrainerCase(name, trainer, data, false, wrongTask, imputes);
  }

  /** Data of a task the trainer does not do (it must fail naming the task). */
  public TrainerCase wrongTask(Supplier<Dataset> other) {
    return new TrainerCase(name, trainer, data, random, new Lazy<>(other), imputes);
  }

  /** The trainer fills missing values itself (a pipeline with an imputer): training data with one must fit. */
  public TrainerCase imputing() {
    return new TrainerCase(name, trainer, data, random, wrongTask, true);
  }

  /** The case's name. */
  public String name() {
    return name;
  }

  /** The trainer as given. */
  public RunSettings<?> settings() {
    return trainer;
  }

  /** The trainer with other run options (from {@code change}), as a {@link Trainer}. */
  public Trainer trainer(java.util.function.UnaryOperator<io.workbench.run.RunOptions> change) {
    return (Trainer) trainer.withOptions(change.apply(trainer.options()));
  }

  /** The training data. */
  public Dataset data() {
    return data.get();
  }

  /** Whether the trainer makes random choices. */
  public boolean random() {
    return random;
  }

  /** Data of a task the trainer does not do, or {@code null}. */
  public Dataset wrongTask() {
    return wrongTask == null ? null : wrongTask.get();
  }

  /** Whether the trainer fills missing values itself. */
  public boolean imputes() {
    return imputes;
  }

  @Override
  public String toString() {
    return name;
  }
}
