package io.workbench.model.djl;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code mlp}: {@code dense1..denseH} (linear, optional batch norm, activation, optional dropout) then {@code
 * output}, on the flattened features.
 */
final class Mlp implements NetworkKind {

  @Override
  public String name() {
    return "mlp";
  }

  @Override
  public int[] inputShape(int[] sampleShape, int features) {
    return new int[] {features};
  }

  @Override
  public List<Architecture.Layer> layers(Architecture a) {
    List<Architecture.Layer> out = new ArrayList<>();
    if (a.inputShape().length > 1) {
      out.add(Layers.flatten());
    }
    Layers.dense(a, out);
    out.add(Layers.output(a));
    return out;
  }
}
