package io.workbench.model.djl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.data.Dataset;
import io.workbench.io.CheckedJson;
import java.util.List;

/**
 * How the named concepts of a concept bottleneck are coded in its bottleneck layer: a binary concept (all
 * training values 0 or 1) as its probability, a continuous one standardised with the training mean and
 * standard deviation. Reads concept columns from a dataset, failing naming the column and row when one is
 * missing, is a feature, or holds a non-finite value.
 */
record ConceptCoding(List<String> names, boolean[] binary, float[] mean, float[] scale) {

  /** Fits the coding of {@code names} on the training rows. */
  static ConceptCoding fit(Dataset train, List<String> names) {
    float[][] v = values(train, names);
    int kc = names.size();
    boolean[] binary = new boolean[kc];
    float[] mean = new float[kc];
    float[] scale = new float[kc];
    for (int c = 0; c < kc; c++) {
      boolean bin = true;
      double s = 0;
      double ss = 0;
      for (float[] row : v) {
        bin &= row[c] == 0 || row[c] == 1;
        s += row[c];
        ss += (double) row[c] * row[c];
      }
      binary[c] = bin;
      double mu = s / v.length;
      double sd = Math.sqrt(Math.max(0, ss / v.length - mu * mu));
      mean[c] = bin ? 0 : (float) mu;
      scale[c] = bin || sd < 1e-12 ? 1 : (float) sd;
    }
    return new ConceptCoding(List.copyOf(names), binary, mean, scale);
  }

  /** The concept columns of {@code data} in original units, {@code rows x concepts}. */
  static float[][] values(Dataset data, List<String> names) {
    if (data == null) {
      throw new IllegalArgumentException("A dataset with the concept columns " + names + " is needed, got null");
    }
    float[][] out = new float[data.rows()][names.size()];
    for (int c = 0; c < names.size(); c++) {
      String name = names.get(c);
      if (data.features().contains(name)) {
        throw new IllegalArgumentException("Concept '" + name + "' is a feature of the data: the model would read"
            + " it from the input. Drop it from the features (data.drop(\"" + name + "\")) and keep it as a column");
      }
      double[] v = data.column(name);   // an unknown name fails listing the columns
      for (int i = 0; i < v.length; i++) {
        if (!Double.isFinite(v[i])) {
          throw new IllegalArgumentException("Concept '" + name + "' is " + v[i] + " at row " + i
              + "; concepts must be finite numbers");
        }
        out[i][c] = (float) v[i];
      }
    }
    return out;
  }

  /** Concepts in original units to bottleneck values. */
  float[][] encode(float[][] values) {
    float[][] out = new float[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = new float[values[i].length];
      for (int c = 0; c < values[i].length; c++) {
        out[i][c] = (values[i][c] - mean[c]) / scale[c];
      }
    }
    return out;
  }

  /** One bottleneck value back in original units. */
  float decode(int c, float v) {
    return v * scale[c] + mean[c];
  }

  /** 1 for a binary concept, 0 for a continuous one. */
  float[] binaryMask() {
    float[] m = new float[binary.length];
    for (int c = 0; c < m.length; c++) {
      m[c] = binary[c] ? 1 : 0;
    }
    return m;
  }

  void write(ObjectNode o) {
    names.forEach(o.putArray("names")::add);
    for (int c = 0; c < binary.length; c++) {
      o.withArray("binary").add(binary[c]);
    }
    JsonWeights.put(o.putArray("mean"), mean);
    JsonWeights.put(o.putArray("scale"), scale);
  }

  static ConceptCoding read(CheckedJson o) {
    List<String> names = o.texts("names");
    int kc = names.size();
    com.fasterxml.jackson.databind.JsonNode b = o.node().get("binary");
    if (kc == 0 || b == null || !b.isArray() || b.size() != kc) {
      throw o.error("binary", "must hold one true/false per concept (" + kc + ")");
    }
    boolean[] binary = new boolean[kc];
    for (int c = 0; c < kc; c++) {
      if (!b.get(c).isBoolean()) {
        throw o.error("binary", "must hold true or false, element " + c + " is " + b.get(c));
      }
      binary[c] = b.get(c).booleanValue();
    }
    float[][] ms = {floats(o, "mean", kc), floats(o, "scale", kc)};
    for (int c = 0; c < kc; c++) {
      if (!(ms[1][c] > 0)) {
        throw o.error("scale", "must be positive, element " + c + " is " + ms[1][c]);
      }
    }
    return new ConceptCoding(names, binary, ms[0], ms[1]);
  }

  private static float[] floats(CheckedJson o, String field, int n) {
    double[] v = o.numbers(field);
    if (v.length != n) {
      throw o.error(field, "must hold " + n + " numbers, found " + v.length);
    }
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }
}
