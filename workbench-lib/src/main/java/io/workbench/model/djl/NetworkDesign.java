package io.workbench.model.djl;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The network a trainer builds, before it has seen data: the kind, hidden and convolution layers, activation,
 * dropout and batch normalisation. {@link #architecture(int[], int)} completes it with the data's input shape
 * and number of outputs. Immutable; {@code withX} returns a changed copy.
 *
 * <pre>{@code
 * NetworkDesign d = NetworkDesign.of("mlp").withHidden(64, 32).withDropout(0.1);
 * Architecture a = d.architecture(new int[] {30}, 2);   // mlp 30-64-32-2 relu dropout 0.1
 * NetworkDesign eeg = NetworkDesign.eegNet().withOption("F1", 4);   // the published networks, one call each
 * }</pre>
 *
 * @param kind the network kind's name (see {@link NetworkKinds})
 * @param hidden units of the dense hidden layers
 * @param filters filters of the convolution layers
 * @param kernelSize convolution kernel size (odd)
 * @param activation {@code relu}, {@code tanh} or {@code gelu}
 * @param dropout dropout rate after each hidden dense layer, in [0, 1)
 * @param batchNorm batch normalisation after each hidden and convolution layer
 * @param options kind-specific numbers
 */
public record NetworkDesign(String kind, int[] hidden, int[] filters, int kernelSize, String activation,
    double dropout, boolean batchNorm, Map<String, Double> options) {

  /** Validates and copies. */
  public NetworkDesign {
    NetworkKinds.of(kind);
    hidden = positive("hidden layer sizes", hidden).clone();
    filters = positive("filter counts", filters).clone();
    if (kernelSize < 1 || kernelSize % 2 == 0) {
      throw new IllegalArgumentException("kernelSize must be odd and >= 1, got " + kernelSize);
    }
    activation = Layers.checkActivation(activation);
    Layers.checkDropout(dropout);
    options = Map.copyOf(Objects.requireNonNull(options, "options"));
  }

  /** A design of this kind: no layers, kernel size 3, ReLU, no dropout, no batch norm. */
  public static NetworkDesign of(String kind) {
    return new NetworkDesign(kind, new int[0], new int[0], 3, "relu", 0, false, Map.of());
  }

  /**
   * EEGNet v4 (Lawhern et al. 2018) with the paper's and braindecode's defaults: options {@code F1} 8, {@code D}
   * 2, {@code F2} 16, {@code kernel_length} 64, {@code separable_kernel} 16, {@code pool1} 4, {@code pool2} 8;
   * dropout 0.25. Samples {@code [channels, time]}; change a number with {@code withOption("F1", 4)}.
   */
  public static NetworkDesign eegNet() {
    return new EegNet().design(EegNet.DROPOUT);
  }

  /**
   * ShallowFBCSPNet (Schirrmeister et al. 2017) with braindecode's defaults: options {@code n_filters_time} 40,
   * {@code filter_time_length} 25, {@code n_filters_spat} 40, {@code pool_time_length} 75, {@code
   * pool_time_stride} 15; dropout 0.5. Samples {@code [channels, time]}.
   */
  public static NetworkDesign shallowFbcspNet() {
    return new ShallowFbcspNet().design(ShallowFbcspNet.DROPOUT);
  }

  /**
   * Deep4Net (Schirrmeister et al. 2017) with braindecode's defaults: options {@code n_filters_time} and {@code
   * n_filters_spat} 25, {@code filter_time_length} 10, {@code n_filters_2..4} 50, 100, 200, {@code
   * filter_length_2..4} 10, {@code pool_time_length} and {@code pool_time_stride} 3; dropout 0.5.
   */
  public static NetworkDesign deep4Net() {
    return new Deep4Net().design(Deep4Net.DROPOUT);
  }

  /**
   * The PTB-XL benchmark's 1D ResNet ({@code resnet1d_wang}, Strodthoff et al. 2021) with its defaults: options
   * {@code planes} 128, {@code blocks} 3, {@code kernel_size} 5, {@code kernel_size2} 3, {@code stem_kernel} 7,
   * {@code head_units} 128; dropout 0.5. Samples {@code [leads, time]}.
   */
  public static NetworkDesign resNet1d() {
    return new ResNet1d().design(ResNet1d.DROPOUT);
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  @Override
  public int[] filters() {
    return filters.clone();
  }

  /** A copy with other hidden layer sizes. */
  public NetworkDesign withHidden(int... units) {
    return new NetworkDesign(kind, units, filters, kernelSize, activation, dropout, batchNorm, options);
  }

  /** A copy with other convolution filter counts. */
  public NetworkDesign withFilters(int... counts) {
    return new NetworkDesign(kind, hidden, counts, kernelSize, activation, dropout, batchNorm, options);
  }

  /** A copy with another kernel size. */
  public NetworkDesign withKernelSize(int size) {
    return new NetworkDesign(kind, hidden, filters, size, activation, dropout, batchNorm, options);
  }

  /** A copy with another activation. */
  public NetworkDesign withActivation(String name) {
    return new NetworkDesign(kind, hidden, filters, kernelSize, name, dropout, batchNorm, options);
  }

  /** A copy with another dropout rate. */
  public NetworkDesign withDropout(double rate) {
    return new NetworkDesign(kind, hidden, filters, kernelSize, activation, rate, batchNorm, options);
  }

  /** A copy with batch normalisation on or off. */
  public NetworkDesign withBatchNorm(boolean on) {
    return new NetworkDesign(kind, hidden, filters, kernelSize, activation, dropout, on, options);
  }

  /** A copy with another kind-specific number. */
  public NetworkDesign withOption(String name, double value) {
    Map<String, Double> o = new java.util.TreeMap<>(options);
    o.put(Objects.requireNonNull(name, "name"), value);
    return new NetworkDesign(kind, hidden, filters, kernelSize, activation, dropout, batchNorm, o);
  }

  /** The network kind. */
  NetworkKind networkKind() {
    return NetworkKinds.of(kind);
  }

  /**
   * The architecture for samples of {@code inputShape} and {@code outputs} outputs.
   *
   * @throws IllegalArgumentException when the kind does not accept the shape
   */
  public Architecture architecture(int[] inputShape, int outputs) {
    return new Architecture(kind, inputShape, outputs, networkKind().usesHidden() ? hidden : new int[0], filters,
        kernelSize, activation, dropout, batchNorm, options);
  }

  private static int[] positive(String what, int[] v) {
    Objects.requireNonNull(v, what);
    for (int x : v) {
      if (x < 1) {
        throw new IllegalArgumentException(what + " must be >= 1, got " + Arrays.toString(v));
      }
    }
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkDesign d && kind.equals(d.kind) && Arrays.equals(hidden, d.hidden)
        && Arrays.equals(filters, d.filters) && kernelSize == d.kernelSize && activation.equals(d.activation)
        && dropout == d.dropout && batchNorm == d.batchNorm && options.equals(d.options);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, Arrays.hashCode(hidden), Arrays.hashCode(filters), kernelSize, activation, dropout,
        batchNorm, options);
  }

  @Override
  public String toString() {
    return kind + " hidden=" + Arrays.toString(hidden) + (filters.length > 0 ? " filters=" + Arrays.toString(filters)
        + " kernel=" + kernelSize : "") + " " + activation + (dropout > 0 ? " dropout " + dropout : "")
        + (batchNorm ? " batchnorm" : "") + (options.isEmpty() ? "" : " " + options);
  }
}
