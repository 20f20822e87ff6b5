package io.workbench.model.djl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.io.AtomicFiles;
import io.workbench.io.CheckedJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Float weights in the JSON model files of the interpretable-by-design networks: written as the shortest
 * decimal that reads back as the same float (so a saved model predicts bit for bit what it did), read back
 * with the expected sizes checked and every value finite, naming the field and element otherwise.
 */
final class JsonWeights {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonWeights() {}

  /**
   * A model file's common part: format, encoder, standardisation, feature and class names and the trainer's
   * settings; the caller adds its own fields and calls {@link #write(Path, ObjectNode, String)}.
   */
  static ObjectNode common(String format, PatchEncoder encoder, float[][] standardizer, List<String> features,
      List<String> classes, Map<String, Object> settings) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", format);
    encoder.write(o.putObject("encoder"));
    putMatrix(o.putArray("standardizer"), standardizer);
    features.forEach(o.putArray("features")::add);
    classes.forEach(o.putArray("classes")::add);
    ObjectNode s = o.putObject("settings");
    settings.forEach((k, v) -> s.put(k, String.valueOf(v)));
    return o;
  }

  /** Writes a model file atomically (a failed write leaves the old file). */
  static void write(Path file, ObjectNode o, String what) {
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(o));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the " + what + " to " + file + ": " + e.getMessage(), e);
    }
  }

  /** The common part read back and checked: what {@link #common} wrote. */
  record Common(CheckedJson json, PatchEncoder encoder, float[][] standardizer, List<String> features,
      List<String> classes, Map<String, Object> settings) {}

  /** Reads and checks a model file's common part; fails naming the file and field for anything malformed. */
  static Common read(Path file, String what, String format) {
    CheckedJson o = CheckedJson.read(file, what);
    if (!format.equals(o.text("format"))) {
      throw o.error("format", "must be '" + format + "', got '" + o.text("format") + "'");
    }
    PatchEncoder enc = PatchEncoder.read(o.object("encoder"));
    List<String> features = o.texts("features");
    List<String> classes = o.texts("classes");
    int d = 1;
    for (int v : enc.sampleShape) {
      d *= v;
    }
    if (features.size() != d) {
      throw o.error("features", "must name " + d + " features (the sample shape), got " + features.size());
    }
    if (classes.size() < 2) {
      throw o.error("classes", "must name at least two classes, got " + classes);
    }
    float[][] standardizer = matrix(o, "standardizer", 2, d);
    for (int j = 0; j < d; j++) {
      if (!(standardizer[1][j] > 0)) {
        throw o.error("standardizer", "scales must be positive, feature " + j + " has " + standardizer[1][j]);
      }
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    CheckedJson s = o.object("settings");
    for (String f : s.fields()) {
      settings.put(f, s.text(f));
    }
    return new Common(o, enc, standardizer, features, classes, settings);
  }

  /** Appends {@code values} to {@code array}. */
  static void put(ArrayNode array, float[] values) {
    for (float v : values) {
      array.add(v);
    }
  }

  /** Appends a matrix as an array of row arrays. */
  static void putMatrix(ArrayNode array, float[][] values) {
    for (float[] row : values) {
      put(array.addArray(), row);
    }
  }

  /** A list of weight arrays stored under {@code field}, one per shape, of the shapes' sizes. */
  static List<float[]> list(CheckedJson o, String field, List<long[]> shapes) {
    JsonNode a = o.node().get(field);
    if (a == null || !a.isArray() || a.size() != shapes.size()) {
      throw o.error(field, "must be an array of " + shapes.size() + " weight arrays, found "
          + (a == null ? "nothing" : a.isArray() ? a.size() + " arrays" : a.getNodeType().name().toLowerCase()));
    }
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      out.add(floats(o, field + "[" + i + "]", a.get(i), PatchEncoder.size(shapes.get(i))));
    }
    return out;
  }

  /** A {@code rows x cols} matrix stored under {@code field}. */
  static float[][] matrix(CheckedJson o, String field, int rows, int cols) {
    JsonNode a = o.node().get(field);
    if (a == null || !a.isArray() || a.size() != rows) {
      throw o.error(field, "must be an array of " + rows + " rows, found "
          + (a == null ? "nothing" : a.isArray() ? a.size() + " rows" : a.getNodeType().name().toLowerCase()));
    }
    float[][] out = new float[rows][];
    for (int i = 0; i < rows; i++) {
      out[i] = floats(o, field + "[" + i + "]", a.get(i), cols);
    }
    return out;
  }

  private static float[] floats(CheckedJson o, String field, JsonNode a, int expected) {
    if (a == null || !a.isArray() || a.size() != expected) {
      throw o.error(field, "must hold " + expected + " numbers, found "
          + (a == null ? "nothing" : a.isArray() ? a.size() + " values" : a.getNodeType().name().toLowerCase()));
    }
    float[] out = new float[expected];
    for (int k = 0; k < expected; k++) {
      JsonNode e = a.get(k);
      if (!e.isNumber() || !Float.isFinite((float) e.doubleValue())) {
        throw o.error(field, "must hold finite numbers, but element " + k + " is " + e);
      }
      out[k] = (float) e.doubleValue();
    }
    return out;
  }
}
