package io.workbench.eval;

import io.workbench.display.Displayable;
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
 * Metrics of a multi-label model on one labelled set: per label the AUROC and average precision of its
 * probability against its 0/1 column, their unweighted (macro) means, and, for labels predicted as {@code
 * probability >= threshold}, the Hamming loss (share of wrong row-label cells) and the subset accuracy (share
 * of rows whose labels are all right). A label that is 0 (or 1) in every row has no AUROC ({@code NaN}, with
 * a note) and is left out of the macro AUROC; one that is never 1 also has no average precision.
 *
 * <pre>{@code
 * MultiLabelReport r = Evaluation.multiLabel(model, test);     // threshold 0.5
 * r.value("macro_auroc");
 * r.perLabel();                 // label, positives, prevalence, auroc, average_precision
 * r.toTable();                  // metric, value
 * }</pre>
 */
public final class MultiLabelReport implements Displayable {

  private final int[][] y;
  private final double[][] proba;
  private final List<String> labelNames;
  private final double threshold;
  private final double[] auroc;
  private final double[] averagePrecision;
  private final int[] positives;
  private final Map<String, Double> values;
  private final List<String> notes;

  MultiLabelReport(int[][] y, double[][] proba, List<String> labelNames, double threshold) {
    this.y = y;
    this.proba = proba;
    this.labelNames = List.copyOf(labelNames);
    this.threshold = threshold;
    int n = y.length;
    int k = labelNames.size();
    auroc = new double[k];
    averagePrecision = new double[k];
    positives = new int[k];
    List<String> n0 = new ArrayList<>();
    double aucSum = 0;
    int aucCount = 0;
    double apSum = 0;
    int apCount = 0;
    for (int l = 0; l < k; l++) {
      int[] yl = new int[n];
      double[] score = new double[n];
      for (int i = 0; i < n; i++) {
        yl[i] = y[i][l];
        score[i] = proba[i][l];
        positives[l] += yl[i];
      }
      if (positives[l] > 0 && positives[l] < n) {
        auroc[l] = ClassificationMetrics.auroc(yl, score);
        aucSum += auroc[l];
        aucCount++;
      } else {
        auroc[l] = Double.NaN;
        n0.add("auroc of label '" + labelNames.get(l) + "' undefined: it is " + (positives[l] == 0 ? 0 : 1)
            + " in all " + n + " rows; left out of macro_auroc");
      }
      if (positives[l] > 0) {
        averagePrecision[l] = ClassificationMetrics.averagePrecision(yl, score);
        apSum += averagePrecision[l];
        apCount++;
      } else {
        averagePrecision[l] = Double.NaN;
        n0.add("average_precision of label '" + labelNames.get(l) + "' undefined: it has no positive rows;"
            + " left out of macro_average_precision");
      }
    }
    long wrong = 0;
    int exact = 0;
    for (int i = 0; i < n; i++) {
      boolean all = true;
      for (int l = 0; l < k; l++) {
        int pred = proba[i][l] >= threshold ? 1 : 0;
        if (pred != y[i][l]) {
          wrong++;
          all = false;
        }
      }
      exact += all ? 1 : 0;
    }
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("macro_auroc", aucCount == 0 ? Double.NaN : aucSum / aucCount);
    v.put("macro_average_precision", apCount == 0 ? Double.NaN : apSum / apCount);
    v.put("hamming_loss", (double) wrong / ((long) n * k));
    v.put("subset_accuracy", (double) exact / n);
    v.put("threshold", threshold);
    v.put("labels", (double) k);
    v.put("n", (double) n);
    this.values = Collections.unmodifiableMap(v);
    this.notes = List.copyOf(n0);
  }

  /** Metric name to value, in report order ({@code NaN} where undefined). */
  public Map<String, Double> values() {
    return values;
  }

  /** One metric by name; the error lists the valid names. */
  public double value(String name) {
    Double v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("No metric '" + name + "'; metrics are " + values.keySet());
    }
    return v;
  }

  /** Label names in column order. */
  public List<String> labelNames() {
    return labelNames;
  }

  /** The probability at or above which a label counts as predicted. */
  public double threshold() {
    return threshold;
  }

  /** AUROC per label, in label order ({@code NaN} where undefined). */
  public double[] auroc() {
    return auroc.clone();
  }

  /** Average precision per label, in label order ({@code NaN} where undefined). */
  public double[] averagePrecision() {
    return averagePrecision.clone();
  }

  /** Why a value is {@code NaN}, if any is. */
  public List<String> notes() {
    return notes;
  }

  /** ROC curve of one label (its probability against its 0/1 column). */
  public RocCurve roc(int label) {
    return RocCurve.of(column(label), scores(label));
  }

  /** Precision-recall curve of one label. */
  public PrecisionRecallCurve precisionRecall(int label) {
    return PrecisionRecallCurve.of(column(label), scores(label));
  }

  private int[] column(int label) {
    if (label < 0 || label >= labelNames.size()) {
      throw new IllegalArgumentException(
          "Label " + label + " is outside 0.." + (labelNames.size() - 1) + " for labels " + labelNames);
    }
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i][label];
    }
    return out;
  }

  private double[] scores(int label) {
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = proba[i][label];
    }
    return out;
  }

  /**
   * One row per label: {@code label}, {@code positives} (rows having it), {@code prevalence}, {@code auroc}
   * and {@code average_precision}.
   */
  public Table perLabel() {
    int k = labelNames.size();
    double[] prevalence = new double[k];
    for (int l = 0; l < k; l++) {
      prevalence[l] = (double) positives[l] / y.length;
    }
    return Table.create("per label", StringColumn.create("label", labelNames),
        IntColumn.create("positives", positives.clone()), DoubleColumn.create("prevalence", prevalence),
        DoubleColumn.create("auroc", auroc.clone()), DoubleColumn.create("average_precision", averagePrecision.clone()));
  }

  /** Columns {@code metric} and {@code value}. */
  public Table toTable() {
    return Table.create("multi-label metrics", StringColumn.create("metric", values.keySet()),
        DoubleColumn.create("value", values.values().stream().mapToDouble(Double::doubleValue).toArray()));
  }

  private String caption() {
    return "Multi-label metrics (" + y.length + " rows, labels " + labelNames + ", threshold " + threshold + ")";
  }

  @Override
  public String toHtml() {
    StringBuilder s = new StringBuilder(Tables.html(toTable(), caption()));
    s.append(Tables.html(perLabel(), "Per label"));
    for (String note : notes) {
      s.append("<p>").append(Tables.escape(note)).append("</p>");
    }
    return s.toString();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(Tables.text(toTable(), caption()));
    s.append(Tables.text(perLabel(), "Per label"));
    for (String note : notes) {
      s.append(note).append('\n');
    }
    return s.toString();
  }
}
