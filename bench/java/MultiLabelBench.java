import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.eval.Evaluation;
import io.workbench.eval.MultiLabelReport;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.factory.Models;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Multi-label training: workbench MLP (sigmoid outputs, BCE) on a seeded synthetic set of 20,000 x 20 features
 * with 5 labels, each a different linear rule of a few features plus 3% flipped cells. Writes the train and test
 * parts as CSV (label columns first) for the PyTorch peer, then prints fit seconds (wall and process CPU, of the
 * first fit after a one-epoch warm-up fit and of a second fit) and test metrics.
 * Usage: java -cp CP bench/java/MultiLabelBench.java WORKDIR EPOCHS
 */
public class MultiLabelBench {

  static final int N = 20_000;
  static final int D = 20;
  static final int L = 5;

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    int epochs = Integer.parseInt(args[1]);
    Random r = new Random(2024);
    float[][] x = new float[N][D];
    int[][] y = new int[N][L];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) {
        x[i][j] = (float) r.nextGaussian();
      }
      for (int l = 0; l < L; l++) {
        double s = x[i][l] + 0.5 * x[i][l + 5] - 0.7 * x[i][(3 * l + 11) % D] + 0.3 * x[i][l] * x[i][l + 10];
        y[i][l] = s > 0.2 * l ? 1 : 0;
        if (r.nextDouble() < 0.03) {
          y[i][l] = 1 - y[i][l];
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < D; j++) {
      names.add("f" + j);
    }
    List<String> labels = new ArrayList<>();
    for (int l = 0; l < L; l++) {
      labels.add("l" + l);
    }
    Split split = Dataset.of(x, names, y, labels).split(0.8, 7);
    write(dir.resolve("train.csv"), split.train());
    write(dir.resolve("test.csv"), split.test());
    // warm-up: engine start (native load) is not part of the comparison; the peer warms up the same way
    Models.mlp(64).epochs(1).batchSize(64).learningRate(1e-3).seed(1).fit(split.train());
    // the first fit after the warm-up (JIT compilation still running) and a second, warm one; wall seconds and
    // the process's CPU seconds (all threads: training, JIT compiler, GC)
    NeuralNetModel m = null;
    for (String run : List.of("", "_warm")) {
      long c0 = processCpuNanos();
      long t0 = System.nanoTime();
      m = Models.mlp(64).epochs(epochs).batchSize(64).learningRate(1e-3).seed(1).fit(split.train());
      System.out.printf(Locale.ROOT, "java_fit%s_s %.4f%n", run, (System.nanoTime() - t0) / 1e9);
      System.out.printf(Locale.ROOT, "java_fit%s_cpu_s %.4f%n", run, (processCpuNanos() - c0) / 1e9);
    }
    MultiLabelReport rep = Evaluation.multiLabel(m, split.test());
    for (String k : List.of("macro_auroc", "macro_average_precision", "hamming_loss", "subset_accuracy")) {
      System.out.printf(Locale.ROOT, "java_%s %.5f%n", k, rep.value(k));
    }
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static void write(Path file, Dataset d) throws IOException {
    float[][] x = d.x();
    int[][] y = d.yMulti();
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
      for (int i = 0; i < x.length; i++) {
        StringBuilder s = new StringBuilder();
        for (int v : y[i]) {
          s.append(v).append(',');
        }
        for (int j = 0; j < x[i].length; j++) {
          s.append(j == 0 ? "" : ",").append(x[i][j]);
        }
        w.println(s);
      }
    }
  }
}
