package io.workbench.data;

import java.util.List;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.columns.Column;

/** Features held as a finite float matrix (wide, generated or standardised data). */
final class MatrixFeatures implements FeatureStore {

  private final List<String> names;
  private final float[][] x;

  private MatrixFeatures(List<String> names, float[][] x) {
    this.names = List.copyOf(names);
    this.x = x;
  }

  /**
   * Checks that every row has one value per name and every value is finite, and takes {@code x} over (no
   * copy).
   *
   * @param rowsExpected the row count the matrix must have, or -1 for any
   */
  static MatrixFeatures of(List<String> names, float[][] x, int rowsExpected) {
    if (x == null || names == null) {
      throw new IllegalArgumentException("A feature matrix needs names and values, got " + (x == null ? "no values" : "no names"));
    }
    if (rowsExpected >= 0 && x.length != rowsExpected) {
      throw new IllegalArgumentException("Feature matrix has " + x.length + " rows, expected " + rowsExpected);
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null || x[i].length != names.size()) {
        throw new IllegalArgumentException("Feature matrix row " + i + " has " + (x[i] == null ? "no" : x[i].length)
            + " values, expected " + names.size() + " (one per feature name)");
      }
      for (int j = 0; j < x[i].length; j++) {
        if (!Float.isFinite(x[i][j])) {
          throw new IllegalArgumentException(
              "Feature '" + names.get(j) + "' is not finite at row index " + i + ": " + x[i][j]);
        }
      }
    }
    return new MatrixFeatures(names, x);
  }

  @Override
  public int rows() {
    return x.length;
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public Column<?> column(int j) {
    return FloatColumn.create(names.get(j), values(j));
  }

  @Override
  public float[][] matrix() {
    return x;
  }

  @Override
  public float[] values(int j) {
    float[] v = new float[x.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = x[i][j];
    }
    return v;
  }

  @Override
  public FeatureStore rows(int[] rowIndices) {
    float[][] sub = new float[rowIndices.length][];
    for (int i = 0; i < rowIndices.length; i++) {
      sub[i] = x[rowIndices[i]];
    }
    return new MatrixFeatures(names, sub);
  }

  @Override
  public FeatureStore columns(int[] featureIndices) {
    return new MatrixFeatures(pick(names, featureIndices), pickColumns(x, featureIndices));
  }

  /** The named entries of a list, in the order of {@code idx}. */
  static List<String> pick(List<String> all, int[] idx) {
    String[] out = new String[idx.length];
    for (int k = 0; k < idx.length; k++) {
      out[k] = all.get(idx[k]);
    }
    return List.of(out);
  }

  /** The given columns of every row, in a new matrix. */
  static float[][] pickColumns(float[][] m, int[] idx) {
    float[][] out = new float[m.length][idx.length];
    for (int i = 0; i < m.length; i++) {
      for (int k = 0; k < idx.length; k++) {
        out[i][k] = m[i][idx[k]];
      }
    }
    return out;
  }
}
