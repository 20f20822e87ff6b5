package io.workbench.model.djl;

import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ShallowFBCSPNet (Schirrmeister et al. 2017, "Deep learning with convolutional neural networks for EEG
 * decoding and visualization"), the shallow ConvNet modelled on filter-bank common spatial patterns, as
 * braindecode builds it, for samples {@code [channels, time]}:
 *
 * <ul>
 *   <li>{@code to_plane}: the sample as one plane {@code [1, channels, time]};
 *   <li>{@code temporal}: {@code n_filters_time} temporal filters of {@code filter_time_length} taps (with bias);
 *   <li>{@code spatial}: {@code n_filters_spat} filters over all electrodes (no bias), batch norm, the electrode
 *       axis dropped;
 *   <li>{@code pool}: square, average pool {@code pool_time_length} at stride {@code pool_time_stride}, safe log
 *       ({@code log(max(x, 1e-6))}), dropout: a log band power;
 *   <li>{@code flatten}, {@code output}: a dense layer from all remaining positions to the outputs (braindecode's
 *       final convolution with {@code final_conv_length="auto"}, the setting for trial-wise decoding).
 * </ul>
 *
 * Defaults as braindecode's: 40 temporal filters of 25 taps, 40 spatial filters, pool 75 stride 15, dropout
 * 0.5. The architecture's activation setting is not used.
 */
final class ShallowFbcspNet extends SignalNetwork {

  /** Option names (braindecode's) and defaults. */
  static final Map<String, Integer> DEFAULTS = Map.of("n_filters_time", 40, "filter_time_length", 25,
      "n_filters_spat", 40, "pool_time_length", 75, "pool_time_stride", 15);

  /** Dropout before the classifier, as braindecode's {@code drop_prob}. */
  static final double DROPOUT = 0.5;

  static final String NAME = "shallow_fbcsp";

  ShallowFbcspNet() {
    super(NAME, "ShallowFBCSPNet", DEFAULTS);
  }

  /** Time positions left before the classifier for a signal of {@code t} samples. */
  @Override
  int finalLength(Map<String, Double> o, int t) {
    return SignalLayers.windows(t - option(o, "filter_time_length") + 1, option(o, "pool_time_length"),
        option(o, "pool_time_stride"));
  }

  @Override
  public List<Architecture.Layer> layers(Architecture a) {
    Map<String, Double> o = a.options();
    int channels = a.inputShape()[0];
    List<Architecture.Layer> out = new ArrayList<>();
    out.add(SignalLayers.toPlane());
    out.add(new Architecture.Layer("temporal",
        SignalLayers.conv2d(option(o, "n_filters_time"), 1, option(o, "filter_time_length"), 0, 1, true), false));
    out.add(new Architecture.Layer("spatial", new SequentialBlock()
        .add(SignalLayers.conv2d(option(o, "n_filters_spat"), channels, 1, 0, 1, false)).add(SignalLayers.batchNorm())
        .add(SignalLayers.dropHeight()), true));
    out.add(new Architecture.Layer("pool", new SequentialBlock()
        .add(SignalLayers.square())
        .add(SignalLayers.avgPool(option(o, "pool_time_length"), option(o, "pool_time_stride")))
        .add(SignalLayers.safeLog()).add(SignalLayers.dropout(a.dropout())), false));
    out.add(Layers.flatten());
    out.add(Layers.output(a));
    return out;
  }
}
