package io.workbench.eval;

import io.workbench.display.Displayable;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * The metrics of one model on one labelled set: a {@link ClassificationReport} or a {@link
 * RegressionReport}. Renders itself as a table of {@code metric, value}.
 *
 * <pre>{@code
 * Metrics m = Evaluation.of(model, test);
 * m.value("accuracy");
 * m.toTable();
 * }</pre>
 */
public interface Metrics extends Displayable {

  /** Metric name to value, in report order ({@code NaN} where a metric is undefined for the data). */
  Map<String, Double> values();

  /** One metric by name; the error lists the valid names. */
  default double value(String name) {
    Double v = values().get(name);
    if (v == null) {
      throw new IllegalArgumentException("No metric '" + name + "'; metrics are " + values().keySet());
    }
    return v;
  }

  /** The predictions the metrics were computed from. */
  Predictions predictions();

  /** Columns {@code metric} and {@code value}. */
  Table toTable();
}
