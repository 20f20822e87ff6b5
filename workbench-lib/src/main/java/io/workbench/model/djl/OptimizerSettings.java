package io.workbench.model.djl;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Locale;
import java.util.Objects;

/**
 * How a network's weights are updated: Adam (Kingma and Ba, betas 0.9 and 0.999) or SGD with momentum, at a
 * base learning rate. Immutable; {@code withX} returns a changed copy.
 *
 * <pre>{@code
 * OptimizerSettings o = OptimizerSettings.adam(1e-3);
 * OptimizerSettings s = OptimizerSettings.sgd(0.05, 0.9);
 * }</pre>
 *
 * @param kind Adam or SGD
 * @param learningRate the base learning rate (a schedule scales it per epoch), above 0
 * @param momentum SGD's momentum, in [0, 1)
 */
public record OptimizerSettings(NeuralTrainer.OptimizerKind kind, double learningRate, double momentum) {

  /** Validates. */
  public OptimizerSettings {
    Objects.requireNonNull(kind, "optimizer");
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
  }

  /** Adam at this learning rate. */
  public static OptimizerSettings adam(double learningRate) {
    return new OptimizerSettings(NeuralTrainer.OptimizerKind.ADAM, learningRate, 0.9);
  }

  /** SGD with momentum at this learning rate. */
  public static OptimizerSettings sgd(double learningRate, double momentum) {
    return new OptimizerSettings(NeuralTrainer.OptimizerKind.SGD, learningRate, momentum);
  }

  /** A copy with another optimiser. */
  public OptimizerSettings withKind(NeuralTrainer.OptimizerKind k) {
    return new OptimizerSettings(k, learningRate, momentum);
  }

  /** A copy with another base learning rate. */
  public OptimizerSettings withLearningRate(double rate) {
    return new OptimizerSettings(kind, rate, momentum);
  }

  /** A copy with SGD's momentum. */
  public OptimizerSettings withMomentum(double m) {
    return new OptimizerSettings(kind, learningRate, m);
  }

  /** DJL's optimiser following {@code rate} (the learning rate of the current epoch), with L2 weight decay. */
  Optimizer build(Tracker rate, double weightDecay) {
    return kind == NeuralTrainer.OptimizerKind.ADAM
        ? Optimizer.adam().optLearningRateTracker(rate).optWeightDecays((float) weightDecay).build()
        : Optimizer.sgd().setLearningRateTracker(rate).optMomentum((float) momentum)
            .optWeightDecays((float) weightDecay).build();
  }

  /** The optimiser's name in settings: {@code adam} or {@code sgd}. */
  public String name() {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
