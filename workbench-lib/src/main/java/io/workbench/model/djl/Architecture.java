package io.workbench.model.djl;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The shape of a network, as a value written into {@code model.json} and rebuilt from it. Layers have stable,
 * readable names: {@code conv1, pool1, conv2, pool2, ..., global_pool | flatten, dense1, dense2, ..., output}.
 *
 * <ul>
 *   <li>{@code linear}: one {@code output} layer (logistic or linear regression);
 *   <li>{@code mlp}: {@code dense1..denseH} (linear, optional batch norm, activation, optional dropout) then
 *       {@code output};
 *   <li>{@code cnn1d}: input {@code [channels, length]}; per filter count a {@code convI} (same-padded
 *       convolution, optional batch norm, activation) and a {@code poolI} (max pool 2, while the length is at
 *       least 2), then {@code global_pool} (average over positions), dense layers and {@code output};
 *   <li>{@code cnn2d}: input {@code [c, h, w]}; likewise with 2D convolutions and 2x2 pools, then {@code
 *       flatten}, dense layers and {@code output}.
 * </ul>
 *
 * <pre>{@code
 * Architecture a = new Architecture("mlp", new int[] {30}, 2, new int[] {64, 32}, new int[0], 3, "relu", 0.1, false);
 * a.layerNames();   // [dense1, dense2, output]
 * }</pre>
 *
 * @param kind {@code linear}, {@code mlp}, {@code cnn1d} or {@code cnn2d}
 * @param inputShape shape of one sample
 * @param outputs output units (classes, or 1 for regression)
 * @param hidden units of the dense hidden layers
 * @param filters filters of the convolution layers (CNNs only)
 * @param kernelSize convolution kernel size (odd)
 * @param activation {@code relu}, {@code tanh} or {@code gelu}
 * @param dropout dropout rate after each hidden dense layer, in [0, 1)
 * @param batchNorm whether hidden and convolution layers use batch normalisation
 */
public record Architecture(
    String kind,
    int[] inputShape,
    int outputs,
    int[] hidden,
    int[] filters,
    int kernelSize,
    String activation,
    double dropout,
    boolean batchNorm) {

  /** Activations a network may use. */
  static final List<String> ACTIVATIONS = List.of("relu", "tanh", "gelu");

  /** Network kinds. */
  static final List<String> KINDS = List.of("linear", "mlp", "cnn1d", "cnn2d");

  /** Validates and copies. */
  public Architecture {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("Unknown network kind '" + kind + "'; expected one of " + KINDS);
    }
    activation = activation.toLowerCase(Locale.ROOT);
    if (!ACTIVATIONS.contains(activation)) {
      throw new IllegalArgumentException(
          "Unknown activation '" + activation + "'; expected one of " + ACTIVATIONS);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("Dropout rate must be in [0, 1), got " + dropout);
    }
    if (outputs < 1) {
      throw new IllegalArgumentException("A network needs at least one output, got " + outputs);
    }
    for (int h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("Hidden layer sizes must be >= 1, got " + Arrays.toString(hidden));
      }
    }
    for (int f : filters) {
      if (f < 1) {
        throw new IllegalArgumentException("Filter counts must be >= 1, got " + Arrays.toString(filters));
      }
    }
    boolean cnn = kind.startsWith("cnn");
    if (cnn && (kernelSize < 1 || kernelSize % 2 == 0)) {
      throw new IllegalArgumentException("Kernel size must be odd and >= 1, got " + kernelSize);
    }
    if (cnn && filters.length == 0) {
      throw new IllegalArgumentException("A CNN needs at least one convolution layer (filters)");
    }
    int dims = kind.equals("cnn1d") ? 2 : kind.equals("cnn2d") ? 3 : -1;
    if (dims > 0 && inputShape.length != dims) {
      throw new IllegalArgumentException(
          kind + " needs samples of shape " + (dims == 2 ? "[channels, length]" : "[channels, height, width]")
              + ", the data has sampleShape " + Arrays.toString(inputShape)
              + "; set it with Dataset.builder(..).sampleShape(..)");
    }
    inputShape = inputShape.clone();
    hidden = hidden.clone();
    filters = filters.clone();
  }

  @Override
  public int[] inputShape() {
    return inputShape.clone();
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  @Override
  public int[] filters() {
    return filters.clone();
  }

  /** Number of raw input values per sample. */
  public int inputSize() {
    int n = 1;
    for (int s : inputShape) {
      n *= s;
    }
    return n;
  }

  /** Layer names, input to output. */
  public List<String> layerNames() {
    List<String> names = new ArrayList<>();
    for (Layer l : layers()) {
      names.add(l.name);
    }
    return names;
  }

  /** A short description, for example {@code mlp 30-64-32-2 relu}. */
  public String describe() {
    StringBuilder s = new StringBuilder(kind).append(' ');
    s.append(String.join("x", Arrays.stream(inputShape).mapToObj(Integer::toString).toList()));
    for (int f : filters) {
      s.append("-c").append(f);
    }
    for (int h : hidden) {
      s.append('-').append(h);
    }
    s.append('-').append(outputs);
    if (!kind.equals("linear")) {
      s.append(' ').append(activation);
    }
    if (dropout > 0) {
      s.append(" dropout ").append(dropout);
    }
    if (batchNorm) {
      s.append(" batchnorm");
    }
    return s.toString();
  }

  /** One named layer of the network. */
  static final class Layer {
    final String name;
    final Block block;
    final boolean convolution;

    Layer(String name, Block block, boolean convolution) {
      this.name = name;
      this.block = block;
      this.convolution = convolution;
    }
  }

  /** Builds fresh (uninitialised) blocks for the layers, input to output. */
  List<Layer> layers() {
    List<Layer> out = new ArrayList<>();
    if (kind.equals("cnn1d") || kind.equals("cnn2d")) {
      boolean two = kind.equals("cnn2d");
      int pad = kernelSize / 2;
      int[] spatial = Arrays.copyOfRange(inputShape, 1, inputShape.length);
      for (int i = 0; i < filters.length; i++) {
        SequentialBlock conv = new SequentialBlock();
        conv.add(two
            ? Conv2d.builder().setKernelShape(new Shape(kernelSize, kernelSize)).optPadding(new Shape(pad, pad))
                .setFilters(filters[i]).build()
            : Conv1d.builder().setKernelShape(new Shape(kernelSize)).optPadding(new Shape(pad))
                .setFilters(filters[i]).build());
        if (batchNorm) {
          conv.add(BatchNorm.builder().build());
        }
        conv.add(activationBlock());
        out.add(new Layer("conv" + (i + 1), conv, true));
        boolean canPool = true;
        for (int s : spatial) {
          canPool &= s >= 2;
        }
        if (canPool) {
          out.add(new Layer("pool" + (i + 1),
              two ? Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)) : Pool.maxPool1dBlock(new Shape(2), new Shape(2)),
              false));
          for (int d = 0; d < spatial.length; d++) {
            spatial[d] /= 2;
          }
        }
      }
      out.add(two ? new Layer("flatten", Blocks.batchFlattenBlock(), false)
          : new Layer("global_pool", Pool.globalAvgPool1dBlock(), false));
    } else if (inputShape.length > 1) {
      out.add(new Layer("flatten", Blocks.batchFlattenBlock(), false));
    }
    if (!kind.equals("linear")) {
      for (int i = 0; i < hidden.length; i++) {
        SequentialBlock dense = new SequentialBlock();
        dense.add(Linear.builder().setUnits(hidden[i]).build());
        if (batchNorm) {
          dense.add(BatchNorm.builder().build());
        }
        dense.add(activationBlock());
        if (dropout > 0) {
          dense.add(Dropout.builder().optRate((float) dropout).build());
        }
        out.add(new Layer("dense" + (i + 1), dense, false));
      }
    }
    out.add(new Layer("output", Linear.builder().setUnits(outputs).build(), false));
    return out;
  }

  private Block activationBlock() {
    switch (activation) {
      case "tanh":
        return Activation.tanhBlock();
      case "gelu":
        return Activation.geluBlock();
      default:
        return Activation.reluBlock();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Architecture a
        && kind.equals(a.kind)
        && Arrays.equals(inputShape, a.inputShape)
        && outputs == a.outputs
        && Arrays.equals(hidden, a.hidden)
        && Arrays.equals(filters, a.filters)
        && kernelSize == a.kernelSize
        && activation.equals(a.activation)
        && dropout == a.dropout
        && batchNorm == a.batchNorm;
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Arrays.hashCode(hidden) * 7 + Arrays.hashCode(filters);
  }

  @Override
  public String toString() {
    return describe();
  }
}
