package io.workbench.spark;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Workbench datasets to and from Spark DataFrames, for data that fits the driver (training sets, backgrounds,
 * evaluation sets): large tables stay DataFrames and go through {@link DistributedExplainer} and {@link
 * DistributedModel} partition by partition.
 *
 * <p>To a DataFrame: one float column per feature (the library's values exactly), then the target: the class
 * name (string) for classification, the value (double) for regression, and a {@code row_id} column (the row's
 * index). From a DataFrame: the named numeric feature columns, and a target that is a class when the column is a
 * string, boolean or integer (class names sorted as strings; integers sorted by value), a value when it is
 * floating point.
 *
 * <pre>{@code
 * Dataset<Row> df = SparkData.toDataFrame(spark, Datasets.breastCancer());
 * io.workbench.data.Dataset back = SparkData.toDataset(df, List.of("mean radius", "mean texture"), "label");
 * }</pre>
 */
public final class SparkData {

  /** The largest number of cells (rows x features) {@link #toDataset} collects to the driver. */
  public static final long MAX_CELLS = 200_000_000L;

  private SparkData() {}

  /**
   * A DataFrame of a single-label dataset: features as float columns, the target, and {@code row_id}.
   *
   * @throws IllegalArgumentException for a null argument or a multi-label dataset
   */
  public static org.apache.spark.sql.Dataset<Row> toDataFrame(SparkSession spark, Dataset data) {
    if (spark == null || data == null) {
      throw new IllegalArgumentException("toDataFrame needs a SparkSession and a dataset, got "
          + (spark == null ? "spark null" : "data null"));
    }
    if (data.task() == Task.MULTI_LABEL) {
      throw new IllegalArgumentException("toDataFrame: multi-label datasets are not supported (one target column per "
          + "row expected); convert each label with Dataset.forLabel first");
    }
    List<String> features = data.features();
    String target = data.target();
    if (features.contains(target) || features.contains(DistributedExplainer.ROW_ID)) {
      throw new IllegalArgumentException("toDataFrame: a feature is named like the target '" + target + "' or '"
          + DistributedExplainer.ROW_ID + "'; rename it first");
    }
    List<StructField> fields = new ArrayList<>();
    for (String f : features) {
      fields.add(DataTypes.createStructField(f, DataTypes.FloatType, false));
    }
    boolean classes = data.task() == Task.CLASSIFICATION;
    fields.add(DataTypes.createStructField(target, classes ? DataTypes.StringType : DataTypes.DoubleType, false));
    fields.add(DataTypes.createStructField(DistributedExplainer.ROW_ID, DataTypes.LongType, false));
    float[][] x = data.x();
    int[] y = classes ? data.y() : null;
    double[] v = classes ? null : data.yDouble();
    List<String> names = classes ? data.classNames() : null;
    List<Row> rows = new ArrayList<>(x.length);
    for (int i = 0; i < x.length; i++) {
      Object[] r = new Object[features.size() + 2];
      for (int j = 0; j < features.size(); j++) {
        r[j] = x[i][j];
      }
      r[features.size()] = classes ? names.get(y[i]) : (Object) v[i];
      r[features.size() + 1] = (long) i;
      rows.add(RowFactory.create(r));
    }
    return spark.createDataFrame(rows, DataTypes.createStructType(fields));
  }

  /**
   * Collects named columns of a DataFrame into a workbench dataset (small data: at most {@link #MAX_CELLS} cells).
   *
   * @throws IllegalArgumentException for a missing or non-numeric feature, a target of another type, nulls, or
   *     too many rows
   */
  public static Dataset toDataset(org.apache.spark.sql.Dataset<Row> frame, List<String> features, String target) {
    return toDataset(frame, features, target, null);
  }

  /**
   * As {@link #toDataset(org.apache.spark.sql.Dataset, List, String)}, with the class names in the given order
   * (what {@code toDataFrame} wrote as the target); a label outside them fails.
   *
   * @param classNames the classes in index order, or null for sorted names
   */
  public static Dataset toDataset(org.apache.spark.sql.Dataset<Row> frame, List<String> features, String target,
      List<String> classNames) {
    if (features == null || features.isEmpty() || target == null) {
      throw new IllegalArgumentException("toDataset needs feature names and a target column, got features "
          + features + " and target " + target);
    }
    FeatureColumns columns = FeatureColumns.check(frame, features, true);
    StructType schema = frame.schema();
    if (!Arrays.asList(schema.fieldNames()).contains(target)) {
      throw new IllegalArgumentException("No target column '" + target + "'; columns are "
          + FeatureColumns.abbreviate(Arrays.asList(schema.fieldNames())));
    }
    DataType tt = schema.apply(target).dataType();
    boolean classes = tt instanceof StringType || tt instanceof BooleanType || tt instanceof IntegralType;
    if (!classes && !(tt instanceof NumericType)) {
      throw new IllegalArgumentException("Target column '" + target + "' is " + tt.simpleString()
          + "; expected a string, boolean or integer (classes) or a floating-point number (regression)");
    }
    long n = SparkJobs.run(frame.sparkSession(), "workbench: count rows", frame::count);
    if (n * features.size() > MAX_CELLS) {
      throw new IllegalArgumentException("toDataset: " + n + " rows x " + features.size() + " features is more than "
          + MAX_CELLS + " cells; sample the DataFrame first (frame.sample(fraction, seed))");
    }
    List<Row> rows = SparkJobs.run(frame.sparkSession(), "workbench: collect dataset", () -> frame.select(
        FeatureColumns.quote(target), features.stream().map(FeatureColumns::quote).toArray(String[]::new))
        .collectAsList());
    float[][] x = new float[rows.size()][features.size()];
    Object[] t = new Object[rows.size()];
    for (int i = 0; i < x.length; i++) {
      Row r = rows.get(i);
      if (r.isNullAt(0)) {
        throw new IllegalArgumentException("Target column '" + target + "' is null in row " + i);
      }
      t[i] = r.get(0);
      for (int j = 0; j < features.size(); j++) {
        x[i][j] = ((Number) r.get(j + 1)).floatValue();
      }
    }
    if (!classes) {
      double[] y = new double[t.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = ((Number) t[i]).doubleValue();
      }
      return Dataset.of(x, columns.names(), y);
    }
    List<String> names = classNames != null ? List.copyOf(classNames) : classNames(t, tt instanceof IntegralType);
    int[] y = new int[t.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = names.indexOf(String.valueOf(t[i]));
      if (y[i] < 0) {
        throw new IllegalArgumentException("Target column '" + target + "' holds '" + t[i] + "', not one of the "
            + "classes " + names);
      }
    }
    return Dataset.of(x, columns.names(), y, names);
  }

  static List<String> classNames(Object[] t, boolean integral) {
    if (integral) {
      TreeSet<Long> s = new TreeSet<>();
      for (Object o : t) {
        s.add(((Number) o).longValue());
      }
      List<String> out = new ArrayList<>();
      for (long v : s) {
        out.add(String.valueOf(v));
      }
      return out;
    }
    TreeSet<String> s = new TreeSet<>();
    for (Object o : t) {
      s.add(String.valueOf(o));
    }
    return new ArrayList<>(s);
  }
}
