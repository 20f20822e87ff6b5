package io.workbench.eval;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of a paired comparison of two models on the same test set.
 *
 * <pre>{@code
 * TestResult t = Comparison.delong(y, scoreA, scoreB);
 * t.pValue();
 * t.toTable();
 * TestResult.table(Map.of("A vs B", t));   // one row per comparison (a LinkedHashMap keeps their order)
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

  /**
   * Several comparisons side by side, one row each in the map's order: {@code comparison} (the map's key),
   * {@code test}, {@code metric}, {@code model_a}, {@code model_b}, {@code difference}, {@code statistic},
   * {@code p_value}, {@code difference_low}, {@code difference_high} and {@code detail}.
   *
   * <pre>{@code
   * Map<String, TestResult> tests = new LinkedHashMap<>();
   * tests.put("XGBoost vs tree: AUROC", Comparison.delong(xgb, tree, test));
   * tests.put("XGBoost vs tree: accuracy", Comparison.mcnemar(xgb, tree, test));
   * TestResult.table(tests);
   * }</pre>
   */
  public static Table table(Map<String, TestResult> comparisons) {
    if (comparisons == null || comparisons.isEmpty()) {
      throw new IllegalArgumentException("TestResult.table needs at least one comparison (label to TestResult), got "
          + comparisons);
    }
    StringColumn label = StringColumn.create("comparison");
    StringColumn test = StringColumn.create("test");
    StringColumn metric = StringColumn.create("metric");
    DoubleColumn a = DoubleColumn.create("model_a");
    DoubleColumn b = DoubleColumn.create("model_b");
    DoubleColumn diff = DoubleColumn.create("difference");
    DoubleColumn stat = DoubleColumn.create("statistic");
    DoubleColumn p = DoubleColumn.create("p_value");
    DoubleColumn low = DoubleColumn.create("difference_low");
    DoubleColumn high = DoubleColumn.create("difference_high");
    StringColumn detail = StringColumn.create("detail");
    comparisons.forEach((k, t) -> {
      if (k == null || t == null) {
        throw new IllegalArgumentException("TestResult.table: comparison '" + k + "' has no label or no result ("
            + t + ")");
      }
      label.append(k);
      test.append(t.test());
      metric.append(t.metric());
      a.append(t.estimateA());
      b.append(t.estimateB());
      diff.append(t.difference());
      stat.append(t.statistic());
      p.append(t.pValue());
      low.append(t.lower());
      high.append(t.upper());
      detail.append(t.detail());
    });
    return Table.create("paired comparisons", label, test, metric, a, b, diff, stat, p, low, high, detail);
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
