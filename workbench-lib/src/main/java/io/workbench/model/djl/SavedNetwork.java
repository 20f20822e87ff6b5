package io.workbench.model.djl;

import ai.djl.Device;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.workbench.data.Standardizer;
import io.workbench.data.Task;
import io.workbench.io.CheckedJson;
import io.workbench.io.InputFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a saved network's {@code model.json} and checks it against itself and against the weights before a
 * model is built from it: types and presence of every field, the standardisation (finite means, positive
 * scales, one per feature), names (distinct, as many classes as the output layer has units, the same features
 * as the standardisation), the task against the output layer, the batch size, and every parameter's shape
 * (and finiteness) against the architecture. Each failure names the file and the field.
 */
final class SavedNetwork {

  /** Largest weights file read (2 GiB). */
  private static final long MAX_PARAMETER_BYTES = InputFiles.MAX_ARRAY;

  private SavedNetwork() {}

  /** A checked {@code model.json}: the description and the inference batch size it asks for. */
  record Description(NeuralNetModel.Spec spec, int batchSize) {}

  /** Reads and checks {@code model.json}. */
  static Description readSpec(Path file, int formatVersion) {
    CheckedJson json = CheckedJson.read(file, "model description");
    String type = json.text("type");
    if (!NeuralNetModel.TYPE.equals(type)) {
      throw json.error("type", "is '" + type + "', expected '" + NeuralNetModel.TYPE + "' (a network saved by"
          + " NeuralNetModel.save)");
    }
    int version = json.integer("formatVersion");
    if (version < 1 || version > formatVersion) {
      throw json.error("formatVersion", "is " + version + "; this library reads versions 1 to " + formatVersion);
    }
    Task task = task(json);
    Architecture arch = architecture(json);
    List<String> features = distinct(json, "featureNames");
    List<String> classes = distinct(json, "classNames");
    if (features.size() != arch.inputSize()) {
      throw json.error("featureNames", "has " + features.size() + " names but the architecture's inputShape "
          + Arrays.toString(arch.inputShape()) + " takes " + arch.inputSize() + " values");
    }
    checkOutputs(json, task, arch, classes);
    Standardizer std = standardizer(json, features);
    double targetMean = json.number("targetMean");
    double targetScale = json.number("targetScale");
    if (task == Task.REGRESSION && !(targetScale > 0)) {
      throw json.error("targetScale", "is " + targetScale + "; a regression network needs a positive target scale");
    }
    CheckedJson training = json.object("training");
    int batchSize = training.integer("inferenceBatchSize", NeuralTrainer.DEFAULT_INFERENCE_BATCH_SIZE);
    if (batchSize < 1) {
      throw training.error("inferenceBatchSize", "is " + batchSize + ", expected >= 1");
    }
    List<String> randomized = json.has("randomizedLayers") ? json.texts("randomizedLayers") : List.of();
    for (String layer : randomized) {
      if (!arch.layerNames().contains(layer)) {
        throw json.error("randomizedLayers", "names the layer '" + layer + "', which is not one of "
            + arch.layerNames());
      }
    }
    TrainingHistory history = null;
    Map<String, Object> settings;
    try {
      settings = NeuralNetModel.mapper().convertValue(training.node(),
          new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
      if (json.has("history")) {
        history = NeuralNetModel.mapper().treeToValue(json.object("history").node(), TrainingHistory.class);
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
          && iae.getMessage().startsWith(file.toString())) {
        throw iae;
      }
      throw json.error("history", "is not a training history: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return new Description(new NeuralNetModel.Spec(type, version, task, arch, std, targetMean, targetScale,
        features, classes, settings, json.longInteger("seed", 0), json.text("djlVersion", ""),
        json.text("pytorchVersion", ""), json.text("device", ""), randomized, history), batchSize);
  }

  /** The weights file's bytes, bounded. */
  static byte[] readParameters(Path file) {
    return InputFiles.readAll(file, "network parameters", MAX_PARAMETER_BYTES);
  }

  /**
   * Checks the weights file byte for byte against the layout that the architecture gives (a freshly built network
   * of the same architecture, saved): the same length, the same block and parameter headers, names, data types
   * and shapes; only the weights themselves may differ. DJL's decoder trusts the counts in those headers (a
   * mutated count makes it allocate gigabytes), so they are compared before DJL reads anything.
   */
  static void checkLayout(byte[] file, Architecture arch, Path params, Path json) {
    byte[] template;
    List<int[]> payloads = new ArrayList<>();
    // every weight takes 4 bytes of the file: a larger architecture cannot match it, and building it could
    // exhaust the memory (a hidden layer of 10^8 units)
    long maxWeights = file.length / Float.BYTES;
    try (Network fresh = initialisedWithin(arch, maxWeights, params, json, file.length)) {
      // distinct values in every parameter, so that each array's encoding occurs once in the file
      float offset = 1;
      for (Pair<String, Parameter> p : fresh.block.getParameters()) {
        ai.djl.ndarray.NDArray a = p.getValue().getArray();
        float[] v = new float[Math.toIntExact(a.size())];
        for (int i = 0; i < v.length; i++) {
          v[i] = offset + i * 1e-3f;
        }
        offset += 1;
        a.set(v);
      }
      template = fresh.parameterBytes();
      for (Pair<String, Parameter> p : fresh.block.getParameters()) {
        byte[] enc = p.getValue().getArray().encode();
        int at = indexOf(template, enc);
        int data = p.getValue().getArray().toByteBuffer().remaining();
        if (at < 0 || data > enc.length) {
          throw new IllegalStateException("cannot locate parameter " + p.getKey() + " in its own saved layout");
        }
        payloads.add(new int[] {at + enc.length - data, at + enc.length});
      }
    }
    if (file.length != template.length) {
      throw new IllegalArgumentException(params + " does not match " + json + ": it has " + file.length
          + " bytes but the architecture (" + arch.describe() + ") saves " + template.length);
    }
    payloads.sort((a, b) -> Integer.compare(a[0], b[0]));
    int from = 0;
    payloads.add(new int[] {template.length, template.length});
    for (int[] p : payloads) {
      for (int i = from; i < p[0]; i++) {
        if (file[i] != template[i]) {
          throw new IllegalArgumentException(params + " does not match " + json + ": byte " + i + " is "
              + (file[i] & 0xFF) + " where the architecture (" + arch.describe() + ") has " + (template[i] & 0xFF)
              + " (a block or parameter header: name, data type, shape or length)");
        }
      }
      from = p[1];
    }
  }

  private static Network initialisedWithin(Architecture arch, long maxWeights, Path params, Path json,
      long bytes) {
    try {
      return Network.initialised(arch, Device.cpu(), 0, maxWeights);
    } catch (Network.TooManyWeights e) {
      throw new IllegalArgumentException(params + " does not match " + json + ": it has " + bytes
          + " bytes, room for at most " + maxWeights + " 4-byte weights, but the architecture (" + arch.describe()
          + ") has more");
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * Checks every parameter of a loaded network against the shape the architecture gives it, and that every
   * weight is finite.
   */
  static void checkParameters(Network loaded, Path params, Path json) {
    Architecture arch = loaded.architecture;
    try (Network fresh = Network.initialised(arch, Device.cpu(), 0)) {
      for (int li = 0; li < loaded.layers.size(); li++) {
        ParameterList want = fresh.layers.get(li).block.getParameters();
        ParameterList got = loaded.layers.get(li).block.getParameters();
        String layer = loaded.layers.get(li).name;
        for (int k = 0; k < want.size(); k++) {
          Parameter w = want.get(k).getValue();
          Parameter g = got.get(k).getValue();
          String name = layer + " " + w.getType().name().toLowerCase(java.util.Locale.ROOT);
          Shape ws = w.getArray().getShape();
          Shape gs = g.isInitialized() ? g.getArray().getShape() : null;
          if (!ws.equals(gs)) {
            throw new IllegalArgumentException(params + " does not match " + json + ": parameter '" + name
                + "' has shape " + gs + " but the architecture (" + arch.describe() + ") needs " + ws);
          }
          for (float v : g.getArray().toFloatArray()) {
            if (!Float.isFinite(v)) {
              throw new IllegalArgumentException(params + " (described by " + json + "): parameter '" + name
                  + "' holds " + v + "; a network with non-finite weights predicts NaN");
            }
          }
        }
      }
    }
  }

  private static Task task(CheckedJson json) {
    String t = json.text("task");
    for (Task task : Task.values()) {
      if (task.name().equals(t)) {
        return task;
      }
    }
    throw json.error("task", "is '" + t + "', expected one of " + Arrays.toString(Task.values()));
  }

  private static Architecture architecture(CheckedJson json) {
    CheckedJson a = json.object("architecture");
    int[] shape = a.integers("inputShape");
    long size = 1;
    for (int s : shape) {
      if (s < 1) {
        throw a.error("inputShape", "is " + Arrays.toString(shape) + "; every dimension must be >= 1");
      }
      size *= s;
      if (size > InputFiles.MAX_ARRAY) {
        throw a.error("inputShape", "is " + Arrays.toString(shape) + ", more values per sample than an array holds");
      }
    }
    if (shape.length == 0) {
      throw a.error("inputShape", "is empty; a sample has at least one value");
    }
    java.util.Map<String, Double> options = new java.util.TreeMap<>();
    if (a.has("options")) {
      CheckedJson o = a.object("options");
      for (String name : o.fields()) {
        options.put(name, o.number(name));
      }
    }
    try {
      return new Architecture(a.text("kind"), shape, a.integer("outputs"), a.integers("hidden"), a.integers("filters"),
          a.integer("kernelSize"), a.text("activation"), a.number("dropout"), a.bool("batchNorm", false), options);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(json.file().toString())) {
        throw e;
      }
      throw json.error("architecture", "is not a valid network: " + e.getMessage());
    }
  }

  private static void checkOutputs(CheckedJson json, Task task, Architecture arch, List<String> classes) {
    int outputs = arch.outputs();
    switch (task) {
      case REGRESSION -> {
        if (outputs != 1 || !classes.isEmpty()) {
          throw json.error("task", "is REGRESSION but the output layer has " + outputs + " units and classNames "
              + "lists " + classes.size() + " classes; a regression network has one output and no classes");
        }
      }
      case CLASSIFICATION -> {
        if (classes.size() < 2 || classes.size() != outputs) {
          throw json.error("classNames", "lists " + classes.size() + " classes but the output layer has " + outputs
              + " units; a classifier needs one unit per class and at least 2 classes");
        }
      }
      case MULTI_LABEL -> {
        if (classes.isEmpty() || classes.size() != outputs) {
          throw json.error("classNames", "lists " + classes.size() + " labels but the output layer has " + outputs
              + " units; a multi-label network needs one unit per label");
        }
      }
      default -> throw new IllegalStateException("task " + task);
    }
  }

  private static Standardizer standardizer(CheckedJson json, List<String> features) {
    CheckedJson s = json.object("standardizer");
    List<String> inputs = s.texts("inputFeatures");
    if (!inputs.equals(features)) {
      throw json.error("featureNames", "is " + abbreviate(features) + " but field 'standardizer.inputFeatures' is "
          + abbreviate(inputs) + "; they must be the same features in the same order");
    }
    double[] mean = s.numbers("mean");
    double[] scale = s.numbers("scale");
    for (String field : List.of("mean", "scale")) {
      int n = field.equals("mean") ? mean.length : scale.length;
      if (n != features.size()) {
        throw s.error(field, "has " + n + " values for " + features.size() + " features");
      }
    }
    for (int j = 0; j < scale.length; j++) {
      if (!(scale[j] > 0)) {
        throw s.error("scale", "element " + j + " (feature '" + features.get(j) + "') is " + scale[j]
            + "; scales must be positive (a constant feature gets scale 1)");
      }
      if (!Double.isFinite(1 / scale[j])) {
        throw s.error("scale", "element " + j + " (feature '" + features.get(j) + "') is " + scale[j]
            + ", so small that standardised inputs overflow");
      }
    }
    return new Standardizer(inputs, mean, scale);
  }

  private static List<String> distinct(CheckedJson json, String field) {
    List<String> names = json.texts(field);
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw json.error(field, "names '" + n + "' twice; names must be distinct");
      }
    }
    return new ArrayList<>(names);
  }

  private static String abbreviate(List<String> names) {
    return names.size() <= 8 ? names.toString() : names.subList(0, 8) + " ... (" + names.size() + ")";
  }
}
