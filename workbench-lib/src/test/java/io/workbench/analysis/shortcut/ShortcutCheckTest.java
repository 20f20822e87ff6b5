package io.workbench.analysis.shortcut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.eval.Evaluation;
import io.workbench.eval.Metric;
import io.workbench.explain.Attribution;
import io.workbench.explain.Baseline;
import io.workbench.explain.Explain;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import io.workbench.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generator where the shortcut is known: the label is {@code x0 + 0.5 x1 + noise > 0}, the other two
 * features are noise, and a marker column shows the label on 95 % of the training rows. A model trained
 * with the marker relies on it (drop when it is permuted, attribution mass on it); one trained with an
 * uninformative marker does not.
 */
class ShortcutCheckTest {

  static Dataset train;
  static Dataset test;
  static Dataset trainShortcut;
  static Dataset trainClean;
  static Dataset testShortcut;
  static Model withShortcut;
  static Model without;

  static Dataset generate(int n, long seed) {
    float[][] x = TestModels.gaussian(n, 4, seed);
    float[][] noise = TestModels.gaussian(n, 1, seed + 100);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = x[i][0] + 0.5 * x[i][1] + 0.7 * noise[i][0] > 0 ? 1 : 0;
    }
    return Dataset.of(x, List.of("x0", "x1", "x2", "x3"), y, List.of("no", "yes"));
  }

  @BeforeAll
  static void trainBoth() {
    train = generate(500, 1);
    test = generate(300, 2);
    trainShortcut = Shortcut.inject(train, "marker", 0.95, 3);
    trainClean = Shortcut.inject(train, "marker", 0.0, 3);
    testShortcut = Shortcut.inject(test, "marker", 0.95, 4);
    var xgb = Models.xgboost().rounds(40).maxDepth(3).seed(1);
    withShortcut = xgb.fit(trainShortcut);
    without = xgb.fit(trainClean);
  }

  @Test
  void injectionAddsAFeatureThatShowsTheLabelAndBreakingItKeepsItsValues() {
    assertEquals(List.of("x0", "x1", "x2", "x3", "marker"), trainShortcut.features());
    assertArrayEquals(train.y(), trainShortcut.y(), "labels kept");
    int agree = 0;
    float[][] x = trainShortcut.x();
    for (int i = 0; i < x.length; i++) {
      agree += Math.round(x[i][4]) == train.y()[i] ? 1 : 0;
    }
    // shown with probability 0.95, else a uniform class (right half of the time): 0.975 expected
    assertEquals(0.975, agree / (double) x.length, 0.03, "share of rows where the marker shows the label");
    Dataset broken = Shortcut.broken(trainShortcut, "marker", 9);
    float[] before = column(trainShortcut, 4);
    float[] after = column(broken, 4);
    java.util.Arrays.sort(before);
    java.util.Arrays.sort(after);
    assertArrayEquals(before, after, "a permutation of the same values");
    assertArrayEquals(column(trainShortcut, 0), column(broken, 0), "other features untouched");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Shortcut.inject(train, "x0", 0.9, 1));
    assertTrue(e.getMessage().contains("must be new"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Shortcut.inject(train, "m", 1.5, 1));
    assertTrue(e.getMessage().contains("[0, 1], got 1.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Shortcut.broken(train, "marker", 1));
    assertTrue(e.getMessage().contains("[x0, x1, x2, x3]"), e.getMessage());
  }

  @Test
  void aModelTrainedWithTheShortcutReliesOnItAndOneWithoutDoesNot() {
    Attribution shapWith = Explain.treeShap(withShortcut).explain(testShortcut);
    Attribution shapWithout = Explain.treeShap(without).explain(testShortcut);
    ShortcutCheck t = ShortcutCheck.create().repeats(3).seed(5);
    ShortcutResult a = t.run(withShortcut, testShortcut, "marker", shapWith);
    ShortcutResult b = t.run(without, testShortcut, "marker", shapWithout);
    assertTrue(a.drop() > 0.1, "the shortcut model loses accuracy when the marker is permuted: " + a.toText());
    assertTrue(a.attributionShare() > 0.3, "and spends much attribution on it: " + a.attributionShare());
    assertTrue(Math.abs(b.drop()) < 0.03, "the clean model does not care: " + b.toText());
    // trees fitted to noise give every noise feature a little mass: the marker gets no more than x2 does
    double noiseShare = ShortcutCheck.share(shapWithout, "x2");
    assertTrue(b.attributionShare() < 0.1 && b.attributionShare() < 1.5 * noiseShare,
        "nor attributes more to it than to the noise feature x2: " + b.attributionShare() + " vs " + noiseShare);
    assertEquals(Metric.ACCURACY.compute(Evaluation.predictions(withShortcut, testShortcut)), a.intact(), 1e-12);
    assertEquals(a, t.run(withShortcut, testShortcut, "marker", shapWith), "same seed, same result");
    assertTrue(a.toHtml().contains("marker"), a.toHtml());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ShortcutCheck.share(shapWith, "x9"));
    assertTrue(e.getMessage().contains("[x0, x1, x2, x3, marker]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> t.run(withShortcut, testShortcut, "x9"));
    assertTrue(e.getMessage().contains("No feature 'x9'"), e.getMessage());
  }

  @Test
  void maskOfTruthKeepsAndRemovesTheRegionOfInterest() {
    boolean[] roi = {true, true, false, false, false};   // the features the label is made of
    MaskOfTruth m = MaskOfTruth.create().baseline(Baseline.mean(trainShortcut));
    MaskResult clean = m.run(without, testShortcut, roi);
    MaskResult shortcut = m.run(withShortcut, testShortcut, roi);
    assertTrue(clean.roiOnly() > clean.full() - 0.03, "the clean model needs only the region: " + clean.toText());
    assertTrue(clean.roiRemoved() < 0.65, "and fails without it: " + clean.toText());
    assertTrue(shortcut.roiRemoved() > 0.85, "the shortcut model still scores without the region: "
        + shortcut.toText());
    assertEquals(0.4, clean.roiFraction(), 1e-12);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.run(without, testShortcut, new boolean[5]));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> m.run(without, testShortcut, new boolean[3]));
    assertTrue(e.getMessage().contains("3 entries, expected one per feature (5)"), e.getMessage());
  }

  private static float[] column(Dataset d, int j) {
    float[][] x = d.x();
    float[] c = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i][j];
    }
    return c;
  }
}
