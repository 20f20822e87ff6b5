package io.workbench.explain.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.model.Model;
import io.workbench.model.cart.CartTrainer;
import io.workbench.model.cart.CartTree;
import io.workbench.testing.TestModels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Anchors of a model that is a known rule ("class 1 iff x0 > 0.5 and x2 < 0.2") recover that rule with
 * precision at least tau; coverage is the brute-force share of the data; seeds and threads; bad input.
 */
class AnchorsTest {

  /**
   * 400 rows: exactly half of x0 in [0, 0.48] and half in [0.52, 1], exactly a quarter of x2 in [0, 0.18] and
   * the rest in [0.22, 1], so that the quartile edges fall in the gaps around 0.5 and 0.2; x1, x3 uniform.
   */
  private static Dataset data() {
    int n = 400;
    Random r = new Random(8);
    List<Integer> a = new ArrayList<>();
    List<Integer> b = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      a.add(i);
      b.add(i);
    }
    Collections.shuffle(a, r);
    Collections.shuffle(b, r);
    float[][] x = new float[n][4];
    for (int i = 0; i < n; i++) {
      boolean low0 = a.get(i) < n / 2;
      boolean low2 = b.get(i) < n / 4;
      x[i][0] = (float) (low0 ? 0.48 * r.nextDouble() : 0.52 + 0.48 * r.nextDouble());
      x[i][1] = (float) r.nextDouble();
      x[i][2] = (float) (low2 ? 0.18 * r.nextDouble() : 0.22 + 0.78 * r.nextDouble());
      x[i][3] = (float) r.nextDouble();
    }
    return Dataset.of(x, TestModels.names(4), new int[n], List.of("0", "1"));
  }

  private static final Model RULE = new TestModels.Logit(TestModels.names(4),
      v -> v[0] > 0.5 && v[2] < 0.2 ? 12 : -12);

  @Test
  void aModelThatIsARuleYieldsThatRule() {
    Dataset train = data();
    float[] x = {0.7f, 0.5f, 0.1f, 0.5f};
    Anchor a = Anchors.create(train).explain(RULE, x);
    assertTrue(a.accepted(), a.toString());
    assertTrue(a.precision() >= 0.95, "precision >= tau: " + a);
    assertEquals("1", a.predicted());
    Set<String> shape = a.conditions().stream().map(p -> p.feature() + " " + p.op().symbol())
        .collect(Collectors.toSet());
    assertEquals(Set.of("x0 >", "x2 <="), shape, "the rule's two conditions: " + a.rule());
    for (AnchorCondition p : a.conditions()) {
      if (p.feature().equals("x0")) {
        assertTrue(p.value() > 0.48 && p.value() < 0.52, "x0's edge is the median, in the gap: " + p);
      } else {
        assertTrue(p.value() > 0.18 && p.value() < 0.22, "x2's edge is the lower quartile, in the gap: " + p);
      }
    }
    float[][] all = train.x();
    int n = 0;
    for (float[] r : all) {
      boolean holds = true;
      for (AnchorCondition p : a.conditions()) {
        holds &= p.holds(r[p.index()]);
      }
      n += holds ? 1 : 0;
    }
    assertEquals((double) n / all.length, a.coverage(), 1e-12, "coverage is the share of rows satisfying the rule");
    assertTrue(a.coverage() > 0.08 && a.coverage() < 0.17, "about half of x0 times a quarter of x2: " + a.coverage());
    assertTrue(a.holds(x), "the rule holds for the explained row");
    assertEquals(a.conditions().size(), a.toTable().rowCount(), "one table row per condition");
    assertTrue(a.rule().startsWith("IF x") && a.rule().endsWith("THEN 1"), a.rule());
  }

  /** The same rule learnt by a CART tree from labelled data: the tree's anchor is the rule too. */
  @Test
  void aCartTreeOfTheRuleYieldsTheRule() {
    Dataset unlabelled = data();
    float[][] x = unlabelled.x();
    int[] y = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i][0] > 0.5 && x[i][2] < 0.2 ? 1 : 0;
    }
    Dataset train = Dataset.of(x, TestModels.names(4), y, List.of("0", "1"));
    CartTree tree = CartTrainer.create().maxDepth(3).fit(train);
    Anchor a = Anchors.create(train).seed(3).explain(tree, new float[] {0.9f, 0.2f, 0.05f, 0.8f});
    assertTrue(a.accepted() && a.precision() >= 0.95, a.toString());
    Set<String> shape = a.conditions().stream().map(p -> p.feature() + " " + p.op().symbol())
        .collect(Collectors.toSet());
    assertTrue(shape.contains("x0 >") && shape.contains("x2 <="), "the rule's conditions: " + a.rule());
    assertTrue(a.conditions().size() <= 3, "no more than one extra condition: " + a.rule());
  }

  @Test
  void categoricalFeaturesGiveEqualityConditions() {
    Random r = new Random(2);
    float[][] x = new float[300][3];
    for (float[] row : x) {
      row[0] = (float) r.nextDouble();
      row[1] = r.nextInt(3);
      row[2] = (float) r.nextDouble();
    }
    Dataset train = Dataset.of(x, TestModels.names(3), new int[300], List.of("0", "1"));
    Model m = new TestModels.Logit(TestModels.names(3), v -> v[1] == 2 ? 12 : -12);
    Anchor a = Anchors.create(train).categorical("x1").explain(m, new float[] {0.3f, 2, 0.6f});
    assertEquals("IF x1 == 2 THEN 1", a.rule(), a.toString());
    assertEquals(1.0, a.precision(), 0, "the rule decides the class");
    assertTrue(a.samples() < 5000, "samples " + a.samples());
  }

  @Test
  void sameSeedSameAnchorAtOneAndTwoThreads() {
    Dataset train = data();
    float[] x = {0.7f, 0.5f, 0.1f, 0.5f};
    Anchors anchors = Anchors.create(train).seed(5);
    Anchor one = anchors.threads(1).explain(RULE, x);
    Anchor two = anchors.threads(2).batchRows(64).explain(RULE, x);
    assertEquals(one.rule(), two.rule(), "same rule");
    assertArrayEquals(one.precisions(), two.precisions(), 0, "same precision estimates");
    assertEquals(one.samples(), two.samples(), "same samples drawn");
  }

  @Test
  void badInputFailsNamingTheArgument() {
    Dataset train = data();
    Anchors anchors = Anchors.create(train);
    assertMessage(() -> anchors.threshold(1.5), "threshold");
    assertMessage(() -> anchors.delta(0), "delta");
    assertMessage(() -> anchors.epsilon(1), "epsilon");
    assertMessage(() -> anchors.beamSize(0), "beamSize");
    assertMessage(() -> anchors.categorical("nope"), "nope");
    assertMessage(() -> anchors.explain(RULE, new float[] {1, 2}), "Row 0 has 2 values");
    assertMessage(() -> anchors.explain(RULE, train, -1), "row -1");
    assertMessage(() -> anchors.explain(TestModels.regression(4, v -> v[0]), new float[4]), "classifiers");
    assertMessage(() -> anchors.explain(RULE, new float[] {Float.NaN, 0, 0, 0}), "x0");
    assertMessage(() -> Anchors.create(train.head(1)), "reference");
  }

  private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), "message should name '" + part + "': " + e.getMessage());
  }
}
