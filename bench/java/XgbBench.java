import io.workbench.data.Dataset;
import io.workbench.explain.Attribution;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.explain.TreeShap;
import io.workbench.model.factory.Models;
import io.workbench.model.xgboost.XGBoostModel;
import io.workbench.model.xgboost.XGBoostTrainer;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Training + prediction time of the workbench XGBoost wrapper against bare XGBoost4J, on a seeded synthetic
 * binary task (20000 x 30; label from a noisy nonlinear score). Writes the data as CSV for the Python peer.
 * Settings: 100 rounds, depth 6, eta 0.3, hist, binary:logistic, threads as given. Prints medians (seconds)
 * over the measured repetitions after one warm-up.
 *
 * <p>TreeSHAP on the trained model: path-dependent values of 2000 rows by Fast TreeSHAP in Java and by XGBoost's
 * own predictContrib through the same explainer, interventional values (probability space) of 200 rows against 100
 * background rows, and interaction values of 50 rows. The model ({@code model/}) and those rows ({@code rows.csv},
 * {@code background.csv}) go beside {@code data.csv} for bench/python/tree_shap_bench.py.
 * Usage: java -cp CP bench/java/XgbBench.java data.csv threads [repetitions]
 */
public class XgbBench {

  static final int N = 20_000;
  static final int D = 30;

  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Random rnd = new Random(42);
    double[][] x = new double[D][N];
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) {
        x[j][i] = rnd.nextGaussian();
      }
      double s = x[0][i] + 0.8 * x[1][i] * x[2][i] - 0.6 * x[3][i] * x[3][i] + 0.5 * Math.sin(2 * x[4][i])
          + 0.7 * rnd.nextGaussian();
      y[i] = s > 0 ? 1 : 0;
    }
    try (BufferedWriter w = Files.newBufferedWriter(csv)) {
      for (int i = 0; i < N; i++) {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < D; j++) {
          line.append((float) x[j][i]).append(',');
        }
        w.write(line.append(y[i]).append('\n').toString());
      }
    }
    List<Column<?>> cols = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int j = 0; j < D; j++) {
      double[] v = new double[N];
      for (int i = 0; i < N; i++) {
        v[i] = (float) x[j][i];
      }
      names.add("f" + j);
      cols.add(DoubleColumn.create("f" + j, v));
    }
    cols.add(IntColumn.create("y", y));
    Table t = Table.create("bench", cols.toArray(new Column<?>[0]));
    Dataset data = Dataset.builder(t).target("y").features(names).classNames("0", "1").build();
    XGBoostTrainer trainer = Models.xgboost().rounds(100).maxDepth(6).eta(0.3).threads(threads).seed(0)
        .progress(e -> {});
    float[][] xs = data.x();

    double[] train = new double[reps];
    double[] predict = new double[reps];
    double[] rawTrain = new double[reps];
    double[] rawPredict = new double[reps];
    float[] flat = new float[N * D];
    float[] label = new float[N];
    for (int i = 0; i < N; i++) {
      System.arraycopy(xs[i], 0, flat, i * D, D);
      label[i] = y[i];
    }
    Map<String, Object> params = new HashMap<>(trainer.params(io.workbench.data.Task.CLASSIFICATION, 2));
    double first = 0;
    XGBoostModel last = null;
    for (int r = -1; r < reps; r++) {
      // alternate the order so that neither side always runs second on a busy machine
      for (int side = 0; side < 2; side++) {
        if ((side == 0) == (r % 2 == 0)) {
          long t0 = System.nanoTime();
          XGBoostModel m = trainer.fit(data);
          last = m;
          long t1 = System.nanoTime();
          float[][] p = m.predictProba(xs);
          long t2 = System.nanoTime();
          first = p[0][1];
          if (r >= 0) {
            train[r] = (t1 - t0) / 1e9;
            predict[r] = (t2 - t1) / 1e9;
          }
        } else {
          // bare XGBoost4J on a prepared flat array: DMatrix, train, predict
          long t3 = System.nanoTime();
          DMatrix dm = new DMatrix(flat, N, D, Float.NaN);
          dm.setLabel(label);
          Booster b = XGBoost.train(dm, params, 100, new HashMap<>(), null, null);
          long t4 = System.nanoTime();
          DMatrix dp = new DMatrix(flat, N, D, Float.NaN);
          b.predict(dp);
          long t5 = System.nanoTime();
          dm.dispose();
          dp.dispose();
          b.dispose();
          if (r >= 0) {
            rawTrain[r] = (t4 - t3) / 1e9;
            rawPredict[r] = (t5 - t4) / 1e9;
          }
        }
      }
    }
    System.out.printf("java_xgb_train_median_s %.4f%n", median(train));
    System.out.printf("java_xgb_predict_median_s %.4f%n", median(predict));
    System.out.printf("java_xgb_total_median_s %.4f%n", median(train) + median(predict));
    System.out.printf("xgb4j_raw_train_median_s %.4f%n", median(rawTrain));
    System.out.printf("xgb4j_raw_predict_median_s %.4f%n", median(rawPredict));
    System.out.printf("xgb4j_raw_total_median_s %.4f%n", median(rawTrain) + median(rawPredict));
    System.out.println("# java first-row probability " + first + ", " + reps + " repetitions, threads " + threads);
    treeShap(last, xs, csv.toAbsolutePath().getParent(), threads, reps);
  }

  static void treeShap(XGBoostModel model, float[][] all, Path dir, int threads, int reps) throws Exception {
    model.save(dir.resolve("model"));
    float[][] rows = Arrays.copyOfRange(all, 0, 2000);
    float[][] bg = Arrays.copyOfRange(all, 10_000, 10_100);
    write(dir.resolve("rows.csv"), rows);
    write(dir.resolve("background.csv"), bg);
    TreeShap fast = Explain.treeShap(model).algorithm(TreeShap.Algorithm.FAST).threads(threads).progress(e -> {});
    TreeShap nat = Explain.treeShap(model).algorithm(TreeShap.Algorithm.NATIVE).threads(threads).progress(e -> {});
    TreeShap inter = Explain.treeShap(model).background(Background.of(bg)).output(TreeShap.Output.PROBABILITY)
        .threads(threads).progress(e -> {});
    float[][] some = Arrays.copyOf(rows, 200);
    float[][] few = Arrays.copyOf(rows, 50);
    double[][] t = new double[4][reps];
    double maxDiff = 0;
    for (int r = -1; r < reps; r++) {
      long t0 = System.nanoTime();
      Attribution a = fast.explain(rows);
      long t1 = System.nanoTime();
      Attribution b = nat.explain(rows);
      long t2 = System.nanoTime();
      inter.explain(some);
      long t3 = System.nanoTime();
      fast.interactions(few);
      long t4 = System.nanoTime();
      if (r >= 0) {
        t[0][r] = (t1 - t0) / 1e9;
        t[1][r] = (t2 - t1) / 1e9;
        t[2][r] = (t3 - t2) / 1e9;
        t[3][r] = (t4 - t3) / 1e9;
      }
      for (int i = 0; i < rows.length; i++) {
        for (int j = 0; j < D; j++) {
          maxDiff = Math.max(maxDiff, Math.abs(a.value(i, j) - b.value(i, j)));
        }
      }
    }
    System.out.printf("java_treeshap_fast_median_s %.4f%n", median(t[0]));
    System.out.printf("java_treeshap_native_median_s %.4f%n", median(t[1]));
    System.out.printf("java_treeshap_interventional_median_s %.4f%n", median(t[2]));
    System.out.printf("java_treeshap_interactions_median_s %.4f%n", median(t[3]));
    System.out.printf("# fast vs native TreeSHAP: largest difference %.2g over 2000 rows x %d features%n", maxDiff, D);
  }

  static void write(Path file, float[][] rows) throws Exception {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      for (float[] r : rows) {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < r.length; j++) {
          line.append(j > 0 ? "," : "").append(r[j]);
        }
        w.write(line.append('\n').toString());
      }
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
