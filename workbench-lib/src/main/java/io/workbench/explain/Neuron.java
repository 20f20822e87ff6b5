package io.workbench.explain;

import io.workbench.model.Propagation;
import java.util.Arrays;

/**
 * One hidden unit chosen by layer name and index, for the neuron attributions: the index is either the full
 * position in the layer's shape ({@code channel, position} after a 1D convolution) or one flat index into the
 * layer's units in row-major order.
 *
 * @param layer the layer's name
 * @param unit the flat index of the unit among the layer's units
 * @param name the unit's name, for example {@code conv1[2,17]}
 */
record Neuron(String layer, int unit, String name) implements java.io.Serializable {

  /**
   * The unit of {@code layer} at {@code index}, checked against the layer's shape.
   *
   * @throws IllegalArgumentException for an unknown layer (listing the layers) or an index outside the layer
   */
  static Neuron of(Propagation p, java.util.List<String> layers, String layer, int[] index, String method) {
    if (layer == null || !layers.contains(layer)) {
      throw new IllegalArgumentException(method + ": unknown layer '" + layer + "'; the model's layers are " + layers);
    }
    int[] shape = p.layerShape(layer);
    int size = 1;
    for (int s : shape) {
      size *= s;
    }
    String expected = "one flat index in [0, " + size + ") or one index per axis of the layer's shape "
        + Arrays.toString(shape);
    if (index == null || (index.length != 1 && index.length != shape.length)) {
      throw new IllegalArgumentException(method + ": the neuron index of layer '" + layer + "' needs " + expected
          + ", got " + (index == null ? "null" : Arrays.toString(index)));
    }
    int unit = 0;
    if (index.length == 1 && shape.length != 1) {
      unit = index[0];
      if (unit < 0 || unit >= size) {
        throw new IllegalArgumentException(method + ": neuron index " + unit + " is outside layer '" + layer + "': "
            + expected);
      }
    } else {
      for (int d = 0; d < shape.length; d++) {
        if (index[d] < 0 || index[d] >= shape[d]) {
          throw new IllegalArgumentException(method + ": neuron index " + Arrays.toString(index) + " is outside layer '"
              + layer + "': " + expected);
        }
        unit = unit * shape[d] + index[d];
      }
    }
    return new Neuron(layer, unit, LayerExplainer.unitNames(layer, shape).get(unit));
  }

  /** Weights over the layer's units selecting this unit alone. */
  float[] selector(Propagation p) {
    int size = 1;
    for (int s : p.layerShape(layer)) {
      size *= s;
    }
    float[] w = new float[size];
    w[unit] = 1f;
    return w;
  }

  /** The unit's activation at each row. */
  double[] values(Propagation p, float[][] x) {
    float[][] h = p.layerActivations(layer, x);
    double[] out = new double[x.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = h[i][unit];
    }
    return out;
  }
}
