package io.workbench.model.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.model.Model;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.xgboost.XGBoostModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directory of a saved {@link PipelineModel}: {@code pipeline.json} (format, the inner model's kind,
 * the fitted steps) and {@code model/}, the inner model in its engine's own format. Written into a
 * temporary sibling directory and moved into place.
 */
final class PipelineFiles {

  static final String TYPE = "workbench-pipeline-model";
  static final int FORMAT_VERSION = 1;
  static final String JSON_FILE = "pipeline.json";
  static final String MODEL_DIR = "model";
  private static final String NEURAL_NET = "neural-net";
  private static final String XGBOOST = "xgboost";

  private PipelineFiles() {}

  static void save(PipelineModel m, Path dir) {
    if (dir == null) {
      throw new IllegalArgumentException("save(dir): dir is null");
    }
    Model inner = m.inner();
    String kind = inner instanceof NeuralNetModel ? NEURAL_NET : inner instanceof XGBoostModel ? XGBOOST : null;
    if (kind == null) {
      throw new IllegalArgumentException("A pipeline model saves its inner model in the engine's format; "
          + inner.getClass().getSimpleName() + " has none (NeuralNetModel and XGBoostModel do)");
    }
    ObjectNode root = PipelineJson.MAPPER.createObjectNode();
    root.put("type", TYPE);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("modelType", kind);
    root.put("model", MODEL_DIR);
    root.setAll(PipelineJson.write(m.pipeline()));
    Path target = dir.toAbsolutePath().normalize();
    if (Files.exists(target) && !(Files.isDirectory(target) && (Files.isRegularFile(target.resolve(JSON_FILE)) || empty(target)))) {
      throw new IllegalArgumentException(target + " exists and is not a saved pipeline model; save into a new"
          + " or empty directory (an existing saved pipeline model is replaced)");
    }
    Path parent = target.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(parent);
      tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".saving-");
      PipelineJson.MAPPER.writeValue(tmp.resolve(JSON_FILE).toFile(), root);
      Path innerDir = tmp.resolve(MODEL_DIR);
      if (inner instanceof NeuralNetModel n) {
        n.save(innerDir);
      } else {
        ((XGBoostModel) inner).save(innerDir);
      }
      replace(tmp, target);
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the pipeline model to " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        deleteQuietly(tmp);
      }
    }
  }

  /** Moves {@code tmp} to {@code target}; an existing target is moved aside first and deleted after. */
  private static void replace(Path tmp, Path target) throws IOException {
    if (!Files.exists(target)) {
      move(tmp, target);
      return;
    }
    Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
    Files.delete(old);
    move(target, old);
    try {
      move(tmp, target);
    } catch (IOException e) {
      move(old, target);
      throw e;
    }
    deleteQuietly(old);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  static PipelineModel load(Path dir) {
    if (dir == null) {
      throw new IllegalArgumentException("load(dir): dir is null");
    }
    Path json = dir.resolve(JSON_FILE);
    if (!Files.isRegularFile(json)) {
      throw new IllegalArgumentException("Not a saved pipeline model: " + dir + " has no " + JSON_FILE
          + " (PipelineModel.save writes it)");
    }
    JsonNode root;
    try {
      root = PipelineJson.MAPPER.readTree(json.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(json + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !TYPE.equals(root.path("type").asText(null))) {
      throw new IllegalArgumentException(json + " does not describe a pipeline model (expected \"type\": \"" + TYPE + "\")");
    }
    int version = root.path("formatVersion").asInt(-1);
    if (version < 1 || version > FORMAT_VERSION) {
      throw new IllegalArgumentException(json + " has format version " + root.path("formatVersion")
          + "; this library reads 1.." + FORMAT_VERSION);
    }
    FittedPipeline pipeline = PipelineJson.read(root, json.toString());
    Path innerDir = dir.resolve(root.path("model").asText(MODEL_DIR));
    String kind = root.path("modelType").asText("");
    Model inner = switch (kind) {
      case NEURAL_NET -> NeuralNetModel.load(innerDir);
      case XGBOOST -> XGBoostModel.load(innerDir);
      default -> throw new IllegalArgumentException(json + " names the model type '" + kind + "'; expected '"
          + NEURAL_NET + "' or '" + XGBOOST + "'");
    };
    try {
      return PipelineModel.of(pipeline, inner);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean empty(Path d) {
    try (Stream<Path> s = Files.list(d)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path p) {
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort: a leftover hidden temporary directory does not affect the saved model
    }
  }
}
