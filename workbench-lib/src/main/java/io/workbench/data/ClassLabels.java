package io.workbench.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.columns.Column;

/** A classification target: one class index {@code 0..k-1} per row into the class names. */
final class ClassLabels implements Labels {

  private final String column;
  private final List<String> classNames;
  private final int[] y;

  private ClassLabels(String column, List<String> classNames, int[] y) {
    this.column = column;
    this.classNames = List.copyOf(classNames);
    this.y = y;
  }

  /**
   * Converts a target column to class indices. With {@code classNames} given, a numeric column must hold
   * indices {@code 0..k-1} and a text column values among the names; without, the classes are the sorted
   * distinct values (integers for a numeric column).
   */
  static ClassLabels from(Column<?> y, List<String> classNames) {
    ValueLabels.requireComplete(y);
    String target = y.name();
    int n = y.size();
    int[] idx = new int[n];
    if (y instanceof NumericColumn<?> num) {
      double[] v = num.asDoubleArray();
      if (classNames != null) {
        for (int i = 0; i < n; i++) {
          if (v[i] != Math.rint(v[i]) || v[i] < 0 || v[i] >= classNames.size()) {
            throw new IllegalArgumentException("Target '" + target + "' at row index " + i + " is " + y.getString(i)
                + "; expected a class index 0.." + (classNames.size() - 1) + " for classes " + classNames);
          }
          idx[i] = (int) v[i];
        }
        return new ClassLabels(target, classNames, idx);
      }
      double[] distinct = Arrays.stream(v).distinct().sorted().toArray();
      List<String> names = new ArrayList<>();
      for (double d : distinct) {
        if (d != Math.rint(d)) {
          throw new IllegalArgumentException("Target '" + target + "' has the non-integer value " + d
              + "; call regression() for a numeric target, or give integer class codes");
        }
        names.add(Long.toString((long) d));
      }
      for (int i = 0; i < n; i++) {
        idx[i] = Arrays.binarySearch(distinct, v[i]);
      }
      return new ClassLabels(target, names, idx);
    }
    String[] s = new String[n];
    for (int i = 0; i < n; i++) {
      s[i] = y.getString(i);
    }
    List<String> names = classNames != null ? classNames : Arrays.stream(s).distinct().sorted().toList();
    Map<String, Integer> pos = new HashMap<>();
    for (int k = 0; k < names.size(); k++) {
      pos.put(names.get(k), k);
    }
    for (int i = 0; i < n; i++) {
      Integer k = pos.get(s[i]);
      if (k == null) {
        throw new IllegalArgumentException(
            "Target '" + target + "' at row index " + i + " is '" + s[i] + "', not one of the classes " + names);
      }
      idx[i] = k;
    }
    return new ClassLabels(target, names, idx);
  }

  @Override
  public Labels withClassIndices(int[] labels, String what) {
    int rows = y.length;
    if (labels == null || labels.length != rows) {
      throw new IllegalArgumentException(
          what + " needs one label per row: " + rows + " rows, got " + (labels == null ? "null" : labels.length));
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException(
            "Label " + labels[i] + " at row index " + i + " is outside classes 0.." + (classNames.size() - 1));
      }
    }
    return new ClassLabels(column, classNames, labels.clone());
  }

  @Override
  public int[] classCounts(String what) {
    int[] counts = new int[classNames.size()];
    for (int v : y) {
      counts[v]++;
    }
    return counts;
  }

  /** Rows per class name, in class order. */
  private Map<String, Integer> countsByName() {
    int[] counts = classCounts("counts");
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int k = 0; k < counts.length; k++) {
      out.put(classNames.get(k), counts[k]);
    }
    return out;
  }

  @Override
  public Task task() {
    return Task.CLASSIFICATION;
  }

  @Override
  public String target() {
    return column;
  }


  @Override
  public List<Column<?>> asColumns() {
    return List.of(IntColumn.create(column, y.clone()));
  }

  @Override
  public Labels rows(int[] rowIndices) {
    int[] sub = new int[rowIndices.length];
    for (int i = 0; i < sub.length; i++) {
      sub[i] = y[rowIndices[i]];
    }
    return new ClassLabels(column, classNames, sub);
  }

  @Override
  public String describe() {
    return ", target '" + column + "' (classification: " + countsByName() + ")";
  }

  @Override
  public int[] classIndices(String what) {
    return y.clone();
  }

  @Override
  public List<String> classNames(String what) {
    return classNames;
  }

  @Override
  public double[] values(String what) {
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i];
    }
    return out;
  }
}
