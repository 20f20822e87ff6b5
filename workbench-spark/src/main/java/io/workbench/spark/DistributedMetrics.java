package io.workbench.spark;

import io.workbench.data.Task;
import io.workbench.display.Displayable;
import io.workbench.eval.Metric;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics of a model on a labelled DataFrame, computed by Spark aggregation ({@link DistributedModel#evaluate}):
 * metric name to value, in the order asked for, and the number of rows. The values equal the single-JVM
 * {@code Evaluation.of(model, test)} on the same rows (to float rounding of the sums).
 *
 * <pre>{@code
 * DistributedMetrics m = DistributedModel.of(model).evaluate(rows, "label", Metric.AUROC, Metric.ACCURACY);
 * m.value("auroc");
 * }</pre>
 */
public final class DistributedMetrics implements Displayable {

  /** The metrics Spark can aggregate exactly. */
  public static final List<Metric> SUPPORTED = MetricStats.SUPPORTED;

  private final Map<String, Double> values;
  private final long rows;

  private DistributedMetrics(Map<String, Double> values, long rows) {
    this.values = Collections.unmodifiableMap(values);
    this.rows = rows;
  }

  static DistributedMetrics of(List<Metric> metrics, MetricStats stats) {
    Map<String, Double> v = new LinkedHashMap<>();
    for (Metric m : metrics) {
      v.put(m.name(), stats.value(m));
    }
    return new DistributedMetrics(v, stats.rows());
  }

  /** Accuracy, AUROC, log loss and Brier for classifiers; MAE, RMSE and R2 for regressors. */
  static List<Metric> defaultsFor(Task task) {
    return task == Task.REGRESSION ? List.of(Metric.MAE, Metric.RMSE, Metric.R2)
        : List.of(Metric.ACCURACY, Metric.AUROC, Metric.LOG_LOSS, Metric.BRIER);
  }

  /** Metric name to value, in the order asked for. */
  public Map<String, Double> values() {
    return values;
  }

  /** One metric by name; the error lists the computed ones. */
  public double value(String name) {
    Double v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("No metric '" + name + "'; computed are " + values.keySet());
    }
    return v;
  }

  /** The number of rows evaluated. */
  public long rows() {
    return rows;
  }

  @Override
  public String toText() {
    StringBuilder b = new StringBuilder("metrics over " + rows + " rows (Spark)\n");
    values.forEach((k, v) -> b.append(String.format("  %-10s %.6f%n", k, v)));
    return b.toString();
  }

  @Override
  public String toHtml() {
    StringBuilder b = new StringBuilder("<table><caption>metrics over " + rows + " rows (Spark)</caption>"
        + "<tr><th>metric</th><th>value</th></tr>");
    values.forEach((k, v) -> b.append("<tr><td>").append(k).append("</td><td>")
        .append(String.format("%.6f", v)).append("</td></tr>"));
    return b.append("</table>").toString();
  }

  @Override
  public String toString() {
    return toText();
  }
}
