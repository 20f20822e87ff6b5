package io.workbench.model.djl;

import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Convolutional networks, standardised per channel: {@code cnn1d} takes {@code [channels, length]} samples,
 * per filter count a same-padded {@code convI} and a {@code poolI} (max pool 2), then {@code global_pool}
 * (average over positions); {@code cnn2d} takes {@code [c, h, w]} samples, with 2D convolutions and 2x2 pools,
 * then {@code flatten}. Both end with the dense layers and {@code output}.
 */
final class Cnn implements NetworkKind {

  private final boolean twoD;

  Cnn(boolean twoD) {
    this.twoD = twoD;
  }

  @Override
  public String name() {
    return twoD ? "cnn2d" : "cnn1d";
  }

  @Override
  public int[] inputShape(int[] sampleShape, int features) {
    return twoD ? Layers.shapeWithAxes(name(), sampleShape, features, 3, "[channels, height, width]")
        : Layers.shapeWithAxes(name(), sampleShape, features, 2, "[channels, length]");
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
    Layers.convolutions(a, twoD, out);
    out.add(twoD ? Layers.flatten() : new Architecture.Layer("global_pool", Pool.globalAvgPool1dBlock(), false));
    Layers.dense(a, out);
    out.add(Layers.output(a));
    return out;
  }
}
