package io.workbench.model.xgboost;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an XGBoost booster file ({@code booster.ubj}) completely in Java before XGBoost's native parser sees
 * it, because that parser trusts lengths, counts and indices and crashes the JVM (SIGSEGV) on a few changed
 * bytes. The file is parsed with {@link Ubjson} (every length and count within the file), then checked against
 * the schema of the XGBoost 2.x tree model: known fields with their types; the learner's parameters; an objective
 * the workbench trains; a {@code gbtree} booster whose tree count, {@code tree_info} (output group of each tree,
 * within range) and {@code iteration_indptr} (boosting rounds) agree; and per tree, arrays of {@code num_nodes}
 * elements, a proper binary tree reachable from the root (children in range, each node reached once, parents
 * matching, depth at most {@link #MAX_DEPTH}), split features below {@code num_feature}, finite numbers, covers
 * (sum of hessians) positive at splits and equal to their children's sum (TreeSHAP divides by them), no
 * categorical splits or vector leaves, deleted nodes as XGBoost marks them. The checked model is then written
 * again by {@link Ubjson#write}, so the native parser only ever reads bytes this class produced.
 */
final class BoosterCheck {

  /** Deepest tree accepted (XGBoost recurses over trees and sizes buffers by depth). */
  static final int MAX_DEPTH = 1024;
  /** Most output groups (classes) accepted. */
  static final int MAX_GROUPS = 100_000;

  private static final int DELETED = Integer.MAX_VALUE;
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,10}");
  private static final Pattern FLOAT = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  private static final Set<String> OBJECTIVES = Set.of(
      "binary:logistic", "multi:softprob", "reg:squarederror", "reg:absoluteerror", "reg:pseudohubererror");
  private static final Set<String> TREE_FIELDS = Set.of("base_weights", "categories", "categories_nodes",
      "categories_segments", "categories_sizes", "default_left", "id", "left_children", "loss_changes", "parents",
      "right_children", "split_conditions", "split_indices", "split_type", "sum_hessian", "tree_param");

  /**
   * What was checked: the booster's shape and the bytes to hand to XGBoost.
   *
   * @param numFeature features the trees were trained on
   * @param numClass XGBoost's {@code num_class} (0 for binary classification and regression)
   * @param objective the objective's name
   * @param numTrees trees in the model
   * @param canonical the checked model written again
   */
  record Info(int numFeature, int numClass, String objective, int numTrees, byte[] canonical) {}

  private final String where;

  private BoosterCheck(String where) {
    this.where = where;
  }

  /** Checks the bytes of a booster file named {@code where} in messages. */
  static Info check(byte[] bytes, String where) {
    return new BoosterCheck(where).run(bytes);
  }

  private Info run(byte[] bytes) {
    if (bytes.length < 2 || bytes[0] != '{' || bytes[1] != 'L') {
      throw new IllegalArgumentException(where + " is not an XGBoost UBJSON model (it must start with '{L'; JSON"
          + " text, the old binary format and other files are not read)");
    }
    Map<String, Object> root = object(Ubjson.read(bytes, where), "the model");
    only(root, "the model", Set.of("learner", "version"));
    List<Object> version = list(root, "version", "the model");
    if (version.size() != 3 || !version.stream().allMatch(v -> v instanceof Long l && l >= 0 && l < 1000)) {
      throw bad("field 'version' must hold three small integers, found " + version);
    }
    Map<String, Object> learner = object(root.get("learner"), "field 'learner'");
    only(learner, "learner", Set.of("attributes", "feature_names", "feature_types", "gradient_booster",
        "learner_model_param", "objective"));
    Map<String, Object> attributes = object(require(learner, "attributes", "learner"), "learner.attributes");
    attributes.forEach((k, v) -> text(v, "learner.attributes." + k));

    Map<String, Object> mp = object(require(learner, "learner_model_param", "learner"), "learner.learner_model_param");
    only(mp, "learner.learner_model_param", Set.of("base_score", "boost_from_average", "num_class", "num_feature",
        "num_target"));
    int numFeature = intParam(mp, "num_feature", "learner.learner_model_param", 1, Integer.MAX_VALUE - 1, null);
    int numClass = intParam(mp, "num_class", "learner.learner_model_param", 0, MAX_GROUPS, null);
    intParam(mp, "num_target", "learner.learner_model_param", 1, 1, 1);
    intParam(mp, "boost_from_average", "learner.learner_model_param", 0, 1, 1);
    String base = text(require(mp, "base_score", "learner.learner_model_param"), "learner.learner_model_param.base_score");
    if (!FLOAT.matcher(base).matches() || !Double.isFinite(Float.parseFloat(base))) {
      throw bad("field 'learner.learner_model_param.base_score' is '" + base + "', expected a finite number");
    }
    for (String names : List.of("feature_names", "feature_types")) {
      if (learner.containsKey(names)) {
        List<Object> l = list(learner, names, "learner");
        l.forEach(v -> text(v, "learner." + names));
        if (!l.isEmpty() && l.size() != numFeature) {
          throw bad("field 'learner." + names + "' has " + l.size() + " entries for " + numFeature + " features");
        }
      }
    }
    String objective = objective(object(require(learner, "objective", "learner"), "learner.objective"), numClass);
    int groups = numClass >= 2 ? numClass : 1;

    Map<String, Object> gb = object(require(learner, "gradient_booster", "learner"), "learner.gradient_booster");
    only(gb, "learner.gradient_booster", Set.of("name", "model"));
    String gbName = text(require(gb, "name", "learner.gradient_booster"), "learner.gradient_booster.name");
    if (!gbName.equals("gbtree")) {
      throw bad("field 'learner.gradient_booster.name' is '" + gbName + "'; only tree models ('gbtree') are read");
    }
    Map<String, Object> model = object(require(gb, "model", "learner.gradient_booster"), "the gbtree model");
    only(model, "the gbtree model", Set.of("gbtree_model_param", "iteration_indptr", "tree_info", "trees"));
    Map<String, Object> gp = object(require(model, "gbtree_model_param", "the gbtree model"), "gbtree_model_param");
    only(gp, "gbtree_model_param", Set.of("num_parallel_tree", "num_trees", "size_leaf_vector"));
    intParam(gp, "size_leaf_vector", "gbtree_model_param", 0, 1, 0);
    int parallel = intParam(gp, "num_parallel_tree", "gbtree_model_param", 1, 1_000_000, null);
    int numTrees = intParam(gp, "num_trees", "gbtree_model_param", 0, Integer.MAX_VALUE - 1, null);
    List<Object> trees = list(model, "trees", "the gbtree model");
    List<Object> info = list(model, "tree_info", "the gbtree model");
    if (trees.size() != numTrees || info.size() != numTrees) {
      throw bad("gbtree_model_param.num_trees is " + numTrees + " but there are " + trees.size() + " trees and "
          + info.size() + " tree_info entries");
    }
    for (int t = 0; t < numTrees; t++) {
      long g = integer(info.get(t), "tree_info[" + t + "]");
      if (g < 0 || g >= groups) {
        throw bad("tree_info[" + t + "] is " + g + ", outside the " + groups + " output group(s)");
      }
    }
    long perRound = (long) parallel * groups;
    if (model.containsKey("iteration_indptr")) {
      List<Object> ptr = list(model, "iteration_indptr", "the gbtree model");
      if (ptr.isEmpty() || integer(ptr.get(0), "iteration_indptr[0]") != 0) {
        throw bad("field 'iteration_indptr' must start with 0, found " + abbreviate(ptr));
      }
      for (int i = 1; i < ptr.size(); i++) {
        long d = integer(ptr.get(i), "iteration_indptr[" + i + "]") - integer(ptr.get(i - 1), "iteration_indptr");
        if (d != perRound) {
          throw bad("field 'iteration_indptr' steps by " + d + " at round " + i + "; every round adds "
              + perRound + " trees (num_parallel_tree x output groups)");
        }
      }
      if (integer(ptr.get(ptr.size() - 1), "iteration_indptr") != numTrees) {
        throw bad("field 'iteration_indptr' ends at " + ptr.get(ptr.size() - 1) + ", not at " + numTrees + " trees");
      }
    } else if (numTrees % perRound != 0) {
      throw bad(numTrees + " trees are not whole rounds of " + perRound + " trees");
    }
    BitSet ids = new BitSet(numTrees);
    for (int t = 0; t < numTrees; t++) {
      int id = tree(object(trees.get(t), "trees[" + t + "]"), t, numFeature, numTrees);
      if (ids.get(id)) {
        throw bad("trees[" + t + "] repeats the tree id " + id);
      }
      ids.set(id);
    }
    return new Info(numFeature, numClass, objective, numTrees, Ubjson.write(root));
  }

  private String objective(Map<String, Object> obj, int numClass) {
    String name = text(require(obj, "name", "learner.objective"), "learner.objective.name");
    if (!OBJECTIVES.contains(name)) {
      throw bad("field 'learner.objective.name' is '" + name + "'; the workbench reads models with the objectives "
          + new java.util.TreeSet<>(OBJECTIVES));
    }
    for (Map.Entry<String, Object> e : obj.entrySet()) {
      if (!e.getKey().equals("name")) {
        Map<String, Object> params = object(e.getValue(), "learner.objective." + e.getKey());
        params.forEach((k, v) -> text(v, "learner.objective." + e.getKey() + "." + k));
      }
    }
    if (name.equals("multi:softprob")) {
      Map<String, Object> p = object(require(obj, "softmax_multiclass_param", "learner.objective"),
          "learner.objective.softmax_multiclass_param");
      int k = intParam(p, "num_class", "learner.objective.softmax_multiclass_param", 2, MAX_GROUPS, null);
      if (k != numClass) {
        throw bad("the objective has num_class " + k + " but learner_model_param.num_class is " + numClass);
      }
    } else if (numClass != 0) {
      throw bad("learner_model_param.num_class is " + numClass + " but the objective '" + name
          + "' has one output");
    }
    return name;
  }

  /** Checks one tree; returns its id. */
  private int tree(Map<String, Object> tree, int t, int numFeature, int numTrees) {
    String w = "trees[" + t + "]";
    only(tree, w, TREE_FIELDS);
    long idValue = integer(require(tree, "id", w), w + ".id");
    if (idValue < 0 || idValue >= numTrees) {
      throw bad(w + ".id is " + idValue + ", outside 0.." + (numTrees - 1));
    }
    Map<String, Object> tp = object(require(tree, "tree_param", w), w + ".tree_param");
    only(tp, w + ".tree_param", Set.of("num_deleted", "num_feature", "num_nodes", "size_leaf_vector"));
    int n = intParam(tp, "num_nodes", w + ".tree_param", 1, Integer.MAX_VALUE - 1, null);
    int deleted = intParam(tp, "num_deleted", w + ".tree_param", 0, n - 1, null);
    int nf = intParam(tp, "num_feature", w + ".tree_param", 1, Integer.MAX_VALUE - 1, null);
    if (nf != numFeature) {
      throw bad(w + ".tree_param.num_feature is " + nf + " but the model has " + numFeature + " features");
    }
    intParam(tp, "size_leaf_vector", w + ".tree_param", 0, 1, null);
    int[] left = ints(tree, "left_children", w, n);
    int[] right = ints(tree, "right_children", w, n);
    int[] parent = ints(tree, "parents", w, n);
    long[] split = splitIndices(tree, w, n);
    Ubjson.U8 dleft = u8(tree, "default_left", w, n);
    for (String f : List.of("base_weights", "loss_changes", "sum_hessian", "split_conditions")) {
      float[] v = floats(tree, f, w, n);
      for (int i = 0; i < n; i++) {
        if (!Float.isFinite(v[i])) {
          throw bad(w + "." + f + "[" + i + "] is " + v[i] + ", expected a finite number");
        }
      }
    }
    float[] cover = floats(tree, "sum_hessian", w, n);
    if (tree.containsKey("split_type")) {
      Ubjson.U8 st = u8(tree, "split_type", w, n);
      for (int i = 0; i < n; i++) {
        if (st.get(i) != 0) {
          throw bad(w + ".split_type[" + i + "] is " + st.get(i) + "; categorical splits are not read");
        }
      }
      for (String f : List.of("categories", "categories_nodes", "categories_segments", "categories_sizes")) {
        Object v = require(tree, f, w);
        int len = v instanceof int[] a ? a.length : v instanceof long[] a ? a.length : v instanceof List<?> l ? l.size()
            : -1;
        if (len != 0) {
          throw bad(w + "." + f + " must be an empty integer array (no categorical splits), found "
              + (len < 0 ? v.getClass().getSimpleName() : len + " entries"));
        }
      }
    }
    if (parent[0] != -1 && parent[0] != DELETED) {
      throw bad(w + ".parents[0] is " + parent[0] + "; the root has no parent (" + DELETED + ")");
    }
    // walk from the root: a proper binary tree, each node reached once
    BitSet seen = new BitSet(n);
    int[] stack = new int[n];
    int[] depth = new int[n];
    int top = 0;
    stack[top++] = 0;
    seen.set(0);
    while (top > 0) {
      int v = stack[--top];
      if (depth[v] > MAX_DEPTH) {
        throw bad(w + " is deeper than " + MAX_DEPTH + " levels at node " + v);
      }
      if (split[v] < 0 || split[v] >= numFeature || dleft.get(v) > 1) {
        throw bad(w + " node " + v + " has split_indices " + split[v] + " and default_left " + dleft.get(v)
            + "; expected a feature index below " + numFeature + " and 0 or 1");
      }
      if (left[v] == -1 && right[v] == -1) {
        continue;
      }
      // TreeSHAP divides by covers: an internal node covers its children's rows (as XGBoost sums them)
      if (!(cover[v] > 0) || left[v] < 1 || left[v] >= n || right[v] < 1 || right[v] >= n || cover[left[v]] < 0
          || cover[right[v]] < 0
          || Math.abs((double) cover[left[v]] + cover[right[v]] - cover[v]) > 1e-3 * cover[v] + 1e-6) {
        if (left[v] >= 1 && left[v] < n && right[v] >= 1 && right[v] < n) {
          throw bad(w + " node " + v + " has sum_hessian " + cover[v] + " but its children " + left[v] + " and "
              + right[v] + " have " + cover[left[v]] + " and " + cover[right[v]] + "; a split node's cover must be"
              + " positive and the sum of its children's");
        }
      }
      for (int c : new int[] {left[v], right[v]}) {
        if (c < 1 || c >= n || seen.get(c)) {
          throw bad(w + " node " + v + " has children " + left[v] + " and " + right[v] + "; each child must be a"
              + " node 1.." + (n - 1) + " not reached before (or both -1 for a leaf)");
        }
        if (parent[c] != v) {
          throw bad(w + " node " + c + " is a child of node " + v + " but parents[" + c + "] is " + parent[c]);
        }
        seen.set(c);
        depth[c] = depth[v] + 1;
        stack[top++] = c;
      }
    }
    int unreached = n - seen.cardinality();
    if (unreached != deleted) {
      throw bad(w + " has " + unreached + " nodes not reachable from the root but tree_param.num_deleted is "
          + deleted);
    }
    for (int v = seen.nextClearBit(0); v < n; v = seen.nextClearBit(v + 1)) {
      if (split[v] != DELETED || dleft.get(v) != 1 || left[v] != -1 || right[v] != -1 || parent[v] < 0
          || parent[v] >= n || !seen.get(parent[v])) {
        throw bad(w + " node " + v + " is not reachable from the root and not a deleted leaf of a reachable node");
      }
    }
    return (int) idValue;
  }

  private long[] splitIndices(Map<String, Object> tree, String w, int n) {
    Object v = require(tree, "split_indices", w);
    long[] out = new long[n];
    if (v instanceof int[] a && a.length == n) {
      for (int i = 0; i < n; i++) {
        out[i] = a[i];
      }
      return out;
    }
    if (v instanceof long[] a && a.length == n) {
      return a.clone();
    }
    throw bad(w + ".split_indices must be an int32 or int64 array of " + n + " entries (num_nodes), found "
        + shape(v));
  }

  private int[] ints(Map<String, Object> tree, String field, String w, int n) {
    Object v = require(tree, field, w);
    if (v instanceof int[] a && a.length == n) {
      return a;
    }
    throw bad(w + "." + field + " must be an int32 array of " + n + " entries (num_nodes), found " + shape(v));
  }

  private float[] floats(Map<String, Object> tree, String field, String w, int n) {
    Object v = require(tree, field, w);
    if (v instanceof float[] a && a.length == n) {
      return a;
    }
    throw bad(w + "." + field + " must be a float32 array of " + n + " entries (num_nodes), found " + shape(v));
  }

  private Ubjson.U8 u8(Map<String, Object> tree, String field, String w, int n) {
    Object v = require(tree, field, w);
    if (v instanceof Ubjson.U8 a && a.length() == n) {
      return a;
    }
    throw bad(w + "." + field + " must be a uint8 array of " + n + " entries (num_nodes), found " + shape(v));
  }

  private static String shape(Object v) {
    if (v instanceof int[] a) {
      return "int32[" + a.length + "]";
    }
    if (v instanceof long[] a) {
      return "int64[" + a.length + "]";
    }
    if (v instanceof float[] a) {
      return "float32[" + a.length + "]";
    }
    if (v instanceof double[] a) {
      return "float64[" + a.length + "]";
    }
    if (v instanceof Ubjson.U8 a) {
      return "uint8[" + a.length() + "]";
    }
    return v == null ? "null" : v instanceof List<?> l ? "an untyped array of " + l.size() : v.getClass().getSimpleName();
  }

  private int intParam(Map<String, Object> m, String key, String w, int min, int max, Integer fallback) {
    if (!m.containsKey(key) && fallback != null) {
      return fallback;
    }
    String s = text(require(m, key, w), w + "." + key);
    if (!INTEGER.matcher(s).matches() || Long.parseLong(s) < min || Long.parseLong(s) > max) {
      throw bad("field '" + w + "." + key + "' is '" + s + "', expected an integer in " + min + ".." + max);
    }
    return Integer.parseInt(s);
  }

  private Object require(Map<String, Object> m, String key, String w) {
    if (!m.containsKey(key)) {
      throw bad(w + " lacks the field '" + key + "'");
    }
    return m.get(key);
  }

  private void only(Map<String, Object> m, String w, Set<String> known) {
    for (String k : m.keySet()) {
      if (!known.contains(k)) {
        throw bad(w + " has the field '" + k + "', which is not part of the XGBoost tree model format");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(Object v, String w) {
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw bad(w + " must be an object, found " + shape(v));
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(Map<String, Object> m, String key, String w) {
    Object v = require(m, key, w);
    if (v instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw bad(w + "." + key + " must be an array, found " + shape(v));
  }

  private String text(Object v, String w) {
    if (v instanceof String s) {
      return s;
    }
    throw bad(w + " must be a string, found " + shape(v));
  }

  private long integer(Object v, String w) {
    if (v instanceof Long l) {
      return l;
    }
    throw bad(w + " must be an integer, found " + shape(v));
  }

  private static String abbreviate(List<Object> l) {
    return l.size() <= 6 ? l.toString() : l.subList(0, 6) + " ... (" + l.size() + ")";
  }

  private IllegalArgumentException bad(String problem) {
    return new IllegalArgumentException(where + " is not a valid XGBoost tree model: " + problem);
  }
}
