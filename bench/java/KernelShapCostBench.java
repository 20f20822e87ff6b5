import io.workbench.data.Dataset;
import io.workbench.explain.Attribution;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.explain.KernelShap;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The cost per model evaluation of Kernel SHAP on XGBoost: the time per explained row of {@code
 * KernelShap.samples(768).tolerance(0)} (default design, 25 background rows, 6 rows, THREADS workers) over the time
 * of one bare {@code predictProba} of as many hybrid rows (background rows with a random half of an explained row's
 * features) in the explainer's batch size. XGBoost 100 trees of depth 5 on 16 Gaussian features with interactions,
 * the model of the shap suite's size. The two are timed alternately (median of 9 after a warm-up).
 *
 * <p>Usage: java -cp CP bench/java/KernelShapCostBench.java THREADS
 */
public class KernelShapCostBench {

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    int n = 3000;
    int d = 16;
    Random rnd = new Random(7);
    float[][] x = new float[n][d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = (float) rnd.nextGaussian();
      }
      float[] v = x[i];
      double s = v[0] + 0.8 * v[1] * v[2] - 0.6 * v[3] * v[3] + 0.4 * v[5] * v[6] * v[7] + 0.6 * rnd.nextGaussian();
      y[i] = s > 0 ? 1 : 0;
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("f" + j);
    }
    Dataset data = Dataset.of(x, names, y, List.of("0", "1"));
    Model m = Models.xgboost().rounds(100).maxDepth(5).eta(0.1).threads(threads).seed(0).progress(e -> { }).fit(data);
    float[][] bg = Arrays.copyOf(x, 25);
    float[][] rows = Arrays.copyOfRange(x, 100, 106);
    KernelShap ks = Explain.kernelShap(m, Background.of(bg)).threads(threads).progress(e -> { }).samples(768)
        .tolerance(0).seed(1);
    long perRow = ks.explain(rows).evaluations() / rows.length;
    int batch = ks.options().batchRows();
    float[][] hybrid = new float[(int) perRow][];
    for (int i = 0; i < hybrid.length; i++) {
      hybrid[i] = bg[i % bg.length].clone();
      float[] xe = rows[(i / bg.length) % rows.length];
      for (int j = 0; j < d; j++) {
        if (rnd.nextBoolean()) {
          hybrid[i][j] = xe[j];
        }
      }
    }
    int runs = 9;
    double[] tk = new double[runs];
    double[] tb = new double[runs];
    for (int k = -1; k < runs; k++) {
      long t0 = System.nanoTime();
      Attribution a = ks.explain(rows);
      long t1 = System.nanoTime();
      for (int s = 0; s < hybrid.length; s += batch) {
        m.predictProba(s == 0 && batch >= hybrid.length ? hybrid
            : Arrays.copyOfRange(hybrid, s, Math.min(hybrid.length, s + batch)));
      }
      long t2 = System.nanoTime();
      if (k >= 0) {
        tk[k] = (t1 - t0) / 1e6 / rows.length;
        tb[k] = (t2 - t1) / 1e6;
      }
      if (a.rows() != rows.length) {
        throw new IllegalStateException();
      }
    }
    Arrays.sort(tk);
    Arrays.sort(tb);
    System.out.printf(Locale.ROOT, "kernel SHAP on XGBoost (768 coalitions x 25 background rows = %d model rows per "
        + "row, %d threads): median %.2f ms per explained row; bare predictProba of %d hybrid rows %.2f ms%n",
        perRow, threads, tk[runs / 2], perRow, tb[runs / 2]);
    System.out.printf(Locale.ROOT, "RATIO overhead_kernelshap_xgboost %.3f%n", tk[runs / 2] / tb[runs / 2]);
  }
}
