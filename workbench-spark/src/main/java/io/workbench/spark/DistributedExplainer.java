package io.workbench.spark;

import io.workbench.explain.Attribution;
import io.workbench.explain.Explainer;
import io.workbench.model.Model;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Any workbench explainer over a Spark DataFrame: local attributions become columns, computed per partition by
 * the single-JVM explainer you configured (TreeSHAP, Kernel SHAP, exact and sampling Shapley, LIME, occlusion,
 * integrated gradients, saliency, SmoothGrad, GradientSHAP). The model goes to the executors in its own saved
 * format and the explainer's settings with it; each executor loads them once. Random draws are keyed by row
 * ids (the {@link #rowId(String)} column, else the row's position in the DataFrame), so the numbers equal the
 * single-JVM explainer's on the same rows whatever the partitioning.
 *
 * <p>Before any task runs the driver checks the input: every model feature is a numeric column, none holds a
 * null or non-finite value (one scan), the row-id column is integral, and the explainer runs on one row of
 * zeros (so a wrong target or method setting fails here, not on a thousand executors). Added columns: {@code
 * attribution} (array of doubles, the attribution's features in order), {@code base_value}, {@code
 * explained_output}, {@code explained_class} (the class index explained), {@code convergence_delta} (methods
 * that report one), {@code attribution_inputs} (when features are grouped) and {@code row_id} (unless
 * {@link #rowId(String)} names one). Immutable: every setter returns a changed copy.
 *
 * <pre>{@code
 * DistributedAttribution shap = DistributedExplainer.of(Explain.kernelShap(model, background).seed(1))
 *     .rowId("patient_id").explain(spark.read().parquet("rows.parquet"));
 * shap.frame().select("patient_id", "attribution").show();
 * shap.global();                 // mean |SHAP| with intervals, by Spark aggregation
 * }</pre>
 */
public final class DistributedExplainer {

  /** Column names added to the DataFrame. */
  public static final String ATTRIBUTION = "attribution";
  /** Base value column. */
  public static final String BASE_VALUE = "base_value";
  /** Explained output column. */
  public static final String OUTPUT = "explained_output";
  /** Explained class index column. */
  public static final String CLASS = "explained_class";
  /** Convergence delta column (methods that report one). */
  public static final String DELTA = "convergence_delta";
  /** The inputs of grouped attributions. */
  public static final String INPUTS = "attribution_inputs";
  /** The row id column added when none is named. */
  public static final String ROW_ID = "row_id";

  private final Explainer<?> explainer;
  private final String rowId;
  private final int batchRows;
  private final boolean scan;

  private DistributedExplainer(Explainer<?> explainer, String rowId, int batchRows, boolean scan) {
    this.explainer = explainer;
    this.rowId = rowId;
    this.batchRows = batchRows;
    this.scan = scan;
  }

  /**
   * Distributes a configured explainer (its model must have a saved format: XGBoost, DJL networks, CART).
   *
   * @throws IllegalArgumentException when the explainer is null or its model cannot be shipped
   */
  public static DistributedExplainer of(Explainer<?> explainer) {
    if (explainer == null) {
      throw new IllegalArgumentException("explainer: expected a configured workbench explainer, got null");
    }
    ModelFormat.of(explainer.model());
    return new DistributedExplainer(explainer, null, 4096, true);
  }

  /**
   * Seeds every row by this integral column (unique per row) instead of its position: the same row gets the same
   * numbers however the data is ordered or partitioned.
   */
  public DistributedExplainer rowId(String column) {
    if (column == null || column.isBlank()) {
      throw new IllegalArgumentException("rowId: expected a column name, got " + (column == null ? "null" : "''"));
    }
    return new DistributedExplainer(explainer, column, batchRows, scan);
  }

  /** Rows per explainer call on an executor (default 4096). */
  public DistributedExplainer batchRows(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("batchRows must be >= 1, got " + rows);
    }
    return new DistributedExplainer(explainer, rowId, rows, scan);
  }

  /**
   * Whether the driver scans the feature columns for nulls and non-finite values first (default true; one Spark
   * job). Without the scan such a row fails its task instead.
   */
  public DistributedExplainer checkValues(boolean on) {
    return new DistributedExplainer(explainer, rowId, batchRows, on);
  }

  /**
   * Explains every row of {@code rows}. The returned value holds the DataFrame with the attribution columns
   * (computed lazily, when an action runs) and computes global summaries by Spark aggregation.
   *
   * @throws IllegalArgumentException for a missing or non-numeric feature column, nulls, a bad row-id column, or
   *     an explainer that fails on the driver's probe row
   */
  public DistributedAttribution explain(Dataset<Row> rows) {
    Model model = explainer.model();
    List<String> features = model.featureNames();
    FeatureColumns columns = FeatureColumns.check(rows, features, scan);
    SparkSession spark = SparkWorkbench.attach(rows.sparkSession());
    int idIndex = RowIds.check(rows, rowId);
    Attribution probe = probe(model);
    List<String> attributed = probe.featureNames();
    boolean ownInputs = !attributed.equals(features);
    boolean delta = probe.convergenceDelta().isPresent();
    int taskCpus = Integer.parseInt(spark.conf().get("spark.task.cpus", "1"));
    ShippedModel shipped = ShippedModel.of(model);
    PartitionPlan plan = new PartitionPlan(shipped, explainer, columns, batchRows, taskCpus, ownInputs, delta,
        idIndex < 0);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<PartitionPlan> shippedPlan = jsc.broadcast(plan);
    JavaPairRDD<Row, Long> keyed = RowIds.keyed(rows, idIndex);
    JavaRDD<Row> out = keyed.mapPartitions(it -> shippedPlan.value().explain(it));
    StructType outSchema = FeatureColumns.append(rows.schema(), outputFields(delta, ownInputs, idIndex < 0));
    Dataset<Row> frame = spark.createDataFrame(out, outSchema);
    return new DistributedAttribution(frame, rows, probe, features, idIndex >= 0 ? rowId : ROW_ID, delta, ownInputs);
  }

  private static StructField[] outputFields(boolean delta, boolean ownInputs, boolean ids) {
    List<StructField> f = new java.util.ArrayList<>();
    f.add(DataTypes.createStructField(ATTRIBUTION, DataTypes.createArrayType(DataTypes.DoubleType, false), false));
    f.add(DataTypes.createStructField(BASE_VALUE, DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField(OUTPUT, DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField(CLASS, DataTypes.IntegerType, false));
    if (delta) {
      f.add(DataTypes.createStructField(DELTA, DataTypes.DoubleType, true));
    }
    if (ownInputs) {
      f.add(DataTypes.createStructField(INPUTS, DataTypes.createArrayType(DataTypes.FloatType, false), false));
    }
    if (ids) {
      f.add(DataTypes.createStructField(ROW_ID, DataTypes.LongType, false));
    }
    return f.toArray(new StructField[0]);
  }

  /** The explainer on one row of zeros, on the driver: settings that cannot work fail here, before any task. */
  private Attribution probe(Model model) {
    try {
      return explainer.explain(new float[1][model.featureNames().size()], new long[] {0});
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IllegalArgumentException("explainer: " + explainer.getClass().getSimpleName()
          + " fails on the driver's probe row, so it would fail on every executor: " + e.getMessage(), e);
    }
  }
}
