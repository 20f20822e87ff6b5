import io.workbench.data.Dataset;
import io.workbench.explain.Attribution;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.explain.KernelShap;
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
 * Kernel SHAP: error against exact Shapley values versus model evaluations and time, for the default design
 * (paired, size-stratified leverage sampling) and the previous default (shap's design), at several budgets.
 *
 * <p>Model: XGBoost (100 rounds, depth 5, eta 0.1) on a seeded 3000 x 16 binary task with interactions; the
 * explained output is P(class 1). Background: 25 rows; explained: 6 rows. The exact interventional Shapley values
 * (all 65,534 coalitions x 25 background rows per row) come from {@code Explain.exactShapley}. Error = root mean
 * square difference to the exact values over the features, averaged over rows and seeds. Writes the model, the
 * background, the rows and the exact values into {@code DIR} for bench/python/shap_kernel_bench.py.
 *
 * <p>Prints {@code java <design> <coalitions> <error> <ms per row> <model rows per row>} lines.
 *
 * <p>Usage: java -cp CP bench/java/ShapBench.java DIR THREADS
 */
public class ShapBench {

  static final int N = 3000;
  static final int D = 16;
  static final int BG = 25;
  static final int ROWS = 6;
  static final long[] SEEDS = {1, 2, 3};
  static final long[] BUDGETS = {48, 96, 192, 384, 768, 1536, 2 * D + 2048};

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    Random rnd = new Random(7);
    float[][] x = new float[N][D];
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) {
        x[i][j] = (float) rnd.nextGaussian();
      }
      float[] v = x[i];
      double s = v[0] + 0.8 * v[1] * v[2] - 0.6 * v[3] * v[3] + 0.5 * Math.sin(2 * v[4]) + 0.4 * v[5] * v[6] * v[7]
          + 0.3 * v[8] - 0.3 * v[9] * v[10] + 0.2 * Math.abs(v[11]) + 0.6 * rnd.nextGaussian();
      y[i] = s > 0 ? 1 : 0;
    }
    List<Column<?>> cols = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int j = 0; j < D; j++) {
      double[] c = new double[N];
      for (int i = 0; i < N; i++) {
        c[i] = x[i][j];
      }
      names.add("f" + j);
      cols.add(DoubleColumn.create("f" + j, c));
    }
    cols.add(IntColumn.create("y", y));
    Dataset data = Dataset.builder(Table.create("shap", cols.toArray(new Column<?>[0]))).target("y").features(names)
        .classNames("0", "1").build();
    XGBoostModel model = Models.xgboost().rounds(100).maxDepth(5).eta(0.1).threads(threads).seed(0)
        .progress(e -> {}).fit(data);
    model.save(dir.resolve("model"));
    float[][] bgRows = new float[BG][];
    float[][] rows = new float[ROWS][];
    Random pick = new Random(11);
    for (int b = 0; b < BG; b++) {
      bgRows[b] = x[pick.nextInt(N)].clone();
    }
    for (int i = 0; i < ROWS; i++) {
      rows[i] = x[pick.nextInt(N)].clone();
    }
    Background bg = Background.of(bgRows);
    write(dir.resolve("background.csv"), bgRows);
    write(dir.resolve("rows.csv"), rows);

    long t0 = System.nanoTime();
    Attribution exact = Explain.exactShapley(model, bg).threads(threads).progress(e -> {}).explain(rows);
    double exactMs = (System.nanoTime() - t0) / 1e6;
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("exact.csv"))) {
      for (int i = 0; i < ROWS; i++) {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < D; j++) {
          line.append(j > 0 ? "," : "").append(exact.value(i, j));
        }
        w.write(line.append('\n').toString());
      }
    }
    System.out.printf(Locale.ROOT, "# exact Shapley: %.0f ms for %d rows (%d model rows per row)%n", exactMs, ROWS,
        exact.evaluations() / ROWS);

    KernelShap ks = Explain.kernelShap(model, bg).threads(threads).progress(e -> {});
    // warm-up (JIT, native library)
    ks.samples(512).tolerance(0).seed(99).explain(rows);
    ks.design(KernelShap.Design.SHAP).samples(512).seed(99).explain(rows);
    for (KernelShap.Design design : KernelShap.Design.values()) {
      for (long budget : BUDGETS) {
        KernelShap k = ks.design(design).samples(budget);
        if (design == KernelShap.Design.LEVERAGE) {
          k = k.tolerance(0);
        }
        report(design.name().toLowerCase(Locale.ROOT), budget, k, exact, rows);
      }
    }
    report("default", 2 * D + 2048, ks, exact, rows);
  }

  static void report(String label, long budget, KernelShap k, Attribution exact, float[][] rows) {
    double err = 0;
    double[] ms = new double[SEEDS.length];
    long evals = 0;
    for (int s = 0; s < SEEDS.length; s++) {
      long t0 = System.nanoTime();
      Attribution a = k.seed(SEEDS[s]).explain(rows);
      ms[s] = (System.nanoTime() - t0) / 1e6 / rows.length;
      evals += a.evaluations();
      for (int i = 0; i < rows.length; i++) {
        double sq = 0;
        for (int j = 0; j < D; j++) {
          double e = a.value(i, j) - exact.value(i, j);
          sq += e * e;
        }
        err += Math.sqrt(sq / D);
      }
    }
    Arrays.sort(ms);
    System.out.printf(Locale.ROOT, "java %s %d %.6g %.3f %d%n", label, budget, err / (SEEDS.length * rows.length),
        ms[ms.length / 2], evals / (SEEDS.length * rows.length));
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
}
