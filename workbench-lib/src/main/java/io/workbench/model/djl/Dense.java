package io.workbench.model.djl;

import java.util.ArrayList;
import java.util.List;

/**
 * Dense networks on the (flattened) features: {@code mlp} is {@code dense1..denseH} (linear, optional batch
 * norm, activation, optional dropout) then {@code output}; {@code linear} is the {@code output} layer alone
 * (logistic or linear regression), ignoring hidden sizes.
 */
final class Dense implements NetworkKind {

  private final String name;
  private final boolean hidden;

  Dense(String name, boolean hidden) {
    this.name = name;
    this.hidden = hidden;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int[] inputShape(int[] sampleShape, int features) {
    return new int[] {features};
  }

  @Override
  public boolean usesHidden() {
    return hidden;
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
