package io.workbench.model.djl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code cnn2d}: input {@code [c, h, w]}; per filter count a same-padded 2D {@code convI} and a 2x2 {@code
 * poolI}, then {@code flatten}, dense layers and {@code output}. Inputs are standardised per channel.
 */
final class Cnn2d implements NetworkKind {

  @Override
  public String name() {
    return "cnn2d";
  }

  @Override
  public int[] inputShape(int[] sampleShape, int features) {
    return Layers.shapeWithAxes(name(), sampleShape, features, 3, "[channels, height, width]");
  }

  @Override
  public void check(int[] inputShape, int[] filters, int kernelSize, Map<String, Double> options) {
    Layers.checkConvolutions(filters, kernelSize);
    inputShape(inputShape, Layers.size(inputShape));
  }

  @Override
  public boolean perChannelStandardisation() {
    return true;
  }

  @Override
  public List<Architecture.Layer> layers(Architecture a) {
    List<Architecture.Layer> out = new ArrayList<>();
    Layers.convolutions(a, true, out);
    out.add(Layers.flatten());
    Layers.dense(a, out);
    out.add(Layers.output(a));
    return out;
  }
}
