package io.workbench.model.djl;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of a network, as a value written into {@code model.json} and rebuilt from it. Layers have stable,
 * readable names: {@code conv1, pool1, conv2, pool2, ..., global_pool | flatten, dense1, dense2, ..., output}.
 * Which layers a kind builds is its {@link NetworkKind}'s business ({@link NetworkKinds} lists them):
 *
 * <ul>
 *   <li>{@code linear}: one {@code output} layer (logistic or linear regression);
 *   <li>{@code mlp}: {@code dense1..denseH} (linear, optional batch norm, activation, optional dropout) then
 *       {@code output};
 *   <li>{@code cnn1d}: input {@code [channels, length]}; per filter count a {@code convI} (same-padded
 *       convolution, optional batch norm, activation) and a {@code poolI} (max pool 2, while the length is at
 *       least 2), then {@code global_pool} (average over positions), dense layers and {@code output};
 *   <li>{@code cnn2d}: input {@code [c, h, w]}; likewise with 2D convolutions and 2x2 pools, then {@code
 *       flatten}, dense layers and {@code output};
 *   <li>the published signal networks, input {@code [channels, time]}, their numbers in {@code options}: {@code
 *       eegnet} (EEGNet), {@code shallow_fbcsp} (ShallowFBCSPNet), {@code deep4} (Deep4Net), {@code resnet1d}
 *       (the PTB-XL benchmark's 1D ResNet); see {@link NetworkDesign#eegNet()} and its siblings.
 * </ul>
 *
 * <pre>{@code
 * Architecture a = new Architecture("mlp", new int[] {30}, 2, new int[] {64, 32}, new int[0], 3, "relu", 0.1, false);
 * a.layerNames();   // [dense1, dense2, output]
 * }</pre>
 *
 * @param kind a name known to {@link NetworkKinds}: {@code linear}, {@code mlp}, {@code cnn1d}, {@code cnn2d},
 *     {@code eegnet}, {@code shallow_fbcsp}, {@code deep4}, {@code resnet1d}
 * @param inputShape shape of one sample
 * @param outputs output units (classes, or 1 for regression)
 * @param hidden units of the dense hidden layers
 * @param filters filters of the convolution layers (CNNs only)
 * @param kernelSize convolution kernel size (odd)
 * @param activation {@code relu}, {@code tanh} or {@code gelu}
 * @param dropout dropout rate after each hidden dense layer, in [0, 1)
 * @param batchNorm whether hidden and convolution layers use batch normalisation
 * @param options kind-specific numbers (none for the built-in kinds; for example EEGNet's {@code F1}, {@code
 *     D}); empty when absent from an older {@code model.json}
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
    boolean batchNorm,
    java.util.Map<String, Double> options) {

  /** Validates and copies. */
  public Architecture {
    NetworkKind k = NetworkKinds.of(kind);
    activation = Layers.checkActivation(activation);
    Layers.checkDropout(dropout);
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
    inputShape = inputShape.clone();
    hidden = hidden.clone();
    filters = filters.clone();
    options = options == null ? java.util.Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(options));
    k.check(inputShape, filters, kernelSize, options);
  }

  /** An architecture without kind-specific options (every built-in kind). */
  public Architecture(String kind, int[] inputShape, int outputs, int[] hidden, int[] filters, int kernelSize,
      String activation, double dropout, boolean batchNorm) {
    this(kind, inputShape, outputs, hidden, filters, kernelSize, activation, dropout, batchNorm, java.util.Map.of());
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
    if (!options.isEmpty()) {
      s.append(' ').append(options);
    }
    return s.toString();
  }

  /** Its kind. */
  NetworkKind networkKind() {
    return NetworkKinds.of(kind);
  }

  /** One named layer of the network: a DJL block, and whether it is a convolution (Grad-CAM's choice). */
  static final class Layer {
    final String name;
    final Block block;
    final boolean convolution;

    /** A layer named {@code name}. */
    Layer(String name, Block block, boolean convolution) {
      this.name = java.util.Objects.requireNonNull(name, "name");
      this.block = java.util.Objects.requireNonNull(block, "block");
      this.convolution = convolution;
    }

    /** The layer's name. */
    String name() {
      return name;
    }

    /** The layer's block. */
    Block block() {
      return block;
    }

    /** Whether the layer is a convolution. */
    boolean convolution() {
      return convolution;
    }
  }

  /** Builds fresh (uninitialised) blocks for the layers, input to output. */
  List<Layer> layers() {
    return networkKind().layers(this);
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
        && batchNorm == a.batchNorm
        && options.equals(a.options);
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
