package io.workbench.analysis.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Friedman's H on full grids where the partial dependences have closed forms: 0 for additive terms,
 * 1 for a pure product, 4/34 for {@code x0 + 2 x1 + x0 x1}.
 */
class InteractionStrengthTest {

  static final float[] THREE = {-1f, 0f, 1f};

  @Test
  void pureProductOnSymmetricGridIsOneAndAdditiveIsZero() {
    // f = x0 * x1 + x2 on {-1,0,1}^3. PD_01(a,b) = ab + mean(x2) = ab; PD_0 = a * mean(x1) + 0 = 0, so
    // H^2_01 = sum (ab)^2 / sum (ab)^2 = 1. PD_02(a,c) = c = PD_2(c), PD_0 = 0: H^2_02 = 0.
    Dataset data = TestModels.regressionData(TestModels.grid(THREE, 3));
    TestModels.Fn f = new TestModels.Fn(TestModels.names(3), r -> r[0] * r[1] + r[2]);
    Interactions h = InteractionStrength.create().pairwise(f, data, List.of("x0", "x1", "x2"));
    assertEquals(3, h.size());
    assertEquals(1.0, h.h2("x0", "x1"), 1e-9);
    assertEquals(0.0, h.h2("x0", "x2"), 1e-9);
    assertEquals(0.0, h.h2("x2", "x1"), 1e-9);
    assertEquals("x0", h.toTable().stringColumn("feature_a").get(0));
    // 27 points: 3 single PDs + 3 pair PDs, 27 * 27 rows each.
    assertEquals(6L * 27 * 27, f.rows);
  }

  @Test
  void mixedTermMatchesHandComputation() {
    // f = x0 + 2 x1 + x0 x1 on {-1,0,1}^2: centred PD_0 = a, PD_1 = 2b, PD_01 = a + 2b + ab.
    // Numerator sum (ab)^2 = 4; denominator sum (a + 2b + ab)^2 = 6 + 24 + 4 (cross terms vanish) = 34.
    Dataset data = TestModels.regressionData(TestModels.grid(THREE, 2));
    TestModels.Fn f = new TestModels.Fn(TestModels.names(2), r -> r[0] + 2 * r[1] + r[0] * r[1]);
    assertEquals(4.0 / 34, InteractionStrength.create().h2(f, data, "x0", "x1"), 1e-9);
  }

  @Test
  void additiveNonlinearModelOnRandomDataIsZero() {
    Dataset data = PartialDependenceTest.normalData(60, 3, 11);
    TestModels.Fn add = new TestModels.Fn(TestModels.names(3), r -> Math.sin(2 * r[0]) + r[1] * r[1] + Math.exp(r[2] / 2));
    Interactions h = InteractionStrength.create().pairwise(add, data, List.of("x0", "x1", "x2"));
    for (String[] p : new String[][] {{"x0", "x1"}, {"x0", "x2"}, {"x1", "x2"}}) {
      assertTrue(h.h2(p[0], p[1]) < 1e-8, p[0] + "," + p[1] + ": " + h.h2(p[0], p[1]));
    }
    TestModels.Fn prod = new TestModels.Fn(TestModels.names(3), r -> Math.sin(2 * r[0]) + 2 * r[1] * r[2]);
    Interactions hp = InteractionStrength.create().pairwise(prod, data, List.of("x0", "x1", "x2"));
    assertTrue(hp.h2("x1", "x2") > 0.3, "product term interacts: " + hp.h2("x1", "x2"));
    assertTrue(hp.h2("x0", "x1") < 1e-8);
  }

  @Test
  void badInput() {
    Dataset data = TestModels.regressionData(TestModels.grid(THREE, 2));
    TestModels.Fn f = new TestModels.Fn(TestModels.names(2), r -> r[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InteractionStrength.create().pairwise(f, data, List.of("x0")));
    assertTrue(e.getMessage().contains("at least 2 features"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> InteractionStrength.create().pairwise(f, data, List.of("x0", "q")));
    assertTrue(e.getMessage().contains("'q'") && e.getMessage().contains("[x0, x1]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> InteractionStrength.create().rows(1));
    assertTrue(e.getMessage().contains("rows must be >= 2"), e.getMessage());
  }
}
