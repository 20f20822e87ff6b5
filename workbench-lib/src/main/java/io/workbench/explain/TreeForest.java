package io.workbench.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.model.Model;
import io.workbench.model.TreeEnsemble;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The trees of a {@link TreeEnsemble} read from its JSON dump (split feature, threshold, the yes/no/missing
 * children, leaf values and covers), for the TreeSHAP algorithms that walk the trees in Java. Built only when the
 * walked trees reproduce the model's own margins on probe rows for every output (trees are assigned to outputs
 * round-robin, {@code k} parallel trees per output and round, {@code k} found by that check); otherwise
 * {@link #of} returns null and the native computation is used.
 */
final class TreeForest {

  /** One tree in flat arrays indexed by node id; {@code feature[node] < 0} marks a leaf. */
  static final class Tree {
    final int[] feature;
    final float[] threshold;
    final int[] yes;
    final int[] no;
    final int[] missing;
    final double[] value;
    final double[] cover;

    Tree(int nodes) {
      feature = new int[nodes];
      threshold = new float[nodes];
      yes = new int[nodes];
      no = new int[nodes];
      missing = new int[nodes];
      value = new double[nodes];
      cover = new double[nodes];
    }

    /** The child of {@code node} that row {@code x} goes to. */
    int next(int node, float[] x) {
      float v = x[feature[node]];
      return Float.isNaN(v) ? missing[node] : v < threshold[node] ? yes[node] : no[node];
    }

    /** The leaf value reached by {@code x}. */
    double predict(float[] x) {
      int node = 0;
      while (feature[node] >= 0) {
        node = next(node, x);
      }
      return value[node];
    }

    /** The cover-weighted mean leaf value: the tree's expected output with no feature known. */
    double expected() {
      double s = 0;
      for (int node = 0; node < feature.length; node++) {
        if (feature[node] < 0) {
          s += value[node] * cover[node];
        }
      }
      return s / cover[0];
    }
  }

  final int features;
  final int outputs;
  final Tree[] trees;
  /** The output (class) of each tree. */
  final int[] output;
  /** Per output, the margin of no tree (XGBoost's base score in margin space). */
  final double[] offset;

  private TreeForest(int features, int outputs, Tree[] trees, int[] output, double[] offset) {
    this.features = features;
    this.outputs = outputs;
    this.trees = trees;
    this.output = output;
    this.offset = offset;
  }

  /** The model's margin of output {@code k} for {@code x}. */
  double margin(int k, float[] x) {
    double s = offset[k];
    for (int t = 0; t < trees.length; t++) {
      if (output[t] == k) {
        s += trees[t].predict(x);
      }
    }
    return s;
  }

  /** The trees of the model, checked against its margins on {@code probe} rows, or null. */
  static TreeForest of(Model model, float[][] probe) {
    TreeEnsemble te = model.as(TreeEnsemble.class).orElse(null);
    if (te == null || probe.length == 0) {
      return null;
    }
    int d = model.featureNames().size();
    Tree[] trees;
    try {
      List<String> dumps = te.treeDumpJson();
      trees = new Tree[dumps.size()];
      ObjectMapper json = new ObjectMapper();
      for (int t = 0; t < trees.length; t++) {
        trees[t] = parse(json.readTree(dumps.get(t)), d);
      }
    } catch (RuntimeException | java.io.IOException e) {
      return null; // an unfamiliar dump (categorical splits, no covers): the native path
    }
    int k = te.numOutputs();
    if (trees.length == 0 || trees.length % k != 0) {
      return null;
    }
    // the offset (XGBoost's base margin) is read off the first row, an all-zero row, so that it is the same number
    // whichever rows are explained (native margins are float32: reading it off the caller's first row made the base
    // value depend, at 1e-6, on how rows were batched or partitioned); the caller's rows check the trees
    float[][] rows = new float[Math.min(probe.length, 63) + 1][];
    rows[0] = new float[d];
    System.arraycopy(probe, 0, rows, 1, rows.length - 1);
    double[][] margins = new double[k][];
    for (int o = 0; o < k; o++) {
      // binary models: the native log-odds of class 1
      margins[o] = te.predictMargin(rows, k == 1 && model.classNames().size() == 2 ? 1 : o);
    }
    int perRound = trees.length / k;
    for (int parallel = 1; parallel <= perRound; parallel++) {
      if (perRound % parallel != 0) {
        continue;
      }
      int[] output = new int[trees.length];
      for (int t = 0; t < trees.length; t++) {
        output[t] = (t / parallel) % k;
      }
      double[] offset = new double[k];
      if (reproduces(trees, output, rows, margins, offset)) {
        return new TreeForest(d, k, trees, output, offset);
      }
      if (k == 1) {
        break;
      }
    }
    return null;
  }

  private static boolean reproduces(Tree[] trees, int[] output, float[][] rows, double[][] margins,
      double[] offset) {
    int k = margins.length;
    for (int o = 0; o < k; o++) {
      for (int i = 0; i < rows.length; i++) {
        double s = 0;
        for (int t = 0; t < trees.length; t++) {
          if (output[t] == o) {
            s += trees[t].predict(rows[i]);
          }
        }
        double off = margins[o][i] - s;
        if (i == 0) {
          offset[o] = off;
        } else if (Math.abs(off - offset[o]) > 1e-4 * (1 + Math.abs(margins[o][i]))) {
          return false;
        }
      }
    }
    return true;
  }

  /** One tree of the JSON dump (split features {@code f<j>} with {@code j < d}); fails on anything else. */
  static Tree parse(JsonNode root, int d) {
    List<JsonNode> nodes = new ArrayList<>();
    List<JsonNode> stack = new ArrayList<>(List.of(root));
    int maxId = 0;
    while (!stack.isEmpty()) {
      JsonNode node = stack.remove(stack.size() - 1);
      nodes.add(node);
      maxId = Math.max(maxId, node.get("nodeid").asInt());
      JsonNode kids = node.get("children");
      if (kids != null) {
        kids.forEach(stack::add);
      }
    }
    Tree tree = new Tree(maxId + 1);
    Arrays.fill(tree.feature, -2);
    for (JsonNode node : nodes) {
      int id = node.get("nodeid").asInt();
      JsonNode cover = node.get("cover");
      if (cover == null || !cover.isNumber() || !(cover.asDouble() > 0)) {
        throw new IllegalStateException("node without a positive cover: " + node);
      }
      tree.cover[id] = cover.asDouble();
      if (node.has("leaf")) {
        tree.feature[id] = -1;
        tree.value[id] = node.get("leaf").asDouble();
        continue;
      }
      String split = node.get("split").asText();
      JsonNode cond = node.get("split_condition");
      if (!split.startsWith("f") || cond == null || !cond.isNumber()) {
        throw new IllegalStateException("unsupported split " + node);
      }
      int f = Integer.parseInt(split.substring(1));
      if (f < 0 || f >= d) {
        throw new IllegalStateException("split on feature " + f + " of " + d);
      }
      tree.feature[id] = f;
      tree.threshold[id] = Float.parseFloat(cond.asText());
      tree.yes[id] = node.get("yes").asInt();
      tree.no[id] = node.get("no").asInt();
      tree.missing[id] = node.get("missing").asInt();
    }
    for (int v : tree.feature) {
      if (v == -2) {
        throw new IllegalStateException("a tree has gaps in its node ids");
      }
    }
    return tree;
  }
}
