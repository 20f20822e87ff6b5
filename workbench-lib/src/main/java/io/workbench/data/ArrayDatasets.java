package io.workbench.data;

import java.util.HashSet;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** The matrix-backed datasets of {@code Dataset.of(..)}: features from a float matrix, labels from arrays. */
final class ArrayDatasets {

  private ArrayDatasets() {}

  static Dataset classification(float[][] x, List<String> featureNames, int[] y, List<String> classNames) {
    if (y.length != x.length) {
      throw new IllegalArgumentException("Dataset.of needs one label per row: " + x.length + " rows, " + y.length + " labels");
    }
    Table t = Table.create("data", IntColumn.create("label", y));
    return Dataset.builder(t).featureMatrix(featureNames, x).target("label").classNames(classNames).build();
  }

  static Dataset multiLabel(float[][] x, List<String> featureNames, int[][] y, List<String> labelNames) {
    if (y.length != x.length) {
      throw new IllegalArgumentException(
          "Dataset.of needs one label row per feature row: " + x.length + " rows, " + y.length + " label rows");
    }
    int k = labelNames.size();
    if (new HashSet<>(labelNames).size() != k) {
      throw new IllegalArgumentException("Label names must be unique, got " + labelNames);
    }
    int[][] cols = new int[k][y.length];
    for (int i = 0; i < y.length; i++) {
      if (y[i] == null || y[i].length != k) {
        throw new IllegalArgumentException("Label row " + i + " has " + (y[i] == null ? "no" : y[i].length)
            + " values, expected " + k + " (one per label " + labelNames + ")");
      }
      for (int l = 0; l < k; l++) {
        cols[l][i] = y[i][l];
      }
    }
    Table t = Table.create("data");
    for (int l = 0; l < k; l++) {
      t.addColumns(IntColumn.create(labelNames.get(l), cols[l]));
    }
    return Dataset.builder(t).featureMatrix(featureNames, x).targets(labelNames).build();
  }

  static Dataset regression(float[][] x, List<String> featureNames, double[] y) {
    if (y.length != x.length) {
      throw new IllegalArgumentException("Dataset.of needs one target per row: " + x.length + " rows, " + y.length + " targets");
    }
    Table t = Table.create("data", DoubleColumn.create("target", y));
    return Dataset.builder(t).featureMatrix(featureNames, x).target("target").regression().build();
  }
}
