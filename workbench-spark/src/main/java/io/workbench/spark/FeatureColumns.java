package io.workbench.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The model's feature columns in a DataFrame, checked on the driver before any task runs: every feature is a
 * numeric column, and (one scan) none holds a null or a non-finite value. Rows become the library's row format
 * ({@code float[rows][features]}) in batches, by column index, without any native call per row.
 */
final class FeatureColumns implements Serializable {

  private static final long serialVersionUID = 1L;

  private final List<String> names;
  private final int[] index;

  private FeatureColumns(List<String> names, int[] index) {
    this.names = names;
    this.index = index;
  }

  /**
   * Resolves and checks the features in the schema of {@code frame}.
   *
   * @param scan whether to run the null/non-finite scan (one Spark job over the feature columns)
   * @throws IllegalArgumentException naming the first missing or non-numeric column, or the nulls found
   */
  static FeatureColumns check(Dataset<Row> frame, List<String> features, boolean scan) {
    if (frame == null) {
      throw new IllegalArgumentException("rows: expected a Spark DataFrame, got null");
    }
    StructType schema = frame.schema();
    List<String> columns = Arrays.asList(schema.fieldNames());
    int[] idx = new int[features.size()];
    for (int j = 0; j < idx.length; j++) {
      String f = features.get(j);
      int i = columns.indexOf(f);
      if (i < 0) {
        throw new IllegalArgumentException("No column '" + f + "' (feature " + j + " of the model); the DataFrame's"
            + " columns are " + abbreviate(columns) + " and the model's features are " + abbreviate(features));
      }
      DataType t = schema.fields()[i].dataType();
      if (!(t instanceof NumericType)) {
        throw new IllegalArgumentException("Column '" + f + "' is " + t.simpleString() + "; a model feature must be "
            + "numeric (double, float, int, long, short, byte or decimal): cast or encode it first");
      }
      idx[j] = i;
    }
    if (scan) {
      scanMissing(frame, features);
    }
    return new FeatureColumns(List.copyOf(features), idx);
  }

  /** One aggregation over the feature columns: counts of nulls and of NaN or infinite values per column. */
  private static void scanMissing(Dataset<Row> frame, List<String> features) {
    List<Column> counts = new ArrayList<>();
    for (String f : features) {
      Column c = functions.col(quote(f));
      Column bad = c.isNull().or(functions.isnan(c.cast("double")))
          .or(functions.abs(c.cast("double")).equalTo(Double.POSITIVE_INFINITY));
      counts.add(functions.sum(functions.when(bad, 1).otherwise(0)));
    }
    Row r = SparkJobs.run(frame.sparkSession(), "workbench: check feature columns",
        () -> frame.agg(counts.get(0), counts.subList(1, counts.size()).toArray(new Column[0])).first());
    for (int j = 0; j < features.size(); j++) {
      long n = r.isNullAt(j) ? 0 : r.getLong(j);
      if (n > 0) {
        throw new IllegalArgumentException("Column '" + features.get(j) + "' has " + n + " null, NaN or infinite "
            + "value(s); the model needs finite numbers in every feature: drop or impute those rows first "
            + "(for example rows.na().drop(new String[] {\"" + features.get(j) + "\"}))");
      }
    }
  }

  /** Quotes a column name for {@code functions.col} (names with dots or spaces). */
  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  static String abbreviate(List<String> names) {
    return names.size() > 20 ? names.subList(0, 20) + "... (" + names.size() + ")" : names.toString();
  }

  List<String> names() {
    return names;
  }

  /** Fills {@code out[r]} with the features of {@code row}, as floats. */
  void read(Row row, float[] out) {
    for (int j = 0; j < index.length; j++) {
      Object v = row.get(index[j]);
      if (v == null) {
        throw new IllegalArgumentException("Column '" + names.get(j) + "' is null in a row; the model needs a "
            + "number in every feature");
      }
      out[j] = ((Number) v).floatValue();
    }
  }

  /** The features of a batch of rows as the library's row format. */
  float[][] matrix(List<Row> rows) {
    float[][] x = new float[rows.size()][index.length];
    for (int i = 0; i < x.length; i++) {
      read(rows.get(i), x[i]);
    }
    return x;
  }

  /** The fields of the schema with extra fields appended. */
  static StructType append(StructType schema, StructField... extra) {
    StructType out = schema;
    for (StructField f : extra) {
      if (Arrays.asList(schema.fieldNames()).contains(f.name())) {
        throw new IllegalArgumentException("The DataFrame already has a column '" + f.name() + "'; rename it or "
            + "choose another output column name");
      }
      out = out.add(f);
    }
    return out;
  }
}
