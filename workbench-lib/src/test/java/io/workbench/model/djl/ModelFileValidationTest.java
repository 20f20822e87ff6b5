package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.model.factory.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code model.json} changed by hand or by an attacker is checked against itself and against the weights at
 * load time: every inconsistency is an {@link IllegalArgumentException} naming the file and the field, never a
 * model that silently predicts NaN or logits, and never a {@code NullPointerException}.
 */
class ModelFileValidationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path saved;
  static NeuralNetModel model;
  static Dataset iris;

  @BeforeAll
  static void saveOne() {
    iris = Datasets.iris();
    model = Models.mlp(4).epochs(1).seed(3).fit(iris);
    saved = tmp.resolve("saved");
    model.save(saved);
  }

  /** A copy of the saved model with {@code model.json} edited. */
  private static Path edited(String name, Consumer<ObjectNode> edit) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.copy(saved.resolve("parameters.params"), dir.resolve("parameters.params"));
    ObjectNode json = (ObjectNode) JSON.readTree(saved.resolve("model.json").toFile());
    edit.accept(json);
    JSON.writeValue(dir.resolve("model.json").toFile(), json);
    return dir;
  }

  private static String fails(Path dir, String... expected) {
    String msg = assertThrows(IllegalArgumentException.class, () -> NeuralNetModel.load(dir)).getMessage();
    assertTrue(msg.contains(dir.resolve("model.json").toString()), "names the file: " + msg);
    for (String e : expected) {
      assertTrue(msg.contains(e), "mentions '" + e + "': " + msg);
    }
    return msg;
  }

  private static ObjectNode obj(ObjectNode json, String field) {
    return (ObjectNode) json.get(field);
  }

  @Test
  void unchangedFileLoads() {
    float[][] x = iris.x();
    assertArrayEquals(model.predictProba(x)[0], NeuralNetModel.load(saved).predictProba(x)[0]);
  }

  @Test
  void standardizerScaleZeroNaNOrMeanInfinite() throws IOException {
    fails(edited("scale0", j -> ((ArrayNode) obj(j, "standardizer").get("scale")).set(1, 0.0)),
        "standardizer.scale");
    fails(edited("scaleNaN", j -> ((ArrayNode) obj(j, "standardizer").get("scale")).set(2, "NaN")),
        "standardizer.scale");
    fails(edited("meanInf", j -> ((ArrayNode) obj(j, "standardizer").get("mean")).set(0, j.numberNode(new java.math.BigDecimal("1e400")))),
        "standardizer.mean");
    fails(edited("scaleShort", j -> ((ArrayNode) obj(j, "standardizer").get("scale")).remove(3)),
        "standardizer.scale");
  }

  @Test
  void batchSizeZeroOrNegative() throws IOException {
    fails(edited("bs0", j -> obj(j, "training").put("inferenceBatchSize", 0)), "training.inferenceBatchSize");
    fails(edited("bsNeg", j -> obj(j, "training").put("inferenceBatchSize", -1)), "training.inferenceBatchSize");
    fails(edited("bsText", j -> obj(j, "training").put("inferenceBatchSize", "many")), "training.inferenceBatchSize");
  }

  @Test
  void inputShapeThatDisagreesWithTheWeights() throws IOException {
    fails(edited("shape", j -> {
      ((ArrayNode) obj(j, "architecture").get("inputShape")).set(0, 5);
      ((ArrayNode) j.get("featureNames")).add("extra");
      ObjectNode st = obj(j, "standardizer");
      ((ArrayNode) st.get("inputFeatures")).add("extra");
      ((ArrayNode) st.get("mean")).add(0.0);
      ((ArrayNode) st.get("scale")).add(1.0);
    }), "parameters.params", "mlp 5-4-3");
    fails(edited("hidden", j -> ((ArrayNode) obj(j, "architecture").get("hidden")).set(0, 7)),
        "parameters.params");
  }

  /**
   * Found by the fuzzer: building the layout of a 10^8-unit layer ran out of heap before any check (a larger one
   * overflowed an int).
   */
  @Test
  void anArchitectureLargerThanTheWeightsFileIsRejectedBeforeItIsBuilt() throws IOException {
    fails(edited("huge", j -> ((ArrayNode) obj(j, "architecture").get("hidden")).set(0, 1_999_999_999)),
        "parameters.params", "4-byte weights", "mlp 4-1999999999-3");
  }

  @Test
  void classOrFeatureNamesThatDisagreeWithTheNetwork() throws IOException {
    fails(edited("classes", j -> ((ArrayNode) j.get("classNames")).add("fourth")), "classNames", "3");
    fails(edited("features", j -> ((ArrayNode) j.get("featureNames")).remove(0)), "featureNames");
    fails(edited("renamed", j -> ((ArrayNode) j.get("featureNames")).set(0, "petal colour")), "featureNames",
        "standardizer");
    fails(edited("dupClass", j -> ((ArrayNode) j.get("classNames")).set(1, "setosa")), "classNames", "setosa");
  }

  @Test
  void aClassifierRelabelledAsRegression() throws IOException {
    fails(edited("task", j -> j.put("task", "REGRESSION")), "task", "REGRESSION");
    fails(edited("taskBad", j -> j.put("task", "CLUSTERING")), "task", "CLUSTERING");
  }

  @Test
  void missingFieldsAndWrongTypesAreNamed() throws IOException {
    fails(edited("noStd", j -> j.remove("standardizer")), "standardizer", "missing");
    fails(edited("noArch", j -> j.remove("architecture")), "architecture", "missing");
    fails(edited("noKind", j -> obj(j, "architecture").remove("kind")), "architecture.kind", "missing");
    fails(edited("noTask", j -> j.remove("task")), "task", "missing");
    fails(edited("typeNames", j -> j.put("featureNames", "abc")), "featureNames", "array");
    fails(edited("typeArch", j -> j.put("architecture", 5)), "architecture", "object");
    fails(edited("badKind", j -> obj(j, "architecture").put("kind", "transformer")), "architecture", "transformer");
    fails(edited("version", j -> j.put("formatVersion", 99)), "formatVersion", "99");
    fails(edited("noHistory", j -> j.put("history", "yesterday")), "history");
  }

  @Test
  void aSaveInterruptedBetweenItsRenamesPointsToThePreviousVersion() throws IOException {
    // what a crash between moving the old folder aside and moving the new one in leaves behind
    Path aside = tmp.resolve(".gone.old-x1.tmp");
    Files.createDirectories(aside);
    Files.copy(saved.resolve("model.json"), aside.resolve("model.json"));
    Files.copy(saved.resolve("parameters.params"), aside.resolve("parameters.params"));
    String msg = assertThrows(IllegalArgumentException.class, () -> NeuralNetModel.load(tmp.resolve("gone")))
        .getMessage();
    assertTrue(msg.contains(aside.toString()) && msg.contains("rename it"), msg);
  }
}
