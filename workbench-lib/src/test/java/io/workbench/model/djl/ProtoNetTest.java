package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.progress.ProgressListener;
import io.workbench.signal.EcgGenerator;
import io.workbench.signal.Interval;
import io.workbench.signal.SyntheticSignals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prototype networks on the ECG generator, whose ground truth says where each PVC beat lies. */
class ProtoNetTest {

  static SyntheticSignals ecg;
  static Split split;
  static ProtoNetModel model;

  @BeforeAll
  static void train() {
    ecg = EcgGenerator.defaults().samplingRate(100).samplesPerClass(40).seed(3).generate();
    split = ecg.data().split(0.75, 1);
    model = ProtoNet.trainer().prototypesPerClass(2).layers(8, 8, 8).latent(8).epochs(20)
        .progress(ProgressListener.silent()).seed(5).fit(split.train());
  }

  static double accuracy(ProtoNetModel m, Dataset d) {
    int[] p = m.predict(d);
    int[] y = d.y();
    int ok = 0;
    for (int i = 0; i < y.length; i++) {
      ok += p[i] == y[i] ? 1 : 0;
    }
    return (double) ok / y.length;
  }

  @Test
  void learnsTheEcgClasses() {
    double acc = accuracy(model, split.test());
    assertTrue(acc >= 0.8, "test accuracy of the prototype network on seeded ECG windows: " + acc);
  }

  @Test
  void pvcPrototypesProjectOntoPvcBeats() {
    int[] trainRows = split.trainRows();
    int pvcs = 0;
    int onBeat = 0;
    for (int m = 0; m < model.prototypeCount(); m++) {
      int src = model.prototypeSourceRow(m);
      assertEquals(model.prototypeClass(m), ecg.data().classNames().get(split.train().y()[src]),
          "prototype " + m + " is pushed onto a training row of its own class");
      if (!model.prototypeClass(m).equals("pvc")) {
        continue;
      }
      pvcs++;
      int[] span = model.prototypeSpan(m);
      List<Interval> truth = ecg.intervals(trainRows[src]);
      boolean overlaps = truth.stream().anyMatch(iv -> iv.start() < span[1] && span[0] < iv.end());
      onBeat += overlaps ? 1 : 0;
    }
    assertEquals(2, pvcs, "two PVC prototypes");
    assertTrue(onBeat >= 1, "at least one PVC prototype's patch lies on the ectopic beat or its pause; " + onBeat);
  }

  @Test
  void explanationsNameTheClosestPrototypes() {
    float[] row = split.test().x()[0];
    PrototypeExplanation e = model.explain(row);
    assertEquals(model.prototypeCount(), e.matches().size());
    for (int i = 1; i < e.matches().size(); i++) {
      assertTrue(e.matches().get(i - 1).similarity() >= e.matches().get(i).similarity(), "sorted by similarity");
    }
    assertArrayEquals(model.predictProba(new float[][] {row})[0], e.probabilities(), "same probabilities");
    PrototypeExplanation.Match best = e.matches().get(0);
    assertTrue(best.to() > best.from() && best.to() <= 300, "match span inside the row: " + best);
    assertTrue(e.plot(100) != null && e.toHtml().contains("prototype"), "renders");
  }

  @Test
  void savesAndLoadsBitForBit(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("proto.json");
    model.save(f);
    ProtoNetModel back = ProtoNetModel.load(f);
    SameProbabilities.assertBitForBit(model, back, split.test().x());
    Files.writeString(f, Files.readString(f).replace("\"prototypeClass\":[", "\"prototypeClass\":[9,"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProtoNetModel.load(f));
    assertTrue(e.getMessage().contains("prototypeClass"), e.getMessage());
  }

  @Test
  void refusesBadSettingsAndRows() {
    assertThrows(IllegalArgumentException.class, () -> ProtoNet.trainer().kernel(4));
    assertThrows(IllegalArgumentException.class, () -> ProtoNet.trainer().prototypesPerClass(0));
    float[][] wrong = {new float[5]};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predictProba(wrong));
    assertTrue(e.getMessage().contains("Row 0"), e.getMessage());
  }
}
