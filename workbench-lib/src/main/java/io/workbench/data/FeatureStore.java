package io.workbench.data;

import java.util.List;
import tech.tablesaw.columns.Column;

/**
 * Where the feature values of a {@link Dataset} live: Tablesaw columns ({@link TableFeatures}, any column
 * type, converted to numbers once, on request) or a float matrix ({@link MatrixFeatures}, finite by
 * construction, cheap to subset when there are thousands of features). Stores are immutable; row and column
 * subsets are new stores.
 */
sealed interface FeatureStore permits TableFeatures, MatrixFeatures {

  /** Number of rows. */
  int rows();

  /** Feature names, in column order. */
  List<String> names();

  /** Feature {@code j} as a Tablesaw column (built from the matrix on request). */
  Column<?> column(int j);

  /**
   * The features as {@code rows x features} floats, converted once and shared: callers copy before they
   * hand it out. Fails naming the column and rows when a value is missing, non-numeric or not finite.
   */
  float[][] matrix();

  /** Feature {@code j} as floats in a fresh array, checked as {@link #matrix()} is. */
  float[] values(int j);

  /** The given rows, in the given order (indices already checked). */
  FeatureStore rows(int[] rowIndices);

  /** The given features, in the given order (indices already checked). */
  FeatureStore columns(int[] featureIndices);
}
