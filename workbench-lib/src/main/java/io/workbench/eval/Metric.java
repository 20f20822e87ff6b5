package io.workbench.eval;

import io.workbench.data.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A named score of {@link Predictions}, for bootstrap intervals, paired comparisons and cross-validation.
 * The built-in metrics follow {@link ClassificationMetrics} and {@link RegressionMetrics}; make your own
 * with {@link #of(String, boolean, ToDoubleFunction)}.
 *
 * <pre>{@code
 * Metric.AUROC.compute(predictions);
 * Metric.named("f1_macro");
 * Metric recallOfClass1 = Metric.of("recall_1", true,
 *     p -> ClassificationMetrics.recall(p.labels(), p.predictedClasses(), 1));
 * }</pre>
 */
public interface Metric {

  /** Short snake_case name, used as a column or row label. */
  String name();

  /** Whether larger values are better (false for losses and errors). */
  boolean higherIsBetter();

  /** Computes the metric. */
  double compute(Predictions p);

  /** A metric from a name, a direction and a function. */
  static Metric of(String name, boolean higherIsBetter, ToDoubleFunction<Predictions> f) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(f, "f");
    return new Metric() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean higherIsBetter() {
        return higherIsBetter;
      }

      @Override
      public double compute(Predictions p) {
        return f.applyAsDouble(p);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  /** Share of correct argmax predictions. */
  Metric ACCURACY = of("accuracy", true,
      p -> ClassificationMetrics.accuracy(p.labelsView(), p.predictedClasses()));
  /** Mean recall over the classes present. */
  Metric BALANCED_ACCURACY = of("balanced_accuracy", true,
      p -> ClassificationMetrics.balancedAccuracy(p.labelsView(), p.predictedClasses()));
  /** Macro precision. */
  Metric PRECISION_MACRO = of("precision_macro", true,
      p -> ClassificationMetrics.precisionMacro(p.labelsView(), p.predictedClasses()));
  /** Macro recall. */
  Metric RECALL_MACRO = of("recall_macro", true,
      p -> ClassificationMetrics.recallMacro(p.labelsView(), p.predictedClasses()));
  /** Macro F1. */
  Metric F1_MACRO = of("f1_macro", true,
      p -> ClassificationMetrics.f1Macro(p.labelsView(), p.predictedClasses()));
  /** AUROC (binary, or one-vs-rest macro). */
  Metric AUROC = of("auroc", true, p -> ClassificationMetrics.auroc(p.labelsView(), p.probaView()));
  /** Average precision (binary, or one-vs-rest macro). */
  Metric AVERAGE_PRECISION = of("average_precision", true,
      p -> ClassificationMetrics.averagePrecision(p.labelsView(), p.probaView()));
  /** Log loss. */
  Metric LOG_LOSS = of("log_loss", false, p -> ClassificationMetrics.logLoss(p.labelsView(), p.probaView()));
  /** Brier score. */
  Metric BRIER = of("brier", false, p -> ClassificationMetrics.brier(p.labelsView(), p.probaView()));
  /** Expected calibration error, 10 equal-width bins of the top-label confidence. */
  Metric ECE = of("ece", false,
      p -> ClassificationMetrics.expectedCalibrationError(p.labelsView(), p.probaView(), 10));
  /** Mean absolute error. */
  Metric MAE = of("mae", false, p -> RegressionMetrics.mae(p.targetView(), p.predictedView()));
  /** Root mean squared error. */
  Metric RMSE = of("rmse", false, p -> RegressionMetrics.rmse(p.targetView(), p.predictedView()));
  /** Coefficient of determination. */
  Metric R2 = of("r2", true, p -> RegressionMetrics.r2(p.targetView(), p.predictedView()));
  /** Mean squared error (not in {@link #regression()}'s report list, which has RMSE; found by {@link #named}). */
  Metric MSE = of("mse", false, p -> RegressionMetrics.mse(p.targetView(), p.predictedView()));

  /** The built-in classification metrics, in report order. */
  static List<Metric> classification() {
    return List.of(ACCURACY, BALANCED_ACCURACY, PRECISION_MACRO, RECALL_MACRO, F1_MACRO, AUROC,
        AVERAGE_PRECISION, LOG_LOSS, BRIER, ECE);
  }

  /** The built-in regression metrics, in report order. */
  static List<Metric> regression() {
    return List.of(MAE, RMSE, R2);
  }

  /** The built-in metrics for a task. */
  static List<Metric> forTask(Task task) {
    return task == Task.REGRESSION ? regression() : classification();
  }

  /**
   * The default single metric for a task: {@link #ACCURACY} for classification, {@link #R2} for regression
   * (used by permutation importance, grouped importance, forward selection and Rashomon sets).
   */
  static Metric defaultFor(Task task) {
    return task == Task.REGRESSION ? R2 : ACCURACY;
  }

  /** A built-in metric by name; the error lists the valid names. */
  static Metric named(String name) {
    List<String> names = new ArrayList<>();
    for (List<Metric> list : List.of(classification(), regression(), List.of(MSE))) {
      for (Metric m : list) {
        if (m.name().equals(name)) {
          return m;
        }
        names.add(m.name());
      }
    }
    throw new IllegalArgumentException("No metric '" + name + "'; metrics are " + names);
  }
}
