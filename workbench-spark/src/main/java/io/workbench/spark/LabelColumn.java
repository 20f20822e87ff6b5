package io.workbench.spark;

import io.workbench.data.Task;
import io.workbench.model.Model;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;

/**
 * The target column of a DataFrame, checked on the driver against the model before any task runs: for a
 * classifier a string, boolean or integer column whose values (as text) are the model's class names, for a
 * regressor a numeric column; no nulls, no unknown classes, no non-finite values (one small Spark job).
 */
final class LabelColumn implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final int index;
  private final List<String> classes;

  private LabelColumn(String name, int index, List<String> classes) {
    this.name = name;
    this.index = index;
    this.classes = classes;
  }

  /**
   * Resolves and checks {@code column} of {@code frame} as the target of {@code model}.
   *
   * @throws IllegalArgumentException naming the column and what was expected and found
   */
  static LabelColumn check(Dataset<Row> frame, String column, Model model) {
    if (column == null || column.isBlank()) {
      throw new IllegalArgumentException("label: expected the name of the target column, got "
          + (column == null ? "null" : "''"));
    }
    List<String> names = Arrays.asList(frame.schema().fieldNames());
    int at = names.indexOf(column);
    if (at < 0) {
      throw new IllegalArgumentException("No label column '" + column + "'; columns are "
          + FeatureColumns.abbreviate(names));
    }
    DataType t = frame.schema().fields()[at].dataType();
    boolean regression = model.task() == Task.REGRESSION;
    if (model.task() == Task.MULTI_LABEL) {
      throw new IllegalArgumentException("label: multi-label models are not supported here (one target column)");
    }
    if (regression ? !(t instanceof NumericType)
        : !(t instanceof StringType || t instanceof BooleanType || t instanceof IntegralType)) {
      throw new IllegalArgumentException("Label column '" + column + "' is " + t.simpleString() + "; expected "
          + (regression ? "a number (the model is a regressor)"
              : "a string, boolean or integer holding the class names " + model.classNames()));
    }
    String q = FeatureColumns.quote(column);
    if (regression) {
      requireFiniteValues(frame, column);
      return new LabelColumn(column, at, null);
    }
    List<String> classes = model.classNames();
    List<Row> distinct = SparkJobs.run(frame.sparkSession(), "workbench: check label column",
        () -> frame.select(q).distinct().limit(classes.size() + 1).collectAsList());
    for (Row r : distinct) {
      if (r.isNullAt(0)) {
        throw new IllegalArgumentException("Label column '" + column + "' has nulls; every row needs a class of "
            + classes);
      }
      if (!classes.contains(String.valueOf(r.get(0)))) {
        throw new IllegalArgumentException("Label column '" + column + "' holds '" + r.get(0) + "', not one of the "
            + "model's classes " + classes);
      }
    }
    return new LabelColumn(column, at, List.copyOf(classes));
  }

  /**
   * Fails when a numeric target column holds nulls, NaN or infinite values (one Spark job), naming the column and
   * the count.
   */
  static void requireFiniteValues(Dataset<Row> frame, String column) {
    String q = FeatureColumns.quote(column);
    long bad = SparkJobs.run(frame.sparkSession(), "workbench: check label column", () -> frame.filter(
        functions.col(q).isNull().or(functions.isnan(functions.col(q).cast("double")))
            .or(functions.abs(functions.col(q).cast("double")).equalTo(Double.POSITIVE_INFINITY))).count());
    if (bad > 0) {
      throw new IllegalArgumentException("Label column '" + column + "' has " + bad + " null, NaN or infinite "
          + "value(s); drop those rows first");
    }
  }

  /** The class index of a row (classifiers). */
  int classOf(Row row) {
    int c = classes.indexOf(String.valueOf(row.get(index)));
    if (c < 0) {
      throw new IllegalArgumentException("Label column '" + name + "' holds '" + row.get(index) + "' in a row, not"
          + " one of " + classes);
    }
    return c;
  }

  /** The target of a row: the class index for classifiers, the value for regressors. */
  double target(Row row) {
    if (classes != null) {
      return classOf(row);
    }
    return ((Number) row.get(index)).doubleValue();
  }

  boolean classification() {
    return classes != null;
  }
}
