package io.workbench.eval;

import io.workbench.check.Checks;
import io.workbench.data.Task;
import io.workbench.display.Tables;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Classification metrics of one model on one labelled set: accuracy, balanced accuracy, macro
 * precision/recall/F1, AUROC, average precision, log loss, Brier score and expected calibration error
 * (see {@link ClassificationMetrics} for the definitions), plus per-class values, the confusion matrix and
 * the ROC, precision-recall and reliability curves. AUROC and average precision are {@code NaN} (with a
 * note) when a class has no rows in the set; call {@link ClassificationMetrics#auroc(int[], double[][])}
 * directly to get the error instead.
 *
 * <pre>{@code
 * ClassificationReport r = Evaluation.classification(model, test);
 * r.value("auroc");
 * r.perClass();                 // class, precision, recall, f1, support, auroc, average_precision
 * r.confusionMatrix();
 * r.roc(1).toTable();           // ROC points of class 1 against the rest
 * r.calibration(10);            // top-label reliability bins
 * }</pre>
 */
public final class ClassificationReport implements Metrics {

  private final Predictions predictions;
  private final Map<String, Double> values;
  private final List<String> notes;

  ClassificationReport(Predictions predictions) {
    if (predictions.task() != Task.CLASSIFICATION) {
      throw new IllegalArgumentException("A ClassificationReport needs classification predictions, got " + predictions);
    }
    this.predictions = predictions;
    Map<String, Double> v = new LinkedHashMap<>();
    List<String> n = new ArrayList<>();
    for (Metric m : Metric.classification()) {
      double value;
      try {
        value = m.compute(predictions);
      } catch (IllegalArgumentException e) {
        value = Double.NaN;
        n.add(m.name() + " undefined: " + e.getMessage());
      }
      v.put(m.name(), value);
    }
    v.put("n", (double) predictions.size());
    this.values = Collections.unmodifiableMap(v);
    this.notes = List.copyOf(n);
  }

  @Override
  public Map<String, Double> values() {
    return values;
  }

  @Override
  public Predictions predictions() {
    return predictions;
  }

  /** Why a metric is {@code NaN}, if any is. */
  public List<String> notes() {
    return notes;
  }

  /** Class names in index order. */
  public List<String> classNames() {
    return predictions.classNames();
  }

  /** Counts of true against predicted (argmax) class. */
  public ConfusionMatrix confusionMatrix() {
    return ConfusionMatrix.of(predictions.labelsView(), predictions.predictedClasses(), classNames());
  }

  /**
   * One row per class: {@code class}, {@code precision}, {@code recall}, {@code f1}, {@code support} and the
   * one-vs-rest {@code auroc} and {@code average_precision} ({@code NaN} when undefined).
   */
  public Table perClass() {
    int k = classNames().size();
    ConfusionMatrix cm = confusionMatrix();
    double[] p = new double[k];
    double[] r = new double[k];
    double[] f = new double[k];
    int[] support = new int[k];
    double[] auc = new double[k];
    double[] ap = new double[k];
    int[] y = predictions.labelsView();
    for (int c = 0; c < k; c++) {
      p[c] = cm.precision(c);
      r[c] = cm.recall(c);
      f[c] = cm.f1(c);
      for (int v : y) {
        support[c] += v == c ? 1 : 0;
      }
      double[] score = ClassificationMetrics.column(predictions.probaView(), c);
      int[] ovr = new int[y.length];
      for (int i = 0; i < y.length; i++) {
        ovr[i] = y[i] == c ? 1 : 0;
      }
      boolean defined = support[c] > 0 && support[c] < y.length;
      auc[c] = defined ? ClassificationMetrics.auroc(ovr, score) : Double.NaN;
      ap[c] = support[c] > 0 ? ClassificationMetrics.averagePrecision(ovr, score) : Double.NaN;
    }
    return Table.create("per class", StringColumn.create("class", classNames()),
        DoubleColumn.create("precision", p), DoubleColumn.create("recall", r), DoubleColumn.create("f1", f),
        IntColumn.create("support", support), DoubleColumn.create("auroc", auc),
        DoubleColumn.create("average_precision", ap));
  }

  /** ROC curve of class {@code cls} against the rest. */
  public RocCurve roc(int cls) {
    checkClass(cls);
    return RocCurve.of(oneVsRest(cls), ClassificationMetrics.column(predictions.probaView(), cls));
  }

  /** Precision-recall curve of class {@code cls} against the rest. */
  public PrecisionRecallCurve precisionRecall(int cls) {
    checkClass(cls);
    return PrecisionRecallCurve.of(oneVsRest(cls), ClassificationMetrics.column(predictions.probaView(), cls));
  }

  /** Reliability bins of the probability of class {@code cls} ({@code bins} equal-width bins). */
  public CalibrationCurve calibration(int cls, int bins) {
    checkClass(cls);
    return CalibrationCurve.of(oneVsRest(cls), ClassificationMetrics.column(predictions.probaView(), cls), bins);
  }

  /** Top-label reliability bins (confidence against accuracy), the bins behind the ECE. */
  public CalibrationCurve calibration(int bins) {
    Checks.positive(bins, "bins");
    int[] pred = predictions.predictedClasses();
    int[] y = predictions.labelsView();
    double[][] p = predictions.probaView();
    double[] conf = new double[y.length];
    int[] hit = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      conf[i] = p[i][pred[i]];
      hit[i] = pred[i] == y[i] ? 1 : 0;
    }
    return CalibrationCurve.binned(hit, conf, bins);
  }

  private int[] oneVsRest(int cls) {
    int[] y = predictions.labelsView();
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i] == cls ? 1 : 0;
    }
    return out;
  }

  private void checkClass(int cls) {
    if (cls < 0 || cls >= classNames().size()) {
      throw new IllegalArgumentException("Class " + cls + " is outside 0.." + (classNames().size() - 1)
          + " for classes " + classNames());
    }
  }

  @Override
  public Table toTable() {
    return Table.create("classification metrics", StringColumn.create("metric", values.keySet()),
        DoubleColumn.create("value", values.values().stream().mapToDouble(Double::doubleValue).toArray()));
  }

  private String caption() {
    return "Classification metrics (" + predictions.size() + " rows, classes " + classNames() + ")";
  }

  @Override
  public String toHtml() {
    StringBuilder s = new StringBuilder(Tables.html(toTable(), caption()));
    for (String note : notes) {
      s.append("<p>").append(Tables.escape(note)).append("</p>");
    }
    return s.toString();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(Tables.text(toTable(), caption()));
    for (String note : notes) {
      s.append(note).append('\n');
    }
    return s.toString();
  }
}
