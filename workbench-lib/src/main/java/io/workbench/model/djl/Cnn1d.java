package io.workbench.model.djl;

import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code cnn1d}: input {@code [channels, length]}; per filter count a same-padded {@code convI} and a {@code
 * poolI}, then {@code global_pool} (average over positions), dense layers and {@code output}. Inputs are
 * standardised per channel.
 */
final class Cnn1d implements NetworkKind {

  @Override
  public String name() {
    return "cnn1d";
  }

  @Override
  public int[] inputShape(int[] sampleShape, int features) {
    return Layers.shapeWithAxes(name(), sampleShape, features, 2, "[channels, length]");
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
    Layers.convolutions(a, false, out);
    out.add(new Architecture.Layer("global_pool", Pool.globalAvgPool1dBlock(), false));
    Layers.dense(a, out);
    out.add(Layers.output(a));
    return out;
  }
}
