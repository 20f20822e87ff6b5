import io.workbench.analysis.agreement.RankAgreement;
import io.workbench.analysis.selection.FeatureGroups;
import io.workbench.analysis.selection.ProbingResult;
import io.workbench.analysis.selection.ProbingSelector;
import io.workbench.data.Dataset;
import io.workbench.data.Generators;
import io.workbench.data.SyntheticDataset;
import io.workbench.data.Task;
import io.workbench.model.Model;
import io.workbench.model.cart.CartTrainer;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Timings of the analysis package: CART fit (20000 x 10, 3 classes, depth 8, min leaf 5), Kendall tau-b and
 * Spearman on 200,000-long tied vectors, correlated-feature grouping (2000 x 200), and probing top-10 of
 * 20,000 features (no peer). Writes the CART data and the vectors for the Python peer. Prints medians (s).
 * Usage: java -cp CP bench/java/AnalysisBench.java workdir [repetitions]
 */
public class AnalysisBench {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Random rnd = new Random(42);

    int n = 20_000;
    int d = 10;
    float[][] x = new float[n][d];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = (float) rnd.nextGaussian();
      }
      double s = x[i][0] + 0.8 * x[i][1] * x[i][2] - 0.5 * x[i][3] * x[i][3] + 0.5 * rnd.nextGaussian();
      y[i] = s < -0.7 ? 0 : s < 0.5 ? 1 : 2;
    }
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("cart.csv"))) {
      for (int i = 0; i < n; i++) {
        StringBuilder sb = new StringBuilder();
        for (float v : x[i]) {
          sb.append(v).append(',');
        }
        w.write(sb.append(y[i]).append('\n').toString());
      }
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("x" + j);
    }
    Dataset data = Dataset.of(x, names, y, List.of("a", "b", "c"));
    CartTrainer cart = CartTrainer.create().maxDepth(8).minSamplesLeaf(5);
    int[] leaves = {0};
    print("java_cart_fit_median_s", median(reps, () -> leaves[0] = cart.fit(data).leafCount()));
    System.out.println("java_cart_leaves " + leaves[0]);

    int m = 200_000;
    double[] a = new double[m];
    double[] b = new double[m];
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("vectors.csv"))) {
      for (int i = 0; i < m; i++) {
        a[i] = rnd.nextInt(1000);
        b[i] = Math.round(a[i] / 10 + rnd.nextInt(50));
        w.write(a[i] + "," + b[i] + "\n");
      }
    }
    double[] tau = {0};
    double[] rho = {0};
    print("java_kendall_median_s", median(reps, () -> tau[0] = RankAgreement.kendallTauB(a, b)));
    print("java_spearman_median_s", median(reps, () -> rho[0] = RankAgreement.spearman(a, b)));
    System.out.println("java_kendall_value " + tau[0]);
    System.out.println("java_spearman_value " + rho[0]);

    int gn = 2000;
    int gd = 200;
    float[][] gx = new float[gn][gd];
    for (int i = 0; i < gn; i++) {
      double[] latent = new double[20];
      for (int k = 0; k < 20; k++) {
        latent[k] = rnd.nextGaussian();
      }
      for (int j = 0; j < gd; j++) {
        gx[i][j] = (float) (latent[j % 20] + 0.3 * rnd.nextGaussian());
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("groups.csv"))) {
      for (float[] row : gx) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < gd; j++) {
          sb.append(j > 0 ? "," : "").append(row[j]);
        }
        w.write(sb.append('\n').toString());
      }
    }
    List<String> gnames = new ArrayList<>();
    for (int j = 0; j < gd; j++) {
      gnames.add("g" + j);
    }
    Dataset gdata = Dataset.of(gx, gnames, new double[gn]);
    int[] groups = {0};
    print("java_grouping_median_s", median(reps, () -> groups[0] = FeatureGroups.byCorrelation(gdata, 0.3).size()));
    System.out.println("java_grouping_groups " + groups[0]);

    SyntheticDataset wide = Generators.highDimensional(500, 20_000, 10, 0, 7);
    int[] inf = wide.informative();
    Model box = new Model() {
      public Task task() {
        return Task.CLASSIFICATION;
      }

      public List<String> featureNames() {
        return wide.data().features();
      }

      public List<String> classNames() {
        return List.of("0", "1");
      }

      public float[][] predictProba(float[][] rows) {
        float[][] out = new float[rows.length][2];
        for (int i = 0; i < rows.length; i++) {
          double s = 0;
          for (int k = 0; k < inf.length; k++) {
            s += (k + 1) * rows[i][inf[k]];
          }
          double p = 1 / (1 + Math.exp(-s));
          out[i][0] = (float) (1 - p);
          out[i][1] = (float) p;
        }
        return out;
      }
    };
    ProbingResult[] pr = {null};
    print("java_probing_20000_median_s", median(reps, () -> pr[0] = ProbingSelector.create().rows(200).rank(box, wide.data(), 10)));
    int[] top = pr[0].topIndices(10);
    Arrays.sort(top);
    System.out.println("java_probing_model_rows " + pr[0].modelRows());
    System.out.println("java_probing_model_calls " + pr[0].modelCalls());
    System.out.println("java_probing_found_all " + (Arrays.equals(top, inf) ? 1 : 0));
  }

  static void print(String name, double v) {
    System.out.println(name + " " + v);
  }

  static double median(int reps, Runnable r) {
    r.run();
    double[] t = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      r.run();
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(t);
    return t[reps / 2];
  }
}
