package io.workbench.model.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.data.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fitted pipeline as JSON: its raw feature names and one object per step, the step's record fields plus
 * a {@code "type"} naming it ({@link FittedPipeline#STEP_TYPES}). Doubles are written so that they read
 * back bit for bit.
 */
final class PipelineJson {

  static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PipelineJson() {}

  /** The pipeline as a JSON object {@code {"inputFeatures": [..], "steps": [..]}}. */
  static ObjectNode write(FittedPipeline p) {
    ObjectNode root = MAPPER.createObjectNode();
    root.set("inputFeatures", MAPPER.valueToTree(p.inputFeatures()));
    ArrayNode steps = root.putArray("steps");
    for (int k = 0; k < p.steps().size(); k++) {
      Transform t = p.steps().get(k);
      String type = typeOf(t);
      if (type == null) {
        throw new IllegalArgumentException("Pipeline step " + (k + 1) + " is a " + t.getClass().getName()
            + ", which cannot be saved; saved pipelines hold " + FittedPipeline.STEP_TYPES.values().stream()
                .map(Class::getSimpleName).sorted().toList());
      }
      ObjectNode node = MAPPER.createObjectNode();
      node.put("type", type);
      node.setAll((ObjectNode) MAPPER.valueToTree(t));
      steps.add(node);
    }
    return root;
  }

  /**
   * Reads what {@link #write(FittedPipeline)} wrote; {@code source} names the file in errors.
   *
   * @throws IllegalArgumentException naming the source and the step for anything missing or malformed
   */
  static FittedPipeline read(JsonNode root, String source) {
    JsonNode features = root.get("inputFeatures");
    JsonNode steps = root.get("steps");
    if (features == null || !features.isArray() || steps == null || !steps.isArray()) {
      throw new IllegalArgumentException(source + " lacks the pipeline's \"inputFeatures\" and \"steps\" lists");
    }
    List<String> names = new ArrayList<>();
    features.forEach(n -> names.add(n.asText()));
    List<Transform> out = new ArrayList<>();
    for (int k = 0; k < steps.size(); k++) {
      JsonNode node = steps.get(k);
      String type = node.path("type").asText(null);
      Class<? extends Transform> cls = type == null ? null : FittedPipeline.STEP_TYPES.get(type);
      if (cls == null) {
        throw new IllegalArgumentException(source + ": pipeline step " + (k + 1) + " has type '" + type
            + "'; expected one of " + FittedPipeline.STEP_TYPES.keySet().stream().sorted().toList());
      }
      ObjectNode fields = ((ObjectNode) node).deepCopy();
      fields.remove("type");
      try {
        out.add(MAPPER.treeToValue(fields, cls));
      } catch (Exception e) {
        throw new IllegalArgumentException(
            source + ": pipeline step " + (k + 1) + " (" + type + ") is malformed: " + e.getMessage(), e);
      }
    }
    try {
      return new FittedPipeline(names, out);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private static String typeOf(Transform t) {
    for (Map.Entry<String, Class<? extends Transform>> e : FittedPipeline.STEP_TYPES.entrySet()) {
      if (e.getValue() == t.getClass()) {
        return e.getKey();
      }
    }
    return null;
  }
}
