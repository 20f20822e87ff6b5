package io.workbench.analysis;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.eval.Metric;
import io.workbench.eval.Predictions;

/** Computes an {@link Metric} on a model's batched output against a dataset's targets. */
public final class Scores {

  private Scores() {}

  /**
   * The metric of {@code output} (the model's {@code predictProba}, one row per dataset row) against the
   * targets of {@code truth}: class probabilities for classification, output column 0 for regression.
   */
  public static double compute(Metric metric, float[][] output, Dataset truth) {
    if (output.length != truth.rows()) {
      throw new IllegalArgumentException(
          metric.name() + ": output has " + output.length + " rows but the dataset has " + truth.rows());
    }
    Predictions p = truth.task() == Task.REGRESSION
        ? Predictions.ofModelOutput(truth.yDouble(), output)
        : Predictions.ofModelOutput(truth.y(), output, truth.classNames());
    return metric.compute(p);
  }
}
