package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.workbench.eval.Metric;
import io.workbench.testing.TestModels;
import io.workbench.testing.LogisticRegression;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Permutation importance against scikit-learn's {@code permutation_importance} on the same logistic
 * regression (coefficients passed to Python) and the same data. Shuffles differ between the libraries, so
 * the means are compared within their standard errors (many repeats on both sides). Skipped when
 * {@code /usr/bin/python3} with scikit-learn is absent (Debian: python3-sklearn).
 */
class SklearnCrossCheckTest {

  private static final String SCRIPT = String.join("\n",
      "import sys, numpy as np",
      "from sklearn.inspection import permutation_importance",
      "from sklearn.linear_model import LogisticRegression",
      "d = np.loadtxt(sys.argv[1], delimiter=',')",
      "c = np.loadtxt(sys.argv[2], delimiter=',')",
      "X, y = d[:, :-1], d[:, -1].astype(int)",
      "m = LogisticRegression()",
      "m.classes_ = np.array([0, 1]); m.coef_ = c[:-1].reshape(1, -1); m.intercept_ = np.array([c[-1]])",
      "m.n_features_in_ = X.shape[1]",
      "r = permutation_importance(m, X, y, scoring='neg_log_loss', n_repeats=200, random_state=0)",
      "print(','.join(repr(v) for v in r.importances_mean))",
      "print(','.join(repr(v) for v in r.importances_std))");

  @Test
  void meansAgreeWithScikitLearn(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is not installed");
    assumeTrue(run(dir, "-c", "import sklearn") != null, "scikit-learn is not installed for /usr/bin/python3");
    double[] w = {1.5, -1.0, 0.6, 0.0, -0.3, 0.9};
    double b = -0.25;
    float[][] x = TestModels.gaussian(600, w.length, 77);
    java.util.Random r = new java.util.Random(78);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double s = b;
      for (int j = 0; j < w.length; j++) {
        s += w[j] * x[i][j];
      }
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-s)) ? 1 : 0;
    }
    Path data = dir.resolve("data.csv");
    Path coef = dir.resolve("coef.csv");
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(data, StandardCharsets.UTF_8))) {
      for (int i = 0; i < x.length; i++) {
        StringBuilder s = new StringBuilder();
        for (float v : x[i]) {
          s.append(v).append(',');
        }
        out.println(s.append((int) y[i]));
      }
    }
    StringBuilder c = new StringBuilder();
    for (double v : w) {
      c.append(v).append(',');
    }
    Files.writeString(coef, c.append(b).append('\n'));
    Files.writeString(dir.resolve("pi.py"), SCRIPT + "\n");
    String out = run(dir, dir.resolve("pi.py").toString(), data.toString(), coef.toString());
    assumeTrue(out != null, "scikit-learn run failed");
    String[] lines = out.strip().split("\n");
    double[] skMean = parse(lines[lines.length - 2]);
    double[] skStd = parse(lines[lines.length - 1]);

    FeatureImportance ours = Explain.permutationImportance(new TestModels.Logistic(w, b), x, y)
        .metric(Metric.LOG_LOSS).repeats(200).seed(5).explain();
    double[] std = ours.std();
    for (int j = 0; j < w.length; j++) {
      // difference of two means of 200 draws each: standard error sqrt(s1^2/200 + s2^2/200); allow 4 of them
      double se = Math.sqrt((skStd[j] * skStd[j] + std[j] * std[j]) / 200);
      assertEquals(skMean[j], ours.importances()[j], 4 * se + 1e-6, "feature " + j + " (sklearn std " + skStd[j] + ")");
    }
    assertEquals(0.0, ours.importances()[3], 1e-9, "the model ignores feature 3");
  }

  private static double[] parse(String line) {
    String[] parts = line.trim().split(",");
    double[] v = new double[parts.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = Double.parseDouble(parts[i]);
    }
    return v;
  }

  /** Runs /usr/bin/python3 with the arguments; stdout, or null when it fails. */
  private static String run(Path dir, String... args) throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "/usr/bin/python3";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    p.getErrorStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      return null;
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
