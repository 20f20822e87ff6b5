package io.workbench.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

/** A multi-label target: several 0/1 label columns, a row may have none, one or several labels. */
final class MultiLabels implements Labels {

  private final List<String> names;
  /** Rows x labels, each 0 or 1. */
  private final int[][] y;

  private MultiLabels(List<String> names, int[][] y) {
    this.names = List.copyOf(names);
    this.y = y;
  }

  /** Checks that every label column holds 0/1 numbers or booleans at every row, and that names are unique. */
  static MultiLabels from(List<Column<?>> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("targets(..) needs at least one label column");
    }
    int n = columns.get(0).size();
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int[][] y = new int[n][columns.size()];
    for (int l = 0; l < columns.size(); l++) {
      Column<?> c = columns.get(l);
      if (!seen.add(c.name())) {
        throw new IllegalArgumentException("Label '" + c.name() + "' is listed twice in " + names(columns));
      }
      names.add(c.name());
      for (int i = 0; i < n; i++) {
        y[i][l] = value(c, i);
      }
    }
    return new MultiLabels(names, y);
  }

  private static List<String> names(List<Column<?>> columns) {
    return columns.stream().map(Column::name).toList();
  }

  /** Value 0/1 of a label column at a row; anything else (or missing) fails naming column and row. */
  private static int value(Column<?> c, int row) {
    if (c.isMissing(row)) {
      throw new IllegalArgumentException(
          "Label column '" + c.name() + "' is missing at row index " + row + "; expected 0 or 1");
    }
    if (c instanceof BooleanColumn bool) {
      return bool.get(row) ? 1 : 0;
    }
    if (c instanceof NumericColumn<?> num) {
      double v = num.getDouble(row);
      if (v == 0 || v == 1) {
        return (int) v;
      }
    }
    throw new IllegalArgumentException(
        "Label column '" + c.name() + "' at row index " + row + " is " + c.getString(row) + "; expected 0 or 1");
  }

  @Override
  public Map<String, Integer> labelCounts(String what) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int l = 0; l < names.size(); l++) {
      int s = 0;
      for (int[] row : y) {
        s += row[l];
      }
      out.put(names.get(l), s);
    }
    return out;
  }

  @Override
  public Task task() {
    return Task.MULTI_LABEL;
  }

  @Override
  public String target() {
    return null;
  }

  @Override
  public List<String> columns() {
    return names;
  }

  @Override
  public List<Column<?>> asColumns() {
    List<Column<?>> out = new ArrayList<>();
    for (int l = 0; l < names.size(); l++) {
      int[] v = new int[y.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = y[i][l];
      }
      out.add(IntColumn.create(names.get(l), v));
    }
    return out;
  }

  @Override
  public Labels rows(int[] rowIndices) {
    int[][] sub = new int[rowIndices.length][];
    for (int i = 0; i < sub.length; i++) {
      sub[i] = y[rowIndices[i]];
    }
    return new MultiLabels(names, sub);
  }

  @Override
  public String describe() {
    return ", labels " + labelCounts("describe") + " (multi_label)";
  }

  @Override
  public List<String> classNames(String what) {
    return names;
  }

  @Override
  public List<String> labelNames(String what) {
    return names;
  }

  @Override
  public int[][] multi(String what) {
    int[][] out = new int[y.length][];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i].clone();
    }
    return out;
  }
}
