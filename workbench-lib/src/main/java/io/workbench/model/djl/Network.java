package io.workbench.model.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;

/**
 * The native side of a network: its DJL blocks (one per named layer, inside one {@link SequentialBlock}) and
 * the manager that owns their parameters. Forward passes can run any contiguous range of layers, which is how
 * layer activations and gradients are taken. The manager is closed by {@link #close()} or, for inference
 * networks, once nothing references the network any more.
 */
final class Network implements AutoCloseable {

  private static final Cleaner CLEANER = Cleaner.create();

  final Architecture architecture;
  final SequentialBlock block;
  final List<Architecture.Layer> layers;
  final NDManager manager;
  final Device device;
  private final Cleaner.Cleanable cleanable;

  private Network(Architecture architecture, Device device) {
    this.architecture = architecture;
    this.device = device;
    this.layers = architecture.layers();
    this.block = new SequentialBlock();
    for (Architecture.Layer l : layers) {
      block.add(l.block);
    }
    this.manager = Djl.engine().newBaseManager(device);
    NDManager m = manager;
    this.cleanable = CLEANER.register(this, m::close);
  }

  /** A freshly initialised, trainable network: weights Glorot-uniform from {@code new Random(seed)}, biases 0. */
  static Network initialised(Architecture architecture, Device device, long seed) {
    return initialised(architecture, device, seed, Long.MAX_VALUE);
  }

  /**
   * As {@link #initialised(Architecture, Device, long)}, but throws {@link TooManyWeights} before allocating more
   * than {@code maxWeights} weight values in all (a saved file's size bounds what its architecture may ask for).
   */
  static Network initialised(Architecture architecture, Device device, long seed, long maxWeights) {
    Network n = new Network(architecture, device);
    try {
      n.block.setInitializer(new SeededGlorot(new Random(seed), maxWeights), Parameter.Type.WEIGHT);
      n.block.initialize(n.manager, DataType.FLOAT32, n.inputShape(1));
      return n;
    } catch (RuntimeException e) {
      n.close();
      throw e;
    }
  }

  /**
   * The weights of an architecture would exceed the bound given to {@link #initialised(Architecture, Device, long,
   * long)}; nothing beyond the bound was allocated.
   */
  static final class TooManyWeights extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyWeights(long bound) {
      super("the architecture has more than " + bound + " weights", null, false, false);
    }
  }

  /** A network with the given parameters (as written by {@link #parameterBytes()}), for inference. */
  static Network fromBytes(Architecture architecture, Device device, byte[] parameters) {
    Network n = new Network(architecture, device);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
      n.block.loadParameters(n.manager, in);
    } catch (IOException | MalformedModelException e) {
      n.close();
      throw new IllegalArgumentException(
          "Parameters do not match the architecture " + architecture.describe() + ": " + e.getMessage(), e);
    }
    return n;
  }

  /** Shape of a batch of {@code n} samples. */
  Shape inputShape(long n) {
    int[] s = architecture.inputShape();
    long[] dims = new long[s.length + 1];
    dims[0] = n;
    for (int i = 0; i < s.length; i++) {
      dims[i + 1] = s[i];
    }
    return new Shape(dims);
  }

  /** The parameters in DJL's block format. */
  byte[] parameterBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Position of a layer, or an error listing the valid names. */
  int layerIndex(String name) {
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).name.equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("Unknown layer '" + name + "'; layers are " + architecture.layerNames());
  }

  /** Runs layers {@code from} (inclusive) to {@code to} (exclusive) on {@code x}. */
  NDArray forward(ParameterStore ps, NDArray x, int from, int to, boolean training) {
    NDArray h = x;
    for (int i = from; i < to; i++) {
      h = layers.get(i).block.forward(ps, new NDList(h), training).singletonOrThrow();
    }
    return h;
  }

  /** Runs all layers. */
  NDArray forward(ParameterStore ps, NDArray x, boolean training) {
    return forward(ps, x, 0, layers.size(), training);
  }

  /** Parameters (in block order) that training updates. */
  List<Parameter> trainableParameters() {
    List<Parameter> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient()) {
        out.add(p.getValue());
      }
    }
    return out;
  }

  /** Re-initialises every parameter of the given layers as at the start of training (in place). */
  void reinitialise(Collection<Integer> layerIndices, long seed) {
    Random rnd = new Random(seed);
    for (int li : layerIndices) {
      Block b = layers.get(li).block;
      for (Pair<String, Parameter> p : b.getParameters()) {
        Parameter param = p.getValue();
        NDArray a = param.getArray();
        float[] v = initialValues(param.getType(), a.getShape(), rnd);
        a.set(v);
      }
    }
  }

  /** Initial values of a parameter: Glorot-uniform weights, zero biases and shifts, unit scales. */
  static float[] initialValues(Parameter.Type type, Shape shape, Random rnd) {
    int size = Math.toIntExact(shape.size());
    float[] v = new float[size];
    switch (type) {
      case WEIGHT:
        fillGlorot(v, shape, rnd);
        break;
      case GAMMA:
      case RUNNING_VAR:
        java.util.Arrays.fill(v, 1f);
        break;
      default:
        break;
    }
    return v;
  }

  private static void fillGlorot(float[] v, Shape shape, Random rnd) {
    long size = shape.size();
    long fanIn = shape.dimension() >= 2 ? size / shape.get(0) : size;
    long fanOut = shape.dimension() >= 2 ? size / shape.get(1) : size;
    double bound = Math.sqrt(6.0 / (fanIn + fanOut));
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
    }
  }

  @Override
  public void close() {
    cleanable.clean();
  }

  /** Glorot-uniform initialisation drawn from a Java random generator, in parameter order. */
  private static final class SeededGlorot implements Initializer {
    private final Random rnd;
    private final long maxWeights;
    private long allocated;

    SeededGlorot(Random rnd, long maxWeights) {
      this.rnd = rnd;
      this.maxWeights = maxWeights;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
      long size = shape.size();
      if (size < 0 || size > maxWeights - allocated) {
        throw new TooManyWeights(maxWeights);
      }
      allocated += size;
      float[] v = new float[Math.toIntExact(shape.size())];
      fillGlorot(v, shape, rnd);
      return manager.create(v, shape);
    }
  }
}
