package io.workbench.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The named axes of one explained sample, read from its sample shape: {@code [feature]} for tables,
 * {@code [channel, time]} for signals, {@code [channel, height, width]} for images. Features are stored
 * flattened in channel-major order (the last axis varies fastest: signal feature {@code c * length + t},
 * image feature {@code (c * height + i) * width + j}); this class does that index arithmetic so that
 * notebooks never do. Channel names come from the feature names where they follow the signal convention
 * {@code "<channel>@t<k>"}; otherwise channels are called {@code "channel 0"}, {@code "channel 1"}, ...
 *
 * <pre>{@code
 * Axes ax = attribution.axes();      // [channel=9 (Fz, F3, ...), time=384]
 * ax.names();                        // [channel, time]
 * ax.channelNames();                 // [Fz, F3, F4, C3, Cz, C4, P3, Pz, P4]
 * ax.index(ax.channel("C3"), 100);   // flat feature index of C3 at sample 100
 * }</pre>
 */
public final class Axes {

  /** How values are combined over the reduced axes. */
  enum Op {
    SUM("sum"), MEAN("mean"), ABS_SUM("sum of |value|");

    final String label;

    Op(String label) {
      this.label = label;
    }
  }

  private final List<String> names;
  private final int[] sizes;
  private final List<String> channels;
  private final List<String> featureNames;

  private Axes(List<String> names, int[] sizes, List<String> channels, List<String> featureNames) {
    this.names = names;
    this.sizes = sizes;
    this.channels = channels;
    this.featureNames = featureNames;
  }

  /** The axes of a sample of this shape whose flattened features have these names. */
  static Axes of(int[] shape, List<String> featureNames) {
    List<String> names = switch (shape.length) {
      case 1 -> List.of("feature");
      case 2 -> List.of("channel", "time");
      case 3 -> List.of("channel", "height", "width");
      default -> {
        List<String> generic = new ArrayList<>();
        for (int k = 0; k < shape.length; k++) {
          generic.add(k == 0 ? "channel" : "axis " + k);
        }
        yield List.copyOf(generic);
      }
    };
    List<String> channels = shape.length < 2 ? List.of() : channelNames(shape[0], featureNames);
    return new Axes(names, shape.clone(), channels, List.copyOf(featureNames));
  }

  private static List<String> channelNames(int count, List<String> featureNames) {
    int per = featureNames.size() / count;
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < count; c++) {
      String f = featureNames.get(c * per);
      int at = f.lastIndexOf('@');
      String name = at > 0 ? f.substring(0, at) : null;
      if (name == null || !seen.add(name)) {
        out.clear();
        for (int k = 0; k < count; k++) {
          out.add("channel " + k);
        }
        return List.copyOf(out);
      }
      out.add(name);
    }
    return List.copyOf(out);
  }

  /** Axis names, outermost first: {@code [feature]}, {@code [channel, time]} or {@code [channel, height, width]}. */
  public List<String> names() {
    return names;
  }

  /** Axis sizes (the sample shape). */
  public int[] sizes() {
    return sizes.clone();
  }

  /** Number of axes. */
  public int rank() {
    return sizes.length;
  }

  /** Size of the named axis. */
  public int size(String axis) {
    return sizes[axis(axis)];
  }

  /**
   * Position of the named axis.
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the axes)
   */
  public int axis(String name) {
    int k = names.indexOf(name);
    if (k < 0) {
      throw new IllegalArgumentException("Unknown axis '" + name + "'; this sample's axes are " + this);
    }
    return k;
  }

  /**
   * Channel names (first axis of a signal or image).
   *
   * @throws IllegalArgumentException for a table sample ({@code [feature]}), which has no channels
   */
  public List<String> channelNames() {
    requireChannels("channelNames()");
    return channels;
  }

  /**
   * Index of the named channel.
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the channels)
   */
  public int channel(String name) {
    requireChannels("channel(\"" + name + "\")");
    int c = channels.indexOf(name);
    if (c < 0) {
      throw new IllegalArgumentException("Unknown channel '" + name + "'; channels are " + channels);
    }
    return c;
  }

  /**
   * The flat feature index of one position, one coordinate per axis (channel-major: the last axis varies
   * fastest).
   *
   * @throws IllegalArgumentException when the number of coordinates or one coordinate is out of range
   */
  public int index(int... coordinates) {
    if (coordinates.length != sizes.length) {
      throw new IllegalArgumentException("index needs " + sizes.length + " coordinates " + names + ", got "
          + Arrays.toString(coordinates));
    }
    int flat = 0;
    for (int k = 0; k < sizes.length; k++) {
      if (coordinates[k] < 0 || coordinates[k] >= sizes[k]) {
        throw new IllegalArgumentException("index: " + names.get(k) + " coordinate " + coordinates[k]
            + " is out of range 0.." + (sizes[k] - 1));
      }
      flat = flat * sizes[k] + coordinates[k];
    }
    return flat;
  }

  void requireChannels(String what) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException(what + " needs a signal [channel, time] or image [channel, height, width] "
          + "sample; this one has shape " + Arrays.toString(sizes) + " (features only)");
    }
  }

  /** Which axes to reduce, from their names (at least one, no repeats). */
  boolean[] reduced(String what, String... axes) {
    if (axes == null || axes.length == 0) {
      throw new IllegalArgumentException(what + " needs at least one axis name; axes are " + names);
    }
    boolean[] out = new boolean[sizes.length];
    for (String a : axes) {
      int k = axis(a);
      if (out[k]) {
        throw new IllegalArgumentException(what + ": axis '" + a + "' is named twice");
      }
      out[k] = true;
    }
    return out;
  }

  /** The shape left after reducing the marked axes ({@code [1]} when every axis is reduced). */
  int[] keptShape(boolean[] reduced) {
    int[] kept = new int[sizes.length];
    int n = 0;
    for (int k = 0; k < sizes.length; k++) {
      if (!reduced[k]) {
        kept[n++] = sizes[k];
      }
    }
    return n == 0 ? new int[] {1} : Arrays.copyOf(kept, n);
  }

  /** For every flat feature index, the flat index of its cell in the reduced shape. */
  int[] cellOf(boolean[] reduced) {
    int d = featureNames.size();
    int[] cell = new int[d];
    int[] coord = new int[sizes.length];
    for (int j = 0; j < d; j++) {
      int c = 0;
      for (int k = 0; k < sizes.length; k++) {
        if (!reduced[k]) {
          c = c * sizes[k] + coord[k];
        }
      }
      cell[j] = c;
      for (int k = sizes.length - 1; k >= 0; k--) {
        if (++coord[k] < sizes[k]) {
          break;
        }
        coord[k] = 0;
      }
    }
    return cell;
  }

  /** Combines one flat sample over the reduced axes ({@code cells}: from {@link #cellOf}). */
  static double[] reduce(double[] flat, int[] cells, int size, Op op) {
    double[] out = new double[size];
    for (int j = 0; j < flat.length; j++) {
      out[cells[j]] += op == Op.ABS_SUM ? Math.abs(flat[j]) : flat[j];
    }
    if (op == Op.MEAN) {
      int per = flat.length / size;
      for (int c = 0; c < size; c++) {
        out[c] /= per;
      }
    }
    return out;
  }

  /**
   * Feature names of the reduced sample: the original names when only axes of size 1 are reduced, channel
   * names when only the channel axis is kept, otherwise names made of the kept axes and coordinates
   * ({@code "channel C3, time 12"}; {@code "total"} when nothing is kept).
   */
  List<String> keptNames(boolean[] reduced) {
    boolean trivial = true;
    boolean any = false;
    for (int k = 0; k < sizes.length; k++) {
      trivial &= !reduced[k] || sizes[k] == 1;
      any |= !reduced[k];
    }
    if (trivial) {
      return featureNames;
    }
    if (!any) {
      return List.of("total");
    }
    int[] kept = keptShape(reduced);
    int size = Arrays.stream(kept).reduce(1, Math::multiplyExact);
    List<String> out = new ArrayList<>(size);
    int[] coord = new int[sizes.length];
    List<Integer> axes = new ArrayList<>();
    for (int k = 0; k < sizes.length; k++) {
      if (!reduced[k]) {
        axes.add(k);
      }
    }
    for (int c = 0; c < size; c++) {
      int rest = c;
      for (int a = axes.size() - 1; a >= 0; a--) {
        int k = axes.get(a);
        coord[k] = rest % sizes[k];
        rest /= sizes[k];
      }
      StringBuilder b = new StringBuilder();
      for (int k : axes) {
        if (b.length() > 0) {
          b.append(", ");
        }
        b.append(k == 0 && sizes.length > 1 && axes.size() == 1 ? channels.get(coord[0])
            : names.get(k) + " " + (k == 0 && sizes.length > 1 ? channels.get(coord[0]) : String.valueOf(coord[k])));
      }
      out.add(b.toString());
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Axes a && Arrays.equals(sizes, a.sizes) && names.equals(a.names) && channels.equals(a.channels);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(sizes) + channels.hashCode();
  }

  /** For example {@code [channel=2 (C3, C4), time=50]}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("[");
    for (int k = 0; k < sizes.length; k++) {
      if (k > 0) {
        b.append(", ");
      }
      b.append(names.get(k)).append('=').append(sizes[k]);
      if (k == 0 && !channels.isEmpty()) {
        List<String> shown = channels.size() > 6 ? channels.subList(0, 6) : channels;
        b.append(" (").append(String.join(", ", shown)).append(channels.size() > 6 ? ", ...)" : ")");
      }
    }
    return b.append(']').toString();
  }
}
