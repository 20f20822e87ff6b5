package io.workbench.model.djl;

/**
 * How the learning rate changes from epoch to epoch (it is constant within an epoch).
 *
 * <pre>{@code
 * Models.mlp(64).learningRate(0.01).schedule(LearningRateSchedule.cosine());
 * Models.mlp(64).schedule(LearningRateSchedule.step(10, 0.5));   // halve every 10 epochs
 * }</pre>
 *
 * @param kind {@code constant}, {@code step} or {@code cosine}
 * @param stepEpochs epochs between two decays (step)
 * @param gamma factor applied at each decay (step)
 * @param minFactor the rate at the last epoch as a share of the base rate (cosine)
 */
public record LearningRateSchedule(String kind, int stepEpochs, double gamma, double minFactor) {

  /** Validates. */
  public LearningRateSchedule {
    switch (kind) {
      case "constant":
        break;
      case "step":
        if (stepEpochs < 1 || !(gamma > 0 && gamma <= 1)) {
          throw new IllegalArgumentException(
              "Step schedule needs stepEpochs >= 1 and gamma in (0, 1], got " + stepEpochs + " and " + gamma);
        }
        break;
      case "cosine":
        if (!(minFactor >= 0 && minFactor < 1)) {
          throw new IllegalArgumentException("Cosine schedule needs minFactor in [0, 1), got " + minFactor);
        }
        break;
      default:
        throw new IllegalArgumentException(
            "Unknown learning-rate schedule '" + kind + "'; expected constant, step or cosine");
    }
  }

  /** The same rate every epoch. */
  public static LearningRateSchedule constant() {
    return new LearningRateSchedule("constant", 1, 1, 0);
  }

  /** Multiplies the rate by {@code gamma} every {@code everyEpochs} epochs. */
  public static LearningRateSchedule step(int everyEpochs, double gamma) {
    return new LearningRateSchedule("step", everyEpochs, gamma, 0);
  }

  /** Cosine annealing from the base rate (first epoch) down to 0 (after the last). */
  public static LearningRateSchedule cosine() {
    return cosine(0);
  }

  /** Cosine annealing from the base rate down to {@code minFactor} times it. */
  public static LearningRateSchedule cosine(double minFactor) {
    return new LearningRateSchedule("cosine", 1, 1, minFactor);
  }

  /**
   * The rate of an epoch.
   *
   * @param base the base learning rate
   * @param epoch the epoch, counted from 0
   * @param epochs the number of epochs planned
   */
  public double rate(double base, int epoch, int epochs) {
    switch (kind) {
      case "step":
        return base * Math.pow(gamma, epoch / stepEpochs);
      case "cosine":
        double min = base * minFactor;
        return min + 0.5 * (base - min) * (1 + Math.cos(Math.PI * epoch / Math.max(1, epochs)));
      default:
        return base;
    }
  }

  @Override
  public String toString() {
    switch (kind) {
      case "step":
        return "step(" + stepEpochs + ", " + gamma + ")";
      case "cosine":
        return minFactor == 0 ? "cosine" : "cosine(" + minFactor + ")";
      default:
        return "constant";
    }
  }
}
