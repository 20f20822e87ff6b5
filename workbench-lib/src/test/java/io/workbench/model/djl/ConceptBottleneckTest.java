package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.progress.ProgressListener;
import io.workbench.signal.EcgGenerator;
import io.workbench.stats.Stats;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Concept bottleneck models on the ECG generator's concept ground truth. */
class ConceptBottleneckTest {

  static Split split;
  static ConceptBottleneckModel independent;
  static ConceptBottleneckModel joint;

  @BeforeAll
  static void train() {
    Dataset d = EcgGenerator.defaults().samplingRate(100).samplesPerClass(40).seed(3).generateWithConcepts().data();
    split = d.split(0.75, 1);
    ConceptBottleneck t = ConceptBottleneck.on(EcgGenerator.CONCEPTS).layers(8, 8, 8).epochs(15)
        .progress(ProgressListener.silent()).seed(5);
    independent = t.training(ConceptBottleneck.Training.INDEPENDENT).fit(split.train());
    joint = t.training(ConceptBottleneck.Training.JOINT).fit(split.train());
  }

  static double accuracy(float[][] p, int[] y) {
    int ok = 0;
    for (int i = 0; i < y.length; i++) {
      ok += Stats.argmax(p[i]) == y[i] ? 1 : 0;
    }
    return (double) ok / y.length;
  }

  @Test
  void generatorConceptsFollowItsParameters() {
    Dataset d = split.train();
    double[] qrs = d.column("qrs_width_ms");
    double[] p = d.column("p_wave_present");
    double[] st = d.column("st_elevation_mv");
    int[] y = d.y();
    for (int i = 0; i < y.length; i++) {
      // sinus QRS: Q at -30 ms (sigma 8) to S at +30 ms (sigma 10), +-2.5 sigma: 55 + 50 = 105 ms;
      // PVC: R at 10 ms (sigma 35) to S at 80 ms (sigma 30): 155 + 77.5 = 232.5 ms
      assertEquals(y[i] == 1 ? 232.5 : 105.0, qrs[i], 1e-9, "QRS width, row " + i);
      assertEquals(y[i] == 1 ? 0 : 1, p[i], "P wave, row " + i);
      // ST elevation 0.2 mV x 0.7..1.3, times the amplitude scale 0.8..1.2
      assertTrue(y[i] == 2 ? st[i] >= 0.2 * 0.7 * 0.8 - 1e-9 && st[i] <= 0.2 * 1.3 * 1.2 + 1e-9 : st[i] == 0,
          "ST elevation, row " + i + ": " + st[i]);
    }
    assertArrayEquals(EcgGenerator.defaults().samplingRate(100).samplesPerClass(40).seed(3).generate().data().x()[7],
        EcgGenerator.defaults().samplingRate(100).samplesPerClass(40).seed(3).generateWithConcepts().data().x()[7],
        "the concepts do not change the generated windows");
  }

  @Test
  void interveningOnAllConceptsReachesTheTrueConceptModel() {
    Dataset test = split.test();
    int[] y = test.y();
    double trueConceptAccuracy = accuracy(independent.intervene(test, EcgGenerator.CONCEPTS), y);
    double jointAll = accuracy(joint.intervene(test, EcgGenerator.CONCEPTS), y);
    double jointNone = accuracy(joint.predictProba(test), y);
    assertTrue(trueConceptAccuracy >= 0.95, "the task head on true concepts: " + trueConceptAccuracy);
    assertTrue(jointAll >= trueConceptAccuracy - 0.05,
        "joint model, all concepts true: " + jointAll + " vs independent on true concepts " + trueConceptAccuracy);
    assertTrue(jointAll >= jointNone, "intervening does not lose accuracy: " + jointNone + " -> " + jointAll);
    Table curve = joint.interventions(test);
    assertEquals(4, curve.rowCount());
    assertEquals(jointNone, curve.doubleColumn("accuracy").get(0), 1e-12);
    assertEquals(jointAll, curve.doubleColumn("accuracy").get(3), 1e-12);
    assertArrayEquals(joint.predictProba(test.x())[0], joint.intervene(test, List.of()).clone()[0],
        "no intervention, same prediction");
  }

  @Test
  void conceptsArePredicted() {
    Table acc = joint.conceptAccuracy(split.test());
    assertEquals(List.of("qrs_width_ms", "p_wave_present", "st_elevation_mv"), acc.stringColumn("concept").asList());
    assertTrue(acc.doubleColumn("r2").get(0) > 0.5, "QRS width R^2: " + acc.print());
    assertTrue(joint.isBinary("p_wave_present") && !joint.isBinary("qrs_width_ms"));
    float[][] c = joint.concepts(split.test().x());
    assertEquals(3, c[0].length);
    assertTrue(c[0][1] >= 0 && c[0][1] <= 1, "a binary concept is a probability: " + c[0][1]);
  }

  @Test
  void savesAndLoadsBitForBit(@TempDir Path dir) {
    Path f = dir.resolve("cbm.json");
    joint.save(f);
    ConceptBottleneckModel back = ConceptBottleneckModel.load(f);
    SameProbabilities.assertBitForBit(joint, back, split.test().x());
    assertEquals(joint.conceptNames(), back.conceptNames());
  }

  @Test
  void refusesUnknownOrLeakingConcepts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConceptBottleneck.on("qrs").epochs(1).fit(split.train()));
    assertTrue(e.getMessage().contains("qrs_width_ms"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ConceptBottleneck.on("ECG@t3").epochs(1).fit(split.train()));
    assertTrue(e.getMessage().contains("is a feature"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> joint.interventions(null));
    assertTrue(e.getMessage().contains("null"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> joint.intervene(split.test(), List.of("qrs")));
    assertTrue(e.getMessage().contains("qrs_width_ms"), e.getMessage());
  }
}
