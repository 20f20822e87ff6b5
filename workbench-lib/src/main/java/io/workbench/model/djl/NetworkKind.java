package io.workbench.model.djl;

import java.util.List;
import java.util.Map;

/**
 * One kind of network: the layers it builds from an {@link Architecture}, the sample shapes it accepts, and
 * how its inputs are standardised. Adding an architecture (EEGNet, a 1D ResNet, a prototype network...) is one
 * class in this package implementing this interface, listed in {@link NetworkKinds}, plus a factory on {@code
 * NeuralTrainer} or {@code Models}; the trainer, saving and loading, gradients and layer activations then work
 * unchanged. Package-private because layers are DJL blocks, and no DJL type appears in the public API.
 * Kind-specific numbers (for example EEGNet's {@code F1} and {@code D}) travel in {@link
 * Architecture#options()} and are saved with the model.
 *
 * <pre>{@code
 * final class Shallow implements NetworkKind {
 *   public String name() { return "shallow"; }
 *   public int[] inputShape(int[] shape, int features) { return Layers.shapeWithAxes(name(), shape, features, 2, "[channels, length]"); }
 *   public List<Architecture.Layer> layers(Architecture a) { ... conv, pool, Layers.dense(a), Layers.output(a) }
 * }
 * }</pre>
 */
interface NetworkKind {

  /** The name written into {@code model.json}, for example {@code mlp}. */
  String name();

  /**
   * The shape of one input sample for data of this sample shape, or an {@link IllegalArgumentException}
   * saying which shapes the kind accepts.
   *
   * @param sampleShape the dataset's sample shape
   * @param features the dataset's number of features (the product of the sample shape)
   */
  int[] inputShape(int[] sampleShape, int features);

  /**
   * Checks the kind-specific parts of an architecture being built, failing with a message naming the setting;
   * the shared parts (outputs, activation, dropout, hidden sizes) are already checked.
   *
   * @param inputShape the shape of one sample
   * @param filters convolution filter counts
   * @param kernelSize convolution kernel size
   * @param options kind-specific numbers
   */
  default void check(int[] inputShape, int[] filters, int kernelSize, Map<String, Double> options) {}

  /** Fresh (uninitialised) layers, input to output, with stable readable names. */
  List<Architecture.Layer> layers(Architecture a);

  /**
   * Whether inputs are standardised per channel (shared over positions, for signals and images) rather than
   * per feature.
   */
  default boolean perChannelStandardisation() {
    return false;
  }

  /** Whether the trainer's hidden layer sizes apply ({@code false} for logistic and linear regression). */
  default boolean usesHidden() {
    return true;
  }
}
