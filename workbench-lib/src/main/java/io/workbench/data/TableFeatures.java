package io.workbench.data;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Features held as Tablesaw columns (any type: text columns wait for {@link OneHotEncoder}, missing values
 * for {@link Imputer}). The numeric matrix is converted once, on first use, and shared by row subsets.
 */
final class TableFeatures implements FeatureStore {

  /** Only the feature columns, in feature order. */
  private final Table table;
  private final List<String> names;
  private volatile float[][] cache;

  TableFeatures(Table featureColumns) {
    this(featureColumns, null);
  }

  private TableFeatures(Table featureColumns, float[][] cache) {
    this.table = featureColumns;
    this.names = List.copyOf(featureColumns.columnNames());
    this.cache = cache;
  }

  @Override
  public int rows() {
    return table.rowCount();
  }

  @Override
  public List<String> names() {
    return names;
  }

  @Override
  public Column<?> column(int j) {
    return table.column(j);
  }

  @Override
  public float[][] matrix() {
    float[][] m = cache;
    if (m == null) {
      m = convert();
      cache = m;
    }
    return m;
  }

  @Override
  public float[] values(int j) {
    return floats(table.column(j));
  }

  @Override
  public FeatureStore rows(int[] rowIndices) {
    float[][] m = cache;
    float[][] sub = null;
    if (m != null) {
      sub = new float[rowIndices.length][];
      for (int i = 0; i < rowIndices.length; i++) {
        sub[i] = m[rowIndices[i]];
      }
    }
    return new TableFeatures(rowsInOrder(table, rowIndices), sub);
  }

  @Override
  public FeatureStore columns(int[] featureIndices) {
    Column<?>[] cols = new Column<?>[featureIndices.length];
    for (int k = 0; k < cols.length; k++) {
      cols[k] = table.column(featureIndices[k]);
    }
    float[][] m = cache;
    return new TableFeatures(Table.create(table.name(), cols), m == null ? null : MatrixFeatures.pickColumns(m, featureIndices));
  }

  /** Tablesaw's {@code Table.rows} returns rows in ascending order; this keeps the order asked for. */
  static Table rowsInOrder(Table t, int[] rowIndices) {
    if (rowIndices.length == 0) {
      return t.emptyCopy();
    }
    Column<?>[] cols = new Column<?>[t.columnCount()];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = t.column(c).subset(rowIndices);
    }
    return Table.create(t.name(), cols);
  }

  /**
   * One feature as floats, with the same checks as the whole matrix: fails naming the column and rows when
   * a value is missing, non-numeric or not finite.
   */
  static float[] floats(Column<?> c) {
    NumericColumn<?> num = numeric(c);
    float[] out = new float[num.size()];
    for (int i = 0; i < out.length; i++) {
      double v = num.getDouble(i);
      if (!Double.isFinite(v)) {
        throw badValues(c, num);
      }
      out[i] = (float) v;
    }
    return out;
  }

  private float[][] convert() {
    int n = rows();
    float[][] out = new float[n][names.size()];
    for (int j = 0; j < names.size(); j++) {
      float[] v = floats(table.column(j));
      for (int i = 0; i < n; i++) {
        out[i][j] = v[i];
      }
    }
    return out;
  }

  private static NumericColumn<?> numeric(Column<?> c) {
    if (c instanceof NumericColumn<?> num) {
      return num;
    }
    if (c instanceof BooleanColumn bool) {
      return bool.asDoubleColumn();
    }
    throw new IllegalArgumentException("Feature '" + c.name() + "' is a " + c.type().name()
        + " column, expected numbers; encode categories with OneHotEncoder.fit(train, \"" + c.name()
        + "\") (or OneHotEncoder.of(\"" + c.name() + "\") in a Pipeline), or drop(\"" + c.name() + "\") it");
  }

  private static IllegalArgumentException badValues(Column<?> c, NumericColumn<?> num) {
    List<Integer> missing = new ArrayList<>();
    List<Integer> infinite = new ArrayList<>();
    for (int i = 0; i < num.size(); i++) {
      double v = num.getDouble(i);
      if (Double.isNaN(v) || num.isMissing(i)) {
        missing.add(i);
      } else if (Double.isInfinite(v)) {
        infinite.add(i);
      }
    }
    if (!missing.isEmpty()) {
      return new IllegalArgumentException("Feature '" + c.name() + "' has " + missing.size()
          + " missing value(s) at row index " + firstFew(missing)
          + "; impute them on the training part with Imputer.fit(train, Imputer.Strategy.MEDIAN)"
          + " (or Imputer.median() in a Pipeline) or remove those rows");
    }
    return new IllegalArgumentException("Feature '" + c.name() + "' has " + infinite.size()
        + " infinite value(s) at row index " + firstFew(infinite) + "; expected finite numbers");
  }

  /** The first five entries, and how many there are in all when there are more. */
  static String firstFew(List<?> values) {
    if (values.size() <= 5) {
      return values.toString();
    }
    return values.subList(0, 5).toString().replace("]", ", ... (" + values.size() + " in all)]");
  }
}
