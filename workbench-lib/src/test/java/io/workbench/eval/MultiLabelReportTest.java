package io.workbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.workbench.testing.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Multi-label report: hand-computed values, scikit-learn cross-check, undefined labels and bad input. */
class MultiLabelReportTest {

  @Test
  void smallFixtureMatchesHandComputedValues() {
    // 4 rows, 2 labels
    int[][] y = {{1, 0}, {0, 1}, {1, 1}, {0, 0}};
    double[][] p = {{0.9, 0.2}, {0.4, 0.7}, {0.6, 0.4}, {0.2, 0.1}};
    MultiLabelReport r = Evaluation.multiLabel(y, p, List.of("a", "b"));
    // predictions at 0.5: {1,0} {0,1} {1,0} {0,0}: one wrong cell (row 2, label b) out of 8
    assertEquals(1.0 / 8, r.value("hamming_loss"), 1e-12);
    // rows 0, 1, 3 fully right
    assertEquals(3.0 / 4, r.value("subset_accuracy"), 1e-12);
    // label a: positives {0.9, 0.6}, negatives {0.4, 0.2}: every pair ordered -> 1
    // label b: positives {0.7, 0.4}, negatives {0.2, 0.1}: every pair ordered -> 1
    assertEquals(1.0, r.auroc()[0], 1e-12);
    assertEquals(1.0, r.auroc()[1], 1e-12);
    assertEquals(1.0, r.value("macro_auroc"), 1e-12);
    assertEquals(1.0, r.value("macro_average_precision"), 1e-12);

    // a label with a mis-ordered pair: label b positives {0.7, 0.15}, negatives {0.2, 0.1}
    double[][] q = {{0.9, 0.2}, {0.4, 0.7}, {0.6, 0.15}, {0.2, 0.1}};
    MultiLabelReport s = Evaluation.multiLabel(y, q, List.of("a", "b"));
    // pairs (pos, neg): (0.7,0.2) (0.7,0.1) (0.15,0.2)x (0.15,0.1) -> 3/4
    assertEquals(0.75, s.auroc()[1], 1e-12);
    assertEquals((1.0 + 0.75) / 2, s.value("macro_auroc"), 1e-12);
    // AP of b: ranking 0.7(+) 0.2(-) 0.15(+) 0.1(-): precision at the positives 1/1 and 2/3, recall steps 1/2
    assertEquals(0.5 * 1 + 0.5 * (2.0 / 3), s.averagePrecision()[1], 1e-12);
    Table t = s.perLabel();
    assertEquals(List.of("a", "b"), t.stringColumn("label").asList());
    assertEquals(2, t.intColumn("positives").get(1));
    assertEquals(0.5, t.doubleColumn("prevalence").get(0), 1e-12);
    assertTrue(s.toHtml().contains("<table>") && s.toHtml().contains("hamming_loss"));
    assertTrue(s.toText().contains("subset_accuracy"));
    assertEquals(List.of("macro_auroc", "macro_average_precision", "hamming_loss", "subset_accuracy", "threshold",
        "labels", "n"), s.toTable().stringColumn("metric").asList());

    // a higher threshold: row 0 label a (0.9) and row 1 label b (0.7) stay predicted, row 2 label a (0.6) drops
    MultiLabelReport high = Evaluation.multiLabel(y, p, List.of("a", "b"), 0.65);
    assertEquals(2.0 / 8, high.value("hamming_loss"), 1e-12);
    assertEquals(3.0 / 4, high.value("subset_accuracy"), 1e-12);
  }

  @Test
  void aLabelWithOneValueIsNaNWithANoteAndLeftOutOfTheMacroMean() {
    int[][] y = {{1, 0}, {0, 0}, {1, 0}, {0, 0}};
    double[][] p = {{0.8, 0.3}, {0.3, 0.1}, {0.7, 0.2}, {0.1, 0.4}};
    MultiLabelReport r = Evaluation.multiLabel(y, p, null);
    assertEquals(List.of("label0", "label1"), r.labelNames());
    assertTrue(Double.isNaN(r.auroc()[1]));
    assertTrue(Double.isNaN(r.averagePrecision()[1]));
    assertEquals(1.0, r.value("macro_auroc"), 1e-12);
    assertEquals(2, r.notes().size(), r.notes().toString());
    assertTrue(r.notes().get(0).contains("label1"), r.notes().toString());
  }

  @Test
  void badInputFailsFastNamingTheProblem() {
    int[][] y = {{1, 0}, {0, 1}};
    double[][] p = {{0.9, 0.2}, {0.4, 0.7}};
    IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
        () -> Evaluation.multiLabel(new int[][] {{1, 0}, {2, 1}}, p, List.of("a", "b")));
    assertTrue(two.getMessage().contains("row 1, label 'a' is 2"), two.getMessage());
    IllegalArgumentException prob = assertThrows(IllegalArgumentException.class,
        () -> Evaluation.multiLabel(y, new double[][] {{0.9, 1.2}, {0.4, 0.7}}, List.of("a", "b")));
    assertTrue(prob.getMessage().contains("row 0, label 'b' is 1.2"), prob.getMessage());
    IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
        () -> Evaluation.multiLabel(y, p, List.of("a")));
    assertTrue(names.getMessage().contains("1 names"), names.getMessage());
    IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
        () -> Evaluation.multiLabel(y, new double[][] {{0.5, 0.5}}, List.of("a", "b")));
    assertTrue(rows.getMessage().contains("y has 2 rows but proba has 1"), rows.getMessage());
    IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
        () -> Evaluation.multiLabel(y, new double[][] {{0.5, 0.5}, {0.5}}, List.of("a", "b")));
    assertTrue(width.getMessage().contains("proba row 1 has 1 values"), width.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Evaluation.multiLabel(y, p, List.of("a", "b"), 0));
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> Evaluation.multiLabel(y, p, List.of("a", "b")).roc(2));
    assertTrue(label.getMessage().contains("outside 0..1"), label.getMessage());
  }

  @Test
  void matchesScikitLearnOnARandomFixture(@TempDir Path dir) throws IOException {
    String py = Python.withSklearn();
    assumeTrue(py != null, "python3 with scikit-learn is not installed (Debian: python3-sklearn)");
    Random r = new Random(17);
    int n = 300;
    int k = 4;
    int[][] y = new int[n][k];
    double[][] p = new double[n][k];
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < n; i++) {
      for (int l = 0; l < k; l++) {
        y[i][l] = r.nextDouble() < 0.2 + 0.15 * l ? 1 : 0;
        // informative but noisy scores, rounded to 2 decimals so ties occur
        double s = 1 / (1 + Math.exp(-(1.5 * (y[i][l] - 0.5) * (l + 1) * 0.6 + r.nextGaussian())));
        p[i][l] = Math.round(s * 100) / 100.0;
        csv.append(l == 0 ? "" : ",").append(y[i][l]);
      }
      for (int l = 0; l < k; l++) {
        csv.append(',').append(String.format(Locale.ROOT, "%.2f", p[i][l]));
      }
      csv.append('\n');
    }
    Path data = dir.resolve("fixture.csv");
    Files.writeString(data, csv);
    Path script = dir.resolve("check.py");
    Files.writeString(script, String.join("\n",
        "import sys, numpy as np",
        "from sklearn.metrics import hamming_loss, roc_auc_score, average_precision_score, accuracy_score",
        "a = np.loadtxt(sys.argv[1], delimiter=',')",
        "k = " + k,
        "y = a[:, :k].astype(int); p = a[:, k:]",
        "pred = (p >= 0.5).astype(int)",
        "print(repr(hamming_loss(y, pred)))",
        "print(repr(accuracy_score(y, pred)))",
        "print(' '.join(repr(v) for v in roc_auc_score(y, p, average=None)))",
        "print(' '.join(repr(v) for v in average_precision_score(y, p, average=None)))",
        "print(repr(roc_auc_score(y, p, average='macro')))",
        ""));
    Python.Result res = Python.run(py, List.of(script.toString(), data.toString()), 120);
    assertEquals(0, res.exit(), res.out());
    String[] lines = res.out().trim().split("\n");
    MultiLabelReport rep = Evaluation.multiLabel(y, p, List.of("a", "b", "c", "d"));
    assertEquals(Double.parseDouble(lines[0]), rep.value("hamming_loss"), 1e-12);
    assertEquals(Double.parseDouble(lines[1]), rep.value("subset_accuracy"), 1e-12);
    String[] auc = lines[2].trim().split(" ");
    String[] ap = lines[3].trim().split(" ");
    for (int l = 0; l < k; l++) {
      assertEquals(Double.parseDouble(auc[l]), rep.auroc()[l], 1e-9, "auroc of label " + l);
      assertEquals(Double.parseDouble(ap[l]), rep.averagePrecision()[l], 1e-9, "average precision of label " + l);
    }
    assertEquals(Double.parseDouble(lines[4]), rep.value("macro_auroc"), 1e-9);
    System.out.println("sklearn cross-check: " + String.join(" | ", lines));
  }
}
