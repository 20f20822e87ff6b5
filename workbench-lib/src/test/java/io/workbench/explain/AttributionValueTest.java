package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.model.Model;
import io.workbench.progress.Cancellation;
import io.workbench.progress.Progress;
import io.workbench.progress.ProgressEvent;
import io.workbench.testing.TestModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The Attribution and FeatureImportance values: tables, rankings, targets, progress and cancellation. */
class AttributionValueTest {

  private final double[] w = {2.0, -0.5, 1.0};
  private final Model model = new TestModels.Logistic(w, 0.1);
  private final float[][] bgRows = TestModels.gaussian(10, 3, 7);
  private final float[][] x = {{2, 0, 0}, {-2, 1, 0.5f}, {0.1f, -0.2f, 3}};

  @Test
  void tablesRankingsAndTargets() {
    Attribution a = Explain.exactShapley(model, Background.of(bgRows)).target(Target.predicted()).explain(x);
    assertEquals(3, a.rows());
    assertEquals(List.of("x0", "x1", "x2"), a.featureNames());
    int[] predicted = model.predict(x);
    assertArrayEquals(predicted, a.targets());
    for (int i = 0; i < 3; i++) {
      assertEquals(model.predictProba(new float[][] {x[i]})[0][predicted[i]], a.outputs()[i], 1e-6);
    }
    Table t = a.toTable();
    assertEquals(9, t.rowCount());
    assertEquals(List.of("sample", "feature", "feature_value", "attribution", "target"), t.columnNames());
    assertEquals(a.value(1, 2), t.doubleColumn("attribution").get(5), 0);
    assertEquals(x[1][2], t.doubleColumn("feature_value").get(5), 0);
    Table wide = a.toWideTable();
    assertEquals(3, wide.rowCount());
    assertEquals(a.value(2, 0), wide.doubleColumn("x0").get(2), 0);
    FeatureImportance g = a.global();
    double m0 = (Math.abs(a.value(0, 0)) + Math.abs(a.value(1, 0)) + Math.abs(a.value(2, 0))) / 3;
    assertEquals(m0, g.importance("x0"), 1e-12);
    assertEquals(a.topFeatures(1).get(0), g.topFeatures(1).get(0));
    assertEquals(3, g.toTable().rowCount());
    assertTrue(a.toHtml().contains("exact Shapley") && a.toHtml().contains("<table>"));
    assertTrue(a.toString().contains("additivity gap"));
    assertTrue(a.convergenceDelta().isPresent());

    Attribution pos = Explain.exactShapley(model, Background.of(bgRows)).target(Target.of("pos")).explain(x);
    Attribution neg = Explain.exactShapley(model, Background.of(bgRows)).target(Target.of(0)).explain(x);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(-pos.value(i, j), neg.value(i, j), 1e-5, "p(neg) = 1 - p(pos)");
      }
    }
    assertEquals(List.of("pos", "pos", "pos"), pos.targetNames());
    Attribution lime = Explain.lime(model, bgRows).samples(300).explain(x);
    assertThrows(IllegalStateException.class, lime::additivityGap);
  }

  @Test
  void progressEventsAndDefaultListener() {
    List<ProgressEvent> events = new ArrayList<>();
    Explain.kernelShap(model, Background.of(bgRows)).progress(events::add).threads(2).explain(x);
    assertEquals(3, events.stream().filter(e -> !e.finished()).count());
    ProgressEvent last = events.get(events.size() - 1);
    assertTrue(last.finished());
    assertEquals(3, last.done());
    assertEquals("kernel SHAP", last.task());
    AtomicInteger seen = new AtomicInteger();
    Progress.install(() -> e -> seen.incrementAndGet());
    try {
      Explain.samplingShapley(model, Background.of(bgRows)).explain(x);
    } finally {
      Progress.reset();
    }
    assertEquals(4, seen.get());
  }

  @Test
  void cancellationStopsTheWork() {
    Cancellation stop = new Cancellation();
    AtomicInteger calls = new AtomicInteger();
    Model slow = new TestModels.Logistic(w, 0) {
      @Override
      public float[][] predictProba(float[][] rows) {
        if (calls.incrementAndGet() == 3) {
          stop.cancel();
        }
        return super.predictProba(rows);
      }
    };
    assertThrows(Cancellation.CancelledException.class, () -> Explain.kernelShap(slow, Background.of(bgRows))
        .batchRows(64).threads(2).cancellation(stop).explain(x));
    assertTrue(calls.get() < 20, "stopped early after " + calls.get() + " calls");
    Cancellation stop2 = new Cancellation();
    stop2.cancel();
    assertThrows(Cancellation.CancelledException.class,
        () -> Explain.permutationImportance(model, x, new double[] {1, 0, 1}).cancellation(stop2).explain());
  }

  @Test
  void modelIsCalledWithLargeBatches() {
    List<Integer> sizes = java.util.Collections.synchronizedList(new ArrayList<>());
    Model counting = TestModels.withoutLinearInput(new TestModels.Logistic(new double[] {1, -1, 0.5, 2, 0.1, -0.7,
        0.3, 1.2}, 0) {
      @Override
      public float[][] predictProba(float[][] rows) {
        sizes.add(rows.length);
        return super.predictProba(rows);
      }
    });
    float[][] bg = TestModels.gaussian(40, 8, 3);
    float[][] rows = TestModels.gaussian(6, 8, 4);
    Attribution a = Explain.kernelShap(counting, Background.of(bg)).explain(rows);
    // 6 explained rows + 40 background rows, then 2^8 - 2 = 254 coalitions x 40 rows = 10160 per row
    assertEquals(6L * 254 * 40, a.evaluations());
    long big = sizes.stream().filter(n -> n >= 1000).count();
    assertEquals(6 * 2, big, "two calls (8192 + 1968 rows) per explained row: " + sizes);
    sizes.clear();
    float[][] ev = TestModels.gaussian(1000, 8, 5);
    double[] y = new double[1000];
    Explain.permutationImportance(counting, ev, y).repeats(5).explain();
    // baseline call, then 8 features x 5 repeats = 40 copies of 1000 rows in calls of 8 copies
    assertEquals(List.of(1000, 8000, 8000, 8000, 8000, 8000), sizes.stream().sorted().toList());
  }
}
