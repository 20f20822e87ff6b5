package io.workbench.model.djl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.workbench.io.CheckedJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Float weights in the JSON model files of the interpretable-by-design networks: written as the shortest
 * decimal that reads back as the same float (so a saved model predicts bit for bit what it did), read back
 * with the expected sizes checked and every value finite, naming the field and element otherwise.
 */
final class JsonWeights {

  private JsonWeights() {}

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
