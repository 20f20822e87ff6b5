package io.workbench.spark;

import io.workbench.explain.Attribution;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.model.xgboost.XGBoostModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * The driver program the cluster test submits (its own JVM): sampling Shapley values of a saved XGBoost model over
 * {@code rows} rows in {@code partitions} partitions, written as {@code id value...} lines; prints {@code TASK_END}
 * whenever a task ends, so the test can kill a worker in the middle of the job.
 *
 * <p>Arguments: master URL, executor class path, model folder, rows, partitions, output file.
 */
public final class ClusterJob {

  private ClusterJob() {}

  /** The explainer both the cluster and the test's single-JVM reference run. */
  static io.workbench.explain.SamplingShapley explainer(XGBoostModel model) {
    return Explain.samplingShapley(model, Background.of(SparkFixture.data().sample(20, 4))).samples(60).seed(11);
  }

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().appName("workbench cluster test").master(args[0])
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.executor.extraClassPath", args[1])
        .config("spark.executor.extraJavaOptions", "-Dai.djl.offline=true -Djava.awt.headless=true -Xss4m")
        .config("spark.executor.memory", "1g").config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false").config("spark.task.maxFailures", "8").getOrCreate();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart e) {
        System.out.println("JOB_START " + e.properties().getProperty("spark.job.description"));
        System.out.flush();
      }

      @Override
      public void onTaskEnd(SparkListenerTaskEnd e) {
        System.out.println("TASK_END " + e.reason());
        System.out.flush();
      }
    });
    XGBoostModel model = XGBoostModel.load(Path.of(args[2]));
    int rows = Integer.parseInt(args[3]);
    int partitions = Integer.parseInt(args[4]);
    var frame = SparkData.toDataFrame(spark, SparkFixture.data().head(rows)).repartition(partitions);
    Attribution a = DistributedExplainer.of(explainer(model)).rowId(DistributedExplainer.ROW_ID).batchRows(16)
        .explain(frame).collect();
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[5])))) {
      for (int i = 0; i < a.rows(); i++) {
        StringBuilder line = new StringBuilder(String.valueOf(i));
        for (double v : a.values(i)) {
          line.append(' ').append(v);
        }
        out.println(line);
      }
    }
    System.out.println("DONE " + a.rows());
    spark.stop();
  }
}
