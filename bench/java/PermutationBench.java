import io.workbench.data.Dataset;
import io.workbench.eval.Metric;
import io.workbench.explain.Explain;
import io.workbench.explain.FeatureImportance;
import io.workbench.explain.PermutationImportance;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Permutation importance of an XGBoost model, the Java side of bench/suites/permutation.sh. A seeded binary task
 * (10,000 x 30: the label is a noisy nonlinear score of five features, the other 25 are noise) is written to a CSV
 * for bench/python/permutation_bench.py; rows 0..4999 train an XGBoost model (100 rounds, depth 6, eta 0.3, hist,
 * seed 0, THREADS native threads), rows 5000..9999 are the evaluation set of permutation importance with 5 repeats
 * and accuracy. Only the permutation importance call is timed: median of RUNS runs after one warm-up. The
 * library takes its tree fast path here; the generic path (batched permuted copies through XGBoost's native
 * prediction) is timed too, for reference.
 *
 * <p>Usage: java -cp CP bench/java/PermutationBench.java data.csv THREADS [RUNS]
 */
public class PermutationBench {

  static final int N = 10_000;
  static final int D = 30;

  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    Random rnd = new Random(42);
    float[][] x = new float[N][D];
    int[] y = new int[N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) {
        x[i][j] = (float) rnd.nextGaussian();
      }
      float[] r = x[i];
      double s = r[0] + 0.8 * r[1] * r[2] - 0.6 * r[3] * r[3] + 0.5 * Math.sin(2 * r[4]) + 0.4
          + 0.7 * rnd.nextGaussian();
      y[i] = s > 0 ? 1 : 0;
    }
    try (BufferedWriter w = Files.newBufferedWriter(csv)) {
      for (int i = 0; i < N; i++) {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < D; j++) {
          line.append(x[i][j]).append(',');
        }
        w.write(line.append(y[i]).append('\n').toString());
      }
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < D; j++) {
      names.add("f" + j);
    }
    int half = N / 2;
    Dataset train = Dataset.of(Arrays.copyOfRange(x, 0, half), names, Arrays.copyOfRange(y, 0, half),
        List.of("0", "1"));
    Dataset eval = Dataset.of(Arrays.copyOfRange(x, half, N), names, Arrays.copyOfRange(y, half, N),
        List.of("0", "1"));
    Model model = Models.xgboost().rounds(100).maxDepth(6).eta(0.3).threads(threads).seed(0).progress(e -> {})
        .fit(train);
    PermutationImportance pi = Explain.permutationImportance(model, eval).metric(Metric.ACCURACY).repeats(5)
        .seed(0);
    FeatureImportance r = pi.explain(); // warm-up
    double[] t = new double[runs];
    for (int k = 0; k < runs; k++) {
      long s = System.nanoTime();
      r = pi.explain();
      t[k] = (System.nanoTime() - s) / 1e6;
    }
    Arrays.sort(t);
    System.out.printf(Locale.ROOT, "java permutation importance, XGBoost 100 x depth 6 on %d x %d, 5 repeats, "
        + "accuracy, %d native threads: median %.1f ms over %d runs (min %.1f, max %.1f); baseline accuracy %.4f; "
        + "top features %s; %s%n", half, D, threads, t[runs / 2], runs, t[0], t[runs - 1], r.baselineScore(),
        r.topFeatures(5), r.settings());
    System.out.printf(Locale.ROOT, "MEDIAN java_permutation_xgboost_ms %.3f%n", t[runs / 2]);
    // for reference: the generic path (permuted copies through XGBoost's native prediction), 3 runs
    PermutationImportance generic = pi.fastPath(false);
    FeatureImportance g = generic.explain();
    double[] tg = new double[3];
    for (int k = 0; k < tg.length; k++) {
      long s = System.nanoTime();
      g = generic.explain();
      tg[k] = (System.nanoTime() - s) / 1e6;
    }
    Arrays.sort(tg);
    System.out.printf(Locale.ROOT, "java generic path (%s): median %.1f ms over 3 runs; same importances as the tree "
        + "path: %b%n", g.settings().get("path"), tg[1], Arrays.equals(g.importances(), r.importances()));
    System.out.printf(Locale.ROOT, "MEDIAN java_permutation_xgboost_generic_ms %.3f%n", tg[1]);
  }
}
