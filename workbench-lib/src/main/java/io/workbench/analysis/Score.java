package io.workbench.analysis;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import java.util.Objects;

/**
 * A named quality score of a model's batched output against a dataset's targets, used by forward
 * selection, grouped importance and Rashomon sets. Built-ins cover accuracy, log loss, mean squared
 * error and R<sup>2</sup>; wrap any other metric with {@link #of}.
 *
 * <pre>{@code
 * Score acc = Score.ACCURACY;
 * double v = acc.compute(model.predictProba(test.x()), test);
 * Score balanced = Score.of("balanced_accuracy", true, (out, data) -> myBalancedAccuracy(out, data.y()));
 * }</pre>
 */
public interface Score {

  /** Short name, used as a column label. */
  String name();

  /** Whether larger values are better (false for losses). */
  boolean higherIsBetter();

  /**
   * Computes the score.
   *
   * @param output the model's {@code predictProba} output, one row per dataset row
   * @param truth the dataset holding the targets
   */
  double compute(float[][] output, Dataset truth);

  /** The function behind {@link #of}. */
  @FunctionalInterface
  interface Function {
    /** The score of {@code output} against {@code truth}. */
    double apply(float[][] output, Dataset truth);
  }

  /** A score from a name, a direction and a function. */
  static Score of(String name, boolean higherIsBetter, Function f) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(f, "f");
    return new Score() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean higherIsBetter() {
        return higherIsBetter;
      }

      @Override
      public double compute(float[][] output, Dataset truth) {
        if (output.length != truth.rows()) {
          throw new IllegalArgumentException(
              name + ": output has " + output.length + " rows but the dataset has " + truth.rows());
        }
        return f.apply(output, truth);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** Share of rows whose argmax class is the true class (classification). */
  Score ACCURACY = of("accuracy", true, (out, data) -> {
    int[] y = data.y();
    int hit = 0;
    for (int i = 0; i < y.length; i++) {
      int best = 0;
      for (int k = 1; k < out[i].length; k++) {
        if (out[i][k] > out[i][best]) {
          best = k;
        }
      }
      hit += best == y[i] ? 1 : 0;
    }
    return (double) hit / y.length;
  });

  /** Mean negative log probability of the true class, probabilities clipped at 1e-15 (classification). */
  Score LOG_LOSS = of("log_loss", false, (out, data) -> {
    int[] y = data.y();
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s -= Math.log(Math.max(1e-15, out[i][y[i]]));
    }
    return s / y.length;
  });

  /** Mean squared error of the first output column (regression). */
  Score MSE = of("mse", false, (out, data) -> {
    double[] y = data.yDouble();
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double e = out[i][0] - y[i];
      s += e * e;
    }
    return s / y.length;
  });

  /** Coefficient of determination of the first output column (regression). */
  Score R2 = of("r2", true, (out, data) -> {
    double[] y = data.yDouble();
    double[] p = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      p[i] = out[i][0];
    }
    return Stats.r2(y, p);
  });

  /** Accuracy for classification, R<sup>2</sup> for regression. */
  static Score forTask(Task task) {
    return task == Task.REGRESSION ? R2 : ACCURACY;
  }
}
