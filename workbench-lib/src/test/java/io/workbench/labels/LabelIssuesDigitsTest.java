package io.workbench.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.LabelNoise;
import io.workbench.data.NoisyLabels;
import io.workbench.stats.Stats;
import io.workbench.testing.SoftmaxRegression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Confident learning on the digits with 20 % symmetric label noise (seeded): the flagged rows are
 * compared with the rows that were actually flipped (known ground truth, not the code under test).
 */
class LabelIssuesDigitsTest {

  /** Multinomial logistic regression by gradient descent, test scope (about 0.96 accuracy on clean digits). */
  static final SoftmaxRegression MODEL = new SoftmaxRegression(200, 1.0, 1e-3);

  private static NoisyLabels noisy;
  private static double[][] probs;

  @BeforeAll
  static void outOfFold() {
    noisy = LabelNoise.symmetric(Datasets.digits(), 0.2, 42);
    probs = LabelIssues.outOfFoldProbabilities(noisy.noisy(), MODEL, 5, 7);
  }

  @Test
  void flaggedRowsMatchTheFlippedRowsWithPrecisionAndRecallAbove80Percent() {
    Dataset data = noisy.noisy();
    assertEquals(359, noisy.flippedCount(), "round(0.2 * 1797) rows flipped");
    LabelIssueReport r = LabelIssues.finder().find(data, probs);
    boolean[] flipped = noisy.flipped();
    // count by hand rather than through Detection
    int hits = 0;
    for (int row : r.issueRows()) {
      if (flipped[row]) {
        hits++;
      }
    }
    double precision = (double) hits / r.count();
    double recall = (double) hits / noisy.flippedCount();
    System.out.printf(Locale.ROOT, "digits, 20%% symmetric noise (seed 42), 5-fold (seed 7), prune_by_noise_rate:"
        + " flagged %d, flipped %d, hits %d, precision %.3f, recall %.3f, estimated issues %d%n",
        r.count(), noisy.flippedCount(), hits, precision, recall, r.confidentJoint().estimatedIssueCount());
    assertTrue(precision >= 0.8, "precision " + precision);
    assertTrue(recall >= 0.8, "recall " + recall);
    assertEquals(precision, r.detection(flipped).precision(), 1e-12);
    assertEquals(recall, r.detection(flipped).recall(), 1e-12);

    // The estimated noise matrix: about 80 % on the diagonal (20 % noise spread over 9 classes gives
    // about 2.2 % per off-diagonal cell).
    double[][] nm = r.confidentJoint().noiseMatrix();
    for (int j = 0; j < 10; j++) {
      assertTrue(nm[j][j] > 0.7 && nm[j][j] < 0.9, "P(given " + j + " | true " + j + ") = " + nm[j][j]);
    }
    // the estimated number of mislabelled rows is close to the 359 flipped
    int est = r.confidentJoint().estimatedIssueCount();
    assertTrue(Math.abs(est - 359) < 60, "estimated " + est);

    // cleaning keeps the unflagged rows; the cleaned labels are far less noisy than 20 %
    Dataset cleaned = r.cleaned(data);
    assertEquals(1797 - r.count(), cleaned.rows());
    double before = 359 / 1797.0;
    double after = (359.0 - hits) / cleaned.rows();
    assertTrue(after < before / 3, "noise after cleaning " + after);
  }

  @Test
  void confidentLearningFiltersAreMorePreciseThanTheArgmaxBaseline() {
    boolean[] flipped = noisy.flipped();
    Detection baseline = LabelIssues.finder().filterBy(FilterBy.PREDICTED_NOT_GIVEN).find(noisy.noisy(), probs)
        .detection(flipped);
    System.out.printf(Locale.ROOT, "digits 20%% symmetric, %s: %s%n", FilterBy.PREDICTED_NOT_GIVEN, baseline);
    // the baseline flags every disagreement: high recall, many false alarms
    assertTrue(baseline.recall() >= 0.9, baseline.toString());
    for (FilterBy f : FilterBy.values()) {
      if (f == FilterBy.PREDICTED_NOT_GIVEN) {
        continue;
      }
      Detection d = LabelIssues.finder().filterBy(f).find(noisy.noisy(), probs).detection(flipped);
      System.out.printf(Locale.ROOT, "digits 20%% symmetric, %s: %s%n", f, d);
      assertTrue(d.precision() > baseline.precision() + 0.05, f + ": " + d + " vs baseline " + baseline);
      assertTrue(d.recall() >= 0.75, f + ": " + d);
    }
  }

  @Test
  void outOfFoldProbabilitiesAreSeededAndAccurate() {
    double[][] again = LabelIssues.outOfFoldProbabilities(noisy.noisy(), MODEL, 5, 7);
    for (int i = 0; i < probs.length; i += 97) {
      assertArrayEquals(probs[i], again[i], 0.0, "row " + i);
    }
    // accuracy of the out-of-fold predictions against the TRUE labels despite training on noisy ones
    int[] truth = noisy.trueLabels();
    int correct = 0;
    for (int i = 0; i < probs.length; i++) {
      correct += Stats.argmax(probs[i]) == truth[i] ? 1 : 0;
    }
    double acc = correct / (double) probs.length;
    System.out.printf(Locale.ROOT, "digits out-of-fold accuracy vs true labels (trained on 20%% noise): %.3f%n", acc);
    assertTrue(acc > 0.9, "accuracy " + acc);
  }

  /**
   * Cross-check against an independent NumPy implementation of the same definitions (test resource
   * confident_learning_numpy.py) run by Debian's /usr/bin/python3; skipped when python3 or numpy is absent.
   */
  @Test
  void confidentJointAndPrunedRowsAgreeWithAnIndependentNumpyImplementation() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
    Assumptions.assumeTrue(run(List.of(python.toString(), "-c", "import numpy")) != null, "no numpy");
    Path dir = Files.createTempDirectory("cl-check");
    try {
      StringBuilder csv = new StringBuilder();
      for (double[] row : probs) {
        for (int j = 0; j < row.length; j++) {
          csv.append(j == 0 ? "" : ",").append(row[j]);
        }
        csv.append('\n');
      }
      Path p = Files.writeString(dir.resolve("probs.csv"), csv);
      StringBuilder lab = new StringBuilder();
      for (int v : noisy.noisy().y()) {
        lab.append(v).append('\n');
      }
      Path y = Files.writeString(dir.resolve("labels.txt"), lab);
      Path script = dir.resolve("cl.py");
      try (InputStream in = LabelIssuesDigitsTest.class.getResourceAsStream("confident_learning_numpy.py")) {
        Files.write(script, in.readAllBytes());
      }
      String out = run(List.of(python.toString(), script.toString(), p.toString(), y.toString()));
      Assumptions.assumeTrue(out != null, "python script could not run");
      String[] lines = out.trim().split("\n");
      ConfidentJoint cj = ConfidentJoint.compute(probs, noisy.noisy().y());
      assertArrayEquals(ints(lines[0]), flat(cj.counts()), "raw confident joint");
      assertArrayEquals(ints(lines[1]), flat(cj.calibrated()), "calibrated joint");
      int[] ours = LabelIssues.finder().find(noisy.noisy(), probs).issueRows();
      Arrays.sort(ours);
      assertArrayEquals(ints(lines[2]), ours, "prune-by-noise-rate rows");
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  private static String run(List<String> cmd) throws IOException, InterruptedException {
    Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] bytes = proc.getInputStream().readAllBytes();
    if (!proc.waitFor(60, TimeUnit.SECONDS) || proc.exitValue() != 0) {
      return null;
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static int[] ints(String line) {
    List<Integer> out = new ArrayList<>();
    for (String s : line.split(",")) {
      if (!s.isBlank()) {
        out.add(Integer.parseInt(s.trim()));
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] flat(int[][] m) {
    return Arrays.stream(m).flatMapToInt(Arrays::stream).toArray();
  }
}
