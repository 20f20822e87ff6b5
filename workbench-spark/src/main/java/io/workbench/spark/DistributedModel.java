package io.workbench.spark;

import io.workbench.data.Task;
import io.workbench.eval.Metric;
import io.workbench.model.Model;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Batch scoring over a Spark DataFrame: the model travels to the executors in its own saved format, is loaded
 * once per executor JVM, and each partition calls {@code predictProba} on batches of rows. Classifiers add one
 * {@code proba_<class>} column per class (multi-label: per label), regressors a {@code prediction} column.
 * Inputs are checked on the driver before any task runs (see {@link DistributedExplainer}).
 *
 * <pre>{@code
 * Dataset<Row> scored = DistributedModel.of(model).predictProba(spark.read().parquet("rows.parquet"));
 * scored.select("id", "proba_malignant").show();
 * }</pre>
 */
public final class DistributedModel {

  private final Model model;
  private final int batchRows;

  private DistributedModel(Model model, int batchRows) {
    this.model = model;
    this.batchRows = batchRows;
  }

  /**
   * Distributes a model (XGBoost, DJL networks, CART: the families with a saved format).
   *
   * @throws IllegalArgumentException when the model is null or cannot be shipped
   */
  public static DistributedModel of(Model model) {
    ModelFormat.of(model);
    return new DistributedModel(model, 8192);
  }

  /** Rows per {@code predictProba} call on an executor (default 8192). */
  public DistributedModel batchRows(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("batchRows must be >= 1, got " + rows);
    }
    return new DistributedModel(model, rows);
  }

  /** The names of the columns {@link #predictProba} adds. */
  public List<String> outputColumns() {
    if (model.task() == Task.REGRESSION) {
      return List.of("prediction");
    }
    List<String> out = new ArrayList<>();
    for (String c : model.classNames()) {
      out.add("proba_" + c);
    }
    return out;
  }

  /**
   * The rows with the model's outputs as columns (computed lazily, when an action runs).
   *
   * @throws IllegalArgumentException for a missing or non-numeric feature column, nulls or non-finite values, or
   *     an output column name already in use
   */
  public Dataset<Row> predictProba(Dataset<Row> rows) {
    FeatureColumns columns = FeatureColumns.check(rows, model.featureNames(), true);
    SparkSession spark = SparkWorkbench.attach(rows.sparkSession());
    List<StructField> fields = new ArrayList<>();
    for (String c : outputColumns()) {
      fields.add(DataTypes.createStructField(c, DataTypes.DoubleType, false));
    }
    Scorer scorer = new Scorer(ShippedModel.of(model), columns, batchRows);
    Broadcast<Scorer> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(scorer);
    JavaRDD<Row> out = rows.javaRDD().mapPartitions(it -> shipped.value().score(it));
    return spark.createDataFrame(out, FeatureColumns.append(rows.schema(), fields.toArray(new StructField[0])));
  }

  /**
   * Metrics of the model on a labelled DataFrame, computed by Spark aggregation (each partition scores its rows
   * in batches and sums the metrics' statistics; nothing but the statistics reaches the driver): the same values
   * as {@code Evaluation.of(model, test)} on the collected rows. Default metrics: accuracy, AUROC, log loss and
   * Brier for classifiers, MAE, RMSE and R2 for regressors; see {@link DistributedMetrics#SUPPORTED}.
   *
   * <pre>{@code
   * DistributedMetrics m = DistributedModel.of(model).evaluate(spark.read().parquet("test.parquet"), "label");
   * m.value("auroc");
   * }</pre>
   *
   * @param label the target column: class names (string, boolean or integer) or values for regressors
   * @throws IllegalArgumentException for bad feature or label columns (checked before any task runs), or a
   *     metric that cannot be aggregated
   */
  public DistributedMetrics evaluate(Dataset<Row> rows, String label, Metric... metrics) {
    List<Metric> chosen = metrics.length > 0 ? List.of(metrics) : DistributedMetrics.defaultsFor(model.task());
    chosen.forEach(MetricStats::check);
    FeatureColumns columns = FeatureColumns.check(rows, model.featureNames(), true);
    LabelColumn target = LabelColumn.check(rows, label, model);
    SparkSession spark = SparkWorkbench.attach(rows.sparkSession());
    Scorer scorer = new Scorer(ShippedModel.of(model), columns, batchRows);
    Broadcast<Scorer> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(scorer);
    int k = model.task() == Task.REGRESSION ? 0 : model.classNames().size();
    boolean auroc = chosen.contains(Metric.AUROC);
    JavaRDD<Row> input = rows.javaRDD();
    MetricStats stats = SparkJobs.run(spark, "workbench: evaluate " + chosen, () -> input
        .mapPartitions(it -> List.of(shipped.value().stats(it, target, k, auroc)).iterator())
        .treeReduce(MetricStats::merge));
    return DistributedMetrics.of(chosen, stats);
  }

  /** The per-partition scoring, broadcast once per executor. */
  static final class Scorer implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ShippedModel model;
    private final FeatureColumns columns;
    private final int batchRows;

    Scorer(ShippedModel model, FeatureColumns columns, int batchRows) {
      this.model = model;
      this.columns = columns;
      this.batchRows = batchRows;
    }

    /** The metric statistics of one partition's rows. */
    MetricStats stats(Iterator<Row> rows, LabelColumn target, int classes, boolean histograms) {
      MetricStats s = new MetricStats(classes, histograms);
      List<Row> batch = new ArrayList<>(batchRows);
      while (rows.hasNext()) {
        batch.add(rows.next());
        if (batch.size() == batchRows || !rows.hasNext()) {
          PartitionPlan.checkKilled();
          float[][] p = model.model().predictProba(columns.matrix(batch));
          for (int i = 0; i < p.length; i++) {
            if (classes > 0) {
              s.addClass(target.classOf(batch.get(i)), p[i]);
            } else {
              s.addValue(target.target(batch.get(i)), p[i][0]);
            }
          }
          batch.clear();
        }
      }
      return s;
    }

    Iterator<Row> score(Iterator<Row> rows) {
      return new PartitionPlan.Batches<Row>(rows, batchRows) {
        @Override
        List<Row> process(List<Row> batch) {
          float[][] x = columns.matrix(batch);
          float[][] p = model.model().predictProba(x);
          List<Row> out = new ArrayList<>(x.length);
          for (int i = 0; i < x.length; i++) {
            List<Object> extra = new ArrayList<>(p[i].length);
            for (float v : p[i]) {
              extra.add((double) v);
            }
            out.add(PartitionPlan.appended(batch.get(i), extra));
          }
          return out;
        }
      };
    }
  }
}
