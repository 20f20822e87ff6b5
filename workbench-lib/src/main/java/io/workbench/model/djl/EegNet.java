package io.workbench.model.djl;

import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EEGNet (Lawhern et al. 2018, "EEGNet: a compact convolutional neural network for EEG-based brain-computer
 * interfaces"), version 4 as braindecode's {@code EEGNetv4} builds it, for samples {@code [channels, time]}:
 *
 * <ul>
 *   <li>{@code to_plane}: the sample as one plane {@code [1, channels, time]};
 *   <li>{@code temporal}: {@code F1} temporal filters of {@code kernel_length} taps (zero padding half the
 *       kernel, no bias), batch norm;
 *   <li>{@code spatial}: a depthwise convolution over all electrodes ({@code D} spatial filters per temporal
 *       filter, no bias), batch norm, ELU, the electrode axis dropped;
 *   <li>{@code pool1}: average pool {@code pool1}, dropout;
 *   <li>{@code separable}: a depthwise temporal convolution of {@code separable_kernel} taps then a pointwise
 *       one to {@code F2} filters (no bias), batch norm, ELU;
 *   <li>{@code pool2}: average pool {@code pool2}, dropout;
 *   <li>{@code flatten}, {@code output}: a dense layer from all remaining positions to the outputs (the same
 *       weights as braindecode's final convolution of length "auto").
 * </ul>
 *
 * Defaults as the paper and braindecode: F1 = 8, D = 2, F2 = 16, kernel_length = 64, separable_kernel = 16,
 * pools 4 and 8, dropout 0.25 (the paper uses 0.5 within subject). braindecode's max-norm weight constraints are
 * not applied. The architecture's activation setting is not used: EEGNet uses ELU.
 */
final class EegNet extends SignalNetwork {

  /** Option names and defaults. */
  static final Map<String, Integer> DEFAULTS = Map.of("F1", 8, "D", 2, "F2", 16, "kernel_length", 64,
      "separable_kernel", 16, "pool1", 4, "pool2", 8);

  /** Dropout after each pool, as braindecode's {@code drop_prob}. */
  static final double DROPOUT = 0.25;

  static final String NAME = "eegnet";

  EegNet() {
    super(NAME, "EEGNet", DEFAULTS);
  }

  /** Time positions left before the classifier for a signal of {@code t} samples. */
  @Override
  int finalLength(Map<String, Double> o, int t) {
    int kl = option(o, "kernel_length");
    int t1 = t + 2 * (kl / 2) - kl + 1;
    int p1 = SignalLayers.windows(t1, option(o, "pool1"), option(o, "pool1"));
    int sk = option(o, "separable_kernel");
    int t2 = p1 < 1 ? 0 : p1 + 2 * (sk / 2) - sk + 1;
    return SignalLayers.windows(t2, option(o, "pool2"), option(o, "pool2"));
  }

  @Override
  public List<Architecture.Layer> layers(Architecture a) {
    Map<String, Double> o = a.options();
    int channels = a.inputShape()[0];
    int f1 = option(o, "F1");
    int fd = f1 * option(o, "D");
    int kl = option(o, "kernel_length");
    int sk = option(o, "separable_kernel");
    List<Architecture.Layer> out = new ArrayList<>();
    out.add(SignalLayers.toPlane());
    out.add(new Architecture.Layer("temporal", new SequentialBlock()
        .add(SignalLayers.conv2d(f1, 1, kl, kl / 2, 1, false)).add(SignalLayers.batchNorm()), false));
    out.add(new Architecture.Layer("spatial", new SequentialBlock()
        .add(SignalLayers.conv2d(fd, channels, 1, 0, f1, false)).add(SignalLayers.batchNorm())
        .add(SignalLayers.elu()).add(SignalLayers.dropHeight()), true));
    out.add(new Architecture.Layer("pool1", new SequentialBlock()
        .add(SignalLayers.avgPool(option(o, "pool1"), option(o, "pool1"))).add(SignalLayers.dropout(a.dropout())), false));
    out.add(new Architecture.Layer("separable", new SequentialBlock()
        .add(SignalLayers.conv1d(fd, sk, sk / 2, 1, fd, false))
        .add(SignalLayers.conv1d(option(o, "F2"), 1, 0, 1, 1, false)).add(SignalLayers.batchNorm())
        .add(SignalLayers.elu()), true));
    out.add(new Architecture.Layer("pool2", new SequentialBlock()
        .add(SignalLayers.avgPool(option(o, "pool2"), option(o, "pool2"))).add(SignalLayers.dropout(a.dropout())), false));
    out.add(Layers.flatten());
    out.add(Layers.output(a));
    return out;
  }
}
