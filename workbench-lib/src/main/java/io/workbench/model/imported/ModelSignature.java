package io.workbench.model.imported;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.data.Dataset;
import io.workbench.data.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the workbench must know about a model trained elsewhere: the shape of one input sample, the names of its
 * features (or of its channels), its class names and what its forward returns. It comes from the user (the
 * {@link Builder}) or from a small sidecar JSON file beside the model ({@code net.pt.json} or {@code net.json} for
 * {@code net.pt}):
 *
 * <pre>{@code
 * {"inputShape": [2, 360], "channels": ["MLII", "V1"], "classes": ["normal", "ventricular"], "output": "logits"}
 * }</pre>
 *
 * <p>Keys: {@code inputShape} (required: {@code [features]}, {@code [channels, length]} or {@code [c, h, w]}),
 * {@code features} (one name per input value, row-major) or {@code channels} (one name per channel; features are
 * then named {@code channel@t0, channel@t1, ...} for signals and {@code channel_r_c} for images; with neither,
 * {@code x0, x1, ...}), {@code classes} (absent or empty: regression), {@code output} ({@code logits},
 * {@code probabilities} or {@code values}; see {@link OutputKind}) and {@code multiLabel}. Unknown keys are refused,
 * so a misspelt key is an error, not a silent default.
 *
 * <pre>{@code
 * ModelSignature s = ModelSignature.builder().inputShape(2, 360).channels("MLII", "V1")
 *     .classes("normal", "ventricular").output(OutputKind.LOGITS).build();
 * ModelSignature same = ModelSignature.builder().from(train).output(OutputKind.LOGITS).build();  // from a Dataset
 * s.write(Path.of("net.pt.json"));
 * }</pre>
 *
 * @param inputShape shape of one sample, without the batch dimension
 * @param featureNames one name per input value, in row-major order of {@code inputShape}
 * @param classNames class (or label) names in output order; empty for regression
 * @param output what the model's forward returns
 * @param multiLabel whether the classes are independent labels (each through a sigmoid)
 */
public record ModelSignature(
    int[] inputShape, List<String> featureNames, List<String> classNames, OutputKind output, boolean multiLabel) {

  private static final Set<String> KEYS = Set.of("inputShape", "features", "channels", "classes", "output",
      "multiLabel");

  /** Validates and copies. */
  public ModelSignature {
    if (inputShape == null || inputShape.length == 0 || inputShape.length > 3) {
      throw new IllegalArgumentException("inputShape must be [features], [channels, length] or [c, h, w], got "
          + Arrays.toString(inputShape));
    }
    long size = 1;
    for (int s : inputShape) {
      if (s < 1) {
        throw new IllegalArgumentException("inputShape " + Arrays.toString(inputShape) + " has a dimension < 1");
      }
      size *= s;
    }
    if (featureNames == null || featureNames.size() != size) {
      throw new IllegalArgumentException("inputShape " + Arrays.toString(inputShape) + " holds " + size
          + " values but " + (featureNames == null ? "no" : featureNames.size()) + " feature names were given");
    }
    if (new LinkedHashSet<>(featureNames).size() != featureNames.size()) {
      throw new IllegalArgumentException("feature names repeat: " + firstRepeat(featureNames));
    }
    classNames = classNames == null ? List.of() : List.copyOf(classNames);
    if (new LinkedHashSet<>(classNames).size() != classNames.size()) {
      throw new IllegalArgumentException("class names repeat: " + firstRepeat(classNames));
    }
    if (output == null) {
      throw new IllegalArgumentException("output is required: OutputKind.LOGITS, PROBABILITIES or VALUES");
    }
    if (classNames.isEmpty() && output != OutputKind.VALUES) {
      throw new IllegalArgumentException("no classes were given, so the model is a regression and its output must be"
          + " VALUES, got " + output + "; name the classes for a classifier");
    }
    if (!classNames.isEmpty() && output == OutputKind.VALUES) {
      throw new IllegalArgumentException("output VALUES means regression, but classes " + classNames
          + " were given; use LOGITS or PROBABILITIES for a classifier");
    }
    if (classNames.size() == 1 && !multiLabel) {
      throw new IllegalArgumentException("a classifier needs at least two classes, got " + classNames
          + " (a single label needs multiLabel)");
    }
    if (multiLabel && classNames.isEmpty()) {
      throw new IllegalArgumentException("multiLabel needs the label names as classes");
    }
    inputShape = inputShape.clone();
    featureNames = List.copyOf(featureNames);
  }

  @Override
  public int[] inputShape() {
    return inputShape.clone();
  }

  /** Classification, regression or multi-label. */
  public Task task() {
    return classNames.isEmpty() ? Task.REGRESSION : multiLabel ? Task.MULTI_LABEL : Task.CLASSIFICATION;
  }

  /** Input values per sample (the product of {@link #inputShape()}). */
  public int sampleSize() {
    return featureNames.size();
  }

  /** A builder with no settings. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- sidecar

  /**
   * The sidecar of a model file: {@code FILE.json} (for example {@code net.pt.json}) or, failing that, the file name
   * with its extension replaced ({@code net.json}); empty when there is neither.
   */
  public static java.util.Optional<Path> sidecarOf(Path model) {
    Path full = model.resolveSibling(model.getFileName() + ".json");
    if (Files.isRegularFile(full)) {
      return java.util.Optional.of(full);
    }
    String name = model.getFileName().toString();
    int dot = name.lastIndexOf('.');
    Path stem = dot > 0 ? model.resolveSibling(name.substring(0, dot) + ".json") : null;
    return stem != null && Files.isRegularFile(stem) ? java.util.Optional.of(stem) : java.util.Optional.empty();
  }

  /**
   * Reads a sidecar JSON file (see the class comment for its keys).
   *
   * @throws IllegalArgumentException naming the file and the key when the file is missing, not JSON, has an
   *     unknown key or a value of the wrong kind
   */
  public static ModelSignature read(Path json) {
    if (json == null || !Files.isRegularFile(json)) {
      throw new IllegalArgumentException("Model signature file " + json + " does not exist");
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("Model signature " + json + " is not valid JSON: " + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the model signature " + json + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("Model signature " + json + " must hold a JSON object like {\"inputShape\":"
          + " [4], \"classes\": [\"a\", \"b\"], \"output\": \"logits\"}");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("Model signature " + json + " has the unknown key '" + key + "'; keys are "
            + new java.util.TreeSet<>(KEYS));
      }
    }
    try {
      Builder b = builder();
      if (!root.has("inputShape")) {
        throw new IllegalArgumentException("the key 'inputShape' is required, for example [30] or [2, 360]");
      }
      b.inputShape(ints(root.get("inputShape"), "inputShape"));
      if (root.has("features")) {
        b.features(strings(root.get("features"), "features"));
      }
      if (root.has("channels")) {
        b.channels(strings(root.get("channels"), "channels").toArray(String[]::new));
      }
      if (root.has("classes")) {
        b.classes(strings(root.get("classes"), "classes").toArray(String[]::new));
      }
      if (root.has("output")) {
        JsonNode o = root.get("output");
        if (!o.isTextual()) {
          throw new IllegalArgumentException("'output' must be \"logits\", \"probabilities\" or \"values\", got " + o);
        }
        b.output(parseOutput(o.asText()));
      }
      if (root.has("multiLabel")) {
        JsonNode m = root.get("multiLabel");
        if (!m.isBoolean()) {
          throw new IllegalArgumentException("'multiLabel' must be true or false, got " + m);
        }
        b.multiLabel(m.asBoolean());
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Model signature " + json + ": " + e.getMessage(), e);
    }
  }

  /** Writes this signature as a sidecar JSON file (atomically: a reader sees the old file or the new one). */
  public Path write(Path json) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ArrayNode shape = root.putArray("inputShape");
    for (int s : inputShape) {
      shape.add(s);
    }
    ArrayNode f = root.putArray("features");
    featureNames.forEach(f::add);
    ArrayNode c = root.putArray("classes");
    classNames.forEach(c::add);
    root.put("output", output.name().toLowerCase(Locale.ROOT));
    root.put("multiLabel", multiLabel);
    try {
      io.workbench.io.AtomicFiles.writeString(json, mapper.writeValueAsString(root));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot write the model signature " + json + ": " + e.getMessage(), e);
    }
    return json;
  }

  static OutputKind parseOutput(String s) {
    for (OutputKind k : OutputKind.values()) {
      if (k.name().equalsIgnoreCase(s)) {
        return k;
      }
    }
    throw new IllegalArgumentException("'output' must be \"logits\", \"probabilities\" or \"values\", got \"" + s
        + "\"");
  }

  private static int[] ints(JsonNode n, String key) {
    if (!n.isArray()) {
      throw new IllegalArgumentException("'" + key + "' must be an array of positive integers, got " + n);
    }
    int[] out = new int[n.size()];
    for (int i = 0; i < out.length; i++) {
      if (!n.get(i).canConvertToInt() || !n.get(i).isIntegralNumber()) {
        throw new IllegalArgumentException("'" + key + "'[" + i + "] must be an integer, got " + n.get(i));
      }
      out[i] = n.get(i).asInt();
    }
    return out;
  }

  private static List<String> strings(JsonNode n, String key) {
    if (!n.isArray()) {
      throw new IllegalArgumentException("'" + key + "' must be an array of strings, got " + n);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      if (!n.get(i).isTextual()) {
        throw new IllegalArgumentException("'" + key + "'[" + i + "] must be a string, got " + n.get(i));
      }
      out.add(n.get(i).asText());
    }
    return out;
  }

  private static String firstRepeat(List<String> names) {
    Set<String> seen = new java.util.HashSet<>();
    for (String s : names) {
      if (!seen.add(s)) {
        return "'" + s + "'";
      }
    }
    return "";
  }

  // ---------------------------------------------------------------- outputs

  /** Output columns the model may return: the class count, or 1 for a binary or regression model. */
  boolean acceptsWidth(int width) {
    int k = classNames.size();
    if (k == 0) {
      return width == 1;
    }
    return width == k || (k == 2 && !multiLabel && width == 1);
  }

  /** What {@link #acceptsWidth} accepts, in words. */
  String expectedWidth() {
    int k = classNames.size();
    if (k == 0) {
      return "1 value per row (regression)";
    }
    return k + " values per row (one per class of " + classNames + ")"
        + (k == 2 && !multiLabel ? " or 1 (the second class's " + (output == OutputKind.LOGITS ? "logit" : "probability")
            + ")" : "");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModelSignature s && Arrays.equals(inputShape, s.inputShape)
        && featureNames.equals(s.featureNames) && classNames.equals(s.classNames) && output == s.output
        && multiLabel == s.multiLabel;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(inputShape) * 31 + featureNames.hashCode() * 7 + classNames.hashCode();
  }

  @Override
  public String toString() {
    return "ModelSignature[input " + Arrays.toString(inputShape) + ", " + task().name().toLowerCase(Locale.ROOT)
        + (classNames.isEmpty() ? "" : " " + classNames) + ", output " + output.name().toLowerCase(Locale.ROOT) + "]";
  }

  /**
   * Collects a signature; {@link #build()} validates it. Feature names default from {@code channels} (or to
   * {@code x0, x1, ...}); the output defaults to {@link OutputKind#LOGITS} with classes and to {@link
   * OutputKind#VALUES} without.
   */
  public static final class Builder {
    private int[] inputShape;
    private List<String> features;
    private List<String> channels;
    private List<String> classes = List.of();
    private OutputKind output;
    private boolean multiLabel;

    private Builder() {}

    /** The shape of one sample: {@code [features]}, {@code [channels, length]} or {@code [c, h, w]}. */
    public Builder inputShape(int... shape) {
      this.inputShape = shape == null ? null : shape.clone();
      return this;
    }

    /** One name per input value, row-major. */
    public Builder features(List<String> names) {
      this.features = names == null ? null : List.copyOf(names);
      return this;
    }

    /** One name per channel (signals and images); feature names follow from them. */
    public Builder channels(String... names) {
      this.channels = List.of(names);
      return this;
    }

    /** Class (or label) names in output order; none: regression. */
    public Builder classes(String... names) {
      this.classes = List.of(names);
      return this;
    }

    /** Class names in output order. */
    public Builder classes(List<String> names) {
      this.classes = List.copyOf(names);
      return this;
    }

    /** What the forward returns (default: logits with classes, values without). */
    public Builder output(OutputKind kind) {
      this.output = kind;
      return this;
    }

    /** Whether the classes are independent labels (default false). */
    public Builder multiLabel(boolean m) {
      this.multiLabel = m;
      return this;
    }

    /** Feature names, sample shape, classes and task of a dataset (the data the model was trained on). */
    public Builder from(Dataset data) {
      if (data == null) {
        throw new IllegalArgumentException("from(data): data is null");
      }
      this.features = List.copyOf(data.features());
      this.inputShape = data.sampleShape();
      this.classes = data.task() == Task.REGRESSION ? List.of() : List.copyOf(data.classNames());
      this.multiLabel = data.task() == Task.MULTI_LABEL;
      return this;
    }

    /** The signature. */
    public ModelSignature build() {
      if (inputShape == null) {
        throw new IllegalArgumentException("inputShape is required, for example inputShape(30) or inputShape(2, 360)");
      }
      List<String> names = features;
      if (names == null) {
        names = defaultNames(inputShape, channels);
      } else if (channels != null) {
        throw new IllegalArgumentException("give features or channels, not both");
      }
      OutputKind o = output != null ? output : classes.isEmpty() ? OutputKind.VALUES : OutputKind.LOGITS;
      return new ModelSignature(inputShape, names, classes, o, multiLabel);
    }

    private static List<String> defaultNames(int[] shape, List<String> channels) {
      long size = 1;
      for (int s : shape) {
        if (s < 1) {
          throw new IllegalArgumentException("inputShape " + Arrays.toString(shape) + " has a dimension < 1");
        }
        size *= s;
      }
      if (size > 50_000_000) {
        throw new IllegalArgumentException("inputShape " + Arrays.toString(shape) + " holds " + size + " values");
      }
      List<String> out = new ArrayList<>((int) size);
      if (channels == null) {
        if (shape.length == 3 && shape[0] == 1) {
          for (int r = 0; r < shape[1]; r++) {
            for (int c = 0; c < shape[2]; c++) {
              out.add("pixel_" + r + "_" + c);
            }
          }
          return out;
        }
        for (int j = 0; j < size; j++) {
          out.add("x" + j);
        }
        return out;
      }
      if (shape.length < 2 || channels.size() != shape[0]) {
        throw new IllegalArgumentException(channels.size() + " channel names " + channels + " for inputShape "
            + Arrays.toString(shape) + "; channels name the first dimension of [channels, length] or [c, h, w]");
      }
      for (String ch : channels) {
        if (shape.length == 2) {
          for (int t = 0; t < shape[1]; t++) {
            out.add(ch + "@t" + t);
          }
        } else {
          for (int r = 0; r < shape[1]; r++) {
            for (int c = 0; c < shape[2]; c++) {
              out.add(ch + "_" + r + "_" + c);
            }
          }
        }
      }
      return out;
    }
  }
}
