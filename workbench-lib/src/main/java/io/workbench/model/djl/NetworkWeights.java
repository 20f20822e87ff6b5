package io.workbench.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.workbench.model.WeightArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A network's parameters under readable, PyTorch-like names: {@code <layer>.<parameter>} for the layer's main
 * (linear or convolution) block, {@code <layer>.<block>.<parameter>} for the others, for example {@code
 * dense1.weight}, {@code dense1.bias}, {@code conv2.batchnorm.runningMean}, {@code output.weight}. Shapes are
 * DJL's, which are PyTorch's ({@code [out, in]} for a dense weight, {@code [out, in, k]} for a 1D kernel).
 */
final class NetworkWeights {

  private NetworkWeights() {}

  /** Every parameter by name, in layer order. */
  static Map<String, Parameter> byName(Network net) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (Architecture.Layer layer : net.layers) {
      for (Pair<String, Parameter> p : layer.block.getParameters()) {
        String name = layer.name + "." + readable(p.getKey());
        if (out.containsKey(name)) {
          name = layer.name + "." + p.getKey();
        }
        out.put(name, p.getValue());
      }
    }
    return out;
  }

  /** DJL's key ({@code 02BatchNorm_runningMean}) without position prefixes and main-block names. */
  static String readable(String djlKey) {
    List<String> parts = new ArrayList<>();
    for (String part : djlKey.split("_")) {
      String p = part.replaceFirst("^[0-9]+", "");
      if (p.isEmpty() || p.equals("Linear") || p.startsWith("Conv")) {
        continue;
      }
      parts.add(Character.isUpperCase(p.charAt(0)) ? p.toLowerCase(Locale.ROOT) : p);
    }
    return parts.isEmpty() ? djlKey : String.join(".", parts);
  }

  /** The parameters copied out. */
  static List<WeightArray> read(Network net) {
    List<WeightArray> out = new ArrayList<>();
    for (Map.Entry<String, Parameter> e : byName(net).entrySet()) {
      NDArray a = e.getValue().getArray();
      long[] s = a.getShape().getShape();
      int[] shape = new int[s.length];
      for (int i = 0; i < s.length; i++) {
        shape[i] = Math.toIntExact(s[i]);
      }
      out.add(new WeightArray(e.getKey(), shape, a.toFloatArray()));
    }
    return out;
  }

  /**
   * Writes the given arrays into the network's parameters (in place), after checking every name, shape and value
   * first, so that a refused list changes nothing.
   */
  static void write(Network net, List<WeightArray> weights) {
    if (weights == null) {
      throw new IllegalArgumentException("weights is null");
    }
    Map<String, Parameter> params = byName(net);
    Map<String, WeightArray> given = new LinkedHashMap<>();
    for (WeightArray w : weights) {
      if (w == null) {
        throw new IllegalArgumentException("weights holds a null entry");
      }
      Parameter p = params.get(w.name());
      if (p == null) {
        throw new IllegalArgumentException("The network has no parameter '" + w.name() + "'; parameters are "
            + params.keySet());
      }
      long[] s = p.getArray().getShape().getShape();
      int[] shape = new int[s.length];
      for (int i = 0; i < s.length; i++) {
        shape[i] = Math.toIntExact(s[i]);
      }
      if (!w.sameShape(shape)) {
        throw new IllegalArgumentException("Parameter '" + w.name() + "' has shape " + Arrays.toString(shape)
            + ", the given array " + Arrays.toString(w.shape()));
      }
      float[] v = w.values();
      for (int k = 0; k < v.length; k++) {
        if (!Float.isFinite(v[k])) {
          throw new IllegalArgumentException("Parameter '" + w.name() + "' value " + k + " is " + v[k]
              + "; weights must be finite");
        }
      }
      if (given.put(w.name(), w) != null) {
        throw new IllegalArgumentException("Parameter '" + w.name() + "' is given twice");
      }
    }
    for (WeightArray w : given.values()) {
      params.get(w.name()).getArray().set(w.values());
    }
  }
}
