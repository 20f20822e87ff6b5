package io.workbench.model.djl;

import java.util.ArrayList;
import java.util.List;

/** {@code linear}: one {@code output} layer on the (flattened) features: logistic or linear regression. */
final class LinearNet implements NetworkKind {

  @Override
  public String name() {
    return "linear";
  }

  @Override
  public int[] inputShape(int[] sampleShape, int features) {
    return new int[] {features};
  }

  @Override
  public boolean usesHidden() {
    return false;
  }

  @Override
  public List<Architecture.Layer> layers(Architecture a) {
    List<Architecture.Layer> out = new ArrayList<>();
    if (a.inputShape().length > 1) {
      out.add(Layers.flatten());
    }
    out.add(Layers.output(a));
    return out;
  }
}
