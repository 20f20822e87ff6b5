package io.workbench.model.cart;

import io.workbench.check.Checks;
import io.workbench.data.Task;
import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.model.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import tech.tablesaw.api.Table;

/**
 * A fitted CART decision tree, usable as any {@link Model}: rows go left when {@code x[feature] <=
 * threshold}. Classification trees answer the class shares of the training rows in the leaf; regression
 * trees the leaf mean. Built by {@link CartTrainer}; {@link #rules()} reads the leaves out as IF-THEN
 * rules.
 *
 * <pre>{@code
 * CartTree tree = CartTrainer.create().maxDepth(3).fit(train);
 * tree.predict(test.x());
 * System.out.println(tree.rules().toText());
 * }</pre>
 */
public final class CartTree implements Model, Displayable {

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
    int d = featureNames.size();
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      float[] row = x[i];
      if (row.length != d) {
        throw new IllegalArgumentException(
            "Row " + i + " has " + row.length + " features, the tree expects " + d + " " + Checks.abbreviate(featureNames));
      }
      int node = leafOf(row);
      double[] v = value[node];
      float[] o = new float[v.length];
      for (int k = 0; k < v.length; k++) {
        o[k] = (float) v[k];
      }
      out[i] = o;
    }
    return out;
  }

  /** Index of the leaf that row {@code x} lands in. */
  int leafOf(float[] x) {
    int node = 0;
    while (feature[node] >= 0) {
      float v = x[feature[node]];
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException(
            "Feature '" + featureNames.get(feature[node]) + "' is not finite: " + v);
      }
      node = v <= threshold[node] ? left[node] : right[node];
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
