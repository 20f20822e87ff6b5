package io.workbench.analysis.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.analysis.surrogate.GlobalSurrogate;
import io.workbench.analysis.surrogate.SurrogateTree;
import io.workbench.data.Dataset;
import io.workbench.data.Generators;
import io.workbench.data.SyntheticDataset;
import io.workbench.testing.TestModels;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Probing finds the features a black box actually reads, batched; on 20,000 features the block
 * refinement finds them with a small fraction of the per-feature probes, and the surrogate on the
 * selected features is faithful.
 */
class ProbingSelectorTest {

  /** A logistic black box reading only the given features, with weights 1, 2, 3, ... */
  static TestModels.Logit reader(List<String> names, int[] used) {
    return new TestModels.Logit(names, r -> {
      double s = 0;
      for (int i = 0; i < used.length; i++) {
        s += (i + 1) * r[used[i]];
      }
      return s;
    });
  }

  @Test
  void findsTheFeaturesTheModelReads() {
    SyntheticDataset s = Generators.highDimensional(300, 50, 3, 0, 2);
    TestModels.Logit box = reader(s.data().features(), s.informative());
    ProbingResult r = ProbingSelector.create().rows(100).batchRows(4096).rank(box, s.data(), 3);
    int[] top = r.topIndices(3);
    Arrays.sort(top);
    assertArrayEquals(s.informative(), top);
    // The largest weight (3) wins.
    assertEquals(s.informative()[2], r.topIndices(1)[0]);
    double[] sc = r.scores();
    for (int j = 0; j < 50; j++) {
      if (Arrays.binarySearch(s.informative(), j) < 0) {
        assertEquals(0.0, sc[j], "an unread feature changes nothing");
      }
    }
    // 100 base rows + 50 features x 100 probe rows = 5100 rows; probe calls hold a whole number of probe
    // sets (4000 of at most 4096 rows), so the base call and two probe calls.
    assertEquals(5100, r.modelRows());
    assertEquals(5100, box.rows);
    assertEquals(4000, box.maxBatch);
    assertEquals(3, box.calls);
    assertEquals(50, r.toTable().rowCount());
    ProbingResult again = ProbingSelector.create().rows(100).threads(3).batchRows(333).rank(box, s.data(), 3);
    assertArrayEquals(r.scores(), again.scores());
  }

  @Test
  void twentyThousandFeaturesByBlocks() {
    SyntheticDataset s = Generators.highDimensional(120, 20_000, 5, 0, 8);
    TestModels.Logit box = reader(s.data().features(), s.informative());
    ProbingResult r = ProbingSelector.create().rows(60).rank(box, s.data(), 5);
    assertEquals(142, r.blockSize());
    assertEquals(new HashSet<>(s.informativeNames()), new HashSet<>(r.top(5)), r.toText());
    long perFeature = 20_000L * 60;
    assertTrue(r.modelRows() < perFeature / 10, "blocks need far fewer rows: " + r.modelRows());
    assertTrue(box.maxBatch >= 1000, "thousands of rows per call: " + box.maxBatch);
    // Surrogate on the probed top-5: a depth-4 tree mimics the black box well on held-out rows.
    Dataset data = s.data();
    var split = data.split(0.7, 1);
    SurrogateTree tree = GlobalSurrogate.create().features(r.top(5)).maxDepth(4).minSamplesLeaf(3)
        .fit(box, split.train(), split.test());
    assertTrue(tree.fidelity() > 0.7, tree.toText());
    assertTrue(new HashSet<>(s.informativeNames()).containsAll(tree.tree().usedFeatures()));
  }

  @Test
  void badInput() {
    SyntheticDataset s = Generators.highDimensional(30, 10, 2, 0, 1);
    TestModels.Logit box = reader(s.data().features(), s.informative());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProbingSelector.create().rank(box, s.data(), 11));
    assertTrue(e.getMessage().contains("between 1 and the 10 features, got 11"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ProbingSelector.create().rows(1));
    assertTrue(e.getMessage().contains("rows must be >= 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ProbingSelector.create().blockSize(-1));
    assertTrue(e.getMessage().contains("blockSize"), e.getMessage());
    TestModels.Logit narrow = reader(TestModels.names(3), new int[] {0});
    e = assertThrows(IllegalArgumentException.class, () -> ProbingSelector.create().rank(narrow, s.data(), 1));
    assertTrue(e.getMessage().contains("expects 3 features"), e.getMessage());
  }
}
