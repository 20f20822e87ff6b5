package io.workbench.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.IntegralType;
import scala.Tuple2;

/**
 * Row ids that seed per-row random draws: a named integral column (unique per row), or the row's position in
 * the DataFrame. Either way a row's numbers do not depend on how the rows are partitioned.
 */
final class RowIds {

  private RowIds() {}

  /**
   * The index of the id column in {@code rows}, or -1 for positions when {@code column} is null.
   *
   * @throws IllegalArgumentException when the column is missing or not integral
   */
  static int check(Dataset<Row> rows, String column) {
    if (column == null) {
      return -1;
    }
    List<String> names = Arrays.asList(rows.schema().fieldNames());
    int at = names.indexOf(column);
    if (at < 0) {
      throw new IllegalArgumentException("No row-id column '" + column + "'; columns are "
          + FeatureColumns.abbreviate(names));
    }
    if (!(rows.schema().fields()[at].dataType() instanceof IntegralType)) {
      throw new IllegalArgumentException("Row-id column '" + column + "' is "
          + rows.schema().fields()[at].dataType().simpleString() + "; expected an integral type (int, long)");
    }
    return at;
  }

  /** Each row with its id: the column at {@code index}, or the position when {@code index < 0}. */
  static JavaPairRDD<Row, Long> keyed(Dataset<Row> rows, int index) {
    if (index < 0) {
      return rows.javaRDD().zipWithIndex();
    }
    return rows.javaRDD().mapToPair(r -> {
      if (r.isNullAt(index)) {
        throw new IllegalArgumentException("row id is null in a row; every row needs an id");
      }
      return new Tuple2<>(r, ((Number) r.get(index)).longValue());
    });
  }
}
