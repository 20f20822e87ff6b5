package io.workbench.model.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.data.Imputer;
import io.workbench.data.OneHotEncoder;
import io.workbench.data.Standardizer;
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
    for (int i = 0; i < features.size(); i++) {
      if (!features.get(i).isTextual()) {
        throw new IllegalArgumentException(source + ": field 'inputFeatures' must be an array of feature names, but"
            + " element " + i + " is " + features.get(i).getNodeType().name().toLowerCase(java.util.Locale.ROOT));
      }
      names.add(features.get(i).textValue());
    }
    unique(names, source + ": field 'inputFeatures'");
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
      Transform step;
      try {
        step = MAPPER.treeToValue(fields, cls);
      } catch (Exception e) {
        throw new IllegalArgumentException(
            source + ": pipeline step " + (k + 1) + " (" + type + ") is malformed: " + e.getMessage(), e);
      }
      check(step, source + ": pipeline step " + (k + 1) + " (" + type + ")");
      out.add(step);
    }
    try {
      return new FittedPipeline(names, out);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * What a fit can give and the steps rely on, checked for a step read from a file: feature names each once (in and
   * out), categories of a one-hot encoder each once and at least one per column, and statistics that are finite
   * 32-bit numbers (features are floats; a mean of 1e308 or a scale of 0 would turn every value into an infinity).
   */
  private static void check(Transform step, String where) {
    unique(step.inputFeatures(), where + " field 'inputFeatures'");
    if (step instanceof Imputer imp) {
      floats(imp.fill(), where + " field 'fill'", false);
    } else if (step instanceof Standardizer st) {
      floats(st.mean(), where + " field 'mean'", false);
      floats(st.scale(), where + " field 'scale'", true);
    } else if (step instanceof OneHotEncoder enc) {
      unique(enc.columns(), where + " field 'columns'");
      for (int c = 0; c < enc.columns().size(); c++) {
        if (!enc.inputFeatures().contains(enc.columns().get(c))) {
          throw new IllegalArgumentException(where + " field 'columns' names '" + enc.columns().get(c)
              + "', which is not one of its input features " + enc.inputFeatures());
        }
        List<String> known = enc.categories().get(c);
        if (known.isEmpty()) {
          throw new IllegalArgumentException(where + " field 'categories' has no category for column '"
              + enc.columns().get(c) + "'; a fitted encoder knows at least one");
        }
        unique(known, where + " field 'categories' of column '" + enc.columns().get(c) + "'");
      }
    }
    unique(step.outputFeatures(), where + " output features");
  }

  private static void unique(List<String> names, String what) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String n : names) {
      if (n == null) {
        throw new IllegalArgumentException(what + " holds null where a name belongs");
      }
      if (!seen.add(n)) {
        throw new IllegalArgumentException(what + " names '" + io.workbench.io.InputFiles.printable(n)
            + "' twice; names must be unique");
      }
    }
  }

  private static void floats(double[] v, String what, boolean positive) {
    for (int i = 0; i < v.length; i++) {
      double a = Math.abs(v[i]);
      if (!(a <= Float.MAX_VALUE) || (positive && !(v[i] >= Float.MIN_VALUE))) {
        throw new IllegalArgumentException(what + " element " + i + " is " + v[i] + "; expected a finite "
            + (positive ? "positive " : "") + "32-bit number (features are 32-bit floats)");
      }
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
