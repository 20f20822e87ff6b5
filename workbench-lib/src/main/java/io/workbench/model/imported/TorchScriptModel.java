package io.workbench.model.imported;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.workbench.data.Task;
import io.workbench.model.Differentiable;
import io.workbench.model.LayerGradients;
import io.workbench.model.WeightArray;
import io.workbench.model.djl.PyTorchEngine;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A TorchScript module ({@code torch.jit.trace} or {@code torch.jit.script}, saved with {@code .save()}) as a
 * {@link Differentiable} model, run by DJL's PyTorch engine (the natives the workbench's own networks use): batched,
 * thread-safe inference, and gradients with respect to the inputs, so that saliency, integrated gradients,
 * SmoothGrad and GradientSHAP work on it exactly as on a workbench network. What goes in and comes out is its
 * {@link ModelSignature}, given or read from the sidecar {@code FILE.json}.
 *
 * <pre>{@code
 * TorchScriptModel net = TorchScriptModel.load(Path.of("datasets/pytorch-net/net.pt"));     // sidecar beside it
 * TorchScriptModel same = TorchScriptModel.load(Path.of("net.pt"),
 *     ModelSignature.builder().from(train).output(OutputKind.LOGITS).build());
 * Attribution ig = Explain.integratedGradients(net).explain(test.head(10));
 * }</pre>
 *
 * <p><b>What runs where.</b> The module is loaded with its parameters as ordinary (not inference-mode) tensors,
 * frozen, and in {@code eval()} mode (dropout off, batch norm on running statistics). Inference runs without
 * autograd; a gradient call runs the same forward with autograd on, one at a time in the JVM (PyTorch's gradient
 * recorder in DJL is one per JVM; the workbench's training waits for it and it waits for training).
 * Preprocessing (standardisation) belongs inside the module, so that gradients are with respect to raw features.
 *
 * <p><b>Layers.</b> {@link #layerNames()} are the module's parameter-holding submodules in registration order (for
 * example {@code [fc1, fc2]} or {@code [conv1, conv2, fc]}), which {@link #withRandomizedLayers(List, long)}
 * re-initialises (PyTorch's default for linear and convolution layers: uniform in {@code ±1/sqrt(fan_in)}). A
 * traced module is a flat graph: its intermediate activations cannot be reached from outside. Grad-CAM (and
 * {@link #layerGradients}) therefore works on a layer {@code L} when the module exports two methods,
 * {@code activations_L(x)} (the layer's output) and {@code from_L(a)} (the module's output from it), with
 * {@code torch.jit.export} on a scripted module or {@code torch.jit.trace_module(m, {"forward": x,
 * "activations_L": x, "from_L": a})} for a traced one; {@link #cuttableLayers()} lists them.
 *
 * <p><b>Outputs.</b> {@code Output.LOGIT} is the module's raw score of the class ({@link OutputKind#LOGITS}); for a
 * binary module with one logit {@code z} it is the log-odds of the class ({@code z} for the second class, {@code -z}
 * for the first). A module declared to return {@link OutputKind#PROBABILITIES} has no known logits: gradient
 * methods must then use {@code Output.PROBABILITY}.
 */
public final class TorchScriptModel extends ImportedModel implements Differentiable {

  private static final Cleaner CLEANER = Cleaner.create();
  private static final String ACTIVATIONS = "activations_";
  private static final String FROM = "from_";

  private final Module module;
  private final List<String> layers;
  private final Set<String> cuttable;
  private final Map<String, Boolean> convolution;
  private final List<String> randomized;

  private TorchScriptModel(Path file, ModelSignature signature, int batchSize, Module module, List<String> randomized) {
    super(file, signature, batchSize);
    this.module = module;
    this.randomized = List.copyOf(randomized);
    LinkedHashSet<String> names = new LinkedHashSet<>();
    Map<String, Boolean> conv = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : module.block.getParameters()) {
      String layer = layerOf(p.getKey());
      names.add(layer);
      if (p.getKey().equals(layer + ".weight")) {
        conv.put(layer, p.getValue().getArray().getShape().dimension() >= 3);
      }
    }
    LinkedHashSet<String> cut = new LinkedHashSet<>();
    Set<String> methods = Set.of(JniUtils.getMethodNames(module.block));
    for (String m : methods) {
      if (m.startsWith(ACTIVATIONS) && methods.contains(FROM + m.substring(ACTIVATIONS.length()))) {
        cut.add(m.substring(ACTIVATIONS.length()));
      }
    }
    List<String> sortedCut = new ArrayList<>(cut);
    java.util.Collections.sort(sortedCut);
    names.addAll(sortedCut);
    for (String l : sortedCut) {
      conv.put(l, module.activationRank(l, this) >= 3);
    }
    this.layers = List.copyOf(names);
    this.cuttable = new LinkedHashSet<>(sortedCut);
    this.convolution = conv;
  }

  /**
   * Loads a TorchScript file with the signature in its sidecar ({@code FILE.json} or the name with {@code .json}
   * for its extension).
   *
   * @throws IllegalArgumentException when there is no sidecar, or for anything {@link #load(Path, ModelSignature)}
   *     refuses
   */
  public static TorchScriptModel load(Path file) {
    return load(file, sidecarSignature(file, "TorchScriptModel"));
  }

  /**
   * Loads a TorchScript file with the given signature; runs one zero sample through it to check that it takes the
   * declared input shape and returns what the signature declares.
   *
   * @throws IllegalArgumentException naming the file when it is missing, is not a TorchScript module, refuses the
   *     input shape or returns a number of outputs that does not match the declared classes
   */
  public static TorchScriptModel load(Path file, ModelSignature signature) {
    checkFile(file);
    if (signature == null) {
      throw new IllegalArgumentException("signature is null; use TorchScriptModel.load(file) to read " + file
          + ".json");
    }
    Module m = Module.open(file, PyTorchEngine.device(null));
    try {
      TorchScriptModel model = new TorchScriptModel(file, signature, 1024, m, List.of());
      model.predictProba(new float[1][signature.sampleSize()]);
      return model;
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  /** The same model (sharing the module) evaluating {@code rows} rows per native call. */
  public TorchScriptModel withBatchSize(int rows) {
    return new TorchScriptModel(file, signature, checkBatchSize(rows), module, randomized);
  }

  /** Layers re-initialised by {@link #withRandomizedLayers} (empty normally). */
  public List<String> randomizedLayers() {
    return randomized;
  }

  /** The layers whose activations and gradients can be taken (the module exports {@code activations_L}/{@code from_L}). */
  public List<String> cuttableLayers() {
    return List.copyOf(cuttable);
  }

  /** The module's named parameters ({@code named_parameters()} in PyTorch), copied out. */
  public List<WeightArray> weights() {
    List<WeightArray> out = new ArrayList<>();
    for (Pair<String, Parameter> p : module.block.getParameters()) {
      NDArray a = p.getValue().getArray();
      long[] s = a.getShape().getShape();
      int[] shape = new int[s.length];
      for (int i = 0; i < s.length; i++) {
        shape[i] = Math.toIntExact(s[i]);
      }
      out.add(new WeightArray(p.getKey(), shape, a.toType(DataType.FLOAT32, false).toFloatArray()));
    }
    return out;
  }

  @Override
  String format() {
    return "TorchScript";
  }

  @Override
  float[] forward(float[] flat, int rows) {
    return PyTorchEngine.inference(() -> {
      try (NDManager sub = module.manager().newSubManager()) {
        NDArray in = sub.create(flat, new Shape(batchShape(rows)));
        NDList out;
        try {
          out = module.block.forward(new ParameterStore(sub, false), new NDList(in), false);
        } catch (EngineException e) {
          throw refused(e, rows);
        }
        return single(out, rows, file).toType(DataType.FLOAT32, false).toFloatArray();
      }
    });
  }

  private IllegalArgumentException refused(RuntimeException e, int rows) {
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    return new IllegalArgumentException("Model file " + file + " refused an input of shape "
        + Arrays.toString(batchShape(rows)) + " (signature inputShape " + Arrays.toString(signature.inputShape())
        + "): " + msg, e);
  }

  // ---------------------------------------------------------------- Differentiable

  @Override
  public float[][] output(float[][] x, Output output) {
    checkOutput(output);
    if (output == Output.PROBABILITY || task() == Task.REGRESSION) {
      return predictProba(x);
    }
    int k = classNames().size();
    return perRow(x, (raw, i, width, row) -> width == 1 && k == 2 ? new float[] {-raw[i], raw[i]}
        : Arrays.copyOfRange(raw, i * width, (i + 1) * width));
  }

  @Override
  public float[][] inputGradients(float[][] x, int[] targets, Output output) {
    checkOutput(output);
    checkInput(x);
    checkTargets(x.length, targets);
    int n = x.length;
    int d = signature.sampleSize();
    float[][] out = new float[n][];
    return PyTorchEngine.withGradients(() -> {
      for (int start = 0; start < n; start += batchSize) {
        int m = Math.min(batchSize, n - start);
        try (NDManager sub = module.manager().newSubManager()) {
          NDArray in = sub.create(flatten(x, start, m), new Shape(batchShape(m)));
          in.setRequiresGradient(true);
          try (GradientCollector gc = sub.getEngine().newGradientCollector()) {
            NDArray o = transform(module.run(null, in, m, file, true), m, output);
            gc.backward(selected(sub, o, targets, start, m));
          }
          float[] g = in.getGradient().toFloatArray();
          for (int i = 0; i < m; i++) {
            out[start + i] = Arrays.copyOfRange(g, i * d, (i + 1) * d);
          }
        }
      }
      return out;
    });
  }

  @Override
  public List<String> layerNames() {
    return layers;
  }

  @Override
  public boolean isConvolution(String layer) {
    checkLayer(layer);
    return convolution.getOrDefault(layer, false);
  }

  @Override
  public int[] sampleShape() {
    return signature.inputShape();
  }

  @Override
  public LayerGradients layerGradients(String layer, float[][] x, int[] targets, Output output) {
    checkLayer(layer);
    if (!cuttable.contains(layer)) {
      throw new IllegalArgumentException("Layer '" + layer + "' of " + file.getFileName() + " cannot be reached: a"
          + " TorchScript module is one graph, so the module must export " + ACTIVATIONS + layer + "(x) and " + FROM
          + layer + "(a) (torch.jit.export, or torch.jit.trace_module for a traced module); it exports them for "
          + cuttable);
    }
    checkOutput(output);
    checkInput(x);
    checkTargets(x.length, targets);
    if (x.length == 0) {
      throw new IllegalArgumentException("layerGradients needs at least one row");
    }
    int n = x.length;
    return PyTorchEngine.withGradients(() -> {
      float[] acts = null;
      float[] grads = null;
      int[] shape = null;
      int per = 0;
      for (int start = 0; start < n; start += batchSize) {
        int m = Math.min(batchSize, n - start);
        try (NDManager sub = module.manager().newSubManager()) {
          NDArray in = sub.create(flatten(x, start, m), new Shape(batchShape(m)));
          NDArray a = module.run(ACTIVATIONS + layer, in, m, file, true).duplicate();
          a.setRequiresGradient(true);
          try (GradientCollector gc = sub.getEngine().newGradientCollector()) {
            NDArray o = transform(module.run(FROM + layer, a, m, file, true), m, output);
            gc.backward(selected(sub, o, targets, start, m));
          }
          if (acts == null) {
            long[] s = a.getShape().getShape();
            shape = new int[s.length];
            shape[0] = n;
            for (int i = 1; i < s.length; i++) {
              shape[i] = Math.toIntExact(s[i]);
            }
            per = Math.toIntExact(a.getShape().size() / m);
            acts = new float[n * per];
            grads = new float[n * per];
          }
          System.arraycopy(a.toFloatArray(), 0, acts, start * per, m * per);
          System.arraycopy(a.getGradient().toFloatArray(), 0, grads, start * per, m * per);
        }
      }
      return new LayerGradients(layer, shape, acts, grads);
    });
  }

  @Override
  public TorchScriptModel withRandomizedLayers(List<String> names, long seed) {
    for (String l : names) {
      checkLayer(l);
    }
    Module copy = Module.open(file, module.device);
    Random rnd = new Random(seed);
    Map<String, Integer> fanIn = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : copy.block.getParameters()) {
      if (!names.contains(layerOf(p.getKey()))) {
        continue;
      }
      NDArray a = p.getValue().getArray();
      Shape s = a.getShape();
      String layer = layerOf(p.getKey());
      float[] v = new float[Math.toIntExact(s.size())];
      if (s.dimension() >= 2) {
        int fan = Math.toIntExact(s.size() / s.get(0));
        fanIn.put(layer, fan);
        uniform(v, 1 / Math.sqrt(fan), rnd);
      } else if (fanIn.containsKey(layer)) {
        uniform(v, 1 / Math.sqrt(fanIn.get(layer)), rnd);
      } else if (p.getKey().endsWith("weight")) {
        Arrays.fill(v, 1f);
      }
      a.set(v);
    }
    List<String> r = new ArrayList<>(randomized);
    r.addAll(names);
    return new TorchScriptModel(file, signature, batchSize, copy, r);
  }

  private static void uniform(float[] v, double bound, Random rnd) {
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
    }
  }

  private void checkLayer(String layer) {
    if (!layers.contains(layer)) {
      throw new IllegalArgumentException("Unknown layer '" + layer + "' of " + file.getFileName() + "; layers are "
          + layers);
    }
  }

  private void checkOutput(Output output) {
    if (output == null) {
      throw new IllegalArgumentException("output is null; use Differentiable.Output.LOGIT or PROBABILITY");
    }
    if (output == Output.LOGIT && signature.output() == OutputKind.PROBABILITIES) {
      throw new IllegalArgumentException(file.getFileName() + " was declared to return probabilities, so its logits"
          + " are unknown: explain Differentiable.Output.PROBABILITY (for example .output(Output.PROBABILITY))");
    }
  }

  private void checkTargets(int n, int[] targets) {
    if (task() == Task.REGRESSION) {
      return;
    }
    if (targets == null || targets.length != n) {
      throw new IllegalArgumentException("targets needs one class index per row: " + n + " rows, got "
          + (targets == null ? "null" : targets.length));
    }
    int k = classNames().size();
    for (int i = 0; i < n; i++) {
      if (targets[i] < 0 || targets[i] >= k) {
        throw new IllegalArgumentException("targets[" + i + "] = " + targets[i] + " is not a class index in [0, " + k
            + "); classes are " + classNames());
      }
    }
  }

  /** The chosen output ({@code rows x classes}, or {@code rows x 1} for regression) from the raw output. */
  private NDArray transform(NDArray raw, int m, Output output) {
    int width = width(Math.toIntExact(raw.getShape().size()), m);
    NDArray r = raw.reshape(m, width);
    int k = classNames().size();
    if (task() == Task.REGRESSION) {
      return r;
    }
    boolean probs = signature.output() == OutputKind.PROBABILITIES;
    if (width == 1 && k == 2) {
      if (output == Output.LOGIT) {
        return NDArrays.concat(new NDList(r.neg(), r), 1);
      }
      NDArray p1 = probs ? r : ai.djl.nn.Activation.sigmoid(r);
      return NDArrays.concat(new NDList(p1.neg().add(1f), p1), 1);
    }
    if (output == Output.LOGIT || probs) {
      return r;
    }
    return signature.multiLabel() ? ai.djl.nn.Activation.sigmoid(r) : r.softmax(1);
  }

  private NDArray selected(NDManager sub, NDArray o, int[] targets, int start, int m) {
    if (task() == Task.REGRESSION) {
      return o.sum();
    }
    int k = classNames().size();
    float[] onehot = new float[m * k];
    for (int i = 0; i < m; i++) {
      onehot[i * k + targets[start + i]] = 1f;
    }
    return o.mul(sub.create(onehot, new Shape(m, k))).sum();
  }

  /** {@code fc1.weight} -> {@code fc1}; {@code mlp.fc1.bias} -> {@code mlp.fc1}. */
  static String layerOf(String parameter) {
    int dot = parameter.lastIndexOf('.');
    return dot > 0 ? parameter.substring(0, dot) : parameter;
  }

  /** A loaded module and the DJL model that owns it; closed once nothing references it. */
  private static final class Module {
    final ai.djl.Model model;
    final PtSymbolBlock block;
    final Device device;
    private final Cleaner.Cleanable cleanable;

    private Module(ai.djl.Model model, PtSymbolBlock block, Device device) {
      this.model = model;
      this.block = block;
      this.device = device;
      ai.djl.Model m = model;
      this.cleanable = CLEANER.register(this, m::close);
    }

    static Module open(Path file, Device device) {
      PyTorchEngine.start();
      ai.djl.Model model = ai.djl.Model.newInstance(file.getFileName().toString(), device, "PyTorch");
      try {
        // trainParam: parameters load as ordinary tensors (else inference tensors, which autograd refuses)
        model.load(file, null, Map.of("trainParam", "true"));
      } catch (IOException | MalformedModelException | RuntimeException e) {
        model.close();
        String msg = e.getMessage() == null ? e.getClass().getSimpleName()
            : e.getMessage().lines().findFirst().orElse("");
        throw new IllegalArgumentException("Model file " + file + " is not a TorchScript module (save one with"
            + " torch.jit.trace(model, x).save(path) or torch.jit.script(model).save(path)): " + msg, e);
      }
      if (!(model.getBlock() instanceof PtSymbolBlock block)) {
        model.close();
        throw new IllegalArgumentException("Model file " + file + " did not load as a TorchScript module");
      }
      block.freezeParameters(true);
      JniUtils.enableInferenceMode(block);
      return new Module(model, block, device);
    }

    NDManager manager() {
      return model.getNDManager();
    }

    /**
     * Runs {@code method} (null: forward) with autograd available (gradient recording as the thread has it), the
     * module staying in eval mode.
     */
    NDArray run(String method, NDArray in, int rows, Path file, boolean grad) {
      NDList inputs = new NDList(in);
      if (method != null) {
        NDArray marker = in.getManager().create(0f);
        marker.setName("module_method:" + method);
        inputs.add(marker);
      }
      try {
        return ImportedModel.single(IValueUtils.forward(block, inputs, grad), rows, file,
            method != null && method.startsWith(ACTIVATIONS) ? 8 : 2);
      } catch (EngineException e) {
        throw new IllegalArgumentException("Model file " + file + " failed in " + (method == null ? "forward" : method)
            + " on an input of shape " + in.getShape() + ": " + e.getMessage().lines().findFirst().orElse(""), e);
      }
    }

    /** Rank (with the batch dimension) of a cuttable layer's activations on one zero sample. */
    int activationRank(String layer, TorchScriptModel owner) {
      PyTorchEngine.noGrad();
      try (NDManager sub = manager().newSubManager()) {
        NDArray in = sub.zeros(new Shape(owner.batchShape(1)));
        return run(ACTIVATIONS + layer, in, 1, owner.file, true).getShape().dimension();
      }
    }

    void close() {
      cleanable.clean();
    }
  }
}
