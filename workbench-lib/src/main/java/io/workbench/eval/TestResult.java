package io.workbench.eval;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of a paired comparison of two models on the same test set.
 *
 * <pre>{@code
 * TestResult t = Comparison.delong(y, scoreA, scoreB);
 * t.pValue();
 * t.toTable();
 * }</pre>
 *
 * @param test the test's name ({@code "DeLong"}, {@code "McNemar exact"}, {@code "McNemar chi-square"},
 *     {@code "paired bootstrap"})
 * @param metric the compared metric
 * @param estimateA the metric of model A
 * @param estimateB the metric of model B
 * @param difference {@code estimateA - estimateB}
 * @param statistic the test statistic (z for DeLong, chi-square or the smaller discordant count for
 *     McNemar, the bootstrap standard error of the difference for the paired bootstrap)
 * @param pValue two-sided p-value of "no difference"
 * @param lower lower end of a confidence interval of the difference, or {@code NaN}
 * @param upper upper end of that interval, or {@code NaN}
 * @param detail a short explanation (counts, resamples)
 */
public record TestResult(String test, String metric, double estimateA, double estimateB, double difference,
    double statistic, double pValue, double lower, double upper, String detail) implements Displayable {

  /** Two columns, {@code name} and {@code value}. */
  public Table toTable() {
    String[] names = {"test", "metric", "model A", "model B", "difference (A - B)", "statistic", "p-value",
        "difference lower", "difference upper", "detail"};
    String[] values = {test, metric, Numbers.format(estimateA), Numbers.format(estimateB), Numbers.format(difference),
        Numbers.format(statistic), Numbers.format(pValue), Numbers.format(lower), Numbers.format(upper), detail};
    return Table.create(test, StringColumn.create("name", names), StringColumn.create("value", values));
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), test + " test on " + metric);
  }

  @Override
  public String toString() {
    return test + " on " + metric + ": A " + Numbers.format(estimateA) + ", B " + Numbers.format(estimateB)
        + ", difference " + Numbers.format(difference) + ", statistic " + Numbers.format(statistic) + ", p = "
        + Numbers.format(pValue) + " (" + detail + ")";
  }
}
