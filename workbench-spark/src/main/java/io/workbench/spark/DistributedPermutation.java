package io.workbench.spark;

import io.workbench.data.Task;
import io.workbench.eval.Metric;
import io.workbench.explain.FeatureImportance;
import io.workbench.model.Model;
import io.workbench.run.RunOptions;
import io.workbench.run.Workers;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Permutation importance over a labelled Spark DataFrame: the rows stay on the executors, each feature's column
 * is shuffled and the metric's worsening is computed by Spark aggregation ({@link DistributedMetrics#SUPPORTED}).
 * Same definition and output as the single-JVM {@code Explain.permutationImportance}: per feature the mean and
 * (population) standard deviation over repeats of {@code baseline - permuted} (reversed for losses).
 *
 * <p>Shuffles happen within blocks of at most {@link #blockRows(int)} rows (default 65,536): each row goes to
 * a block by a seeded hash of its row id, and a block's rows, ordered by id, are shuffled with a generator seeded
 * by (seed, block, feature, repeat). So the numbers depend on the seed and the row ids only, never on the
 * partitioning; when all rows fit one block (ids = positions) they equal the single-JVM method's exactly.
 *
 * <pre>{@code
 * FeatureImportance imp = DistributedPermutation.of(model).metric(Metric.AUROC).repeats(5).seed(1)
 *     .explain(spark.read().parquet("test.parquet"), "label");
 * imp.plot();
 * }</pre>
 */
public final class DistributedPermutation {

  private final Model model;
  private final Metric metric;
  private final int repeats;
  private final long seed;
  private final int blockRows;
  private final String rowId;

  private DistributedPermutation(Model model, Metric metric, int repeats, long seed, int blockRows, String rowId) {
    this.model = model;
    this.metric = metric;
    this.repeats = repeats;
    this.seed = seed;
    this.blockRows = blockRows;
    this.rowId = rowId;
  }

  /**
   * Permutation importance of a model with a saved format (XGBoost, DJL networks, CART); metric {@link
   * Metric#defaultFor} the model's task, 5 repeats, seed {@value RunOptions#DEFAULT_SEED}.
   *
   * @throws IllegalArgumentException when the model is null, multi-label or cannot be shipped
   */
  public static DistributedPermutation of(Model model) {
    ModelFormat.of(model);
    if (model.task() == Task.MULTI_LABEL) {
      throw new IllegalArgumentException("model: multi-label models are not supported by distributed permutation "
          + "importance (one label column)");
    }
    return new DistributedPermutation(model, Metric.defaultFor(model.task()), 5, RunOptions.DEFAULT_SEED, 65_536,
        null);
  }

  /** The metric: one of {@link DistributedMetrics#SUPPORTED} that fits the model's task. */
  public DistributedPermutation metric(Metric m) {
    MetricStats.check(m);
    boolean regression = model.task() == Task.REGRESSION;
    boolean forRegression = List.of(Metric.MAE, Metric.MSE, Metric.RMSE, Metric.R2).contains(m);
    if (regression != forRegression) {
      throw new IllegalArgumentException("metric '" + m.name() + "' is for " + (forRegression ? "regression"
          : "classification") + " but the model does " + model.task());
    }
    return new DistributedPermutation(model, m, repeats, seed, blockRows, rowId);
  }

  /** Shuffles per feature (default 5); at least 1. */
  public DistributedPermutation repeats(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("repeats must be >= 1, got " + n);
    }
    return new DistributedPermutation(model, metric, n, seed, blockRows, rowId);
  }

  /** The seed of the shuffles and of the blocks (default {@value RunOptions#DEFAULT_SEED}). */
  public DistributedPermutation seed(long s) {
    return new DistributedPermutation(model, metric, repeats, s, blockRows, rowId);
  }

  /** The most rows shuffled together (default 65,536; a block is held in one task's memory). */
  public DistributedPermutation blockRows(int rows) {
    if (rows < 2) {
      throw new IllegalArgumentException("blockRows must be >= 2, got " + rows);
    }
    return new DistributedPermutation(model, metric, repeats, seed, rows, rowId);
  }

  /** Identifies rows by this integral column (unique per row) instead of their position in the DataFrame. */
  public DistributedPermutation rowId(String column) {
    if (column == null || column.isBlank()) {
      throw new IllegalArgumentException("rowId: expected a column name, got " + (column == null ? "null" : "''"));
    }
    return new DistributedPermutation(model, metric, repeats, seed, blockRows, column);
  }

  /**
   * Runs it on the labelled rows.
   *
   * @param label the target column: class names (string, boolean or integer) or values for regressors
   * @throws IllegalArgumentException for bad feature, label or row-id columns (checked before any task runs) or
   *     fewer than two rows
   */
  public FeatureImportance explain(Dataset<Row> rows, String label) {
    FeatureColumns columns = FeatureColumns.check(rows, model.featureNames(), true);
    LabelColumn target = LabelColumn.check(rows, label, model);
    int idIndex = RowIds.check(rows, rowId);
    SparkSession spark = SparkWorkbench.attach(rows.sparkSession());
    long n = SparkJobs.run(spark, "workbench: count rows", rows::count);
    if (n < 2) {
      throw new IllegalArgumentException("rows: permutation importance needs at least 2 rows, got " + n);
    }
    int blocks = (int) Math.min(Integer.MAX_VALUE, (n + blockRows - 1) / blockRows);
    int d = columns.names().size();
    Plan plan = new Plan(ShippedModel.of(model), d, repeats, seed, blocks,
        model.task() == Task.REGRESSION ? 0 : model.classNames().size(), metric == Metric.AUROC, metric.name());
    Broadcast<Plan> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(plan);
    Map<Integer, Double> scores = SparkJobs.run(spark, "workbench: permutation importance (" + metric.name() + ")",
        () -> RowIds.keyed(rows, idIndex)
            .mapToPair(t -> new Tuple2<>(shipped.value().block(t._2()),
                new Sample(t._2(), columns.matrix(List.of(t._1()))[0], target.target(t._1()))))
            .groupByKey(blocks)
            .flatMapToPair(b -> shipped.value().evaluate(b._1(), b._2()).iterator())
            .reduceByKey(MetricStats::merge)
            .mapValues(s -> s.value(Metric.named(shipped.value().metric)))
            .collectAsMap());
    double baseline = scores.get(-1);
    double sign = metric.higherIsBetter() ? 1 : -1;
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int j = 0; j < d; j++) {
      double[] drops = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        drops[r] = sign * (baseline - scores.get(j * repeats + r));
        mean[j] += drops[r];
      }
      mean[j] /= repeats;
      double ss = 0;
      for (double v : drops) {
        ss += (v - mean[j]) * (v - mean[j]);
      }
      std[j] = Math.sqrt(ss / repeats);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("metric", metric.name());
    settings.put("repeats", String.valueOf(repeats));
    settings.put("seed", String.valueOf(seed));
    settings.put("rows", String.valueOf(n));
    settings.put("path", "Spark, shuffled within " + blocks + " block(s) of at most " + blockRows + " rows");
    settings.put("evaluations", String.valueOf((long) d * repeats * n + n));
    return new FeatureImportance("permutation importance", settings, new ArrayList<>(columns.names()), mean, std,
        repeats, metric.name(), baseline);
  }

  /** One row on its way to its block: id, features, target (class index or value). */
  static final class Sample implements Serializable {
    private static final long serialVersionUID = 1L;
    final long id;
    final float[] x;
    final double y;

    Sample(long id, float[] x, double y) {
      this.id = id;
      this.x = x;
      this.y = y;
    }
  }

  /** What each block runs, broadcast once per executor. */
  static final class Plan implements Serializable {
    private static final long serialVersionUID = 1L;
    private final ShippedModel model;
    private final int features;
    private final int repeats;
    private final long seed;
    private final int blocks;
    private final int classes;
    private final boolean histograms;
    final String metric;

    Plan(ShippedModel model, int features, int repeats, long seed, int blocks, int classes, boolean histograms,
        String metric) {
      this.model = model;
      this.features = features;
      this.repeats = repeats;
      this.seed = seed;
      this.blocks = blocks;
      this.classes = classes;
      this.histograms = histograms;
      this.metric = metric;
    }

    /** The block of a row: a seeded hash of its id (all rows in block 0 when there is one block). */
    int block(long id) {
      return blocks == 1 ? 0 : (int) Math.floorMod(Workers.seedFor(seed, id), (long) blocks);
    }

    /**
     * The metric statistics of one block: key -1 for the intact rows, {@code feature * repeats + repeat} for each
     * shuffled copy.
     */
    List<Tuple2<Integer, MetricStats>> evaluate(int block, Iterable<Sample> samples) {
      List<Sample> rows = new ArrayList<>();
      samples.forEach(rows::add);
      rows.sort((a, b) -> Long.compare(a.id, b.id));
      int n = rows.size();
      float[][] x = new float[n][];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = rows.get(i).x;
        y[i] = rows.get(i).y;
      }
      long blockSeed = block == 0 ? seed : Workers.seedFor(seed, -1L - block);
      List<Tuple2<Integer, MetricStats>> out = new ArrayList<>();
      out.add(new Tuple2<>(-1, stats(x, y)));
      float[][] copy = new float[n][];
      for (int i = 0; i < n; i++) {
        copy[i] = x[i].clone();
      }
      for (int j = 0; j < features; j++) {
        for (int r = 0; r < repeats; r++) {
          PartitionPlan.checkKilled();
          int[] perm = permutation(n, Workers.seedFor(blockSeed, (long) j * repeats + r));
          for (int i = 0; i < n; i++) {
            copy[i][j] = x[perm[i]][j];
          }
          out.add(new Tuple2<>(j * repeats + r, stats(copy, y)));
        }
        for (int i = 0; i < n; i++) {
          copy[i][j] = x[i][j];
        }
      }
      return out;
    }

    private MetricStats stats(float[][] x, double[] y) {
      float[][] p = model.model().predictProba(x);
      MetricStats s = new MetricStats(classes, histograms);
      for (int i = 0; i < p.length; i++) {
        if (classes > 0) {
          s.addClass((int) y[i], p[i]);
        } else {
          s.addValue(y[i], p[i][0]);
        }
      }
      return s;
    }

    /** Fisher-Yates from the last position, as the single-JVM method shuffles. */
    private static int[] permutation(int n, long seed) {
      SplittableRandom rnd = new SplittableRandom(seed);
      int[] p = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int k = rnd.nextInt(i + 1);
        int t = p[i];
        p[i] = p[k];
        p[k] = t;
      }
      return p;
    }
  }
}
