package io.workbench.labels;

import static io.workbench.labels.HandExamples.A_LABELS;
import static io.workbench.labels.HandExamples.A_PROBS;
import static io.workbench.labels.HandExamples.B_LABELS;
import static io.workbench.labels.HandExamples.B_PROBS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.model.Model;
import io.workbench.model.Trainer;
import io.workbench.data.Task;
import io.workbench.progress.ProgressEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Filters, ranking, the report and the out-of-fold loop, on the hand examples of {@link HandExamples}. */
class LabelIssuesTest {

  @Test
  void everyFilterFlagsTheRowsWorkedOutByHandOnExampleA() {
    // Calibrated joint [[3,1,0],[1,3,0],[0,1,3]] (ConfidentJointTest).
    // Prune by noise rate: given 0 -> 1 row with the largest p1 - p0: margins -0.85, -0.7, 0.7, -0.3 -> row 2;
    // given 1 -> 1 row with the largest p0 - p1: -0.6, -0.4, -0.85, 0.5 -> row 7;
    // given 2 -> 1 row with the largest p1 - p2: -0.5, -0.2, 0.1, 0.7 -> row 11.
    assertArrayEquals(new int[] {2, 7, 11}, sorted(find(FilterBy.PRUNE_BY_NOISE_RATE, A_PROBS, A_LABELS)));
    // Prune by class: 4 - 3 = 1 row per class with the smallest self-confidence: rows 2 (0.1), 7 (0.2), 11 (0.1).
    assertArrayEquals(new int[] {2, 7, 11}, sorted(find(FilterBy.PRUNE_BY_CLASS, A_PROBS, A_LABELS)));
    assertArrayEquals(new int[] {2, 7, 11}, sorted(find(FilterBy.BOTH, A_PROBS, A_LABELS)));
    // Off-diagonals of the confident joint: rows 2, 7, 11.
    assertArrayEquals(new int[] {2, 7, 11}, sorted(find(FilterBy.CONFIDENT_LEARNING, A_PROBS, A_LABELS)));
    // argmax differs from the label: rows 2 (1), 7 (0), 10 (1, 0.4), 11 (1).
    assertArrayEquals(new int[] {2, 7, 10, 11}, sorted(find(FilterBy.PREDICTED_NOT_GIVEN, A_PROBS, A_LABELS)));
  }

  @Test
  void modelAgreementRemovesOffDiagonalRowsOnExampleB() {
    // Off-diagonal rows are 2, 4 and 6 (ConfidentJointTest), but row 2 = [0.5, 0.25, 0.25] is predicted
    // as its given class 0, so only 4 and 6 remain.
    assertArrayEquals(new int[] {4, 6}, sorted(find(FilterBy.CONFIDENT_LEARNING, B_PROBS, B_LABELS)));
    // argmax 0 for rows 3, 4, 5, 6 (labels 1, 1, 2, 2)
    assertArrayEquals(new int[] {3, 4, 5, 6}, sorted(find(FilterBy.PREDICTED_NOT_GIVEN, B_PROBS, B_LABELS)));
    // Prune by noise rate with the joint [[2,1,0],[1,1,0],[1,0,1]]: given 0 -> C[0][1] = 1 row with the
    // largest p1 - p0: -1, -0.85, -0.25 -> row 2, then dropped (argmax = given); given 1 -> 1 row with the
    // largest p0 - p1: 0.3, 0.7 -> row 4; given 2 -> 1 row with the largest p0 - p2: 0.3, 0.7 -> row 6.
    assertArrayEquals(new int[] {4, 6}, sorted(find(FilterBy.PRUNE_BY_NOISE_RATE, B_PROBS, B_LABELS)));
    // Prune by class: given 0 -> 3 - 2 = 1 lowest p0: row 2 (0.5), dropped; given 1 -> 2 - 1 = 1 lowest p1:
    // row 4 (0.1); given 2 -> 1 lowest p2: row 6 (0.1).
    assertArrayEquals(new int[] {4, 6}, sorted(find(FilterBy.PRUNE_BY_CLASS, B_PROBS, B_LABELS)));
  }

  @Test
  void numToRemovePerClassAndMinExamplesAndFracNoiseChangeThePruning() {
    // prune by class removing [0, 0, 2]: the 2 lowest p2 among rows labelled 2: row 11 (0.1), row 10 (0.3)
    LabelIssueReport r = LabelIssues.finder().filterBy(FilterBy.PRUNE_BY_CLASS).numToRemovePerClass(0, 0, 2)
        .find(A_PROBS, A_LABELS);
    assertArrayEquals(new int[] {10, 11}, sorted(r));
    // [1, 1, 2]: rows 2, 7 and 10, 11
    r = LabelIssues.finder().filterBy(FilterBy.PRUNE_BY_CLASS).numToRemovePerClass(1, 1, 2).find(A_PROBS, A_LABELS);
    assertArrayEquals(new int[] {2, 7, 10, 11}, sorted(r));
    // by noise rate, 2 rows of class 2 all go to the only non-zero off-diagonal C[2][1]: the 2 largest
    // p1 - p2 among rows 8..11: row 11 (0.7), row 10 (0.1)
    r = LabelIssues.finder().numToRemovePerClass(0, 0, 2).find(A_PROBS, A_LABELS);
    assertArrayEquals(new int[] {10, 11}, sorted(r));
    // a class with no more rows than minExamplesPerClass is not pruned: every class has 4 rows
    r = LabelIssues.finder().minExamplesPerClass(4).find(A_PROBS, A_LABELS);
    assertEquals(0, r.count());
    // minExamplesPerClass 4 with 4 rows -> no pruning; 3 -> diagonal already 3 -> unchanged result
    r = LabelIssues.finder().minExamplesPerClass(3).find(A_PROBS, A_LABELS);
    assertArrayEquals(new int[] {2, 7, 11}, sorted(r));
    // fracNoise 0 keeps none of the off-diagonal counts
    assertEquals(0, LabelIssues.finder().fracNoise(0).find(A_PROBS, A_LABELS).count());
    assertEquals(0, LabelIssues.finder().filterBy(FilterBy.PRUNE_BY_CLASS).fracNoise(0).find(A_PROBS, A_LABELS).count());
  }

  @Test
  void issuesAreRankedByTheChosenScore() {
    LabelIssueReport r = LabelIssues.find(A_PROBS, A_LABELS);
    // self-confidence: rows 2 (0.1), 11 (0.1, tie -> row order), 7 (0.2)
    assertArrayEquals(new int[] {2, 11, 7}, r.issueRows());
    assertEquals(0.1, r.issues().get(0).quality(), 1e-12);
    assertEquals(1, r.issues().get(0).suggested());
    assertEquals("1", r.issues().get(0).suggestedName());
    // normalized margin: row 2 -> (0.1 - 0.8 + 1) / 2 = 0.15, row 7 -> (0.2 - 0.7 + 1) / 2 = 0.25,
    // row 11 -> 0.15
    LabelIssueReport m = LabelIssues.finder().rankBy(RankBy.NORMALIZED_MARGIN).find(A_PROBS, A_LABELS);
    assertArrayEquals(new int[] {2, 11, 7}, m.issueRows());
    assertArrayEquals(new double[] {0.15, 0.15, 0.25},
        m.issues().stream().mapToDouble(LabelIssue::quality).toArray(), 1e-12);
    // confidence-weighted entropy of row 10 = [0.3, 0.4, 0.3], given 2 (computed in Python):
    // h = -(2 * 0.3 ln 0.3 + 0.4 ln 0.4) / ln 3 = 0.9911594714322187, x = h / 0.3, score = ln(1 + x) / x
    double[] q = RankBy.CONFIDENCE_WEIGHTED_ENTROPY.scores(A_PROBS, A_LABELS);
    assertEquals(0.4417594169670449, q[10], 1e-12);
    // row 11 = [0.1, 0.8, 0.1], given 2: 0.3299761143497573
    assertEquals(0.3299761143497573, q[11], 1e-12);
    // one-hot prediction on the given label: the limit 1
    assertEquals(1.0, RankBy.CONFIDENCE_WEIGHTED_ENTROPY.score(new double[] {1, 0, 0}, 0), 0);
    LabelIssueReport e = LabelIssues.finder().rankBy(RankBy.CONFIDENCE_WEIGHTED_ENTROPY)
        .filterBy(FilterBy.PREDICTED_NOT_GIVEN).find(A_PROBS, A_LABELS);
    double[] scores = e.issues().stream().mapToDouble(LabelIssue::quality).toArray();
    for (int i = 1; i < scores.length; i++) {
      assertTrue(scores[i - 1] <= scores[i], "ascending quality: " + Arrays.toString(scores));
    }
  }

  @Test
  void reportTablesCleanedAndRelabelledDatasets() {
    Dataset d = handDataset();
    LabelIssueReport r = LabelIssues.finder().find(d, A_PROBS);
    assertEquals(List.of("zero", "one", "two"), r.classNames());
    Table issues = r.issuesTable();
    assertEquals(3, issues.rowCount());
    assertEquals(List.of("row", "given", "suggested", "quality"), issues.columnNames());
    assertEquals("zero", issues.stringColumn("given").get(0));
    assertEquals("one", issues.stringColumn("suggested").get(0));
    Table perClass = r.perClassTable();
    assertArrayEquals(new int[] {1, 1, 1}, perClass.intColumn("issues").asIntArray());
    // estimated true counts = column sums of the calibrated joint
    assertArrayEquals(new int[] {4, 5, 3}, perClass.intColumn("estimated true").asIntArray());
    assertEquals(0.2, r.noiseMatrixTable().doubleColumn("one").getDouble(0), 1e-12);

    Dataset cleaned = r.cleaned(d);
    assertEquals(9, cleaned.rows());
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2, 2}, cleaned.y());
    assertArrayEquals(d.x(new int[] {3})[0], cleaned.x()[2], "rows keep their order");
    Dataset relabelled = r.relabelled(d);
    int[] expected = A_LABELS.clone();
    expected[2] = 1;
    expected[7] = 0;
    expected[11] = 1;
    assertArrayEquals(expected, relabelled.y());

    String html = r.toHtml();
    assertTrue(html.contains("3 label issues") && html.contains("<table") && html.contains("zero"), html);
    assertTrue(r.toText().contains("issues per class"), r.toText());
    Detection det = r.detection(new boolean[] {false, false, true, false, false, false, false, false, false, false,
        true, false});
    // flagged {2, 7, 11}, truly wrong {2, 10}: 1 hit -> precision 1/3, recall 1/2
    assertEquals(1 / 3.0, det.precision(), 1e-12);
    assertEquals(0.5, det.recall(), 1e-12);

    IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> r.cleaned(d.head(5)));
    assertTrue(other.getMessage().contains("covers 12 rows but the dataset has 5"), other.getMessage());
    int[] y = A_LABELS.clone();
    y[4] = 2;
    IllegalArgumentException labels = assertThrows(IllegalArgumentException.class, () -> r.relabelled(d.withLabels(y)));
    assertTrue(labels.getMessage().contains("row 4"), labels.getMessage());
  }

  @Test
  void outOfFoldProbabilitiesNeverComeFromAModelThatSawTheRow() {
    // A memorising trainer: one-hot on the class of an exactly seen feature row, uniform otherwise. With
    // unique rows, every out-of-fold prediction must be uniform.
    Dataset d = handDataset();
    List<Integer> fitSizes = new ArrayList<>();
    Trainer memo = train -> {
      fitSizes.add(train.rows());
      return new Memoriser(train);
    };
    List<ProgressEvent> events = new ArrayList<>();
    LabelIssueReport viaFinder = LabelIssues.finder().progress(events::add).find(d, memo, 4, 7);
    assertEquals(12, viaFinder.rows());
    double[][] p = LabelIssues.outOfFoldProbabilities(d, memo, 4, 7);
    for (double[] row : p) {
      assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, row, 1e-6);
    }
    // 4 folds of 3 test rows: each model trained on 9 rows (twice: the finder and the direct call)
    assertEquals(List.of(9, 9, 9, 9, 9, 9, 9, 9), fitSizes);
    assertEquals(5, events.size());
    assertTrue(events.get(4).finished());
    // the in-sample control: the same trainer predicting its own training rows is one-hot
    float[][] inSample = memo.fit(d).predictProba(d);
    assertEquals(1.0f, inSample[0][0], 0f);
  }

  @Test
  void badInputFailsFastWithClearMessages() {
    IllegalArgumentException folds = assertThrows(IllegalArgumentException.class,
        () -> LabelIssues.find(handDataset().head(3), train -> new Memoriser(train), 5, 1));
    assertTrue(folds.getMessage().contains("k = 5 folds need at least 5 rows, but the dataset has 3"),
        folds.getMessage());
    IllegalArgumentException k1 = assertThrows(IllegalArgumentException.class,
        () -> LabelIssues.outOfFoldProbabilities(handDataset(), train -> new Memoriser(train), 1, 1));
    assertTrue(k1.getMessage().contains("at least 2"), k1.getMessage());
    IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
        () -> LabelIssues.find(new double[][] {{0.5, 0.5}, {0.5, 0.5}, {0.9, 0.3}}, new int[] {0, 1, 1}));
    assertTrue(sum.getMessage().contains("row 2 sums to 1.2"), sum.getMessage());
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> LabelIssues.find(new float[][] {{0.5f, 0.5f}, {0.5f, 0.5f}}, new int[] {0, -1}));
    assertTrue(label.getMessage().contains("labels row 1 is -1"), label.getMessage());
    IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
        () -> LabelIssues.find(A_PROBS, new int[] {0, 1}));
    assertTrue(len.getMessage().contains("12 rows but labels has 2"), len.getMessage());
    IllegalArgumentException dataRows = assertThrows(IllegalArgumentException.class,
        () -> LabelIssues.finder().find(handDataset(), new double[][] {{0.5, 0.25, 0.25}}));
    assertTrue(dataRows.getMessage().contains("1 rows but the dataset has 12"), dataRows.getMessage());
    IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
        () -> LabelIssues.finder().find(handDataset(), new double[12][2]));
    assertTrue(cols.getMessage().contains("2 columns but the dataset has 3 classes"), cols.getMessage());
    IllegalArgumentException filter = assertThrows(IllegalArgumentException.class,
        () -> LabelIssues.finder().filterBy(FilterBy.CONFIDENT_LEARNING).numToRemovePerClass(1, 1, 1)
            .find(A_PROBS, A_LABELS));
    assertTrue(filter.getMessage().contains("numToRemovePerClass works with"), filter.getMessage());
    IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
        () -> LabelIssues.finder().filterBy(FilterBy.PRUNE_BY_CLASS).numToRemovePerClass(1, 5, 1)
            .find(A_PROBS, A_LABELS));
    assertTrue(many.getMessage().contains("numToRemovePerClass[1] is 5 but only 4 rows"), many.getMessage());
    IllegalArgumentException perClass = assertThrows(IllegalArgumentException.class,
        () -> LabelIssues.finder().numToRemovePerClass(1, 1).find(A_PROBS, A_LABELS));
    assertTrue(perClass.getMessage().contains("2 entries; expected 3"), perClass.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LabelIssues.finder().fracNoise(1.5));
    assertThrows(IllegalArgumentException.class, () -> LabelIssues.finder().minExamplesPerClass(-1));
    Dataset regression = Dataset.of(new float[][] {{1}, {2}, {3}}, List.of("a"), new double[] {1, 2, 3});
    IllegalArgumentException reg = assertThrows(IllegalArgumentException.class,
        () -> LabelIssues.find(regression, train -> new Memoriser(train), 2, 1));
    assertTrue(reg.getMessage().contains("classification dataset; this one is regression"), reg.getMessage());
  }

  // ---------------------------------------------------------------------------------------------

  private static int[] find(FilterBy f, double[][] p, int[] y) {
    return LabelIssues.finder().filterBy(f).find(p, y).issueRows();
  }

  private static int[] sorted(int[] rows) {
    int[] s = rows.clone();
    Arrays.sort(s);
    return s;
  }

  private static int[] sorted(LabelIssueReport r) {
    return sorted(r.issueRows());
  }

  /** The hand example A as a dataset with one distinct feature per row. */
  static Dataset handDataset() {
    float[][] x = new float[A_LABELS.length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new float[] {i, i * i};
    }
    return Dataset.of(x, List.of("f0", "f1"), A_LABELS, List.of("zero", "one", "two"));
  }

  /** Predicts one-hot for feature rows seen in training, uniform for others. */
  private static final class Memoriser implements Model {
    private final Map<String, Integer> seen = new HashMap<>();
    private final List<String> features;
    private final List<String> classes;

    Memoriser(Dataset train) {
      float[][] x = train.x();
      int[] y = train.y();
      for (int i = 0; i < x.length; i++) {
        seen.put(Arrays.toString(x[i]), y[i]);
      }
      features = train.features();
      classes = train.classNames();
    }

    @Override
    public Task task() {
      return Task.CLASSIFICATION;
    }

    @Override
    public List<String> featureNames() {
      return features;
    }

    @Override
    public List<String> classNames() {
      return classes;
    }

    @Override
    public float[][] predictProba(float[][] x) {
      float[][] out = new float[x.length][classes.size()];
      for (int i = 0; i < x.length; i++) {
        Integer c = seen.get(Arrays.toString(x[i]));
        if (c == null) {
          Arrays.fill(out[i], 1f / classes.size());
        } else {
          out[i][c] = 1f;
        }
      }
      return out;
    }
  }
}
