package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Generators;
import io.workbench.data.SyntheticDataset;
import io.workbench.eval.Metric;
import io.workbench.eval.Predictions;
import io.workbench.model.Model;
import io.workbench.progress.ProgressEvent;
import io.workbench.testing.TestModels;
import io.workbench.testing.LogisticRegression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Permutation importance: closed form, paths agree, groups, and recovery of informative features. */
class PermutationImportanceTest {

  /** E over random permutations of mean_i (x_perm(i) - x_i)^2 = 2 n/(n-1) var_pop(x). */
  private static double expectedSquaredShift(float[][] x, int j) {
    int n = x.length;
    double m = 0;
    for (float[] r : x) {
      m += r[j];
    }
    m /= n;
    double v = 0;
    for (float[] r : x) {
      v += (r[j] - m) * (r[j] - m);
    }
    return 2.0 * v / (n - 1);
  }

  @Test
  void mseIncreaseOfALinearModelMatchesTheClosedForm() {
    double[] w = {1.0, -2.0, 0.0, 0.5};
    TestModels.Linear lin = new TestModels.Linear(w, 0.3);
    float[][] x = TestModels.gaussian(400, 4, 31);
    double[] y = new double[x.length];
    float[][] p = lin.predictProba(x);
    for (int i = 0; i < x.length; i++) {
      y[i] = p[i][0]; // the model is exact: MSE increase = w_j^2 mean (shift)^2
    }
    for (Model model : new Model[] {lin, TestModels.withoutLinearInput(lin)}) {
      FeatureImportance imp = Explain.permutationImportance(model, x, y).metric(Metric.MSE).repeats(200).seed(3)
          .explain();
      for (int j = 0; j < w.length; j++) {
        double ref = w[j] * w[j] * expectedSquaredShift(x, j);
        assertEquals(ref, imp.importances()[j], 0.05 * ref + 1e-9, "feature " + j);
      }
      assertEquals(0.0, imp.importances()[2], 1e-9, "ignored feature");
      assertEquals(List.of("x1", "x0", "x3", "x2"), imp.topFeatures(4));
      assertEquals(0.0, imp.baselineScore(), 1e-6);
    }
    Map<String, int[]> groups = new LinkedHashMap<>();
    groups.put("x0+x1", new int[] {0, 1});
    groups.put("x2", new int[] {2});
    FeatureImportance g = Explain.permutationImportance(lin, x, y).metric(Metric.MSE).repeats(200).groups(groups)
        .explain();
    double ref = w[0] * w[0] * expectedSquaredShift(x, 0) + w[1] * w[1] * expectedSquaredShift(x, 1);
    assertEquals(List.of("x0+x1", "x2"), g.features());
    assertEquals(ref, g.importance("x0+x1"), 0.08 * ref);
    assertEquals(0.0, g.importance("x2"), 1e-9);
  }

  @Test
  void fastPathGenericPathAndThreadCountsAgree() {
    SyntheticDataset s = Generators.highDimensional(700, 1000, 10, 0, 17);
    float[][] x = s.data().x();
    int[] y = s.data().y();
    TestModels.Logistic model = LogisticRegression.fit(Arrays.copyOf(x, 400), Arrays.copyOf(y, 400), s.data().features(), 0.0,
        0.5, 60);
    Dataset eval = s.data().select(java.util.stream.IntStream.range(400, 700).toArray());
    List<ProgressEvent> events = new ArrayList<>();
    long t0 = System.nanoTime();
    FeatureImportance fast = Explain.permutationImportance(model, eval).metric(Metric.LOG_LOSS).seed(4).threads(2)
        .progress(events::add).explain();
    long t1 = System.nanoTime();
    FeatureImportance generic = Explain.permutationImportance(model, eval).metric(Metric.LOG_LOSS).seed(4)
        .fastPath(false).threads(2).explain();
    long t2 = System.nanoTime();
    FeatureImportance oneThread = Explain.permutationImportance(model, eval).metric(Metric.LOG_LOSS).seed(4)
        .fastPath(false).threads(1).batchRows(1000).explain();
    System.out.printf("d=1000 permutation importance: fast path %.2f s, generic %.2f s%n", (t1 - t0) / 1e9,
        (t2 - t1) / 1e9);
    assertEquals("linear-input fast path", fast.settings().get("path"));
    assertEquals("batched copies", generic.settings().get("path"));
    assertArrayEquals(generic.importances(), fast.importances(), 1e-4);
    assertArrayEquals(generic.importances(), oneThread.importances(), 0);
    assertTrue(events.get(events.size() - 1).finished());
    assertEquals(5000, events.get(events.size() - 1).done());
    int hits = s.countInformative(fast.topIndices(10));
    assertTrue(hits >= 9, "d=1000: " + hits + "/10 informative in the top 10: " + fast.topFeatures(10)
        + " informative " + s.informativeNames());
  }

  /** CPU time of this process (all threads), nanoseconds; the machine may be shared, so wall time alone misleads. */
  private static long cpu() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  @Test
  void recoversInformativeFeaturesAtTwentyThousandDimensions() {
    long c0 = cpu();
    long t0 = System.nanoTime();
    SyntheticDataset s = Generators.highDimensional(2500, 20_000, 10, 0, 23);
    float[][] x = s.data().x();
    int[] y = s.data().y();
    int nTrain = 2000;
    long t1 = System.nanoTime();
    TestModels.Logistic model = LogisticRegression.fit(Arrays.copyOf(x, nTrain), Arrays.copyOf(y, nTrain), s.data().features(),
        0.06, 1e-3, 40);
    long t2 = System.nanoTime();
    long c2 = cpu();
    float[][] ex = Arrays.copyOfRange(x, nTrain, x.length);
    double[] ey = new double[ex.length];
    for (int i = 0; i < ey.length; i++) {
      ey[i] = y[nTrain + i];
    }
    int[] eyi = new int[ey.length];
    for (int i = 0; i < ey.length; i++) {
      eyi[i] = (int) ey[i];
    }
    double acc = Metric.ACCURACY.compute(Predictions.classification(eyi, model.predictProba(ex), null));
    FeatureImportance imp = Explain.permutationImportance(model, ex, ey).metric(Metric.LOG_LOSS).seed(1).explain();
    long t3 = System.nanoTime();
    long c3 = cpu();
    System.out.printf("d=20000: generate %.2f s, train %.2f s (held-out accuracy %.3f), permutation importance "
        + "(20000 x 5 repeats x 500 rows, fast path) %.2f s wall, %.2f s CPU; whole test %.2f s CPU%n",
        (t1 - t0) / 1e9, (t2 - t1) / 1e9, acc, (t3 - t2) / 1e9, (c3 - c2) / 1e9, (c3 - c0) / 1e9);
    int hits = s.countInformative(imp.topIndices(10));
    assertTrue(acc > 0.7, "model should learn the signal, accuracy " + acc);
    assertTrue(hits >= 9, hits + "/10 informative in the top 10: " + imp.topFeatures(10) + " informative "
        + s.informativeNames());
  }
}
