package io.workbench.explain;

import io.workbench.model.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * What the layer and neuron attributions share: the named hidden layer they look at (checked against the
 * model's layers when the explainer is made, the valid names listed when it is wrong), the baseline the path
 * starts from, the names of a layer's units ({@code dense1[3]}, {@code conv1[2,17]}) and the attribution
 * builder for values over a layer's units (the layer's activations at the explained rows stand in for the
 * inputs).
 *
 * @param <B> the concrete explainer type
 */
abstract class LayerExplainer<B extends LayerExplainer<B>> extends GradientExplainer<B> {

  final String layer;
  Baseline baseline = Baseline.constant(0);

  LayerExplainer(Model model, String method, String layer) {
    super(model, method);
    if (layer == null || !net.layerNames().contains(layer)) {
      throw new IllegalArgumentException(method + ": unknown layer '" + layer + "'; the model's layers are "
          + net.layerNames());
    }
    this.layer = layer;
  }

  /**
   * Where the path starts (default {@code Baseline.constant(0)}, as Captum): a constant, one value per feature,
   * a dataset's means, or one reference row per explained row.
   *
   * @throws IllegalArgumentException when the baseline does not have one value per feature of the model
   */
  public B baseline(Baseline b) {
    if (b == null) {
      throw new IllegalArgumentException("baseline is null; use Baseline.constant(0) for zeros");
    }
    b.check(model);
    B c = copy();
    c.baseline = b;
    return c;
  }

  /** The explained layer's name. */
  public String layer() {
    return layer;
  }

  /** Names of a layer's units in row-major order: {@code layer[u]}, {@code layer[c,t]}, {@code layer[c,y,x]}. */
  static List<String> unitNames(String layer, int[] shape) {
    int size = 1;
    for (int s : shape) {
      size *= s;
    }
    List<String> names = new ArrayList<>(size);
    int[] index = new int[shape.length];
    for (int u = 0; u < size; u++) {
      int rest = u;
      for (int d = shape.length - 1; d >= 0; d--) {
        index[d] = rest % shape[d];
        rest /= shape[d];
      }
      StringBuilder s = new StringBuilder(layer).append('[');
      for (int d = 0; d < index.length; d++) {
        s.append(d == 0 ? "" : ",").append(index[d]);
      }
      names.add(s.append(']').toString());
    }
    return names;
  }

  /**
   * A builder for values over the layer's units: names and shape of the layer, its activations at the
   * explained rows as the inputs, the common fields, outputs {@code fx} and the layer and baseline settings.
   */
  Attribution.Builder startLayer(Context ctx, int[] layerShape, float[][] activations, double[] fx) {
    return startGradient(ctx, fx).renamed(unitNames(layer, layerShape), layerShape, activations)
        .setting("layer", layer).setting("baseline", baseline.toString());
  }
}
