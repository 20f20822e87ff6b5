package io.workbench.model.djl;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What happened in each epoch of a training run: training loss, validation loss and metrics, learning rate
 * and time; and which epoch's weights the model kept.
 *
 * <pre>{@code
 * NeuralNetModel m = Models.mlp(64).validation(0.2).earlyStopping(5).fit(train);
 * m.history().toTable();      // epoch, train_loss, val_loss, val_accuracy, lr, seconds
 * m.history().bestEpoch();    // the epoch whose weights were restored
 * }</pre>
 *
 * @param epochs one entry per epoch run
 * @param bestEpoch the epoch (from 1) whose weights the model holds
 * @param monitor the metric early stopping watched ({@code val_loss}, {@code val_accuracy}, {@code val_auroc}),
 *     or {@code none}
 * @param stoppedEarly whether training stopped before the planned number of epochs
 */
public record TrainingHistory(List<Epoch> epochs, int bestEpoch, String monitor, boolean stoppedEarly)
    implements Displayable {

  /** Copies the list. */
  public TrainingHistory {
    epochs = List.copyOf(epochs);
  }

  /**
   * One epoch. Metrics that do not apply are {@code NaN}.
   *
   * @param epoch the epoch, from 1
   * @param trainLoss mean training loss over the epoch's batches
   * @param valLoss validation loss (cross-entropy, or mean squared error of the standardised target)
   * @param valAccuracy validation accuracy (classification)
   * @param valAuroc validation AUROC (binary classification)
   * @param valRmse validation root mean squared error in target units (regression)
   * @param learningRate the learning rate of the epoch
   * @param seconds wall time of the epoch, validation included
   */
  public record Epoch(
      int epoch,
      double trainLoss,
      double valLoss,
      double valAccuracy,
      double valAuroc,
      double valRmse,
      double learningRate,
      double seconds) {}

  /** Number of epochs run. */
  public int size() {
    return epochs.size();
  }

  /** The last epoch's entry. */
  public Epoch last() {
    if (epochs.isEmpty()) {
      throw new IllegalStateException("No epoch was run");
    }
    return epochs.get(epochs.size() - 1);
  }

  /** Training losses per epoch. */
  public double[] trainLoss() {
    return epochs.stream().mapToDouble(Epoch::trainLoss).toArray();
  }

  /** Validation losses per epoch ({@code NaN} without validation). */
  public double[] valLoss() {
    return epochs.stream().mapToDouble(Epoch::valLoss).toArray();
  }

  /**
   * The history as a table: {@code epoch, train_loss, val_loss, val_accuracy, val_auroc, val_rmse, lr, seconds}
   * (validation columns only when they have values).
   */
  public Table toTable() {
    List<Column<?>> cols = new ArrayList<>();
    cols.add(IntColumn.create("epoch", epochs.stream().mapToInt(Epoch::epoch).toArray()));
    cols.add(DoubleColumn.create("train_loss", trainLoss()));
    addIfAny(cols, "val_loss", valLoss());
    addIfAny(cols, "val_accuracy", epochs.stream().mapToDouble(Epoch::valAccuracy).toArray());
    addIfAny(cols, "val_auroc", epochs.stream().mapToDouble(Epoch::valAuroc).toArray());
    addIfAny(cols, "val_rmse", epochs.stream().mapToDouble(Epoch::valRmse).toArray());
    cols.add(DoubleColumn.create("lr", epochs.stream().mapToDouble(Epoch::learningRate).toArray()));
    cols.add(DoubleColumn.create("seconds", epochs.stream().mapToDouble(Epoch::seconds).toArray()));
    return Table.create("training history", cols.toArray(new Column<?>[0]));
  }

  private static void addIfAny(List<Column<?>> cols, String name, double[] v) {
    for (double d : v) {
      if (!Double.isNaN(d)) {
        cols.add(DoubleColumn.create(name, v));
        return;
      }
    }
  }

  @Override
  public String toHtml() {
    Table t = toTable();
    StringBuilder s = new StringBuilder("<div class=\"wb-history\"><p>")
        .append(escape(summary())).append("</p><table><thead><tr>");
    for (String c : t.columnNames()) {
      s.append("<th>").append(escape(c)).append("</th>");
    }
    s.append("</tr></thead><tbody>");
    for (int r = 0; r < t.rowCount(); r++) {
      boolean best = t.intColumn("epoch").get(r) == bestEpoch;
      s.append(best ? "<tr style=\"font-weight:bold\">" : "<tr>");
      for (int c = 0; c < t.columnCount(); c++) {
        Object v = t.column(c).get(r);
        s.append("<td>").append(v instanceof Double d ? format(d) : escape(String.valueOf(v))).append("</td>");
      }
      s.append("</tr>");
    }
    return s.append("</tbody></table></div>").toString();
  }

  @Override
  public String toText() {
    return Tables.text(toTable(), summary());
  }

  private String summary() {
    return epochs.size() + " epochs" + (stoppedEarly ? " (stopped early)" : "") + ", kept epoch " + bestEpoch
        + ("none".equals(monitor) ? "" : " (best " + monitor + ")");
  }

  private static String format(double d) {
    return Double.isNaN(d) ? "" : Numbers.format(d);
  }

  private static String escape(String s) {
    return Tables.escape(s);
  }

  @Override
  public String toString() {
    return "TrainingHistory[" + summary() + "]";
  }

  /**
   * Loss (and validation accuracy, AUROC or RMSE where recorded) per epoch, train against validation.
   *
   * <pre>{@code
   * model.history().plot();
   * }</pre>
   */
  public Figure plot() {
    Map<String, double[]> train = new LinkedHashMap<>();
    Map<String, double[]> validation = new LinkedHashMap<>();
    train.put("loss", trainLoss());
    double[] val = valLoss();
    if (allFinite(val)) {
      validation.put("loss", val);
    }
    putIfRecorded(validation, "accuracy", epochs.stream().mapToDouble(Epoch::valAccuracy).toArray());
    putIfRecorded(validation, "AUROC", epochs.stream().mapToDouble(Epoch::valAuroc).toArray());
    putIfRecorded(validation, "RMSE", epochs.stream().mapToDouble(Epoch::valRmse).toArray());
    return Charts.trainingHistory(train, validation);
  }

  private static void putIfRecorded(Map<String, double[]> m, String name, double[] v) {
    if (allFinite(v)) {
      m.put(name, v);
    }
  }

  private static boolean allFinite(double[] v) {
    if (v.length == 0) {
      return false;
    }
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }
}
