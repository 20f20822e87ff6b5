package io.workbench.analysis.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Generators;
import io.workbench.data.SyntheticDataset;
import io.workbench.eval.Metric;
import io.workbench.model.Trainer;
import io.workbench.testing.TestModels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Forward selection with an honest logistic regression (gradient descent, test scope) on the
 * high-dimensional generator: the informative features come first.
 */
class ForwardSelectionTest {

  static final Trainer LR = TestModels.logisticRegression(100, null);

  @Test
  void greedyPicksInformativeFeaturesFirst() {
    SyntheticDataset s = Generators.highDimensional(400, 50, 3, 0, 7);
    SelectionPath p = ForwardSelection.create(LR).score(Metric.ACCURACY).folds(5).seed(1).maxFeatures(4).run(s.data());
    assertEquals(4, p.selected().size());
    assertEquals(new HashSet<>(s.informativeNames()), new HashSet<>(p.selected().subList(0, 3)), p.toText());
    double[] m = p.means();
    assertTrue(m[0] < m[1] && m[1] < m[2], "each informative feature raises the CV accuracy: " + p.toText());
    assertTrue(m[2] > 0.8, "three informative features predict well: " + m[2]);
    assertTrue(p.bestSize() >= 3);
    assertEquals(5, p.foldScores(0).length);
    assertEquals(4, p.toTable().rowCount());
    // Same seed, same path.
    SelectionPath again = ForwardSelection.create(LR).score(Metric.ACCURACY).folds(5).seed(1).maxFeatures(4).run(s.data());
    assertArrayEquals(p.means(), again.means());
    assertEquals(p.selected(), again.selected());
  }

  @Test
  void rankedModeFollowsTheRanking() {
    SyntheticDataset s = Generators.highDimensional(400, 50, 3, 0, 7);
    Set<String> informative = new HashSet<>(s.informativeNames());
    List<String> ranking = new ArrayList<>();
    for (String f : s.data().features()) {
      if (!informative.contains(f) && ranking.size() < 2) {
        ranking.add(f);
      }
    }
    ranking.addAll(s.informativeNames());
    SelectionPath p = ForwardSelection.create(LR).ranked(ranking).folds(4).run(s.data());
    assertEquals(ranking, p.selected());
    double[] m = p.means();
    assertTrue(m[1] < 0.7, "two noise features predict poorly: " + m[1]);
    assertTrue(m[4] > 0.8, "adding the informative ones helps: " + m[4]);
    assertTrue(p.toTable().name().contains("ranked"));
    assertTrue(!p.stoppedAtCap() && !p.bestAtCap(), "all five ranked features were tried");
    assertTrue(p.summary().endsWith("every candidate was tried"), p.summary());
  }

  @Test
  void aBestSizeThatIsTheCapSaysSo() {
    SyntheticDataset s = Generators.highDimensional(400, 50, 3, 0, 7);
    List<String> ranking = new ArrayList<>(s.informativeNames());
    for (String f : s.data().features()) {
      if (!ranking.contains(f)) {
        ranking.add(f);
      }
    }
    // the three informative features first: each raises the score, so the best size is the cap of 3
    SelectionPath p = ForwardSelection.create(LR).score(Metric.ACCURACY).ranked(ranking).folds(5).seed(1)
        .maxFeatures(3).run(s.data());
    double[] m = p.means();
    assertTrue(m[0] < m[1] && m[1] < m[2], p.toText());
    assertEquals(3, p.bestSize());
    assertEquals(50, p.candidates());
    assertTrue(p.stoppedAtCap() && p.bestAtCap());
    String expected = "best size 3 of the 3 sizes tried (mean accuracy " + io.workbench.display.Numbers.format(m[2])
        + "): the search cap maxFeatures(3) was reached with 47 candidates left, so more features may score better";
    assertEquals(expected, p.summary());
    assertTrue(p.toHtml().contains("search cap maxFeatures(3) was reached"), p.toHtml());
    assertTrue(p.toText().contains("search cap maxFeatures(3) was reached"), p.toText());
    // with a cap of 4 the fourth (noise) feature decides: the summary says which case it is
    SelectionPath q = ForwardSelection.create(LR).score(Metric.ACCURACY).ranked(ranking).folds(5).seed(1)
        .maxFeatures(4).run(s.data());
    assertTrue(q.stoppedAtCap());
    assertEquals(q.bestSize() == 4, q.bestAtCap());
    assertTrue(q.summary().contains(q.bestAtCap() ? "the search cap maxFeatures(4) was reached with 46 candidates left"
        : "; the search stopped at maxFeatures(4) with 46 candidates left"), q.summary());
  }

  @Test
  void badInput() {
    Dataset d = Generators.highDimensional(40, 5, 2, 0, 1).data();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ForwardSelection.create(LR).maxFeatures(6).run(d));
    assertTrue(e.getMessage().contains("maxFeatures 6 is larger than the 5 features"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ForwardSelection.create(LR).ranked(List.of("f1", "zz")).run(d));
    assertTrue(e.getMessage().contains("'zz'") && e.getMessage().contains("f0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ForwardSelection.create(LR).folds(1));
    assertTrue(e.getMessage().contains("folds must be >= 2"), e.getMessage());
  }
}
