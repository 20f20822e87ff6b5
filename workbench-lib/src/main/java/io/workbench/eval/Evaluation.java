package io.workbench.eval;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.Model;
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
 * MultiLabelReport ml = Evaluation.multiLabel(multiLabelModel, test);   // labels: yMulti() and predictProba
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
    if (test.task() == Task.MULTI_LABEL || model.task() == Task.MULTI_LABEL) {
      throw new IllegalArgumentException(
          "Multi-label models and datasets have their own report: use Evaluation.multiLabel(model, test)");
    }
    if (test.task() != model.task()) {
      throw new IllegalArgumentException(
          "The model does " + model.task() + " but the test dataset's target is " + test.task());
    }
    Model.checkFeatures(model, test.features());
    if (test.task() == Task.CLASSIFICATION) {
      if (!model.classNames().equals(test.classNames())) {
        throw new IllegalArgumentException(
            "The model's classes " + model.classNames() + " differ from the test dataset's " + test.classNames());
      }
      return Predictions.classification(test.y(), model.predictProba(test), test.classNames());
    }
    float[][] p = model.predictProba(test);   // the Dataset overload: models that take raw rows read them
    double[] values = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      values[i] = p[i][0];
    }
    return Predictions.regression(test.yDouble(), values);
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

  /**
   * Multi-label report of a model on a labelled multi-label test set, labels predicted at probability 0.5
   * (one batched prediction).
   */
  public static MultiLabelReport multiLabel(Model model, Dataset test) {
    return multiLabel(model, test, 0.5);
  }

  /** Multi-label report of a model on a labelled multi-label test set, labels predicted at {@code threshold}. */
  public static MultiLabelReport multiLabel(Model model, Dataset test, double threshold) {
    if (model == null || test == null) {
      throw new IllegalArgumentException("model and test dataset must not be null");
    }
    if (model.task() != Task.MULTI_LABEL) {
      throw new IllegalArgumentException("multiLabel() needs a multi-label model; this model does " + model.task());
    }
    if (test.task() != Task.MULTI_LABEL) {
      throw new IllegalArgumentException(
          "multiLabel() needs a multi-label test dataset (Dataset.builder(t).targets(..)); its task is " + test.task());
    }
    Model.checkFeatures(model, test.features());
    if (!model.classNames().equals(test.labelNames())) {
      throw new IllegalArgumentException(
          "The model's labels " + model.classNames() + " differ from the test dataset's " + test.labelNames());
    }
    return multiLabel(test.yMulti(), model.predictProba(test), test.labelNames(), threshold);
  }

  /** Multi-label report from 0/1 labels and float probabilities ({@code rows x labels}), threshold 0.5. */
  public static MultiLabelReport multiLabel(int[][] y, float[][] proba, List<String> labelNames) {
    return multiLabel(y, proba, labelNames, 0.5);
  }

  /** Multi-label report from 0/1 labels and float probabilities at a threshold. */
  public static MultiLabelReport multiLabel(int[][] y, float[][] proba, List<String> labelNames, double threshold) {
    if (proba == null) {
      throw new IllegalArgumentException("proba must not be null");
    }
    double[][] p = new double[proba.length][];
    for (int i = 0; i < proba.length; i++) {
      if (proba[i] == null) {
        throw new IllegalArgumentException("proba row " + i + " is null");
      }
      p[i] = new double[proba[i].length];
      for (int l = 0; l < p[i].length; l++) {
        p[i][l] = proba[i][l];
      }
    }
    return multiLabel(y, p, labelNames, threshold);
  }

  /** Multi-label report from 0/1 labels and probabilities ({@code labelNames} may be null), threshold 0.5. */
  public static MultiLabelReport multiLabel(int[][] y, double[][] proba, List<String> labelNames) {
    return multiLabel(y, proba, labelNames, 0.5);
  }

  /**
   * Multi-label report from 0/1 labels and probabilities ({@code rows x labels} each).
   *
   * @param labelNames one name per label column, or null for {@code label0, label1, ...}
   * @param threshold in (0, 1): a label counts as predicted when its probability is at least this
   */
  public static MultiLabelReport multiLabel(int[][] y, double[][] proba, List<String> labelNames, double threshold) {
    if (y == null || proba == null) {
      throw new IllegalArgumentException("y and proba must not be null");
    }
    if (y.length != proba.length) {
      throw new IllegalArgumentException("y has " + y.length + " rows but proba has " + proba.length);
    }
    if (y.length == 0) {
      throw new IllegalArgumentException("A multi-label report needs at least one row");
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
    }
    if (y[0] == null || y[0].length == 0) {
      throw new IllegalArgumentException("y row 0 has no labels");
    }
    int k = y[0].length;
    if (labelNames == null) {
      labelNames = new java.util.ArrayList<>();
      for (int l = 0; l < k; l++) {
        labelNames.add("label" + l);
      }
    } else if (labelNames.size() != k) {
      throw new IllegalArgumentException(
          "labelNames has " + labelNames.size() + " names " + labelNames + " but y has " + k + " label columns");
    }
    int[][] yc = new int[y.length][];
    double[][] pc = new double[y.length][];
    for (int i = 0; i < y.length; i++) {
      if (y[i] == null || y[i].length != k) {
        throw new IllegalArgumentException(
            "y row " + i + " has " + (y[i] == null ? "no" : y[i].length) + " values, expected " + k);
      }
      if (proba[i] == null || proba[i].length != k) {
        throw new IllegalArgumentException(
            "proba row " + i + " has " + (proba[i] == null ? "no" : proba[i].length) + " values, expected " + k);
      }
      for (int l = 0; l < k; l++) {
        if (y[i][l] != 0 && y[i][l] != 1) {
          throw new IllegalArgumentException(
              "y at row " + i + ", label '" + labelNames.get(l) + "' is " + y[i][l] + "; expected 0 or 1");
        }
        double v = proba[i][l];
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException(
              "proba at row " + i + ", label '" + labelNames.get(l) + "' is " + v + "; expected a probability in [0, 1]");
        }
      }
      yc[i] = y[i].clone();
      pc[i] = proba[i].clone();
    }
    return new MultiLabelReport(yc, pc, labelNames, threshold);
  }

  /** Regression report from targets and predictions. */
  public static RegressionReport regression(double[] y, double[] predicted) {
    return new RegressionReport(Predictions.regression(y, predicted));
  }
}
