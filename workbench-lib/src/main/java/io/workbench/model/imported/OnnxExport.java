package io.workbench.model.imported;

import io.workbench.data.Task;
import io.workbench.io.AtomicFiles;
import io.workbench.model.WeightArray;
import io.workbench.model.djl.Architecture;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.imported.OnnxProto.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained workbench network as an ONNX file (opset {@value #OPSET}) with its signature beside it, so that
 * ONNX Runtime, PyTorch ({@code onnx2torch}), TensorFlow or a browser can run it. The graph takes raw features
 * ({@code [batch, inputShape...]}, the standardisation is inside), and returns the logits (classification,
 * multi-label) or the predicted values (regression), exactly as the network computes them in inference mode
 * (dropout off, batch norm on its running statistics).
 *
 * <p>DJL 0.32 itself cannot export: its {@code Block} API has no tracing, scripting or ONNX writer, the PyTorch engine
 * saves only modules it loaded from TorchScript, and ONNX Runtime only runs models. This class therefore writes the
 * ONNX protobuf itself, from the network's {@link NeuralNetModel#weights() weights} and {@link
 * NeuralNetModel#architecture() architecture}: the built-in kinds ({@code linear}, {@code mlp}, {@code cnn1d},
 * {@code cnn2d}, with ReLU, tanh or GELU, batch norm and dropout). TorchScript export is not offered: a TorchScript
 * file is Python code plus pickled tensors that only PyTorch's own serialiser writes.
 *
 * <pre>{@code
 * NeuralNetModel mlp = Models.mlp(16).epochs(40).fit(train);
 * Path file = OnnxExport.write(mlp, Path.of("mlp.onnx"));     // and mlp.onnx.json
 * OnnxModel again = OnnxModel.load(file);                    // same probabilities
 * }</pre>
 */
public final class OnnxExport {

  /** The ONNX operator set the files use. */
  public static final int OPSET = 13;

  private final List<Message> nodes = new ArrayList<>();
  private final List<Message> initializers = new ArrayList<>();
  private final Map<String, WeightArray> weights = new LinkedHashMap<>();
  private int counter;

  private OnnxExport() {}

  /**
   * Writes {@code file} (ONNX) and {@code file.json} (its {@link ModelSignature}), each atomically.
   *
   * @return {@code file}
   * @throws IllegalArgumentException for a network kind or layer this exporter does not know
   */
  public static Path write(NeuralNetModel net, Path file) {
    if (net == null || file == null) {
      throw new IllegalArgumentException("OnnxExport.write needs a network and a file, got " + net + " and " + file);
    }
    byte[] bytes = new OnnxExport().model(net);
    ModelSignature signature = new ModelSignature(net.architecture().inputShape(), net.featureNames(),
        net.task() == Task.REGRESSION ? List.of() : net.classNames(),
        net.task() == Task.REGRESSION ? OutputKind.VALUES : OutputKind.LOGITS, net.task() == Task.MULTI_LABEL);
    try {
      AtomicFiles.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the ONNX file " + file + ": " + e.getMessage(), e);
    }
    signature.write(file.resolveSibling(file.getFileName() + ".json"));
    return file;
  }

  private byte[] model(NeuralNetModel net) {
    Architecture a = net.architecture();
    for (WeightArray w : net.weights()) {
      weights.put(w.name(), w);
    }
    int[] shape = a.inputShape();
    long[] sample = new long[shape.length + 1];
    sample[0] = 1;
    for (int i = 0; i < shape.length; i++) {
      sample[i + 1] = shape[i];
    }
    double[] mean = net.standardizer().mean();
    double[] scale = net.standardizer().scale();
    String h = op("Sub", "x", constant("mean", sample, toFloat(mean)));
    h = op("Div", h, constant("scale", sample, toFloat(scale)));
    boolean twoD = a.kind().equals("cnn2d");
    int pad = a.kernelSize() / 2;
    for (String layer : a.layerNames()) {
      if (layer.startsWith("dense") || layer.equals("output")) {
        h = op("Gemm", h, param(layer + ".weight"), param(layer + ".bias"),
            OnnxProto.intAttribute("transB", 1));
        if (!layer.equals("output")) {
          h = activation(a.activation(), batchNorm(layer, h));
        }
      } else if (layer.startsWith("conv")) {
        long[] k = twoD ? new long[] {a.kernelSize(), a.kernelSize()} : new long[] {a.kernelSize()};
        long[] pads = twoD ? new long[] {pad, pad, pad, pad} : new long[] {pad, pad};
        long[] strides = twoD ? new long[] {1, 1} : new long[] {1};
        h = op("Conv", h, param(layer + ".weight"), param(layer + ".bias"), OnnxProto.intsAttribute("kernel_shape", k),
            OnnxProto.intsAttribute("pads", pads), OnnxProto.intsAttribute("strides", strides));
        h = activation(a.activation(), batchNorm(layer, h));
      } else if (layer.startsWith("pool")) {
        long[] two = twoD ? new long[] {2, 2} : new long[] {2};
        h = op("MaxPool", h, OnnxProto.intsAttribute("kernel_shape", two), OnnxProto.intsAttribute("strides", two));
      } else if (layer.equals("global_pool")) {
        h = op("Flatten", op("GlobalAveragePool", h), OnnxProto.intAttribute("axis", 1));
      } else if (layer.equals("flatten")) {
        h = op("Flatten", h, OnnxProto.intAttribute("axis", 1));
      } else {
        throw new IllegalArgumentException("OnnxExport does not know layer '" + layer + "' of a '" + a.kind()
            + "' network; it exports the kinds linear, mlp, cnn1d and cnn2d");
      }
    }
    String output = "logits";
    if (net.task() == Task.REGRESSION) {
      h = op("Mul", h, constant("target_scale", new long[] {1}, new float[] {(float) net.spec().targetScale()}));
      h = op("Add", h, constant("target_mean", new long[] {1}, new float[] {(float) net.spec().targetMean()}));
      output = "values";
    }
    nodes.add(OnnxProto.node("Identity", "result", new String[] {h}, output));
    Message graph = new Message();
    for (Message n : nodes) {
      graph.message(1, n);
    }
    graph.text(2, "workbench-" + a.kind());
    for (Message t : initializers) {
      graph.message(5, t);
    }
    Long[] in = new Long[shape.length + 1];
    for (int i = 0; i < shape.length; i++) {
      in[i + 1] = (long) shape[i];
    }
    graph.message(11, OnnxProto.valueInfo("x", in));
    graph.message(12, OnnxProto.valueInfo(output, null, (long) a.outputs()));
    return new Message().integer(1, 7).text(2, "workbench").text(3, "0.1")
        .message(8, new Message().text(1, "").integer(2, OPSET)).message(7, graph).toBytes();
  }

  private String batchNorm(String layer, String h) {
    String p = layer + ".batchnorm.";
    if (!weights.containsKey(p + "gamma")) {
      return h;
    }
    return op("BatchNormalization", h, param(p + "gamma"), param(p + "beta"), param(p + "runningMean"),
        param(p + "runningVar"), OnnxProto.floatAttribute("epsilon", 1e-5f));
  }

  private String activation(String name, String h) {
    switch (name) {
      case "relu":
        return op("Relu", h);
      case "tanh":
        return op("Tanh", h);
      case "gelu": {
        // the exact GELU of PyTorch: x * (1 + erf(x / sqrt 2)) / 2
        String e = op("Erf", op("Div", h, constant("sqrt2_" + counter, new long[] {1},
            new float[] {(float) Math.sqrt(2)})));
        String one = op("Add", e, constant("one_" + counter, new long[] {1}, new float[] {1f}));
        return op("Mul", op("Mul", h, one), constant("half_" + counter, new long[] {1}, new float[] {0.5f}));
      }
      default:
        throw new IllegalArgumentException("OnnxExport does not know the activation '" + name + "'");
    }
  }

  private String param(String name) {
    WeightArray w = weights.get(name);
    if (w == null) {
      throw new IllegalArgumentException("OnnxExport: the network has no parameter '" + name + "'; parameters are "
          + weights.keySet());
    }
    long[] dims = Arrays.stream(w.shape()).asLongStream().toArray();
    return constant(name, dims, w.values());
  }

  private String constant(String name, long[] dims, float[] values) {
    initializers.add(OnnxProto.tensor(name, dims, values));
    return name;
  }

  /** Adds a node of {@code op} on the named inputs (then attributes); returns its output's name. */
  private String op(String op, Object... inputsThenAttributes) {
    List<String> in = new ArrayList<>();
    List<Message> attrs = new ArrayList<>();
    for (Object o : inputsThenAttributes) {
      if (o instanceof String s) {
        in.add(s);
      } else {
        attrs.add((Message) o);
      }
    }
    String out = op.toLowerCase(java.util.Locale.ROOT) + "_" + counter++;
    nodes.add(OnnxProto.node(op, out, in.toArray(String[]::new), out, attrs.toArray(Message[]::new)));
    return out;
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
