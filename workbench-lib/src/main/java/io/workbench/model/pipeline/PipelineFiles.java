package io.workbench.model.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.io.AtomicFiles;
import io.workbench.io.CheckedJson;
import io.workbench.io.InputFiles;
import io.workbench.model.Model;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.xgboost.XGBoostModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The directory of a saved {@link PipelineModel}: {@code pipeline.json} (format, the inner model's kind,
 * the fitted steps) and {@code model/}, the inner model in its engine's own format. Replaced as a whole with
 * {@link AtomicFiles#replaceDirectory}; on loading, {@code pipeline.json} is read with its fields' types checked and
 * the inner model's folder must lie inside the pipeline's.
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
    try {
      AtomicFiles.replaceDirectory(dir, ownFiles(), tmp -> {
        PipelineJson.MAPPER.writeValue(tmp.resolve(JSON_FILE).toFile(), root);
        Path innerDir = tmp.resolve(MODEL_DIR);
        if (inner instanceof NeuralNetModel n) {
          n.save(innerDir);
        } else {
          ((XGBoostModel) inner).save(innerDir);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the pipeline model to " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * What a save writes, relative to the pipeline's folder: {@code pipeline.json} and the inner model's files of
   * either engine in {@code model/}; a folder holding anything else (a user's file in {@code model/} too) is not
   * replaced.
   */
  private static Set<String> ownFiles() {
    Set<String> own = new java.util.TreeSet<>();
    own.add(JSON_FILE);
    for (String f : NeuralNetModel.SAVED_FILES) {
      own.add(MODEL_DIR + "/" + f);
    }
    for (String f : XGBoostModel.SAVED_FILES) {
      own.add(MODEL_DIR + "/" + f);
    }
    return own;
  }

  static PipelineModel load(Path dir) {
    if (dir == null) {
      throw new IllegalArgumentException("load(dir): dir is null");
    }
    Path json = dir.resolve(JSON_FILE);
    if (!Files.isRegularFile(json)) {
      throw new IllegalArgumentException("Not a saved pipeline model: " + dir + " has no " + JSON_FILE
          + " (PipelineModel.save writes it)" + AtomicFiles.interruptedSaveHint(dir));
    }
    CheckedJson checked = CheckedJson.read(json, "pipeline model description");
    String type = checked.text("type");
    if (!TYPE.equals(type)) {
      throw checked.error("type", "is '" + type + "'; a pipeline model has \"type\": \"" + TYPE + "\"");
    }
    int version = checked.integer("formatVersion");
    if (version < 1 || version > FORMAT_VERSION) {
      throw checked.error("formatVersion", "is " + version + "; this library reads 1.." + FORMAT_VERSION);
    }
    JsonNode root = checked.node();
    FittedPipeline pipeline = PipelineJson.read(root, json.toString());
    Path innerDir = InputFiles.resolveInside(dir, checked.text("model", MODEL_DIR), json + ": field 'model'");
    String kind = checked.text("modelType");
    Model inner = switch (kind) {
      case NEURAL_NET -> NeuralNetModel.load(innerDir);
      case XGBOOST -> XGBoostModel.load(innerDir);
      default -> throw checked.error("modelType", "is '" + InputFiles.printable(kind) + "'; expected '" + NEURAL_NET
          + "' or '" + XGBOOST + "'");
    };
    try {
      return PipelineModel.of(pipeline, inner);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(dir + ": " + e.getMessage(), e);
    }
  }
}
