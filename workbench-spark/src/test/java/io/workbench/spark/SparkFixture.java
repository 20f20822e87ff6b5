package io.workbench.spark;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.factory.Models;
import io.workbench.model.xgboost.XGBoostModel;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** One local[2] session and two small models shared by the tests of this module (one JVM, built once). */
final class SparkFixture {

  private static SparkSession spark;
  private static Dataset data;
  private static XGBoostModel xgb;
  private static NeuralNetModel mlp;

  private SparkFixture() {}

  static synchronized SparkSession spark() {
    if (spark == null) {
      spark = SparkWorkbench.local(2);
    }
    return spark;
  }

  /** Breast cancer, first six features (exact Shapley stays cheap), standard labels. */
  static synchronized Dataset data() {
    if (data == null) {
      Dataset all = Datasets.breastCancer();
      float[][] x = all.x();
      float[][] six = new float[x.length][];
      for (int i = 0; i < x.length; i++) {
        six[i] = java.util.Arrays.copyOf(x[i], 6);
      }
      data = Dataset.of(six, all.features().subList(0, 6), all.y(), all.classNames());
    }
    return data;
  }

  static synchronized XGBoostModel xgb() {
    if (xgb == null) {
      // saved and loaded once, as every executor gets it: XGBoost 3.0 (XGBoost4J-Spark's xgboost4j on this class
      // path) writes the fitted intercept as float32, so the in-memory booster's margins differ from a reloaded
      // one's by about 1e-6, which the 1e-6 comparisons of driver and executors would otherwise see
      XGBoostModel fitted = Models.xgboost().rounds(30).maxDepth(3).seed(1).fit(data());
      try {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("spark-fixture-xgb");
        fitted.save(dir);
        xgb = XGBoostModel.load(dir);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return xgb;
  }

  static synchronized NeuralNetModel mlp() {
    if (mlp == null) {
      mlp = Models.mlp(8).epochs(5).seed(1).fit(data());
    }
    return mlp;
  }

  /** The first {@code n} rows as a DataFrame ({@code row_id} = position) in {@code partitions} shuffled partitions. */
  static org.apache.spark.sql.Dataset<Row> frame(int n, int partitions) {
    return SparkData.toDataFrame(spark(), data().head(n)).repartition(partitions);
  }

  /** The first {@code n} rows' features. */
  static float[][] x(int n) {
    return data().head(n).x();
  }

  static List<String> features() {
    return data().features();
  }
}
