import io.workbench.data.Dataset;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.explain.Explainer;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import io.workbench.spark.DistributedExplainer;
import io.workbench.spark.LoopbackCluster;
import io.workbench.spark.SparkData;
import io.workbench.spark.SparkWorkbench;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;

/**
 * workbench-spark throughput and overhead: rows/s/core of TreeSHAP (200 trees, depth 6, 30 features), Kernel SHAP
 * (20 features, 100 background rows, shap's default 2M+2048 coalitions) and integrated gradients (MLP 16-16) on
 * {@code local[1]}; the single-JVM explainer on the same rows at one thread (TreeSHAP's single-JVM path is
 * XGBoost4J's own native contributions, the same call XGBoost4J-Spark makes per partition); and the time on one
 * single-core executor over two of a loopback standalone cluster (parallel efficiency). Prints {@code name value}
 * lines; seeded data.
 * Usage: java -cp CP bench/java/SparkBench.java [treeRows] [kernelRows] [igRows] [cores] [cluster]: {@code cores}
 * (default 1) runs {@code local[cores]} against the single-JVM explainer at as many threads; {@code cluster}
 * {@code no} skips the loopback-cluster efficiency run.
 */
public class SparkBench {

  public static void main(String[] args) {
    int treeRows = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int kernelRows = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int igRows = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
    int cores = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    boolean withCluster = args.length <= 4 || !args[4].equals("no");
    Dataset d30 = data(30, 20_000, 1);
    Dataset d20 = data(20, 5_000, 2);
    Model xgb = Models.xgboost().rounds(200).maxDepth(6).seed(1).fit(d30);
    Model small = Models.xgboost().rounds(50).maxDepth(4).seed(1).fit(d20);
    Model mlp = Models.mlp(16, 16).epochs(3).seed(1).fit(d20);
    Explainer<?> tree = Explain.treeShap(xgb).threads(1);
    Explainer<?> kernel = Explain.kernelShap(small, Background.sample(d20, 100, 3)).seed(1).threads(1);
    Explainer<?> ig = Explain.integratedGradients(mlp).threads(1);

    SparkSession spark = SparkWorkbench.local(cores);
    report(spark, "treeshap", tree, d30, treeRows, cores);
    report(spark, "kernelshap", kernel, d20, kernelRows, cores);
    report(spark, "ig", ig, d20, igRows, cores);
    spark.stop();
    if (!withCluster) {
      return;
    }

    double[] times = new double[2];
    for (int workers = 1; workers <= 2; workers++) {
      try (LoopbackCluster cluster = LoopbackCluster.start(workers, 1)) {
        SparkSession s = cluster.session("workbench bench");
        var frame = SparkData.toDataFrame(s, d20.head(400)).repartition(8).cache();
        frame.count();
        Explainer<?> heavy = Explain.kernelShap(small, Background.sample(d20, 20, 3)).seed(1);
        DistributedExplainer.of(heavy).rowId("row_id").explain(frame.limit(16)).global();   // executors warm: model loaded
        long t0 = System.nanoTime();
        DistributedExplainer.of(heavy).rowId("row_id").explain(frame).global();
        times[workers - 1] = (System.nanoTime() - t0) / 1e9;
        System.out.printf("cluster_%d_workers_s %.3f%n", workers, times[workers - 1]);
        s.stop();
      }
    }
    System.out.printf("parallel_efficiency %.3f%n", times[0] / (2 * times[1]));
  }

  private static void report(SparkSession spark, String name, Explainer<?> one, Dataset data, int rows,
      int cores) {
    Explainer<?> e = one.threads(cores);
    Dataset part = data.head(Math.min(rows, data.rows()));
    while (part.rows() < rows) {
      part = concat(part, data.head(Math.min(rows - part.rows(), data.rows())));
    }
    float[][] x = part.x();
    e.explain(java.util.Arrays.copyOf(x, Math.min(64, x.length)));   // warm-up
    long t0 = System.nanoTime();
    e.explain(x);
    double single = (System.nanoTime() - t0) / 1e9;
    var frame = SparkData.toDataFrame(spark, part).repartition(cores).cache();
    frame.count();
    DistributedExplainer.of(e).rowId("row_id").explain(frame.limit(64)).global();      // warm-up, model loaded
    long t1 = System.nanoTime();
    DistributedExplainer.of(e).rowId("row_id").checkValues(false).explain(frame).global();
    double local1 = (System.nanoTime() - t1) / 1e9;
    String local = "local" + cores;
    System.out.printf("%s_rows %d%n%s_single_jvm_%d_threads_rows_per_s_per_core %.1f%n"
        + "%s_%s_rows_per_s_per_core %.1f%n%s_%s_over_single_jvm %.3f%n", name, rows, name, cores,
        rows / single / cores, name, local, rows / local1 / cores, name, local, local1 / single);
    frame.unpersist();
  }

  private static Dataset concat(Dataset a, Dataset b) {
    float[][] x = new float[a.rows() + b.rows()][];
    int[] y = new int[x.length];
    System.arraycopy(a.x(), 0, x, 0, a.rows());
    System.arraycopy(b.x(), 0, x, a.rows(), b.rows());
    System.arraycopy(a.y(), 0, y, 0, a.rows());
    System.arraycopy(b.y(), 0, y, a.rows(), b.rows());
    return Dataset.of(x, a.features(), y, a.classNames());
  }

  /** Seeded binary data: the label from a noisy nonlinear score of the first features. */
  static Dataset data(int d, int n, long seed) {
    Random rnd = new Random(seed);
    float[][] x = new float[n][d];
    int[] y = new int[n];
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("f" + j);
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = (float) rnd.nextGaussian();
      }
      double s = x[i][0] + 0.8 * x[i][1] * x[i][2] - 0.6 * Math.abs(x[i][3]) + 0.3 * rnd.nextGaussian();
      y[i] = s > 0 ? 1 : 0;
    }
    return Dataset.of(x, names, y, List.of("no", "yes"));
  }

}
