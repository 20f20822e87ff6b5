package io.workbench.data;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

/** A regression target: one finite real value per row. */
final class ValueLabels implements Labels {

  private final String column;
  private final double[] y;

  private ValueLabels(String column, double[] y) {
    this.column = column;
    this.y = y;
  }

  /** Checks that the target is numeric, complete and finite. */
  static ValueLabels from(Column<?> y) {
    requireComplete(y);
    if (!(y instanceof NumericColumn<?> num)) {
      throw new IllegalArgumentException(
          "Regression target '" + y.name() + "' is " + y.type().name() + ", expected numbers");
    }
    double[] v = num.asDoubleArray();
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new IllegalArgumentException("Regression target '" + y.name() + "' is not finite at row index " + i);
      }
    }
    return new ValueLabels(y.name(), v);
  }

  /** Fails naming the first rows when a single target column has missing values. */
  static void requireComplete(Column<?> y) {
    if (y.countMissing() == 0) {
      return;
    }
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < y.size() && rows.size() < 5; i++) {
      if (y.isMissing(i)) {
        rows.add(i);
      }
    }
    throw new IllegalArgumentException(
        "Target '" + y.name() + "' has " + y.countMissing() + " missing value(s), first at row index " + rows);
  }

  @Override
  public Task task() {
    return Task.REGRESSION;
  }

  @Override
  public String target() {
    return column;
  }


  @Override
  public List<Column<?>> asColumns() {
    return List.of(DoubleColumn.create(column, y.clone()));
  }

  @Override
  public Labels rows(int[] rowIndices) {
    double[] sub = new double[rowIndices.length];
    for (int i = 0; i < sub.length; i++) {
      sub[i] = y[rowIndices[i]];
    }
    return new ValueLabels(column, sub);
  }

  @Override
  public String describe() {
    return ", target '" + column + "' (regression)";
  }

  @Override
  public double[] values(String what) {
    return y.clone();
  }
}
