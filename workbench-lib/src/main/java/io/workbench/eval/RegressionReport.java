package io.workbench.eval;

import io.workbench.data.Task;
import io.workbench.display.Tables;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Regression metrics (MAE, RMSE, R2) of one model on one labelled set.
 *
 * <pre>{@code
 * RegressionReport r = Evaluation.regression(y, predicted);
 * r.value("rmse");
 * }</pre>
 */
public final class RegressionReport implements Metrics {

  private final Predictions predictions;
  private final Map<String, Double> values;

  RegressionReport(Predictions predictions) {
    if (predictions.task() != Task.REGRESSION) {
      throw new IllegalArgumentException("A RegressionReport needs regression predictions, got " + predictions);
    }
    this.predictions = predictions;
    Map<String, Double> v = new LinkedHashMap<>();
    for (Metric m : Metric.regression()) {
      v.put(m.name(), m.compute(predictions));
    }
    v.put("n", (double) predictions.size());
    this.values = Collections.unmodifiableMap(v);
  }

  @Override
  public Map<String, Double> values() {
    return values;
  }

  @Override
  public Predictions predictions() {
    return predictions;
  }

  @Override
  public Table toTable() {
    return Table.create("regression metrics", StringColumn.create("metric", values.keySet()),
        DoubleColumn.create("value", values.values().stream().mapToDouble(Double::doubleValue).toArray()));
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), "Regression metrics (" + predictions.size() + " rows)");
  }

  @Override
  public String toString() {
    return Tables.text(toTable(), "Regression metrics (" + predictions.size() + " rows)");
  }
}
