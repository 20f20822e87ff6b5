package io.workbench.analysis.surrogate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.Model;
import io.workbench.model.cart.TreeRule;
import io.workbench.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The surrogate recovers a model that is itself a hand-written shallow tree: same splits (thresholds at
 * the grid midpoints), same rules with support counted by hand, fidelity 1.
 */
class GlobalSurrogateTest {

  static final float[] GRID = {0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1f};

  /** IF x0 <= 0.55: (IF x1 <= 0.35: A ELSE B) ELSE C; x2 is ignored. */
  static final class HandTree implements Model {
    @Override
    public Task task() {
      return Task.CLASSIFICATION;
    }

    @Override
    public List<String> featureNames() {
      return TestModels.names(3);
    }

    @Override
    public List<String> classNames() {
      return List.of("A", "B", "C");
    }

    @Override
    public float[][] predictProba(float[][] x) {
      float[][] out = new float[x.length][3];
      for (int i = 0; i < x.length; i++) {
        int k = x[i][0] <= 0.55 ? (x[i][1] <= 0.35 ? 0 : 1) : 2;
        out[i][k] = 1;
      }
      return out;
    }
  }

  static Dataset gridData() {
    float[][] x = TestModels.grid(GRID, 3);
    return Dataset.of(x, TestModels.names(3), new int[x.length], List.of("A", "B", "C"));
  }

  @Test
  void recoversHandWrittenClassificationTree() {
    Dataset data = gridData();
    Dataset holdout = Dataset.of(new float[][] {{0.05f, 0.95f, 0.5f}, {0.52f, 0.2f, 0.1f}, {0.57f, 0.1f, 0.9f},
        {0.3f, 0.36f, 0f}}, TestModels.names(3), new int[4], List.of("A", "B", "C"));
    SurrogateTree s = GlobalSurrogate.create().maxDepth(3).minSamplesLeaf(1).fit(new HandTree(), data, holdout);
    assertEquals(1.0, s.trainFidelity());
    assertEquals(1.0, s.fidelity());
    assertEquals(2, s.tree().depth());
    assertEquals(3, s.tree().leafCount());
    assertEquals(List.of("x0", "x1"), s.tree().usedFeatures());
    List<TreeRule> rules = s.rules().rules();
    assertEquals(3, rules.size());
    // Leaf 1: x0 <= 0.55 AND x1 <= 0.35 -> A; 6 x0 values * 4 x1 values * 11 x2 values = 264 of 1331 rows.
    assertRule(rules.get(0), "A", 264, new String[] {"x0", "x1"}, new double[][] {{Double.NEGATIVE_INFINITY, 0.55}, {Double.NEGATIVE_INFINITY, 0.35}});
    assertRule(rules.get(1), "B", 6 * 7 * 11, new String[] {"x0", "x1"}, new double[][] {{Double.NEGATIVE_INFINITY, 0.55}, {0.35, Double.POSITIVE_INFINITY}});
    assertRule(rules.get(2), "C", 5 * 11 * 11, new String[] {"x0"}, new double[][] {{0.55, Double.POSITIVE_INFINITY}});
    for (TreeRule r : rules) {
      assertEquals(1.0, r.confidence());
      assertEquals(r.support() / 1331.0, r.supportShare(), 1e-12);
    }
    assertEquals("IF x0 <= 0.55 AND x1 <= 0.35 THEN class = A", rules.get(0).text());
    assertEquals("IF x0 > 0.55 THEN class = C", rules.get(2).text());
    assertEquals(3, s.toTable().rowCount());
    assertTrue(s.toText().contains("confidence 100.0%"), s.toText());
    assertTrue(s.toHtml().contains("<table"));
  }

  @Test
  void depthLimitAndFeatureRestrictionAreHonoured() {
    Dataset data = gridData();
    SurrogateTree one = GlobalSurrogate.create().maxDepth(1).minSamplesLeaf(1).fit(new HandTree(), data, data);
    assertEquals(1, one.tree().depth());
    // The best single split is x0 <= 0.55 (C alone on the right); the left leaf predicts its majority B
    // (462 rows), so the 264 A rows disagree: fidelity 1 - 264/1331.
    assertEquals(1 - 264.0 / 1331, one.fidelity(), 1e-12);
    SurrogateTree onlyX1 = GlobalSurrogate.create().features("x1", "x2").minSamplesLeaf(1).fit(new HandTree(), data, data);
    assertEquals(List.of("x1"), onlyX1.tree().usedFeatures());
    assertTrue(onlyX1.fidelity() < 1.0);
    SurrogateTree byIndex = GlobalSurrogate.create().features(0, 1).minSamplesLeaf(1).fit(new HandTree(), data, data);
    assertEquals(1.0, byIndex.fidelity());
    SurrogateTree top = GlobalSurrogate.create().topFeatures(List.of("x0", "x1", "x2"), 2).minSamplesLeaf(1)
        .fit(new HandTree(), data, data);
    assertEquals(List.of("x0", "x1"), top.features());
    // Leaves of at least 300 rows: the A leaf (264 rows) cannot exist.
    SurrogateTree big = GlobalSurrogate.create().minSamplesLeaf(300).fit(new HandTree(), data, data);
    for (TreeRule r : big.rules().rules()) {
      assertTrue(r.support() >= 300, r.toString());
    }
  }

  @Test
  void recoversHandWrittenRegressionTree() {
    float[][] x = TestModels.grid(GRID, 3);
    TestModels.Fn box = new TestModels.Fn(TestModels.names(3), r -> r[0] <= 0.55 ? (r[1] <= 0.35 ? 1 : 3) : 10);
    Dataset data = TestModels.regressionData(x);
    SurrogateTree s = GlobalSurrogate.create().minSamplesLeaf(1).fit(box, data, data);
    assertEquals("R2", s.fidelityMeasure());
    assertEquals(1.0, s.fidelity(), 1e-12);
    List<TreeRule> rules = s.rules().rules();
    assertEquals(3, rules.size());
    assertEquals(1.0, rules.get(0).predicted(), 1e-6);
    assertEquals(3.0, rules.get(1).predicted(), 1e-6);
    assertEquals(10.0, rules.get(2).predicted(), 1e-6);
    assertEquals(0.0, rules.get(2).std(), 1e-6);
    assertEquals("IF x0 > 0.55 THEN value = 10", rules.get(2).text());
  }

  @Test
  void badInputFailsClearly() {
    Dataset data = gridData();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GlobalSurrogate.create().features("x0", "nope").fit(new HandTree(), data, data));
    assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("[x0, x1, x2]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GlobalSurrogate.create().maxDepth(0));
    assertTrue(e.getMessage().contains("maxDepth must be in 1..1000"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GlobalSurrogate.create().minSamplesLeaf(0));
    assertTrue(e.getMessage().contains("minSamplesLeaf"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> GlobalSurrogate.create().topFeatures(List.of("x0", "x1"), 3));
    assertTrue(e.getMessage().contains("2 ranked features, got 3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> GlobalSurrogate.create().features(0, 7).fit(new HandTree(), data, data));
    assertTrue(e.getMessage().contains("index 7") && e.getMessage().contains("3 features"), e.getMessage());
    Dataset other = Dataset.of(new float[][] {{1, 2}}, List.of("a", "b"), new int[1], List.of("A", "B", "C"));
    e = assertThrows(IllegalArgumentException.class, () -> GlobalSurrogate.create().fit(new HandTree(), data, other));
    assertTrue(e.getMessage().contains("expects 3 features"), e.getMessage());
  }

  private static void assertRule(TreeRule r, String cls, int support, String[] features, double[][] bounds) {
    assertEquals(cls, r.prediction());
    assertEquals(support, r.support());
    assertEquals(features.length, r.conditions().size(), r.text());
    for (int i = 0; i < features.length; i++) {
      TreeRule.Condition c = r.conditions().get(i);
      assertEquals(features[i], c.feature());
      assertEquals(bounds[i][0], c.lower(), 1e-6);
      assertEquals(bounds[i][1], c.upper(), 1e-6);
    }
  }
}
