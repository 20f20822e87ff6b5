package io.workbench.eval;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A bootstrap percentile confidence interval of one metric.
 *
 * <pre>{@code
 * ConfidenceInterval ci = Bootstrap.of(Metric.AUROC).seed(1).interval(report.predictions());
 * ci.lower(); ci.upper();
 * }</pre>
 *
 * @param metric the metric's name
 * @param estimate the metric on the full data
 * @param lower lower end of the interval
 * @param upper upper end of the interval
 * @param level coverage, for example 0.95
 * @param standardError standard deviation of the bootstrap distribution
 * @param resamples number of bootstrap resamples
 * @param seed the seed of the resampling
 */
public record ConfidenceInterval(String metric, double estimate, double lower, double upper, double level,
    double standardError, int resamples, long seed) implements Displayable {

  /** Columns {@code metric}, {@code estimate}, {@code lower}, {@code upper}, {@code level}, {@code standard_error}. */
  public Table toTable() {
    return Table.create("confidence interval", StringColumn.create("metric", metric),
        DoubleColumn.create("estimate", estimate), DoubleColumn.create("lower", lower),
        DoubleColumn.create("upper", upper), DoubleColumn.create("level", level),
        DoubleColumn.create("standard_error", standardError));
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), "Bootstrap percentile interval (" + resamples + " resamples, seed " + seed + ")");
  }

  @Override
  public String toString() {
    return metric + " " + Numbers.format(estimate) + " [" + Numbers.format(lower) + ", " + Numbers.format(upper) + "] ("
        + Math.round(level * 100) + " % bootstrap percentile interval, " + resamples + " resamples)";
  }
}
