import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.explain.Attribution;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.explain.KernelShap;
import io.workbench.model.Model;
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
 * (paired, size-stratified leverage sampling), the same sample with a third-order surrogate ({@code Design.CUBIC})
 * and the previous default (shap's design), at several budgets, then the default and {@code CUBIC} with their
 * stopping rule.
 *
 * <p>Two models of a seeded 3000 x 16 binary task with interactions, explaining P(class 1): XGBoost (100 rounds,
 * depth 5, eta 0.1; model evaluations dominate the time of both sides) and a small MLP (16 -> 32 tanh -> 1
 * sigmoid, seeded weights, written for the Python side to rebuild in numpy; shap's own work dominates its time;
 * tanh through {@code Math.exp}, see {@link #tanh}).
 * Background: 25 rows; explained: 6 rows. The exact interventional Shapley values (all 65,534 coalitions x 25
 * background rows per row) come from {@code Explain.exactShapley}. Error = root mean square difference to the exact
 * values over the features, averaged over rows and seeds. Writes the models, the background, the rows and the
 * exact values into {@code DIR} for bench/python/shap_kernel_bench.py.
 *
 * <p>Prints {@code java <design>@<model> <coalitions> <error> <ms per row> <model rows per row>} lines.
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
    Mlp mlp = new Mlp(names, 5);
    write(dir.resolve("mlp.csv"), mlp.weights());
    compare("xgboost", model, bg, rows, dir, threads);
    compare("mlp", mlp, bg, rows, dir, threads);
  }

  static void compare(String name, Model model, Background bg, float[][] rows, Path dir, int threads)
      throws Exception {
    long t0 = System.nanoTime();
    Attribution exact = Explain.exactShapley(model, bg).threads(threads).progress(e -> {}).explain(rows);
    double exactMs = (System.nanoTime() - t0) / 1e6;
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("exact-" + name + ".csv"))) {
      for (int i = 0; i < ROWS; i++) {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < D; j++) {
          line.append(j > 0 ? "," : "").append(exact.value(i, j));
        }
        w.write(line.append('\n').toString());
      }
    }
    System.out.printf(Locale.ROOT, "# %s, exact Shapley: %.0f ms for %d rows (%d model rows per row)%n", name, exactMs,
        ROWS, exact.evaluations() / ROWS);

    KernelShap ks = Explain.kernelShap(model, bg).threads(threads).progress(e -> {});
    // warm-up (JIT, native library)
    ks.samples(512).tolerance(0).seed(99).explain(rows);
    ks.design(KernelShap.Design.SHAP).samples(512).seed(99).explain(rows);
    for (KernelShap.Design design : KernelShap.Design.values()) {
      for (long budget : BUDGETS) {
        KernelShap k = ks.design(design).samples(budget);
        if (design != KernelShap.Design.SHAP) {
          k = k.tolerance(0);
        }
        report(design.name().toLowerCase(Locale.ROOT) + "@" + name, budget, k, exact, rows);
      }
    }
    report("default@" + name, 2 * D + 2048, ks, exact, rows);
    report("cubicstop@" + name, 2 * D + 2048, ks.design(KernelShap.Design.CUBIC), exact, rows);
  }

  /** 16 -> 32 tanh -> 1 sigmoid, float arithmetic, seeded weights; thread-safe. */
  static final class Mlp implements Model {
    static final int H = 32;
    final List<String> names;
    final float[][] w1 = new float[H][D];
    final float[] b1 = new float[H];
    final float[] w2 = new float[H];
    final float b2;

    Mlp(List<String> names, long seed) {
      this.names = names;
      Random r = new Random(seed);
      for (int k = 0; k < H; k++) {
        for (int j = 0; j < D; j++) {
          w1[k][j] = (float) (r.nextGaussian() / Math.sqrt(D) * 1.5);
        }
        b1[k] = (float) (0.2 * r.nextGaussian());
        w2[k] = (float) (r.nextGaussian() / Math.sqrt(H) * 2);
      }
      b2 = (float) (0.1 * r.nextGaussian());
    }

    /** Rows: w1 (32 rows of 16), then b1, w2 and {b2}, for the numpy copy. */
    float[][] weights() {
      float[][] out = new float[H + 3][];
      for (int k = 0; k < H; k++) {
        out[k] = w1[k].clone();
      }
      out[H] = b1.clone();
      out[H + 1] = w2.clone();
      out[H + 2] = new float[] {b2};
      return out;
    }

    public Task task() {
      return Task.CLASSIFICATION;
    }

    public List<String> featureNames() {
      return names;
    }

    public List<String> classNames() {
      return List.of("0", "1");
    }

    public float[][] predictProba(float[][] x) {
      float[][] out = new float[x.length][2];
      for (int i = 0; i < x.length; i++) {
        float[] xi = x[i];
        float z = b2;
        for (int k = 0; k < H; k++) {
          float s = b1[k];
          float[] wk = w1[k];
          for (int j = 0; j < D; j++) {
            s += wk[j] * xi[j];
          }
          z += w2[k] * tanh(s);
        }
        float p = (float) (1 / (1 + Math.exp(-z)));
        out[i][0] = 1 - p;
        out[i][1] = p;
      }
      return out;
    }
  }

  /**
   * tanh through the exponential: HotSpot (JDK 17) has an intrinsic for {@code Math.exp} but not for {@code
   * Math.tanh}, which costs about 45 ns a call (3x this form) and made the bench's MLP, not the explainer, most
   * of the Java side's time; numpy's tanh is vectorised. Same function to float rounding.
   */
  static float tanh(float s) {
    return (float) (1 - 2 / (Math.exp(2.0 * s) + 1));
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
