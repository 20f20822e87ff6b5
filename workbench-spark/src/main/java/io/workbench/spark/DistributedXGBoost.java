package io.workbench.spark;

import io.workbench.data.Task;
import io.workbench.model.xgboost.XGBoostModel;
import io.workbench.run.RunOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressionModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressor;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * XGBoost trained across the executors by XGBoost4J-Spark (each worker holds its partitions' rows; histograms
 * are merged by XGBoost's collective), returned as the library's {@link XGBoostModel}: the same value the
 * single-JVM {@code Models.xgboost()} fits, so TreeSHAP, permutation importance, the charts and
 * {@link DistributedExplainer} work on it unchanged. Classes are the label's values sorted as
 * {@link SparkData#toDataset} sorts them; a floating-point label trains a regressor.
 *
 * <pre>{@code
 * XGBoostModel model = DistributedXGBoost.trainer().rounds(100).maxDepth(4).workers(2)
 *     .fit(spark.read().parquet("train.parquet"), features, "label");
 * DistributedExplainer.of(Explain.treeShap(model)).explain(rows).global().plot();
 * }</pre>
 */
public final class DistributedXGBoost {

  private static final String FEATURES = "__workbench_features";
  private static final String LABEL = "__workbench_label";

  private final int rounds;
  private final int maxDepth;
  private final double eta;
  private final int workers;
  private final long seed;

  private DistributedXGBoost(int rounds, int maxDepth, double eta, int workers, long seed) {
    this.rounds = rounds;
    this.maxDepth = maxDepth;
    this.eta = eta;
    this.workers = workers;
    this.seed = seed;
  }

  /** Defaults as {@code Models.xgboost()}: 100 rounds, depth 6, eta 0.3, hist trees; one worker per executor core. */
  public static DistributedXGBoost trainer() {
    return new DistributedXGBoost(100, 6, 0.3, 0, RunOptions.DEFAULT_SEED);
  }

  /** Boosting rounds, at least 1. */
  public DistributedXGBoost rounds(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("rounds: expected at least 1, got " + n);
    }
    return new DistributedXGBoost(n, maxDepth, eta, workers, seed);
  }

  /** Maximum tree depth, 1 to 20. */
  public DistributedXGBoost maxDepth(int d) {
    if (d < 1 || d > 20) {
      throw new IllegalArgumentException("maxDepth: expected 1 to 20, got " + d);
    }
    return new DistributedXGBoost(rounds, d, eta, workers, seed);
  }

  /** Learning rate, in (0, 1]. */
  public DistributedXGBoost eta(double e) {
    if (!(e > 0 && e <= 1)) {
      throw new IllegalArgumentException("eta: expected a value in (0, 1], got " + e);
    }
    return new DistributedXGBoost(rounds, maxDepth, e, workers, seed);
  }

  /** Number of XGBoost workers (Spark tasks training together); 0 = the session's default parallelism. */
  public DistributedXGBoost workers(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("workers: expected at least 1 (or 0 for the default parallelism), got " + n);
    }
    return new DistributedXGBoost(rounds, maxDepth, eta, n, seed);
  }

  /** Seed of XGBoost's random choices. */
  public DistributedXGBoost seed(long s) {
    return new DistributedXGBoost(rounds, maxDepth, eta, workers, s);
  }

  /**
   * Trains on the rows.
   *
   * @param features numeric feature columns, in the order the model will see them
   * @param label string, boolean or integer classes, or a floating-point value (regression)
   * @throws IllegalArgumentException on the driver, before training, for a missing, non-numeric or null column
   */
  public XGBoostModel fit(org.apache.spark.sql.Dataset<Row> rows, List<String> features, String label) {
    if (features == null || features.isEmpty()) {
      throw new IllegalArgumentException("features: expected the names of the feature columns, got " + features);
    }
    requireOneXGBoost();
    FeatureColumns cols = FeatureColumns.check(rows, features, true);
    DistributedCrossValidation.Target target = DistributedCrossValidation.Target.check(rows, label);
    boolean classification = target.classification();
    List<String> classes = classification ? target.classes() : List.of();
    List<Column> select = new ArrayList<>();
    String[] inputs = new String[features.size()];
    for (int j = 0; j < inputs.length; j++) {
      inputs[j] = "f" + j;
      select.add(functions.col(FeatureColumns.quote(features.get(j))).cast("float").as(inputs[j]));
    }
    Column y = functions.col(FeatureColumns.quote(label));
    if (classification) {
      Column names = functions.array(classes.stream().map(functions::lit).toArray(Column[]::new));
      y = functions.array_position(names, y.cast("string")).minus(1);
    }
    select.add(y.cast("double").as(LABEL));
    org.apache.spark.sql.Dataset<Row> prepared = new VectorAssembler().setInputCols(inputs).setOutputCol(FEATURES)
        .transform(rows.select(select.toArray(Column[]::new))).select(FEATURES, LABEL);
    int n = workers > 0 ? workers : rows.sparkSession().sparkContext().defaultParallelism();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("max_depth", maxDepth);
    params.put("eta", eta);
    params.put("seed", seed);
    params.put("tree_method", "hist");
    params.put("nthread", 1);
    params.put("objective", !classification ? "reg:squarederror"
        : classes.size() == 2 ? "binary:logistic" : "multi:softprob");
    if (classification && classes.size() > 2) {
      params.put("num_class", classes.size());
    }
    scala.collection.immutable.Map<String, Object> scalaParams = scala.collection.immutable.Map$.MODULE$.from(
        scala.jdk.javaapi.CollectionConverters.asScala(params));
    // XGBoost's tracker listens on the driver's address (else on the host's first interface, which a loopback
    // session cannot reach)
    String host = rows.sparkSession().sparkContext().getConf().get("spark.driver.host", "");
    byte[] booster = SparkJobs.run(rows.sparkSession(), "workbench: XGBoost on " + n + " worker(s)", () -> {
      if (classification) {
        XGBoostClassifier est = new XGBoostClassifier();
        if (!host.isEmpty()) {
          est.set(est.rabitTrackerHostIp(), host);
        }
        est.xgboost2SparkParams(scalaParams);
        est.setNumRound(rounds);
        est.setNumWorkers(n);
        est.setFeaturesCol(FEATURES);
        est.setLabelCol(LABEL);
        XGBoostClassificationModel m = est.fit(prepared);
        return bytes(m.nativeBooster());
      }
      XGBoostRegressor est = new XGBoostRegressor();
      if (!host.isEmpty()) {
        est.set(est.rabitTrackerHostIp(), host);
      }
      est.xgboost2SparkParams(scalaParams);
      est.setNumRound(rounds);
      est.setNumWorkers(n);
      est.setFeaturesCol(FEATURES);
      est.setLabelCol(LABEL);
      XGBoostRegressionModel m = est.fit(prepared);
      return bytes(m.nativeBooster());
    });
    params.put("nthread", Math.max(1, Runtime.getRuntime().availableProcessors()));
    params.put("num_parallel_tree", 1);
    params.put("workers", n);
    return XGBoostModel.fromBooster(booster, classification ? Task.CLASSIFICATION : Task.REGRESSION, cols.names(),
        classes, params, seed, rounds);
  }

  /**
   * XGBoost4J-Spark brings its own {@code ml.dmlc.xgboost4j} classes (3.0.4); when another copy was loaded first
   * (the notebook kernel holds the library's xgboost4j 2.1.4 on its class path) its tracker and workers do not
   * meet, so fail here with the reason instead of a failed barrier stage.
   */
  static void requireOneXGBoost() {
    String spark = source(XGBoostClassifier.class);
    String java = source(ml.dmlc.xgboost4j.java.Booster.class);
    if (!spark.equals(java)) {
      throw new IllegalStateException("DistributedXGBoost needs XGBoost4J-Spark's own xgboost4j classes, but this JVM "
          + "loaded ml.dmlc.xgboost4j.java from " + java + " (XGBoost4J-Spark is in " + spark + "). This happens in "
          + "the notebook kernel, which holds the library's xgboost4j 2.1.4; train from a Spark application "
          + "(spark-submit with the module's cluster jar) or a JVM with workbench-spark's class path, and explain "
          + "the saved model in the notebook (XGBoostModel.load)");
    }
  }

  private static String source(Class<?> c) {
    java.security.CodeSource cs = c.getProtectionDomain().getCodeSource();
    return cs == null || cs.getLocation() == null ? "(unknown)" : cs.getLocation().toString();
  }

  private static byte[] bytes(ml.dmlc.xgboost4j.scala.Booster booster) {
    try {
      return booster.toByteArray("ubj");
    } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
      throw new IllegalStateException("XGBoost could not write the trained booster: " + e.getMessage(), e);
    }
  }
}
