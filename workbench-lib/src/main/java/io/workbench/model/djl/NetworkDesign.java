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
