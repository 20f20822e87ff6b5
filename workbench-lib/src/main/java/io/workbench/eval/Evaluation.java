package io.workbench.eval;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.Model;
import io.workbench.model.Models;
import java.util.List;

/**
 * Entry point for evaluating a model on a labelled test set, or predictions given as arrays (for example
 * out-of-fold probabilities, or results from another tool). The model is run once, on the whole set.
 *
 * <pre>{@code
 * Metrics m = Evaluation.of(model, test);                       // classification or regression report
 * ClassificationReport r = Evaluation.classification(model, test);
 * ClassificationReport fromArrays = Evaluation.classification(y, proba, List.of("no", "yes"));
 * RegressionReport reg = Evaluation.regression(y, predicted);
 * }</pre>
 */
public final class Evaluation {

  private Evaluation() {}

  /** Predictions of a model on a labelled dataset (one batched call). */
  public static Predictions predictions(Model model, Dataset test) {
    if (model == null || test == null) {
      throw new IllegalArgumentException("model and test dataset must not be null");
    }
    if (test.task() == null) {
      throw new IllegalArgumentException("The test dataset has no target; evaluation needs labels");
    }
    if (test.task() != model.task()) {
      throw new IllegalArgumentException(
          "The model does " + model.task() + " but the test dataset's target is " + test.task());
    }
    Models.checkFeatures(model, test.features());
    if (test.task() == Task.CLASSIFICATION) {
      if (!model.classNames().equals(test.classNames())) {
        throw new IllegalArgumentException(
            "The model's classes " + model.classNames() + " differ from the test dataset's " + test.classNames());
      }
      return Predictions.classification(test.y(), model.predictProba(test.x()), test.classNames());
    }
    return Predictions.regression(test.yDouble(), model.predictValue(test.x()));
  }

  /** The report that fits the task: {@link ClassificationReport} or {@link RegressionReport}. */
  public static Metrics of(Model model, Dataset test) {
    return of(predictions(model, test));
  }

  /** The report that fits the predictions' task. */
  public static Metrics of(Predictions p) {
    return p.task() == Task.CLASSIFICATION ? new ClassificationReport(p) : new RegressionReport(p);
  }

  /** Classification report of a model on a labelled test set. */
  public static ClassificationReport classification(Model model, Dataset test) {
    if (model != null && model.task() != Task.CLASSIFICATION) {
      throw new IllegalArgumentException("classification() needs a classifier; this model does " + model.task());
    }
    return new ClassificationReport(predictions(model, test));
  }

  /** Classification report from labels and probabilities ({@code classNames} may be null). */
  public static ClassificationReport classification(int[] y, double[][] proba, List<String> classNames) {
    return new ClassificationReport(Predictions.classification(y, proba, classNames));
  }

  /** Classification report from labels and float probabilities ({@code classNames} may be null). */
  public static ClassificationReport classification(int[] y, float[][] proba, List<String> classNames) {
    return new ClassificationReport(Predictions.classification(y, proba, classNames));
  }

  /** Regression report of a model on a labelled test set. */
  public static RegressionReport regression(Model model, Dataset test) {
    if (model != null && model.task() != Task.REGRESSION) {
      throw new IllegalArgumentException("regression() needs a regression model; this model does " + model.task());
    }
    return new RegressionReport(predictions(model, test));
  }

  /** Regression report from targets and predictions. */
  public static RegressionReport regression(double[] y, double[] predicted) {
    return new RegressionReport(Predictions.regression(y, predicted));
  }
}
