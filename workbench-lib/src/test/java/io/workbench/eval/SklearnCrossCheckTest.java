package io.workbench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares every metric with scikit-learn (Debian's python3-sklearn), run as a separate process on a random
 * fixture with ties. Skipped when no python3 with sklearn is installed.
 */
class SklearnCrossCheckTest {

  private static final String SCRIPT = String.join("\n",
      "import sys, json, numpy as np",
      "from sklearn import metrics as M",
      "from sklearn.preprocessing import label_binarize",
      "d = sys.argv[1]",
      "L = lambda n, **k: np.loadtxt(d + '/' + n, **k)",
      "out = {}",
      "for tag, k in (('b', 2), ('m', 4)):",
      "    y = L(tag + '_y.txt', dtype=int); p = L(tag + '_p.txt', ndmin=2); pred = p.argmax(axis=1)",
      "    out[tag + '_accuracy'] = M.accuracy_score(y, pred)",
      "    out[tag + '_balanced_accuracy'] = M.balanced_accuracy_score(y, pred)",
      "    out[tag + '_precision_macro'] = M.precision_score(y, pred, average='macro', zero_division=0)",
      "    out[tag + '_recall_macro'] = M.recall_score(y, pred, average='macro', zero_division=0)",
      "    out[tag + '_f1_macro'] = M.f1_score(y, pred, average='macro', zero_division=0)",
      "    out[tag + '_log_loss'] = M.log_loss(y, p, labels=list(range(k)))",
      "    if k == 2:",
      "        out[tag + '_auroc'] = M.roc_auc_score(y, p[:, 1])",
      "        out[tag + '_average_precision'] = M.average_precision_score(y, p[:, 1])",
      "        out[tag + '_brier'] = M.brier_score_loss(y, p[:, 1])",
      "        fpr, tpr, _ = M.roc_curve(y, p[:, 1], drop_intermediate=False)",
      "        out[tag + '_fpr'] = list(fpr); out[tag + '_tpr'] = list(tpr)",
      "    else:",
      "        out[tag + '_auroc'] = M.roc_auc_score(y, p, multi_class='ovr')",
      "        out[tag + '_average_precision'] = M.average_precision_score(label_binarize(y, classes=list(range(k))), p, average='macro')",
      "yt = L('r_y.txt'); yp = L('r_p.txt')",
      "out['r_mae'] = M.mean_absolute_error(yt, yp)",
      "out['r_rmse'] = float(np.sqrt(M.mean_squared_error(yt, yp)))",
      "out['r_r2'] = M.r2_score(yt, yp)",
      "print(json.dumps(out))");

  @Test
  void metricsMatchScikitLearn(@TempDir Path dir) throws Exception {
    String python = Python.withSklearn();
    assumeTrue(python != null, "python3 with scikit-learn not installed (Debian: apt-get install python3-sklearn)");
    Random rnd = new Random(20240611);
    int n = 300;
    // binary: probabilities rounded to 2 decimals so scores tie; labels correlated with the score
    int[] yb = new int[n];
    double[][] pb = new double[n][2];
    for (int i = 0; i < n; i++) {
      double p1 = Math.round(rnd.nextDouble() * 100) / 100.0;
      yb[i] = rnd.nextDouble() < 0.2 + 0.6 * p1 ? 1 : 0;
      pb[i][1] = p1;
      pb[i][0] = 1 - p1;
    }
    // four classes: random positive weights normalised per row, label drawn from a sharpened version
    int k = 4;
    int[] ym = new int[n];
    double[][] pm = new double[n][k];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int c = 0; c < k; c++) {
        pm[i][c] = 0.05 + rnd.nextDouble();
        sum += pm[i][c];
      }
      for (int c = 0; c < k; c++) {
        pm[i][c] /= sum;
      }
      ym[i] = rnd.nextDouble() < 0.5 ? ClassificationMetrics.argmax(new double[][] {pm[i]})[0] : rnd.nextInt(k);
    }
    for (int i = 0; i < 20; i++) {
      pm[n - 1 - i] = pm[i].clone(); // tied rows
    }
    double[] yr = new double[n];
    double[] pr = new double[n];
    for (int i = 0; i < n; i++) {
      yr[i] = 10 * rnd.nextGaussian() + 3;
      pr[i] = yr[i] + 4 * rnd.nextGaussian();
    }
    write(dir.resolve("b_y.txt"), yb);
    write(dir.resolve("b_p.txt"), pb);
    write(dir.resolve("m_y.txt"), ym);
    write(dir.resolve("m_p.txt"), pm);
    write(dir.resolve("r_y.txt"), yr);
    write(dir.resolve("r_p.txt"), pr);
    Python.Result r = Python.run(python, List.of("-c", SCRIPT, dir.toString()), 120);
    assertEquals(0, r.exit(), r.out());
    String json = r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
    JsonNode sk = new ObjectMapper().readTree(json);

    ClassificationReport b = Evaluation.classification(yb, pb, null);
    ClassificationReport m = Evaluation.classification(ym, pm, null);
    RegressionReport reg = Evaluation.regression(yr, pr);
    for (String metric : List.of("accuracy", "balanced_accuracy", "precision_macro", "recall_macro", "f1_macro",
        "log_loss", "auroc", "average_precision")) {
      assertEquals(sk.get("b_" + metric).asDouble(), b.value(metric), 1e-9, "binary " + metric);
      assertEquals(sk.get("m_" + metric).asDouble(), m.value(metric), 1e-9, "4-class " + metric);
    }
    assertEquals(sk.get("b_brier").asDouble(), b.value("brier"), 1e-9, "brier");
    for (String metric : List.of("mae", "rmse", "r2")) {
      assertEquals(sk.get("r_" + metric).asDouble(), reg.value(metric), 1e-9, metric);
    }
    RocCurve roc = b.roc(1);
    assertArrayEquals(doubles(sk.get("b_fpr")), roc.fpr(), 1e-12);
    assertArrayEquals(doubles(sk.get("b_tpr")), roc.tpr(), 1e-12);
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static void write(Path file, int[] v) throws Exception {
    StringBuilder s = new StringBuilder();
    for (int x : v) {
      s.append(x).append('\n');
    }
    Files.writeString(file, s);
  }

  private static void write(Path file, double[] v) throws Exception {
    StringBuilder s = new StringBuilder();
    for (double x : v) {
      s.append(Double.toString(x)).append('\n');
    }
    Files.writeString(file, s);
  }

  private static void write(Path file, double[][] v) throws Exception {
    StringBuilder s = new StringBuilder();
    for (double[] row : v) {
      for (int j = 0; j < row.length; j++) {
        s.append(j == 0 ? "" : " ").append(Double.toString(row[j]));
      }
      s.append('\n');
    }
    Files.writeString(file, s);
  }
}
