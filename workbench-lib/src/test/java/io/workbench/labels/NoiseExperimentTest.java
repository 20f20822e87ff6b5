package io.workbench.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The noise experiment on the digits: seeded, consistent intervals, detection against the injected noise. */
class NoiseExperimentTest {

  private static final Dataset DIGITS = Datasets.digits();

  @Test
  void symmetricNoiseExperimentIsSeededAndItsIntervalsAreConsistent() {
    NoiseExperiment exp = NoiseExperiment.symmetric(0.2).trainer(LabelIssuesDigitsTest.MODEL).bootstrap(400).seed(42);
    NoiseExperimentResult r = exp.run(DIGITS);
    System.out.println(r.toText());
    assertEquals(List.of("noisy", "cleaned", "true"), r.arms().stream().map(NoiseExperimentResult.Arm::name).toList());
    assertEquals(DIGITS.rows(), r.trainRows() + r.testRows());
    assertEquals(r.trainRows(), r.arm("noisy").trainRows());
    assertEquals(r.trainRows(), r.arm("true").trainRows());
    assertEquals(r.trainRows() - r.detection().flagged(), r.arm("cleaned").trainRows());
    // 20 % of the training rows were flipped
    assertEquals(Math.round(0.2 * r.trainRows()), r.detection().actual());
    assertTrue(r.detection().precision() >= 0.75 && r.detection().recall() >= 0.75, r.detection().toString());
    assertTrue(r.arm("true").accuracy() >= 0.93, "clean-label accuracy " + r.arm("true").accuracy());
    for (NoiseExperimentResult.Arm a : r.arms()) {
      assertTrue(a.low() <= a.accuracy() && a.accuracy() <= a.high(), a.toString());
      // percentile bootstrap of a mean of 0/1 values ~ normal approximation 2 * 1.96 * sqrt(p(1-p)/n)
      double normalWidth = 2 * 1.959964 * Math.sqrt(a.accuracy() * (1 - a.accuracy()) / r.testRows());
      double width = a.high() - a.low();
      assertTrue(Math.abs(width - normalWidth) < 0.35 * normalWidth, a + " width " + width + " vs " + normalWidth);
    }
    assertTrue(r.gainLow() <= r.gain() && r.gain() <= r.gainHigh(), r.toString());
    // cleaning 20 % symmetric noise pays off here: the paired interval of the gain excludes 0
    assertTrue(r.gainLow() > 0, r.toText());
    assertEquals(r.arm("cleaned").accuracy() - r.arm("noisy").accuracy(), r.gain(), 1e-12);

    Table t = r.toTable();
    assertEquals(3, t.rowCount());
    assertEquals(List.of("training labels", "training rows", "accuracy", "low 95%", "high 95%"), t.columnNames());
    assertTrue(r.toHtml().contains("precision"), r.toHtml());

    assertEquals(r, exp.run(DIGITS), "same seed, same result");
    NoiseExperimentResult other = exp.seed(43).run(DIGITS);
    assertNotEquals(r.detection(), other.detection(), "another seed flips other rows");
  }

  @Test
  void classConditionalNoiseIsDetectedToo() {
    // 25 % of every digit is relabelled as the next digit (i -> i + 1 mod 10)
    double[][] t = new double[10][10];
    for (int i = 0; i < 10; i++) {
      t[i][i] = 0.75;
      t[i][(i + 1) % 10] = 0.25;
    }
    NoiseExperimentResult r = NoiseExperiment.classConditional(t).trainer(LabelIssuesDigitsTest.MODEL)
        .bootstrap(200).seed(5).run(DIGITS);
    System.out.println(r.toText());
    // structured noise is harder: more false alarms than with symmetric noise, but most flips are found
    assertTrue(r.detection().precision() >= 0.6 && r.detection().recall() >= 0.75, r.detection().toString());
    // and cleaning helps: the whole paired interval of the accuracy gain is above 0
    assertTrue(r.gainLow() > 0, r.toText());
  }

  @Test
  void bootstrapAndQuantileAgainstHandValues() {
    // linear interpolation between order statistics: q = 0.25 of 1..5 sits at position 1 -> 2;
    // q = 0.1 at position 0.4 -> 1.4
    double[] s = {1, 2, 3, 4, 5};
    assertEquals(2.0, NoiseExperiment.quantile(s, 0.25), 1e-12);
    assertEquals(1.4, NoiseExperiment.quantile(s, 0.1), 1e-12);
    assertEquals(5.0, NoiseExperiment.quantile(s, 1.0), 1e-12);
    // an arm that is always right is always right on every resample; resampling is paired and seeded
    boolean[] allRight = new boolean[50];
    java.util.Arrays.fill(allRight, true);
    boolean[] half = new boolean[50];
    for (int i = 0; i < 50; i += 2) {
      half[i] = true;
    }
    double[][] b = NoiseExperiment.bootstrapAccuracies(new boolean[][] {allRight, half}, 300, new Random(1));
    double mean = 0;
    for (int i = 0; i < 300; i++) {
      assertEquals(1.0, b[0][i], 0);
      mean += b[1][i] / 300;
    }
    // the bootstrap mean of a 50 % accuracy stays near 0.5 (sd of the mean of 300 resamples ~ 0.004)
    assertEquals(0.5, mean, 0.02);
    double[][] again = NoiseExperiment.bootstrapAccuracies(new boolean[][] {allRight, half}, 300, new Random(1));
    assertEquals(b[1][17], again[1][17], 0);
  }

  @Test
  void badSettingsFailFast() {
    assertThrows(IllegalArgumentException.class, () -> NoiseExperiment.symmetric(1.5));
    IllegalStateException noTrainer = assertThrows(IllegalStateException.class,
        () -> NoiseExperiment.symmetric(0.1).run(DIGITS));
    assertTrue(noTrainer.getMessage().contains("trainer"), noTrainer.getMessage());
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> NoiseExperiment.classConditional(new double[][] {{1, 0}, {0, 1}}).trainer(LabelIssuesDigitsTest.MODEL)
            .run(DIGITS));
    assertTrue(size.getMessage().contains("needs 10 rows"), size.getMessage());
    IllegalArgumentException folds = assertThrows(IllegalArgumentException.class,
        () -> NoiseExperiment.symmetric(0.1).trainer(LabelIssuesDigitsTest.MODEL).folds(20).run(DIGITS.head(20)));
    assertTrue(folds.getMessage().contains("folds = 20 need at least 20 training rows"), folds.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NoiseExperiment.symmetric(0.1).folds(1));
    assertThrows(IllegalArgumentException.class, () -> NoiseExperiment.symmetric(0.1).confidence(1));
    assertThrows(IllegalArgumentException.class, () -> NoiseExperiment.symmetric(0.1).bootstrap(5));
    assertThrows(IllegalArgumentException.class, () -> NoiseExperiment.symmetric(0.1).trainFraction(0));
    IllegalArgumentException arm = assertThrows(IllegalArgumentException.class,
        () -> new NoiseExperimentResult("x", List.of(), 0, 0, 0, new Detection(0, 0, 0), 1, 1, 0.95, 10, 0).arm("dirty"));
    assertTrue(arm.getMessage().contains("noisy, cleaned, true"), arm.getMessage());
  }
}
