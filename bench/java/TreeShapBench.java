import io.workbench.data.Dataset;
import io.workbench.explain.Attribution;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.explain.TreeShap;
import io.workbench.model.factory.Models;
import io.workbench.model.xgboost.XGBoostModel;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * TreeSHAP times on XgbBench's task (seeded 20000 x 30 binary data; 100 rounds, depth 6, eta 0.3): path-dependent
 * values of 2000 rows by Fast TreeSHAP in Java and by XGBoost's own predictContrib through the same explainer,
 * interventional values of 200 rows against 100 background rows, and interaction values of 50 rows. Writes the
 * model and the rows for bench/python/tree_shap_bench.py. Prints medians (seconds) after one warm-up.
 * Usage: java -cp CP bench/java/TreeShapBench.java DIR threads [repetitions]
 */
public class TreeShapBench {

  static final int N = 20_000;
  static final int D = 30;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Random rnd = new Random(42);
    double[][] x = new double[D][N];
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) {
        x[j][i] = (float) rnd.nextGaussian();
      }
      double s = x[0][i] + 0.8 * x[1][i] * x[2][i] - 0.6 * x[3][i] * x[3][i] + 0.5 * Math.sin(2 * x[4][i])
          + 0.7 * rnd.nextGaussian();
      y[i] = s > 0 ? 1 : 0;
    }
    List<Column<?>> cols = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int j = 0; j < D; j++) {
      names.add("f" + j);
      cols.add(DoubleColumn.create("f" + j, x[j]));
    }
    cols.add(IntColumn.create("y", y));
    Dataset data = Dataset.builder(Table.create("bench", cols.toArray(new Column<?>[0]))).target("y")
        .features(names).classNames("0", "1").build();
    XGBoostModel model = Models.xgboost().rounds(100).maxDepth(6).eta(0.3).threads(threads).seed(0)
        .progress(e -> {}).fit(data);
    model.save(dir.resolve("model"));
    float[][] all = data.x();
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
    double[] tf = new double[reps];
    double[] tn = new double[reps];
    double[] ti = new double[reps];
    double[] tx = new double[reps];
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
        tf[r] = (t1 - t0) / 1e9;
        tn[r] = (t2 - t1) / 1e9;
        ti[r] = (t3 - t2) / 1e9;
        tx[r] = (t4 - t3) / 1e9;
      }
      for (int i = 0; i < rows.length; i++) {
        for (int j = 0; j < D; j++) {
          maxDiff = Math.max(maxDiff, Math.abs(a.value(i, j) - b.value(i, j)));
        }
      }
    }
    System.out.printf(Locale.ROOT, "java_treeshap_fast_median_s %.4f%n", median(tf));
    System.out.printf(Locale.ROOT, "java_treeshap_native_median_s %.4f%n", median(tn));
    System.out.printf(Locale.ROOT, "java_treeshap_interventional_median_s %.4f%n", median(ti));
    System.out.printf(Locale.ROOT, "java_treeshap_interactions_median_s %.4f%n", median(tx));
    System.out.printf(Locale.ROOT, "# fast vs native: largest difference %.2g over 2000 rows x %d features%n", maxDiff,
        D);
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
