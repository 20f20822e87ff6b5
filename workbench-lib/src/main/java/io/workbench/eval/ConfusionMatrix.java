package io.workbench.eval;

import io.workbench.check.Checks;
import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Counts of true class (rows) against predicted class (columns).
 *
 * <pre>{@code
 * ConfusionMatrix cm = ConfusionMatrix.of(y, pred, List.of("malignant", "benign"));
 * cm.count(0, 1);     // malignant rows predicted benign
 * cm.toTable();
 * }</pre>
 */
public final class ConfusionMatrix implements Displayable {

  private final long[][] counts;
  private final List<String> classNames;

  private ConfusionMatrix(long[][] counts, List<String> classNames) {
    this.counts = counts;
    this.classNames = List.copyOf(classNames);
  }

  /** Counts over the given classes; labels and predictions must be indices into {@code classNames}. */
  public static ConfusionMatrix of(int[] y, int[] pred, List<String> classNames) {
    if (y == null || pred == null || classNames == null) {
      throw new IllegalArgumentException("labels, predictions and class names must not be null");
    }
    Checks.sameLength("labels", y.length, "predictions", pred.length);
    int k = classNames.size();
    Checks.classLabels(y, k);
    for (int i = 0; i < pred.length; i++) {
      if (pred[i] < 0 || pred[i] >= k) {
        throw new IllegalArgumentException(
            "prediction at row " + i + " is " + pred[i] + "; expected a class index 0.." + (k - 1));
      }
    }
    return new ConfusionMatrix(ClassificationMetrics.counts(y, pred, k), classNames);
  }

  /** Counts over classes named {@code "0".."k-1"}, {@code k} = 1 + the largest index seen. */
  public static ConfusionMatrix of(int[] y, int[] pred) {
    int k = 1;
    for (int v : y) {
      k = Math.max(k, v + 1);
    }
    for (int v : pred) {
      k = Math.max(k, v + 1);
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      names.add(Integer.toString(c));
    }
    return of(y, pred, names);
  }

  /** Rows of class {@code trueClass} predicted as {@code predicted}. */
  public long count(int trueClass, int predicted) {
    return counts[trueClass][predicted];
  }

  /** A copy of the counts, {@code [true][predicted]}. */
  public long[][] counts() {
    long[][] out = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      out[i] = counts[i].clone();
    }
    return out;
  }

  /** Class names in index order. */
  public List<String> classNames() {
    return classNames;
  }

  /** Total rows. */
  public long total() {
    long t = 0;
    for (long[] row : counts) {
      for (long v : row) {
        t += v;
      }
    }
    return t;
  }

  /** Precision of class {@code c} (0 when never predicted). */
  public double precision(int c) {
    return ClassificationMetrics.precision(counts, c);
  }

  /** Recall of class {@code c} (0 when absent). */
  public double recall(int c) {
    return ClassificationMetrics.recall(counts, c);
  }

  /** F1 of class {@code c}. */
  public double f1(int c) {
    return ClassificationMetrics.f1(counts, c);
  }

  /** First column {@code true \ predicted} with the true class, then one count column per predicted class. */
  public Table toTable() {
    Table t = Table.create("confusion matrix", StringColumn.create("true \\ predicted", classNames));
    for (int b = 0; b < classNames.size(); b++) {
      int[] col = new int[classNames.size()];
      for (int a = 0; a < classNames.size(); a++) {
        col[a] = Math.toIntExact(counts[a][b]);
      }
      t.addColumns(IntColumn.create(classNames.get(b), col));
    }
    return t;
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), "Confusion matrix (rows: true class, columns: predicted)");
  }

  @Override
  public String toString() {
    return Tables.text(toTable(), "Confusion matrix (rows: true class, columns: predicted)");
  }

  /** Heatmap with the count in every cell (rows: true class, columns: predicted). */
  public Figure plot() {
    long[][] c = counts();
    int[][] counts = new int[c.length][];
    for (int i = 0; i < c.length; i++) {
      counts[i] = new int[c[i].length];
      for (int j = 0; j < c[i].length; j++) {
        counts[i][j] = Math.toIntExact(c[i][j]);
      }
    }
    return Charts.confusionMatrix(counts, classNames());
  }
}
