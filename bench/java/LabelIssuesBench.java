import io.workbench.labels.LabelIssueReport;
import io.workbench.labels.LabelIssues;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Times confident learning (thresholds, confident joint, calibration, prune by noise rate, ranking) on
 * synthetic out-of-fold probabilities, and writes the same inputs for the NumPy peer.
 *
 * usage: java -cp "$CP" bench/java/LabelIssuesBench.java ROWS CLASSES OUTDIR
 */
public class LabelIssuesBench {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int k = Integer.parseInt(args[1]);
    Path dir = Path.of(args[2]);
    Random rnd = new Random(1);
    double[][] p = new double[n][k];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int truth = rnd.nextInt(k);
      int given = rnd.nextDouble() < 0.2 ? (truth + 1 + rnd.nextInt(k - 1)) % k : truth;
      labels[i] = given;
      double sum = 0;
      for (int j = 0; j < k; j++) {
        double z = rnd.nextGaussian() + (j == truth ? 3.0 : 0) + (j == given ? 0.5 : 0);
        p[i][j] = Math.exp(z);
        sum += p[i][j];
      }
      for (int j = 0; j < k; j++) {
        p[i][j] /= sum;
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("probs.csv"))) {
      for (double[] row : p) {
        for (int j = 0; j < k; j++) {
          w.write(j == 0 ? "" : ",");
          w.write(Double.toString(row[j]));
        }
        w.write('\n');
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("labels.txt"))) {
      for (int y : labels) {
        w.write(Integer.toString(y));
        w.write('\n');
      }
    }
    LabelIssueReport r = null;
    for (int i = 0; i < 3; i++) {
      r = LabelIssues.find(p, labels);
    }
    double[] ms = new double[7];
    for (int i = 0; i < ms.length; i++) {
      long t0 = System.nanoTime();
      r = LabelIssues.find(p, labels);
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf(java.util.Locale.ROOT, "java  label issues %d x %d: median %.1f ms, flagged %d%n", n, k, ms[3], r.count());
    System.out.printf(java.util.Locale.ROOT, "OURS_MS %.3f%n", ms[3]);
  }
}
