package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The device rule: option beats system property beats automatic (GPU when visible). */
class DeviceChoiceTest {

  @Test
  void automaticChoiceFollowsTheGpuCount() {
    assertEquals("cpu", DeviceChoice.resolve(null, null, 0));
    assertEquals("gpu", DeviceChoice.resolve(null, null, 1));
    assertEquals("gpu", DeviceChoice.resolve("auto", "", 2));
  }

  @Test
  void optionBeatsPropertyAndPropertyBeatsAutomatic() {
    assertEquals("cpu", DeviceChoice.resolve(null, "cpu", 1));
    assertEquals("cpu", DeviceChoice.resolve("CPU", "gpu", 1));
    assertEquals("gpu", DeviceChoice.resolve("gpu", "cpu", 1));
    assertEquals("gpu", DeviceChoice.resolve("auto", "gpu", 1));
  }

  @Test
  void impossibleOrUnknownChoicesFail() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceChoice.resolve("gpu", null, 0));
    assertTrue(e.getMessage().contains("no GPU"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> DeviceChoice.resolve(null, "tpu", 0));
    assertTrue(e.getMessage().contains("workbench.device") && e.getMessage().contains("cpu, gpu, auto"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> NeuralTrainer.mlp(4).device("cuda"));
    assertTrue(e.getMessage().contains("'cuda'"), e.getMessage());
  }

  @Test
  void trainedModelsReportTheirDevice() {
    NeuralNetModel m = NeuralTrainer.logistic().epochs(1).device("cpu").fit(io.workbench.data.Datasets.iris());
    assertTrue(m.device().startsWith("cpu"), m.device());
    assertTrue(m.toString().contains("device cpu"), m.toString());
  }
}
