package io.workbench.model.djl;

import java.util.Map;

/**
 * What the published signal networks ({@link EegNet}, {@link ShallowFbcspNet}, {@link Deep4Net}, {@link
 * ResNet1d}) share as network kinds: samples {@code [channels, time]} standardised per channel, no trainer
 * hidden sizes, whole-number options with defaults (named as in braindecode or the paper), and a check that the
 * signal is long enough for the network's convolutions and pools.
 *
 * <pre>{@code
 * final class EegNet extends SignalNetwork {
 *   EegNet() { super("eegnet", "EEGNet", Map.of("F1", 8, "D", 2)); }
 *   int finalLength(Map<String, Double> o, int t) { ... }
 *   public List<Architecture.Layer> layers(Architecture a) { ... }
 * }
 * }</pre>
 */
abstract class SignalNetwork implements NetworkKind {

  /** The largest value an option may take (a filter count, a kernel or pool length, a number of blocks). */
  static final int MAX_OPTION = 100_000;

  private final String name;
  private final String title;
  private final Map<String, Integer> defaults;

  /**
   * @param name the kind's name in {@code model.json}
   * @param title the network's name in messages
   * @param defaults option names and their defaults
   */
  SignalNetwork(String name, String title, Map<String, Integer> defaults) {
    this.name = name;
    this.title = title;
    this.defaults = Map.copyOf(defaults);
  }

  @Override
  public final String name() {
    return name;
  }

  /** Option names and defaults. */
  final Map<String, Integer> defaults() {
    return defaults;
  }

  @Override
  public final int[] inputShape(int[] sampleShape, int features) {
    return Layers.shapeWithAxes(name, sampleShape, features, 2, "[channels, length]");
  }

  @Override
  public void check(int[] inputShape, int[] filters, int kernelSize, Map<String, Double> options) {
    for (Map.Entry<String, Double> e : options.entrySet()) {
      if (!defaults.containsKey(e.getKey())) {
        throw new IllegalArgumentException("Unknown option '" + e.getKey() + "' for network kind '" + name
            + "'; expected one of " + new java.util.TreeSet<>(defaults.keySet()));
      }
      double v = e.getValue();
      if (!(v >= 1 && v == Math.rint(v) && v <= MAX_OPTION)) {
        throw new IllegalArgumentException("Option '" + e.getKey() + "' of network kind '" + name
            + "' must be a whole number from 1 to " + MAX_OPTION + ", got " + v);
      }
    }
    int t = Layers.shapeWithAxes(name, inputShape, Layers.size(inputShape), 2, "[channels, length]")[1];
    if (finalLength(options, t) < 1) {
      throw new IllegalArgumentException(title + " with these settings needs a longer signal than " + t
          + " samples (nothing is left for the classifier after its convolutions and pools); use longer "
          + "windows, or smaller kernel or pool options");
    }
  }

  /** Time positions left before the classifier for a signal of {@code t} samples (below 1: too short). */
  abstract int finalLength(Map<String, Double> options, int t);

  /** The option's value, or its default. */
  final int option(Map<String, Double> options, String option) {
    Double v = options.get(option);
    return v == null ? defaults.get(option) : (int) Math.rint(v);
  }

  /** A design of this kind carrying every default option explicitly (so that they are saved with the model). */
  final NetworkDesign design(double dropout) {
    NetworkDesign d = NetworkDesign.of(name).withDropout(dropout);
    for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(defaults).entrySet()) {
      d = d.withOption(e.getKey(), e.getValue());
    }
    return d;
  }

  @Override
  public final boolean perChannelStandardisation() {
    return true;
  }

  @Override
  public final boolean usesHidden() {
    return false;
  }
}
