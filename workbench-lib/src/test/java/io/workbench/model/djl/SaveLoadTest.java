package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.model.Differentiable.Output;
import io.workbench.model.factory.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** model.json + DJL parameters round trips give bit-identical predictions and gradients. */
class SaveLoadTest {

  @TempDir Path tmp;

  static void assertSamePredictions(float[][] a, float[][] b) {
    assertEquals(a.length, b.length);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], "row " + i); // exact float equality
    }
  }

  @Test
  void mlpWithBatchNormAndDropoutRoundTripsBitIdentically() throws Exception {
    Dataset bc = Datasets.breastCancer();
    NeuralNetModel m = Models.mlp(16, 8).batchNorm(true).dropout(0.2).epochs(4).validation(0.2).seed(6).fit(bc);
    Path dir = tmp.resolve("mlp");
    m.save(dir);
    assertTrue(Files.isRegularFile(dir.resolve("model.json")));
    assertTrue(Files.isRegularFile(dir.resolve("parameters.params")));
    JsonNode json = new ObjectMapper().readTree(dir.resolve("model.json").toFile());
    assertEquals("djl", json.get("type").asText());
    assertEquals("mlp", json.get("architecture").get("kind").asText());
    assertEquals(30, json.get("featureNames").size());
    assertEquals(30, json.get("standardizer").get("mean").size());
    assertEquals("0.32.0", json.get("djlVersion").asText());
    assertEquals(6, json.get("seed").asLong());
    assertEquals(4, json.get("training").get("epochs").asInt());
    assertTrue(json.get("pytorchVersion").asText().startsWith("2."), json.get("pytorchVersion").asText());

    NeuralNetModel back = NeuralNetModel.load(dir);
    float[][] x = bc.x();
    assertSamePredictions(m.predictProba(x), back.predictProba(x));
    int[] t = bc.y();
    assertSamePredictions(m.inputGradients(x, t, Output.LOGIT), back.inputGradients(x, t, Output.LOGIT));
    assertEquals(m.featureNames(), back.featureNames());
    assertEquals(m.classNames(), back.classNames());
    assertEquals(m.architecture(), back.architecture());
    assertEquals(m.history(), back.history());
    assertArrayEquals(m.standardizer().mean(), back.standardizer().mean());
  }

  @Test
  void cnnAndRegressionModelsRoundTrip() {
    Dataset digits = Datasets.digits().head(300);
    NeuralNetModel cnn = Models.cnn2d(4).hidden(8).epochs(2).seed(1).fit(digits);
    cnn.save(tmp.resolve("cnn"));
    assertSamePredictions(cnn.predictProba(digits.x()), NeuralNetModel.load(tmp.resolve("cnn")).predictProba(digits.x()));

    Dataset diabetes = Datasets.diabetes();
    NeuralNetModel reg = Models.mlp(8).epochs(3).seed(1).fit(diabetes);
    reg.save(tmp.resolve("reg"));
    NeuralNetModel back = NeuralNetModel.load(tmp.resolve("reg"));
    assertArrayEquals(reg.predictValue(diabetes.x()), back.predictValue(diabetes.x()));
  }

  @Test
  void loadingSomethingElseFailsClearly() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeuralNetModel.load(tmp));
    assertTrue(e.getMessage().contains("model.json"), e.getMessage());
    Path other = tmp.resolve("xgb");
    Files.createDirectories(other);
    Files.writeString(other.resolve("model.json"), "{\"type\":\"xgboost\"}");
    Files.write(other.resolve("parameters.params"), new byte[4]);
    e = assertThrows(IllegalArgumentException.class, () -> NeuralNetModel.load(other));
    assertTrue(e.getMessage().contains("'xgboost'") && e.getMessage().contains("'djl'"), e.getMessage());
  }
}
