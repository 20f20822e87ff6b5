package io.workbench.model.cart;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.data.Task;
import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.io.AtomicFiles;
import io.workbench.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tech.tablesaw.api.Table;

/**
 * A fitted CART decision tree, usable as any {@link Model}: rows go left when {@code x[feature] <=
 * threshold}. Classification trees answer the class shares of the training rows in the leaf; regression
 * trees the leaf mean. Built by {@link CartTrainer} ({@code Models.cart()}); {@link #rules()} reads the leaves
 * out as IF-THEN rules. A value: immutable and thread-safe for inference. {@link #save(Path)} writes one JSON
 * file; {@link #load(Path)} reads it back and predicts bit-identically.
 *
 * <pre>{@code
 * CartTree tree = Models.cart().maxDepth(3).fit(train);
 * tree.predict(test.x());
 * System.out.println(tree.rules().toText());
 * tree.save(Path.of("tree.json"));
 * CartTree same = CartTree.load(Path.of("tree.json"));
 * }</pre>
 */
public final class CartTree implements Model, Displayable {

  /** The {@code type} field of a saved tree. */
  public static final String TYPE = "workbench.cart";

  /** The format version {@link #save(Path)} writes and {@link #load(Path)} reads. */
  public static final int FORMAT_VERSION = 1;

  /** Deepest tree {@link #load(Path)} accepts (and {@link CartTrainer#maxDepth(int)} grows). */
  public static final int MAX_DEPTH = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final Task task;
  private final List<String> featureNames;
  private final List<String> classNames;
  private final int[] feature;
  private final double[] threshold;
  private final int[] left;
  private final int[] right;
  private final double[][] value;
  private final int[] count;
  private final double[] impurity;

  CartTree(Task task, List<String> featureNames, List<String> classNames, int[] feature, double[] threshold,
      int[] left, int[] right, double[][] value, int[] count, double[] impurity) {
    this.task = task;
    this.featureNames = List.copyOf(featureNames);
    this.classNames = List.copyOf(classNames);
    this.feature = feature;
    this.threshold = threshold;
    this.left = left;
    this.right = right;
    this.value = value;
    this.count = count;
    this.impurity = impurity;
  }

  @Override
  public Task task() {
    return task;
  }

  @Override
  public List<String> featureNames() {
    return featureNames;
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public float[][] predictProba(float[][] x) {
    Model.checkInput(this, x);
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      double[] v = value[leafOf(x[i])];
      float[] o = new float[v.length];
      for (int k = 0; k < v.length; k++) {
        o[k] = (float) v[k];
      }
      out[i] = o;
    }
    return out;
  }

  /** Index of the leaf that a checked row lands in. */
  int leafOf(float[] x) {
    int node = 0;
    while (feature[node] >= 0) {
      node = x[feature[node]] <= threshold[node] ? left[node] : right[node];
    }
    return node;
  }

  /** Number of nodes, inner and leaves. */
  public int nodeCount() {
    return feature.length;
  }

  /** Number of leaves (= number of rules). */
  public int leafCount() {
    int n = 0;
    for (int f : feature) {
      n += f < 0 ? 1 : 0;
    }
    return n;
  }

  /** Depth: 0 for a single leaf. */
  public int depth() {
    return depth(0);
  }

  private int depth(int node) {
    return feature[node] < 0 ? 0 : 1 + Math.max(depth(left[node]), depth(right[node]));
  }

  /** Names of the features the tree splits on, in model feature order. */
  public List<String> usedFeatures() {
    TreeSet<Integer> used = new TreeSet<>();
    for (int f : feature) {
      if (f >= 0) {
        used.add(f);
      }
    }
    List<String> out = new ArrayList<>();
    for (int f : used) {
      out.add(featureNames.get(f));
    }
    return out;
  }

  /** The leaves as IF-THEN rules, in left-to-right order, with support and confidence. */
  public TreeRules rules() {
    List<TreeRule> out = new ArrayList<>();
    int n = count[0];
    collect(0, new double[featureNames.size()][], n, out);
    return new TreeRules(task, out);
  }

  private void collect(int node, double[][] bounds, int total, List<TreeRule> out) {
    if (feature[node] < 0) {
      List<TreeRule.Condition> conds = new ArrayList<>();
      for (int f = 0; f < bounds.length; f++) {
        if (bounds[f] != null) {
          conds.add(new TreeRule.Condition(featureNames.get(f), bounds[f][0], bounds[f][1]));
        }
      }
      double[] v = value[node];
      String prediction;
      double predicted;
      double confidence;
      if (task == Task.CLASSIFICATION) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
          if (v[k] > v[best]) {
            best = k;
          }
        }
        prediction = classNames.get(best);
        predicted = best;
        confidence = v[best];
      } else {
        predicted = v[0];
        prediction = Numbers.format(v[0]);
        confidence = Double.NaN;
      }
      out.add(new TreeRule(conds, prediction, predicted, count[node], (double) count[node] / total, confidence,
          task == Task.REGRESSION ? Math.sqrt(Math.max(0, impurity[node])) : Double.NaN));
      return;
    }
    int f = feature[node];
    double[] saved = bounds[f];
    double lo = saved == null ? Double.NEGATIVE_INFINITY : saved[0];
    double hi = saved == null ? Double.POSITIVE_INFINITY : saved[1];
    bounds[f] = new double[] {lo, Math.min(hi, threshold[node])};
    collect(left[node], bounds, total, out);
    bounds[f] = new double[] {Math.max(lo, threshold[node]), hi};
    collect(right[node], bounds, total, out);
    bounds[f] = saved;
  }

  /** The rules as a table (see {@link TreeRules#toTable()}). */
  public Table toTable() {
    return rules().toTable();
  }

  @Override
  public String toHtml() {
    return rules().toHtml();
  }

  @Override
  public String toText() {
    return rules().toText();
  }

  @Override
  public String toString() {
    return "CartTree(" + task + ", depth " + depth() + ", " + leafCount() + " leaves, splits on " + usedFeatures() + ")";
  }

  int[] featureArray() {
    return feature.clone();
  }

  double[] thresholdArray() {
    return threshold.clone();
  }

  /**
   * Writes the tree as one JSON file (format {@value #TYPE}, version {@value #FORMAT_VERSION}): written to a
   * temporary file in the same directory, forced to disk, then moved into place, so readers never see half a
   * file.
   *
   * @throws IllegalArgumentException when {@code file} is null or names a directory
   * @throws IllegalStateException when the file cannot be written
   */
  public void save(Path file) {
    if (file == null) {
      throw new IllegalArgumentException("save(file): file is null");
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("save(file): " + file + " is a directory; expected a file name such as tree.json");
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", TYPE);
    json.put("formatVersion", FORMAT_VERSION);
    json.put("task", task.name());
    json.put("featureNames", featureNames);
    json.put("classNames", classNames);
    json.put("feature", feature);
    json.put("threshold", threshold);
    json.put("left", left);
    json.put("right", right);
    json.put("value", value);
    json.put("count", count);
    json.put("impurity", impurity);
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(json));
    } catch (IOException e) {
      throw new IllegalStateException("Could not save the tree to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a tree written by {@link #save(Path)}. The file is checked whole before use: its type and version,
   * one entry per node in every array, child indices that form one tree in pre-order (so no input can make
   * prediction loop), feature indices in range, finite thresholds and leaf values of the right width.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static CartTree load(Path file) {
    if (file == null) {
      throw new IllegalArgumentException("load(file): file is null");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("No tree file " + file + "; expected a JSON file written by CartTree.save");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject() || !TYPE.equals(root.path("type").asText(null))) {
      throw new IllegalArgumentException(file + " is not a CART tree: expected \"type\": \"" + TYPE + "\"");
    }
    int version = root.path("formatVersion").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException(file + " has format version " + version + "; this library reads version "
          + FORMAT_VERSION);
    }
    try {
      Task task = Task.valueOf(root.path("task").asText(""));
      if (task != Task.CLASSIFICATION && task != Task.REGRESSION) {
        throw new IllegalArgumentException("task must be CLASSIFICATION or REGRESSION, got " + task);
      }
      List<String> features = JSON.convertValue(root.path("featureNames"), STRINGS);
      List<String> classes = JSON.convertValue(root.path("classNames"), STRINGS);
      int[] f = JSON.convertValue(required(root, "feature"), int[].class);
      double[] t = JSON.convertValue(required(root, "threshold"), double[].class);
      int[] l = JSON.convertValue(required(root, "left"), int[].class);
      int[] r = JSON.convertValue(required(root, "right"), int[].class);
      double[][] v = JSON.convertValue(required(root, "value"), double[][].class);
      int[] c = JSON.convertValue(required(root, "count"), int[].class);
      double[] imp = JSON.convertValue(required(root, "impurity"), double[].class);
      validate(task, features, classes, f, t, l, r, v, c, imp);
      return new CartTree(task, features, classes, f, t, l, r, v, c, imp);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " is not a valid CART tree: " + e.getMessage(), e);
    }
  }

  private static JsonNode required(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null || !n.isArray()) {
      throw new IllegalArgumentException("missing array '" + field + "'");
    }
    return n;
  }

  /** Checks that the arrays describe one finite tree in pre-order. */
  private static void validate(Task task, List<String> features, List<String> classes, int[] f, double[] t, int[] l,
      int[] r, double[][] v, int[] c, double[] imp) {
    if (features == null || features.isEmpty()) {
      throw new IllegalArgumentException("featureNames is missing or empty");
    }
    if (classes == null || (task == Task.CLASSIFICATION ? classes.size() < 2 : !classes.isEmpty())) {
      throw new IllegalArgumentException("classNames must list at least 2 classes for classification and none for"
          + " regression, got " + classes);
    }
    int m = f.length;
    if (m == 0) {
      throw new IllegalArgumentException("the tree has no nodes");
    }
    for (Object[] a : new Object[][] {{"threshold", t.length}, {"left", l.length}, {"right", r.length},
        {"value", v.length}, {"count", c.length}, {"impurity", imp.length}}) {
      if ((int) a[1] != m) {
        throw new IllegalArgumentException(a[0] + " has " + a[1] + " entries but feature has " + m
            + "; expected one per node");
      }
    }
    int width = task == Task.CLASSIFICATION ? classes.size() : 1;
    int[] parents = new int[m];
    int[] depth = new int[m];
    for (int i = 0; i < m; i++) {
      if (v[i] == null || v[i].length != width) {
        throw new IllegalArgumentException("node " + i + " has " + (v[i] == null ? 0 : v[i].length)
            + " leaf values, expected " + width);
      }
      for (double x : v[i]) {
        if (!Double.isFinite(x)) {
          throw new IllegalArgumentException("node " + i + " has a non-finite leaf value " + x);
        }
      }
      if (f[i] < 0) {
        if (f[i] != -1 || l[i] != -1 || r[i] != -1) {
          throw new IllegalArgumentException("leaf " + i + " must have feature -1 and children -1, got feature " + f[i]
              + ", children " + l[i] + " and " + r[i]);
        }
        continue;
      }
      if (f[i] >= features.size()) {
        throw new IllegalArgumentException("node " + i + " splits on feature " + f[i] + "; there are "
            + features.size() + " features");
      }
      if (!Double.isFinite(t[i])) {
        throw new IllegalArgumentException("node " + i + " has a non-finite threshold " + t[i]);
      }
      for (int child : new int[] {l[i], r[i]}) {
        if (child <= i || child >= m) {
          throw new IllegalArgumentException("node " + i + " has child " + child + "; children must come after"
              + " their parent (pre-order) and within 0.." + (m - 1));
        }
        parents[child]++;
        depth[child] = depth[i] + 1;
        if (depth[child] > MAX_DEPTH) {
          throw new IllegalArgumentException("the tree is deeper than " + MAX_DEPTH + " levels");
        }
      }
    }
    for (int i = 1; i < m; i++) {
      if (parents[i] != 1) {
        throw new IllegalArgumentException("node " + i + " has " + parents[i] + " parents; every node but the root"
            + " must have exactly one");
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CartTree t && task == t.task && featureNames.equals(t.featureNames)
        && Arrays.equals(feature, t.feature) && Arrays.equals(threshold, t.threshold)
        && Arrays.deepEquals(value, t.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(feature) * 31 + Arrays.hashCode(threshold);
  }
}
