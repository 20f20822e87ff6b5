package io.workbench.eval;

import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.data.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Predictions of one model on one labelled set: labels and class probabilities (classification) or targets
 * and predicted values (regression). The unit that metrics, bootstrap intervals and paired comparisons work
 * on. Arrays are copied in and out.
 *
 * <pre>{@code
 * Predictions p = Predictions.classification(y, proba, List.of("no", "yes"));
 * Predictions sub = p.select(new int[] {0, 0, 3});     // rows may repeat (bootstrap)
 * double auc = Metric.AUROC.compute(p);
 * }</pre>
 */
public final class Predictions {

  private final Task task;
  private final int[] labels;
  private final double[][] proba;
  private final List<String> classNames;
  private final double[] target;
  private final double[] predicted;

  private Predictions(Task task, int[] labels, double[][] proba, List<String> classNames, double[] target,
      double[] predicted) {
    this.task = task;
    this.labels = labels;
    this.proba = proba;
    this.classNames = classNames;
    this.target = target;
    this.predicted = predicted;
  }

  /**
   * Classification predictions; checks that probabilities are in [0, 1], rows sum to 1 and labels index the
   * classes.
   *
   * @param classNames one name per probability column, or {@code null} for {@code "0".."k-1"}
   */
  public static Predictions classification(int[] labels, double[][] proba, List<String> classNames) {
    int k = Checks.probabilityRows(labels, proba);
    List<String> names = classNames;
    if (names == null) {
      names = new ArrayList<>();
      for (int c = 0; c < k; c++) {
        names.add(Integer.toString(c));
      }
    } else if (names.size() != k) {
      throw new IllegalArgumentException(
          "classNames has " + names.size() + " names but the probabilities have " + k + " columns");
    }
    double[][] p = new double[proba.length][];
    for (int i = 0; i < p.length; i++) {
      p[i] = proba[i].clone();
    }
    return new Predictions(Task.CLASSIFICATION, labels.clone(), p, List.copyOf(names), null, null);
  }

  /** Classification predictions from float probabilities (as models return them). */
  public static Predictions classification(int[] labels, float[][] proba, List<String> classNames) {
    if (proba == null) {
      throw new IllegalArgumentException("probabilities must not be null");
    }
    return classification(labels, toDouble(proba), classNames);
  }

  /** Regression predictions; both arrays must be finite and of equal length. */
  public static Predictions regression(double[] target, double[] predicted) {
    RegressionMetrics.check(target, predicted);
    return new Predictions(Task.REGRESSION, null, null, List.of(), target.clone(), predicted.clone());
  }

  /**
   * Classification predictions from a model's {@code predictProba} output, for library loops that score many
   * chunks of output against labels they checked once (permutation importance, grouped importance). Unlike
   * {@link #classification(int[], float[][], List)} it neither re-checks the labels and probability rows nor
   * copies the labels: the metrics that need valid probabilities (AUROC, log loss, ...) still check them
   * when computed. The caller must not change {@code labels} afterwards.
   *
   * @param labels class index per row, already checked against the class count
   * @param proba model output, {@code rows x classes} (converted to double once)
   * @param classNames one name per column, or {@code null} for {@code "0".."k-1"}
   */
  public static Predictions ofModelOutput(int[] labels, float[][] proba, List<String> classNames) {
    if (labels == null || proba == null || labels.length != proba.length || proba.length == 0) {
      throw new IllegalArgumentException("model output has " + (proba == null ? 0 : proba.length)
          + " rows but there are " + (labels == null ? 0 : labels.length) + " labels; need the same, at least 1");
    }
    double[][] p = toDouble(proba);
    int k = p[0].length;
    List<String> names = classNames;
    if (names == null || names.size() != k) {
      names = new ArrayList<>();
      for (int c = 0; c < k; c++) {
        names.add(classNames != null && c < classNames.size() ? classNames.get(c) : Integer.toString(c));
      }
    }
    return new Predictions(Task.CLASSIFICATION, labels, p, List.copyOf(names), null, null);
  }

  /**
   * Regression predictions from a model's output column 0, for library loops that score many chunks of output
   * against targets they checked once. The targets are not copied (the caller must not change them); the
   * regression metrics still check that values are finite when computed.
   */
  public static Predictions ofModelOutput(double[] target, float[][] output) {
    if (target == null || output == null || target.length != output.length || output.length == 0) {
      throw new IllegalArgumentException("model output has " + (output == null ? 0 : output.length)
          + " rows but there are " + (target == null ? 0 : target.length) + " targets; need the same, at least 1");
    }
    double[] v = new double[output.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = output[i][0];
    }
    return new Predictions(Task.REGRESSION, null, null, List.of(), target, v);
  }

  /**
   * A model's output ({@code predictProba} layout, one row per dataset row) against a labelled dataset's
   * targets: class probabilities for classification, output column 0 for regression.
   *
   * <pre>{@code
   * double auc = Metric.AUROC.compute(Predictions.ofModelOutput(test, model.predictProba(test.x())));
   * }</pre>
   */
  public static Predictions ofModelOutput(Dataset truth, float[][] output) {
    if (truth == null || truth.task() == null) {
      throw new IllegalArgumentException("ofModelOutput needs a dataset with a target");
    }
    if (output == null || output.length != truth.rows()) {
      throw new IllegalArgumentException("model output has " + (output == null ? 0 : output.length)
          + " rows but the dataset has " + truth.rows());
    }
    return truth.task() == Task.REGRESSION
        ? ofModelOutput(truth.yDouble(), output)
        : ofModelOutput(truth.y(), output, truth.classNames());
  }

  static double[][] toDouble(float[][] proba) {
    double[][] p = new double[proba.length][];
    for (int i = 0; i < proba.length; i++) {
      if (proba[i] == null) {
        throw new IllegalArgumentException("probabilities row " + i + " is null");
      }
      p[i] = new double[proba[i].length];
      for (int k = 0; k < p[i].length; k++) {
        p[i][k] = proba[i][k];
      }
    }
    return p;
  }

  /** Classification or regression. */
  public Task task() {
    return task;
  }

  /** Number of rows. */
  public int size() {
    return task == Task.CLASSIFICATION ? labels.length : target.length;
  }

  /** Class labels (classification). */
  public int[] labels() {
    requireClassification("labels()");
    return labels.clone();
  }

  /** Class probabilities, {@code rows x classes} (classification). */
  public double[][] proba() {
    requireClassification("proba()");
    double[][] out = new double[proba.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = proba[i].clone();
    }
    return out;
  }

  /** Argmax class per row (classification). */
  public int[] predictedClasses() {
    requireClassification("predictedClasses()");
    return ClassificationMetrics.argmax(proba);
  }

  /** Class names (classification; empty for regression). */
  public List<String> classNames() {
    return classNames;
  }

  /** Number of classes (classification). */
  public int numClasses() {
    requireClassification("numClasses()");
    return classNames.size();
  }

  /** True target values (regression). */
  public double[] target() {
    requireRegression("target()");
    return target.clone();
  }

  /** Predicted values (regression). */
  public double[] predicted() {
    requireRegression("predicted()");
    return predicted.clone();
  }

  /** The given rows (repeats allowed), in order, as new predictions. */
  public Predictions select(int[] rows) {
    int n = size();
    for (int r : rows) {
      if (r < 0 || r >= n) {
        throw new IllegalArgumentException("Row index " + r + " is outside 0.." + (n - 1));
      }
    }
    if (task == Task.CLASSIFICATION) {
      int[] y = new int[rows.length];
      double[][] p = new double[rows.length][];
      for (int i = 0; i < rows.length; i++) {
        y[i] = labels[rows[i]];
        p[i] = proba[rows[i]];
      }
      return new Predictions(task, y, p, classNames, null, null);
    }
    double[] t = new double[rows.length];
    double[] v = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      t[i] = target[rows[i]];
      v[i] = predicted[rows[i]];
    }
    return new Predictions(task, null, null, classNames, t, v);
  }

  /** Internal access without copies (read-only by convention). */
  int[] labelsView() {
    return labels;
  }

  double[][] probaView() {
    return proba;
  }

  double[] targetView() {
    return target;
  }

  double[] predictedView() {
    return predicted;
  }

  private void requireClassification(String what) {
    if (task != Task.CLASSIFICATION) {
      throw new IllegalStateException(what + " is for classification predictions; these are regression");
    }
  }

  private void requireRegression(String what) {
    if (task != Task.REGRESSION) {
      throw new IllegalStateException(what + " is for regression predictions; these are classification");
    }
  }

  @Override
  public String toString() {
    return "Predictions[" + task.name().toLowerCase() + ", " + size() + " rows"
        + (task == Task.CLASSIFICATION ? ", classes " + classNames : "") + "]";
  }
}
