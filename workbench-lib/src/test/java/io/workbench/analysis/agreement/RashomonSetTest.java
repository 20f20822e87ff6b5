package io.workbench.analysis.agreement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Generators;
import io.workbench.data.SyntheticDataset;
import io.workbench.eval.Metric;
import io.workbench.model.Trainer;
import io.workbench.testing.TestModels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Rashomon sets: zero spread over identical models, positive over seeds, bad models rejected. */
class RashomonSetTest {

  static final SyntheticDataset DATA = Generators.highDimensional(300, 8, 3, 0, 4);

  @Test
  void identicalModelsHaveZeroSpread() {
    List<Trainer> same = Collections.nCopies(4, TestModels.logisticRegression(60, null));
    RashomonResult r = RashomonSet.create().score(Metric.ACCURACY).tolerance(0.0)
        .importance(ImportanceFn.permutation(Metric.ACCURACY, 2, 3)).fit(same, DATA.data());
    assertEquals(4, r.acceptedCount());
    assertArrayEquals(r.min(), r.max());
    for (double s : r.std()) {
      assertEquals(0.0, s);
    }
    for (int j : DATA.informative()) {
      assertTrue(r.mean()[j] > 0.02, "informative feature matters: " + r.mean()[j]);
    }
    assertEquals(8, r.toTable().rowCount());
    assertEquals(4, r.modelsTable().rowCount());
  }

  @Test
  void differentSeedsSpreadAndBadModelsAreRejected() {
    List<Trainer> trainers = new ArrayList<>();
    for (long s = 1; s <= 6; s++) {
      trainers.add(TestModels.logisticRegression(60, s));
    }
    // A useless model: P = 0.5 everywhere, so argmax is always class 0.
    trainers.add(train -> new TestModels.Logit(train.features(), row -> 0.0));
    AtomicInteger calls = new AtomicInteger();
    ImportanceFn perm = ImportanceFn.permutation(Metric.LOG_LOSS, 2, 3);
    RashomonResult r = RashomonSet.create().score(Metric.ACCURACY).tolerance(0.06).seed(5)
        .importance((m, eval) -> {
          calls.incrementAndGet();
          return perm.importance(m, eval);
        }).fit(trainers, DATA.data());
    boolean[] acc = r.accepted();
    assertFalse(acc[6], "the constant model is far from the best: " + r.modelsTable().printAll());
    assertTrue(r.acceptedCount() >= 2, r.modelsTable().printAll());
    assertEquals(r.acceptedCount(), calls.get(), "importance only for accepted models");
    double[] sd = r.std();
    for (int j : DATA.informative()) {
      assertTrue(sd[j] > 0, "bootstrap seeds give different importances of " + j);
      assertTrue(r.max()[j] > r.min()[j]);
    }
    double best = java.util.Arrays.stream(r.scores()).max().orElseThrow();
    for (int t = 0; t < acc.length; t++) {
      assertEquals(r.scores()[t] >= best - 0.06, acc[t]);
    }
    assertEquals(3, r.meanImportances().topFeatures(3).size());
  }

  @Test
  void badInput() {
    Dataset d = DATA.data();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RashomonSet.create().fit(List.of(), d));
    assertTrue(e.getMessage().contains("at least one trainer"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RashomonSet.create().tolerance(-1));
    assertTrue(e.getMessage().contains("tolerance"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RashomonSet.create().validationFraction(1));
    assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> RashomonSet.create()
        .importance((m, eval) -> new double[2]).fit(List.of(TestModels.logisticRegression(5, null)), d));
  }
}
