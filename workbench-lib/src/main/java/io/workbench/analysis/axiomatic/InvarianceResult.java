package io.workbench.analysis.axiomatic;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The verdict of {@link InputInvariance}: per explained row the largest attribution difference between the network
 * and its shifted twin (relative to the row's largest |attribution|), and whether every row is within the tolerance.
 *
 * <pre>{@code
 * InvarianceResult r = new InputInvariance().check(in);
 * r.passed(); r.differences()[0]; r.toTable();
 * }</pre>
 *
 * @param differences relative difference per row (0: identical attributions)
 * @param tolerance largest difference that passes
 */
public record InvarianceResult(double[] differences, double tolerance) implements Displayable {

  /** Copies the differences. */
  public InvarianceResult {
    differences = differences.clone();
  }

  @Override
  public double[] differences() {
    return differences.clone();
  }

  /** Whether row {@code i} is within the tolerance. */
  public boolean passed(int i) {
    return differences[i] <= tolerance;
  }

  /** Whether every row is within the tolerance: the method is input invariant on these rows. */
  public boolean passed() {
    for (int i = 0; i < differences.length; i++) {
      if (!passed(i)) {
        return false;
      }
    }
    return true;
  }

  /** The largest difference over the rows. */
  public double maxDifference() {
    double m = 0;
    for (double v : differences) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** One row per explained row: row, difference, passed. */
  public Table toTable() {
    int n = differences.length;
    int[] idx = new int[n];
    boolean[] ok = new boolean[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
      ok[i] = passed(i);
    }
    return Table.create("input invariance (tolerance " + Numbers.format(tolerance) + ")", IntColumn.create("row", idx),
        DoubleColumn.create("difference", differences), BooleanColumn.create("passed", ok));
  }

  @Override
  public String toHtml() {
    return "<p>" + Tables.escape(toString()) + "</p>" + Tables.html(toTable(), toTable().name());
  }

  @Override
  public String toText() {
    return toString() + "\n" + Tables.text(toTable());
  }

  @Override
  public String toString() {
    return "InvarianceResult(" + (passed() ? "passed" : "failed") + ", max difference "
        + Numbers.format(maxDifference()) + ", " + differences.length + " rows)";
  }
}
