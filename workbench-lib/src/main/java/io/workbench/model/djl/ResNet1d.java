package io.workbench.model.djl;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The 1D ResNet of the PTB-XL benchmark (Strodthoff et al. 2021, "Deep learning for ECG analysis: benchmarks
 * and insights from PTB-XL", model {@code resnet1d_wang}, after Wang et al. 2017), for samples {@code [leads,
 * time]}:
 *
 * <ul>
 *   <li>{@code stem}: {@code planes} filters of {@code stem_kernel} taps (same padding, no bias), batch norm,
 *       ReLU;
 *   <li>{@code block1..blockB}: basic residual blocks of {@code planes} filters, kernels {@code kernel_size}
 *       then {@code kernel_size2}; the first at stride 1, the others at stride 2 with a 1x1 convolution and
 *       batch norm on the shortcut;
 *   <li>{@code concat_pool}: max and mean over time, side by side ({@code 2 planes} values);
 *   <li>{@code dense1}: batch norm, dropout (half the dropout setting), {@code head_units} linear units, ReLU;
 *       {@code head_norm}: batch norm, dropout; {@code output}: one linear unit per class or label.
 * </ul>
 *
 * Defaults as the benchmark's: 128 planes, 3 blocks, kernels 5 and 3, stem kernel 7, a head of 128 units,
 * dropout 0.5. Multi-label datasets (PTB-XL's statements) train one sigmoid output per label with binary
 * cross-entropy, as every network of the trainer. The architecture's activation setting is not used.
 */
final class ResNet1d extends SignalNetwork {

  /** Option names and defaults. */
  static final Map<String, Integer> DEFAULTS = Map.of("planes", 128, "blocks", 3, "kernel_size", 5,
      "kernel_size2", 3, "stem_kernel", 7, "head_units", 128);

  /** The head's dropout ({@code ps_head}; its first dense layer uses half). */
  static final double DROPOUT = 0.5;

  static final String NAME = "resnet1d";

  /** The most residual blocks a network may have (each is built before any weight is allocated). */
  static final int MAX_BLOCKS = 1000;

  ResNet1d() {
    super(NAME, "ResNet1d", DEFAULTS);
  }

  @Override
  public void check(int[] inputShape, int[] filters, int kernelSize, Map<String, Double> options) {
    super.check(inputShape, filters, kernelSize, options);
    if (option(options, "blocks") > MAX_BLOCKS) {
      throw new IllegalArgumentException("Option 'blocks' of network kind 'resnet1d' must be at most " + MAX_BLOCKS
          + ", got " + option(options, "blocks"));
    }
    for (String k : List.of("kernel_size", "kernel_size2", "stem_kernel")) {
      if (option(options, k) % 2 == 0) {
        throw new IllegalArgumentException("Option '" + k + "' of network kind 'resnet1d' must be odd (same "
            + "padding), got " + option(options, k));
      }
    }
  }

  /** Same padding everywhere and strides of 2 keep at least one position of any signal. */
  @Override
  int finalLength(Map<String, Double> options, int t) {
    return t;
  }

  @Override
  public List<Architecture.Layer> layers(Architecture a) {
    Map<String, Double> o = a.options();
    int planes = option(o, "planes");
    int stem = option(o, "stem_kernel");
    List<Architecture.Layer> out = new ArrayList<>();
    out.add(new Architecture.Layer("stem", new SequentialBlock()
        .add(SignalLayers.conv1d(planes, stem, (stem - 1) / 2, 1, 1, false)).add(SignalLayers.batchNorm())
        .add(Activation.reluBlock()), true));
    for (int b = 1; b <= option(o, "blocks"); b++) {
      int stride = b == 1 ? 1 : 2;
      out.add(new Architecture.Layer("block" + b,
          SignalLayers.residual(planes, option(o, "kernel_size"), option(o, "kernel_size2"), stride, stride != 1), true));
    }
    out.add(new Architecture.Layer("concat_pool", SignalLayers.concatPool(), false));
    out.add(new Architecture.Layer("dense1", new SequentialBlock().add(SignalLayers.batchNorm())
        .add(SignalLayers.dropout(a.dropout() / 2)).add(Linear.builder().setUnits(option(o, "head_units")).build())
        .add(Activation.reluBlock()), false));
    out.add(new Architecture.Layer("head_norm", new SequentialBlock().add(SignalLayers.batchNorm())
        .add(SignalLayers.dropout(a.dropout())), false));
    out.add(Layers.output(a));
    return out;
  }
}
