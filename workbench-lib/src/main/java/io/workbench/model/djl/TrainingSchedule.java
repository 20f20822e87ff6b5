package io.workbench.model.djl;

import java.util.Objects;

/**
 * How long and in which steps a network trains: epochs, rows per mini-batch and the learning-rate schedule
 * over epochs. Immutable; {@code withX} returns a changed copy.
 *
 * <pre>{@code
 * TrainingSchedule s = TrainingSchedule.defaults().withEpochs(40).withSchedule(LearningRateSchedule.cosine());
 * }</pre>
 *
 * @param epochs passes over the training data, at least 1
 * @param batchSize rows per mini-batch, at least 1
 * @param schedule the learning rate of each epoch as a share of the base rate
 */
public record TrainingSchedule(int epochs, int batchSize, LearningRateSchedule schedule) {

  /** Validates. */
  public TrainingSchedule {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    Objects.requireNonNull(schedule, "schedule");
  }

  /** 30 epochs of 32-row batches at a constant rate. */
  public static TrainingSchedule defaults() {
    return new TrainingSchedule(30, 32, LearningRateSchedule.constant());
  }

  /** A copy with another number of epochs. */
  public TrainingSchedule withEpochs(int n) {
    return new TrainingSchedule(n, batchSize, schedule);
  }

  /** A copy with another batch size. */
  public TrainingSchedule withBatchSize(int rows) {
    return new TrainingSchedule(epochs, rows, schedule);
  }

  /** A copy with another learning-rate schedule. */
  public TrainingSchedule withSchedule(LearningRateSchedule s) {
    return new TrainingSchedule(epochs, batchSize, s);
  }

  /** The learning rate of epoch {@code epoch} (from 0) for base rate {@code base}. */
  double rate(double base, int epoch) {
    return schedule.rate(base, epoch, epochs);
  }
}
