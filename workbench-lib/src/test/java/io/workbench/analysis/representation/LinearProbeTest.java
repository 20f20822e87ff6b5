package io.workbench.analysis.representation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.testing.TestModels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Linear probes and control tasks on representations whose content is known by construction. */
class LinearProbeTest {

  @Test
  void aLayerHoldingTheLabelIsReadAndANoiseLayerIsNot() {
    int n = 240;
    Random r = new Random(5);
    int[] y = new int[n];
    float[][] input = TestModels.gaussian(n, 6, 8);
    float[][] signal = new float[n][12];
    float[][] noise = TestModels.gaussian(n, 12, 9);
    for (int i = 0; i < n; i++) {
      y[i] = input[i][0] > 0 ? 1 : 0;
      for (int j = 0; j < 12; j++) {
        // the label along one direction, plus noise in every direction
        signal[i][j] = (float) ((j < 3 ? (2 * y[i] - 1) * 1.5 : 0) + 0.5 * r.nextGaussian());
      }
    }
    Map<String, float[][]> reps = new LinkedHashMap<>();
    reps.put("input", input);
    reps.put("signal", signal);
    reps.put("noise", noise);
    ProbeResult p = LinearProbe.create().folds(4).seed(3).fit(reps, y, List.of("neg", "pos"));
    assertEquals(List.of("input", "signal", "noise"), p.layers());
    assertTrue(p.accuracy("input") > 0.9, "the label is linear in the input: " + p.accuracy("input"));
    assertTrue(p.accuracy("signal") > 0.95, "signal layer: " + p.accuracy("signal"));
    assertTrue(Math.abs(p.accuracy("noise") - 0.5) < 0.1, "noise layer near chance: " + p.accuracy("noise"));
    // the control task (random labels of input clusters) is not linear in the signal layer
    assertTrue(p.selectivity("signal") > 0.3, "selectivity of the signal layer: " + p.selectivity("signal")
        + " (control " + p.controlAccuracy("signal") + ")");
    assertTrue(Math.abs(p.controlAccuracy("noise") - 0.5) < 0.15, "noise layer cannot learn the control either: "
        + p.controlAccuracy("noise"));
    assertEquals(Math.max(count(y, 0), count(y, 1)) / (double) n, p.chance(), 1e-12);
    ProbeResult again = LinearProbe.create().folds(4).seed(3).fit(reps, y, List.of("neg", "pos"));
    assertArrayEquals(p.accuracy(), again.accuracy(), "same seed, same numbers");
    assertArrayEquals(p.controlAccuracy(), again.controlAccuracy(), "same seed, same control");
    assertTrue(p.plot().toPng(72).length > 1000, "the chart renders");
    assertTrue(p.toHtml().contains("selectivity"), p.toHtml());
  }

  @Test
  void aRepresentationOfInputTypesMemorisesTheControlTask() {
    // one-hot of the input cluster: any labelling of the types is linear in it, so control accuracy is high
    int n = 200;
    float[][] input = new float[n][2];
    Random r = new Random(2);
    int types = 8;
    float[][] oneHot = new float[n][types];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int t = i % types;
      input[i][0] = (float) (10 * Math.cos(2 * Math.PI * t / types) + 0.01 * r.nextGaussian());
      input[i][1] = (float) (10 * Math.sin(2 * Math.PI * t / types) + 0.01 * r.nextGaussian());
      oneHot[i][t] = 1;
      y[i] = t < types / 2 ? 1 : 0;
    }
    Map<String, float[][]> reps = new LinkedHashMap<>();
    reps.put("input", input);
    reps.put("types", oneHot);
    ProbeResult p = LinearProbe.create().controlTypes(types).seed(1).fit(reps, y, List.of("a", "b"));
    assertTrue(p.controlAccuracy("types") > 0.97, "control task memorised: " + p.controlAccuracy("types"));
    assertTrue(p.accuracy("types") > 0.97, "task too: " + p.accuracy("types"));
    assertTrue(Math.abs(p.selectivity("types")) < 0.05, "so selectivity is near 0: " + p.selectivity("types"));
  }

  @Test
  void badInputFailsWithMessages() {
    float[][] x = TestModels.gaussian(20, 3, 1);
    int[] y = new int[20];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LinearProbe.create().fit(Map.of("a", x), y, List.of("only")));
    assertTrue(e.getMessage().contains("at least 2 classes"), e.getMessage());
    y[3] = 5;
    e = assertThrows(IllegalArgumentException.class, () -> LinearProbe.create().fit(Map.of("a", x), y, List.of("p", "q")));
    assertTrue(e.getMessage().contains("labels[3] is 5"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LinearProbe.create().folds(1));
    e = assertThrows(IllegalArgumentException.class,
        () -> LinearProbe.create().fit(Map.of("a", x), new int[20], List.of("p", "q")).accuracy("b"));
    assertTrue(e.getMessage().contains("[a]"), e.getMessage());
  }

  private static int count(int[] y, int c) {
    int k = 0;
    for (int v : y) {
      k += v == c ? 1 : 0;
    }
    return k;
  }
}
