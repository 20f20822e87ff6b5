package io.workbench.model.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.workbench.data.Standardizer;
import io.workbench.data.Task;
import io.workbench.display.Displayable;
import io.workbench.io.AtomicFiles;
import io.workbench.model.Differentiable;
import io.workbench.model.LayerGradients;
import io.workbench.model.LinearInput;
import io.workbench.model.Model;
import io.workbench.model.Propagation;
import io.workbench.run.NativeThreads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A trained DJL/PyTorch network (logistic or linear regression, MLP, 1D or 2D CNN) with its standardisation
 * inside: it takes raw features. Inference is thread-safe and batched: every native call holds exactly {@link
 * #batchSize()} rows (the last block padded), so a row gets the same numbers, bit for bit, whatever batch it
 * arrives in; gradient methods ({@link Differentiable}) are serialised across the JVM. Native calls use the
 * PyTorch intra-op threads that the running operation set for the calling thread ({@link NativeThreads}, for
 * example an explainer's share per worker), else the engine's default (1).
 *
 * <pre>{@code
 * NeuralNetModel m = Models.mlp(64, 32).epochs(40).seed(1).fit(train);
 * float[][] p = m.predictProba(test.x());
 * m.history().toTable();
 * m.save(Path.of("models/mlp"));
 * NeuralNetModel again = NeuralNetModel.load(Path.of("models/mlp"));   // identical predictions
 * }</pre>
 *
 * <p>Logistic/linear models and MLPs (whose first stage is dense) also offer {@link LinearInput} through
 * {@link #as(Class)}: the first layer's weights in raw feature space (the standardisation folded in) and the
 * rest of the network on given pre-activations, which permutation importance uses for rank-one updates. CNNs
 * do not offer it.
 */
public final class NeuralNetModel implements Differentiable, Displayable {

  /** The {@code type} written into {@code model.json}. */
  public static final String TYPE = "djl";

  static final String PARAMETERS_FILE = "parameters.params";
  static final String JSON_FILE = "model.json";
  /** The files {@link #save(Path)} writes into the model's folder (a folder holding anything else is not replaced). */
  public static final Set<String> SAVED_FILES = Set.of(PARAMETERS_FILE, JSON_FILE);
  private static final int FORMAT_VERSION = 1;

  final Network net;
  final Spec spec;
  final double[] mean;
  final double[] scale;
  private final int batchSize;
  private volatile NetworkPropagation propagation;

  /**
   * Everything about a model except its weights; this is {@code model.json}.
   *
   * @param type always {@link #TYPE}
   * @param formatVersion version of this file layout
   * @param task classification, regression or multi-label
   * @param architecture the network
   * @param standardizer the input standardisation fitted on the training part
   * @param targetMean regression: mean of the training target (outputs are de-standardised with it)
   * @param targetScale regression: standard deviation of the training target
   * @param featureNames raw feature names, in input order
   * @param classNames class (or label) names in output order (empty for regression)
   * @param training the trainer's settings
   * @param seed the training seed
   * @param djlVersion DJL version that trained the model
   * @param pytorchVersion PyTorch native version that trained the model
   * @param device the device the model was trained on
   * @param randomizedLayers layers re-initialised by {@link #withRandomizedLayers} (empty normally)
   * @param history the training history
   */
  public record Spec(
      String type,
      int formatVersion,
      Task task,
      Architecture architecture,
      Standardizer standardizer,
      double targetMean,
      double targetScale,
      List<String> featureNames,
      List<String> classNames,
      Map<String, Object> training,
      long seed,
      String djlVersion,
      String pytorchVersion,
      String device,
      List<String> randomizedLayers,
      TrainingHistory history) {

    /** Copies the collections into unmodifiable ones. */
    public Spec {
      featureNames = List.copyOf(featureNames);
      classNames = List.copyOf(classNames);
      training = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(training));
      randomizedLayers = List.copyOf(randomizedLayers);
    }
  }

  NeuralNetModel(Network net, Spec spec, int batchSize) {
    this.net = net;
    this.spec = spec;
    this.mean = spec.standardizer().mean();
    this.scale = spec.standardizer().scale();
    this.batchSize = batchSize;
  }

  static Spec spec(
      Task task, Architecture architecture, Standardizer standardizer, double targetMean, double targetScale,
      List<String> features, List<String> classes, Map<String, Object> training, long seed, Device device,
      TrainingHistory history) {
    return new Spec(TYPE, FORMAT_VERSION, task, architecture, standardizer, targetMean, targetScale,
        features, classes, training, seed, Djl.djlVersion(),
        Djl.pytorchVersion(), device.toString(), List.of(), history);
  }

  // ---------------------------------------------------------------- Model

  @Override
  public Task task() {
    return spec.task();
  }

  @Override
  public List<String> featureNames() {
    return spec.featureNames();
  }

  @Override
  public List<String> classNames() {
    return spec.classNames();
  }

  @Override
  public float[][] predictProba(float[][] x) {
    return output(x, Output.PROBABILITY);
  }

  // ---------------------------------------------------------------- accessors

  /** The network's architecture. */
  public Architecture architecture() {
    return spec.architecture();
  }

  /** The standardisation applied to raw inputs (fitted on the training part). */
  public Standardizer standardizer() {
    return spec.standardizer();
  }

  /** Per-epoch history of the training run. */
  public TrainingHistory history() {
    return spec.history();
  }

  /** The device the network runs on, for example {@code cpu()} or {@code gpu(0)}. */
  public String device() {
    return net.device.toString();
  }

  /** The training seed. */
  public long seed() {
    return spec.seed();
  }

  /** The trainer's settings, as written to {@code model.json}. */
  public Map<String, Object> trainingSettings() {
    return spec.training();
  }

  /** Everything written to {@code model.json}. */
  public Spec spec() {
    return spec;
  }

  /**
   * Rows per native call in inference and gradient computations: every call holds exactly this many (the last
   * one padded), so that a row's numbers do not depend on its batch. Default {@value
   * NeuralTrainer#DEFAULT_INFERENCE_BATCH_SIZE}.
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * The same model (sharing its weights) evaluating {@code rows} rows per native call: larger blocks suit a GPU
   * and large batches, smaller ones many small calls. Numbers may differ from another block size in the last
   * bits, never between calls of this one.
   */
  public NeuralNetModel withBatchSize(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("Batch size must be >= 1, got " + rows);
    }
    return new NeuralNetModel(net, spec, rows);
  }

  @Override
  public int[] sampleShape() {
    return spec.architecture().inputShape();
  }

  /**
   * The number of trainable values (weights, biases, batch-norm scales and shifts; not the batch-norm running
   * statistics), as PyTorch's {@code sum(p.numel() for p in model.parameters())} counts them.
   *
   * <pre>{@code long n = Models.eegNet().epochs(1).fit(eeg).parameterCount(); }</pre>
   */
  public long parameterCount() {
    long n = 0;
    for (ai.djl.nn.Parameter p : net.trainableParameters()) {
      n += p.getArray().getShape().size();
    }
    return n;
  }

  // ---------------------------------------------------------------- Differentiable

  @Override
  public List<String> layerNames() {
    return spec.architecture().layerNames();
  }

  @Override
  public boolean isConvolution(String layer) {
    return net.layers.get(net.layerIndex(layer)).convolution;
  }

  @Override
  public float[][] output(float[][] x, Output output) {
    checkInput(x);
    return forwardRows(x, (ps, in) -> transform(net.forward(ps, in, false), output));
  }

  /** Runs {@code step} on the rows in batches without recording gradients; one output row per input row. */
  private float[][] forwardRows(float[][] x, java.util.function.BiFunction<ParameterStore, NDArray, NDArray> step) {
    Djl.noGrad();
    int n = x.length;
    float[][] out = new float[n][];
    try (Djl.Threads t = Djl.threads(NativeThreads.current())) {
      for (int start = 0; start < n; start += batchSize) {
        int m = Math.min(batchSize, n - start);
        float[] buf = block(x, start, m);
        try (NDManager sub = net.manager.newSubManager()) {
          NDArray in = sub.create(buf, net.inputShape(batchSize));
          split(step.apply(new ParameterStore(sub, false), in).toFloatArray(), out, start, m);
        }
      }
    }
    return out;
  }

  @Override
  public float[][] inputGradients(float[][] x, int[] targets, Output output) {
    checkInput(x);
    checkTargets(x.length, targets);
    int n = x.length;
    int d = mean.length;
    float[][] out = new float[n][];
    Djl.lockGradients();
    try (Djl.Threads t = Djl.threads(NativeThreads.current())) {
      Djl.noGrad();
      for (int start = 0; start < n; start += batchSize) {
        int m = Math.min(batchSize, n - start);
        float[] buf = block(x, start, m);
        try (NDManager sub = net.manager.newSubManager()) {
          NDArray in = sub.create(buf, net.inputShape(batchSize));
          in.setRequiresGradient(true);
          ParameterStore ps = new ParameterStore(sub, false);
          try (GradientCollector gc = Djl.engine().newGradientCollector()) {
            NDArray o = transform(net.forward(ps, in, false), output);
            gc.backward(selected(sub, o, targets, start, m));
          }
          float[] g = in.getGradient().toFloatArray();
          for (int i = 0; i < m; i++) {
            float[] row = new float[d];
            for (int j = 0; j < d; j++) {
              row[j] = (float) (g[i * d + j] / scale[j]);
            }
            out[start + i] = row;
          }
        }
      }
    } finally {
      Djl.GRADIENTS.unlock();
    }
    return out;
  }

  /** Forward pass up to and including the named layer, in batches, without recording gradients. */
  @Override
  public float[][] layerActivations(String layer, float[][] x) {
    int li = net.layerIndex(layer);
    checkInput(x);
    if (x.length == 0) {
      throw new IllegalArgumentException("layerActivations needs at least one row, got 0 rows");
    }
    return forwardRows(x, (ps, in) -> net.forward(ps, in, 0, li + 1, false));
  }

  @Override
  public LayerGradients layerGradients(String layer, float[][] x, int[] targets, Output output) {
    int li = net.layerIndex(layer);
    checkInput(x);
    checkTargets(x.length, targets);
    int n = x.length;
    float[] acts = null;
    float[] grads = null;
    long[] shape = null;
    int per = 0;
    Djl.lockGradients();
    try (Djl.Threads t = Djl.threads(NativeThreads.current())) {
      Djl.noGrad();
      for (int start = 0; start < n; start += batchSize) {
        int m = Math.min(batchSize, n - start);
        float[] buf = block(x, start, m);
        try (NDManager sub = net.manager.newSubManager()) {
          ParameterStore ps = new ParameterStore(sub, false);
          NDArray in = sub.create(buf, net.inputShape(batchSize));
          NDArray a = net.forward(ps, in, 0, li + 1, false).duplicate();
          a.setRequiresGradient(true);
          try (GradientCollector gc = Djl.engine().newGradientCollector()) {
            NDArray o = transform(net.forward(ps, a, li + 1, net.layers.size(), false), output);
            gc.backward(selected(sub, o, targets, start, m));
          }
          if (acts == null) {
            shape = a.getShape().getShape();
            per = Math.toIntExact(a.getShape().size() / batchSize);
            acts = new float[n * per];
            grads = new float[n * per];
          }
          System.arraycopy(a.toFloatArray(), 0, acts, start * per, m * per);
          System.arraycopy(a.getGradient().toFloatArray(), 0, grads, start * per, m * per);
        }
      }
    } finally {
      Djl.GRADIENTS.unlock();
    }
    if (acts == null) {
      throw new IllegalArgumentException("layerGradients needs at least one row");
    }
    int[] s = new int[shape.length];
    s[0] = n;
    for (int i = 1; i < shape.length; i++) {
      s[i] = Math.toIntExact(shape[i]);
    }
    return new LayerGradients(layer, s, acts, grads);
  }

  @Override
  public NeuralNetModel withRandomizedLayers(List<String> layers, long seed) {
    LinkedHashSet<Integer> idx = new LinkedHashSet<>();
    for (String l : layers) {
      idx.add(net.layerIndex(l));
    }
    Network copy = Network.fromBytes(spec.architecture(), net.device, net.parameterBytes());
    copy.reinitialise(idx, seed);
    List<String> randomized = new ArrayList<>(spec.randomizedLayers());
    randomized.addAll(layers);
    Spec s = new Spec(spec.type(), spec.formatVersion(), spec.task(), spec.architecture(), spec.standardizer(),
        spec.targetMean(), spec.targetScale(), spec.featureNames(), spec.classNames(), spec.training(), spec.seed(),
        spec.djlVersion(), spec.pytorchVersion(), spec.device(), List.copyOf(randomized), spec.history());
    return new NeuralNetModel(copy, s, batchSize);
  }

  // ---------------------------------------------------------------- weights in and out

  /**
   * The network's named parameters, copied out, in layer order: {@code dense1.weight [64, 30]}, {@code
   * dense1.bias [64]}, ..., {@code output.weight}, {@code output.bias}; batch-norm layers add {@code
   * <layer>.batchnorm.gamma/beta/runningMean/runningVar}. Shapes are PyTorch's ({@code [out, in]}, {@code [out, in,
   * k]}), so the arrays load into the same architecture in PyTorch by renaming. The network sees standardised
   * inputs: {@link #standardizer()} holds the mean and scale applied before the first layer.
   *
   * <p>Export: DJL 0.32 cannot write a DJL network as TorchScript or ONNX (its Block API has no tracing, scripting
   * or ONNX export; the PyTorch engine saves only modules it loaded from TorchScript, and ONNX Runtime only runs
   * models). These arrays are the way out: {@code io.workbench.model.imported.OnnxExport} writes them as an ONNX
   * graph of the built-in kinds, or rebuild the architecture in PyTorch ({@link #architecture()}) and load them with
   * {@code load_state_dict}.
   *
   * <pre>{@code
   * List<WeightArray> w = mlp.weights();
   * w.get(0).name();     // "dense1.weight"
   * }</pre>
   */
  public List<io.workbench.model.WeightArray> weights() {
    return NetworkWeights.read(net);
  }

  /**
   * A copy of this model with the named parameters replaced (the others kept); this model is unchanged. Names are
   * those of {@link #weights()}; every name, shape and value is checked before anything is written.
   *
   * <pre>{@code
   * NeuralNetModel copy = mlp.withWeights(List.of(new WeightArray("output.bias", new int[] {2}, new float[] {0, 0})));
   * }</pre>
   *
   * @throws IllegalArgumentException for an unknown name (the message lists the names), a shape that differs from
   *     the parameter's, a non-finite value or a name given twice
   */
  public NeuralNetModel withWeights(List<io.workbench.model.WeightArray> weights) {
    Network copy = Network.fromBytes(spec.architecture(), net.device, net.parameterBytes());
    try {
      NetworkWeights.write(copy, weights);
    } catch (RuntimeException e) {
      copy.close();
      throw e;
    }
    return new NeuralNetModel(copy, spec, batchSize);
  }

  // ---------------------------------------------------------------- LinearInput

  /**
   * Capability lookup: besides {@link Differentiable}, a logistic/linear model or an MLP offers {@link
   * LinearInput} (a view sharing this model's weights); a CNN does not. Every network built from dense,
   * convolution, pooling, batch-norm, activation and dropout layers (the kinds {@code linear}, {@code mlp},
   * {@code cnn1d}, {@code cnn2d}) offers {@link Propagation} (DeepLIFT, LRP, layer and neuron attributions).
   */
  @Override
  public <T> Optional<T> as(Class<T> capability) {
    if (capability == LinearInput.class) {
      return firstDenseLayer() < 0 ? Optional.empty() : Optional.of(capability.cast(new InputLayer()));
    }
    if (capability == Propagation.class) {
      return propagation().map(capability::cast);
    }
    return Differentiable.super.as(capability);
  }

  /** The propagation view, built once (empty for network kinds whose layers it does not know). */
  private Optional<NetworkPropagation> propagation() {
    NetworkPropagation p = propagation;
    if (p == null) {
      synchronized (this) {
        p = propagation;
        if (p == null) {
          p = NetworkPropagation.of(this);
          propagation = p;
        }
      }
    }
    return p.supported() ? Optional.of(p) : Optional.empty();
  }

  /** Index of the layer whose first block is the network's first {@link Linear}, or -1 (CNNs). */
  private int firstDenseLayer() {
    String kind = spec.architecture().kind();
    if (!kind.equals("linear") && !kind.equals("mlp")) {
      return -1;
    }
    int i = 0;
    while (i < net.layers.size() && net.layers.get(i).name.equals("flatten")) {
      i++;
    }
    return i < net.layers.size() ? i : -1;
  }

  /** The first {@link Linear} block of layer {@code li} (the layer itself, or the first child of a sequence). */
  private Linear firstLinear(int li) {
    Block b = net.layers.get(li).block;
    if (b instanceof SequentialBlock seq) {
      b = seq.getChildren().get(0).getValue();
    }
    if (!(b instanceof Linear lin)) {
      throw new IllegalStateException("Layer '" + net.layers.get(li).name + "' does not start with a dense block");
    }
    return lin;
  }

  /**
   * The first dense layer seen in raw feature space: with standardised inputs {@code (x - mean) / scale},
   * {@code W_raw[k][j] = W[k][j] / scale[j]} and {@code b_raw[k] = b[k] - sum_j W[k][j] mean[j] / scale[j]}.
   */
  private final class InputLayer implements LinearInput {
    private final int li = firstDenseLayer();
    private volatile float[][] weights;
    private volatile float[] bias;

    private void load() {
      if (weights != null) {
        return;
      }
      Linear lin = firstLinear(li);
      NDArray w = lin.getParameters().get("weight").getArray();
      NDArray b = lin.getParameters().get("bias").getArray();
      long[] shape = w.getShape().getShape();
      int units = Math.toIntExact(shape[0]);
      int d = Math.toIntExact(shape[1]);
      float[] wf = w.toFloatArray();
      float[] bf = b.toFloatArray();
      float[][] wr = new float[units][d];
      float[] br = new float[units];
      for (int k = 0; k < units; k++) {
        double s = bf[k];
        for (int j = 0; j < d; j++) {
          double wkj = wf[k * d + j];
          wr[k][j] = (float) (wkj / scale[j]);
          s -= wkj * mean[j] / scale[j];
        }
        br[k] = (float) s;
      }
      bias = br;
      weights = wr;
    }

    @Override
    public float[][] inputWeights() {
      load();
      float[][] out = new float[weights.length][];
      for (int k = 0; k < out.length; k++) {
        out[k] = weights[k].clone();
      }
      return out;
    }

    @Override
    public float[] inputBias() {
      load();
      return bias.clone();
    }

    @Override
    public float[][] predictFromPreActivation(float[][] z) {
      load();
      int units = bias.length;
      if (z == null) {
        throw new IllegalArgumentException("Pre-activation matrix is null");
      }
      for (int i = 0; i < z.length; i++) {
        if (z[i] == null || z[i].length != units) {
          throw new IllegalArgumentException("Pre-activation row " + i + " has "
              + (z[i] == null ? "no" : z[i].length) + " values, expected " + units + " (units of layer '"
              + net.layers.get(li).name + "')");
        }
      }
      Djl.noGrad();
      Block first = net.layers.get(li).block;
      List<Block> rest = new ArrayList<>();
      if (first instanceof SequentialBlock seq) {
        for (int c = 1; c < seq.getChildren().size(); c++) {
          rest.add(seq.getChildren().get(c).getValue());
        }
      }
      int n = z.length;
      float[][] out = new float[n][];
      try (Djl.Threads t = Djl.threads(NativeThreads.current())) {
        for (int start = 0; start < n; start += batchSize) {
          int m = Math.min(batchSize, n - start);
          float[] buf = new float[batchSize * units];
          for (int i = 0; i < m; i++) {
            System.arraycopy(z[start + i], 0, buf, i * units, units);
          }
          try (NDManager sub = net.manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(sub, false);
            NDArray h = sub.create(buf, new Shape(batchSize, units));
            for (Block b : rest) {
              h = b.forward(ps, new NDList(h), false).singletonOrThrow();
            }
            NDArray o = transform(net.forward(ps, h, li + 1, net.layers.size(), false), Output.PROBABILITY);
            split(o.toFloatArray(), out, start, m);
          }
        }
      }
      return out;
    }
  }

  // ---------------------------------------------------------------- save / load

  /**
   * Writes {@code model.json} (architecture, preprocessing, names, settings, versions) and {@code
   * parameters.params} (DJL block parameters) into {@code dir}. The directory is replaced as a whole and
   * atomically (written beside it, then renamed), so a crash or a full disk leaves either the previous model or
   * the new one, never new weights beside old metadata. An existing directory may hold only those two files;
   * anything else there is refused rather than deleted.
   */
  public void save(Path dir) {
    if (dir == null) {
      throw new IllegalArgumentException("save(dir): dir is null");
    }
    byte[] parameters = net.parameterBytes();
    try {
      AtomicFiles.replaceDirectory(dir, SAVED_FILES, tmp -> {
        Files.write(tmp.resolve(PARAMETERS_FILE), parameters);
        mapper().writeValue(tmp.resolve(JSON_FILE).toFile(), spec);
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the model to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Loads a model written by {@link #save(Path)}, on the default device (see {@link DeviceChoice}). */
  public static NeuralNetModel load(Path dir) {
    return load(dir, null);
  }

  /**
   * Loads a model written by {@link #save(Path)} on the given device ({@code cpu}, {@code gpu}, {@code auto}).
   * {@code model.json} is checked against itself and the weights first (fields, standardisation, names, task,
   * batch size, parameter shapes); any inconsistency is an {@link IllegalArgumentException} naming the file and
   * field.
   */
  public static NeuralNetModel load(Path dir, String device) {
    if (dir == null) {
      throw new IllegalArgumentException("load(dir): dir is null");
    }
    Path json = dir.resolve(JSON_FILE);
    Path params = dir.resolve(PARAMETERS_FILE);
    if (!Files.isRegularFile(json) || !Files.isRegularFile(params)) {
      throw new IllegalArgumentException(
          "Not a saved network: " + dir + " needs " + JSON_FILE + " and " + PARAMETERS_FILE
              + AtomicFiles.interruptedSaveHint(dir));
    }
    SavedNetwork.Description read = SavedNetwork.readSpec(json, FORMAT_VERSION);
    Spec spec = read.spec();
    byte[] bytes = SavedNetwork.readParameters(params);
    SavedNetwork.checkLayout(bytes, spec.architecture(), params, json);
    Network net;
    try {
      net = Network.fromBytes(spec.architecture(), Djl.device(device), bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(params + " does not match " + json + ": " + e.getMessage(), e);
    }
    try {
      SavedNetwork.checkParameters(net, params, json);
    } catch (RuntimeException e) {
      net.close();
      throw e;
    }
    return new NeuralNetModel(net, spec, read.batchSize());
  }

  static ObjectMapper mapper() {
    return new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  // ---------------------------------------------------------------- helpers

  NDArray transform(NDArray logits, Output output) {
    if (spec.task() == Task.REGRESSION) {
      return logits.mul((float) spec.targetScale()).add((float) spec.targetMean());
    }
    if (output == Output.LOGIT) {
      return logits;
    }
    return spec.task() == Task.MULTI_LABEL ? ai.djl.nn.Activation.sigmoid(logits) : logits.softmax(1);
  }

  NDArray selected(NDManager sub, NDArray o, int[] targets, int start, int m) {
    if (spec.task() == Task.REGRESSION) {
      return o.sum();
    }
    int k = spec.classNames().size();
    float[] onehot = new float[batchSize * k];
    for (int i = 0; i < m; i++) {
      onehot[i * k + targets[start + i]] = 1f;
    }
    return o.mul(sub.create(onehot, new Shape(batchSize, k))).sum();
  }

  void checkTargets(int n, int[] targets) {
    if (spec.task() == Task.REGRESSION) {
      return;
    }
    if (targets == null || targets.length != n) {
      throw new IllegalArgumentException(
          "targets needs one class index per row: " + n + " rows, got " + (targets == null ? "null" : targets.length));
    }
    int k = spec.classNames().size();
    String what = spec.task() == Task.MULTI_LABEL ? "label" : "class";
    for (int i = 0; i < n; i++) {
      if (targets[i] < 0 || targets[i] >= k) {
        throw new IllegalArgumentException(
            "targets[" + i + "] = " + targets[i] + " is not a " + what + " index in [0, " + k + "); " + what
                + "es are " + spec.classNames());
      }
    }
  }

  void checkInput(float[][] x) {
    Model.checkInput(this, x);
  }

  /**
   * Rows {@code [start, start + m)} standardised into one native block of {@link #batchSize} rows, the rows
   * after them zero: every native call has the same number of rows, so a row's numbers never depend on how
   * many rows share its call (PyTorch's CPU kernels round differently for different batch sizes).
   */
  private float[] block(float[][] x, int start, int m) {
    return Arrays.copyOf(standardise(x, start, m), batchSize * mean.length);
  }

  /** Rows {@code [start, start + m)} standardised, {@code m x features} values. */
  float[] standardise(float[][] x, int start, int m) {
    int d = mean.length;
    float[] buf = new float[m * d];
    for (int i = 0; i < m; i++) {
      float[] row = x[start + i];
      int off = i * d;
      for (int j = 0; j < d; j++) {
        buf[off + j] = (float) ((row[j] - mean[j]) / scale[j]);
      }
    }
    return buf;
  }

  /** The first {@code m} rows of a native block's output into {@code out} from row {@code start}. */
  private void split(float[] flat, float[][] out, int start, int m) {
    int k = flat.length / batchSize;
    for (int i = 0; i < m; i++) {
      out[start + i] = Arrays.copyOfRange(flat, i * k, (i + 1) * k);
    }
  }

  /** A one-line description: architecture, task, device, epochs. */
  public String describe() {
    StringBuilder s = new StringBuilder(spec.architecture().describe());
    s.append(", ").append(spec.task().name().toLowerCase(java.util.Locale.ROOT));
    if (spec.task() == Task.CLASSIFICATION) {
      s.append(" (").append(spec.classNames().size()).append(" classes)");
    } else if (spec.task() == Task.MULTI_LABEL) {
      s.append(" (").append(spec.classNames().size()).append(" labels)");
    }
    s.append(", device ").append(device());
    if (spec.history() != null) {
      s.append(", ").append(spec.history().size()).append(" epochs, kept epoch ").append(spec.history().bestEpoch());
    }
    if (!spec.randomizedLayers().isEmpty()) {
      s.append(", randomized layers ").append(spec.randomizedLayers());
    }
    return s.toString();
  }

  @Override
  public String toHtml() {
    return "<div class=\"wb-model\"><b>NeuralNetModel</b> "
        + describe().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</div>";
  }

  @Override
  public String toString() {
    return "NeuralNetModel[" + describe() + "]";
  }
}
