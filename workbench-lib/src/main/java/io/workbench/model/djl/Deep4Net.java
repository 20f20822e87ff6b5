package io.workbench.model.djl;

import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deep4Net (Schirrmeister et al. 2017, "Deep learning with convolutional neural networks for EEG decoding and
 * visualization"), the deep ConvNet, as braindecode builds it, for samples {@code [channels, time]}:
 *
 * <ul>
 *   <li>{@code to_plane}: the sample as one plane {@code [1, channels, time]};
 *   <li>{@code temporal}: {@code n_filters_time} temporal filters of {@code filter_time_length} taps (with bias);
 *   <li>{@code spatial}: {@code n_filters_spat} filters over all electrodes (no bias), batch norm, ELU, the
 *       electrode axis dropped; {@code pool1}: max pool {@code pool_time_length} at stride {@code
 *       pool_time_stride};
 *   <li>{@code conv2..conv4}: dropout, {@code n_filters_i} temporal filters of {@code filter_length_i} taps (no
 *       bias), batch norm, ELU; each followed by {@code pool2..pool4} (max pool as above);
 *   <li>{@code flatten}, {@code output}: a dense layer from all remaining positions to the outputs (braindecode's
 *       final convolution with {@code final_conv_length="auto"}).
 * </ul>
 *
 * Defaults as braindecode's: 25 temporal and 25 spatial filters of 10 taps, then 50, 100 and 200 filters of 10
 * taps, max pools 3 at stride 3, dropout 0.5. The architecture's activation setting is not used: Deep4Net uses
 * ELU.
 */
final class Deep4Net extends SignalNetwork {

  /** Option names (braindecode's) and defaults. */
  static final Map<String, Integer> DEFAULTS = Map.ofEntries(Map.entry("n_filters_time", 25),
      Map.entry("n_filters_spat", 25), Map.entry("filter_time_length", 10), Map.entry("pool_time_length", 3),
      Map.entry("pool_time_stride", 3), Map.entry("n_filters_2", 50), Map.entry("filter_length_2", 10),
      Map.entry("n_filters_3", 100), Map.entry("filter_length_3", 10), Map.entry("n_filters_4", 200),
      Map.entry("filter_length_4", 10));

  /** Dropout before the convolutions of blocks 2 to 4, as braindecode's {@code drop_prob}. */
  static final double DROPOUT = 0.5;

  static final String NAME = "deep4";

  Deep4Net() {
    super(NAME, "Deep4Net", DEFAULTS);
  }

  /** Time positions left before the classifier for a signal of {@code t} samples. */
  @Override
  int finalLength(Map<String, Double> o, int t) {
    int p = option(o, "pool_time_length");
    int s = option(o, "pool_time_stride");
    int n = SignalLayers.windows(t, option(o, "filter_time_length"), 1);
    n = SignalLayers.windows(n, p, s);
    for (int b = 2; b <= 4; b++) {
      n = SignalLayers.windows(n, option(o, "filter_length_" + b), 1);
      n = SignalLayers.windows(n, p, s);
    }
    return n;
  }

  @Override
  public List<Architecture.Layer> layers(Architecture a) {
    Map<String, Double> o = a.options();
    int channels = a.inputShape()[0];
    int p = option(o, "pool_time_length");
    int s = option(o, "pool_time_stride");
    List<Architecture.Layer> out = new ArrayList<>();
    out.add(SignalLayers.toPlane());
    out.add(new Architecture.Layer("temporal",
        SignalLayers.conv2d(option(o, "n_filters_time"), 1, option(o, "filter_time_length"), 0, 1, true), false));
    out.add(new Architecture.Layer("spatial", new SequentialBlock()
        .add(SignalLayers.conv2d(option(o, "n_filters_spat"), channels, 1, 0, 1, false)).add(SignalLayers.batchNorm())
        .add(SignalLayers.elu()).add(SignalLayers.dropHeight()), true));
    out.add(new Architecture.Layer("pool1", SignalLayers.maxPool(p, s), false));
    for (int b = 2; b <= 4; b++) {
      int k = option(o, "filter_length_" + b);
      out.add(new Architecture.Layer("conv" + b, new SequentialBlock()
          .add(SignalLayers.dropout(a.dropout())).add(SignalLayers.conv1d(option(o, "n_filters_" + b), k, 0, 1, 1, false))
          .add(SignalLayers.batchNorm()).add(SignalLayers.elu()), true));
      out.add(new Architecture.Layer("pool" + b, SignalLayers.maxPool(p, s), false));
    }
    out.add(Layers.flatten());
    out.add(Layers.output(a));
    return out;
  }
}
