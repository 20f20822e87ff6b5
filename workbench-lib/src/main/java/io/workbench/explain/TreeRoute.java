package io.workbench.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.data.Task;
import io.workbench.model.Model;
import io.workbench.model.TreeEnsemble;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Permutation importance's fast path for single-output tree ensembles (binary classifiers, regressors): the trees
 * of the model's JSON dump are evaluated in Java, and a permuted copy of a column re-walks a tree only for the rows
 * whose path in that tree passes a split on that column, starting from the first such split (the path above it
 * is unchanged); every other (row, tree) keeps its leaf from the intact row. The margin of a permuted row is the
 * model's own margin of the intact row plus the leaf changes. Built only when the walked trees
 * reproduce the model's margins and probabilities on the evaluation rows (otherwise {@link #of} returns null and
 * the generic batched path runs).
 */
final class TreeRoute {

  /** Most cached leaf ids (rows x trees) the route may hold; larger inputs take the generic path. */
  private static final long MAX_CACHE = 20_000_000L;

  private final int[][] feature; // per tree, per node id: split feature, -1 at a leaf
  private final float[][] threshold;
  private final int[][] yes;
  private final int[][] no;
  private final int[][] missing;
  private final int[][] parent; // per tree, per node id: the parent node, -1 at the root
  private final float[][] leaf;
  private final boolean[][] uses; // per tree, per feature
  private final boolean logistic;
  private final double[] margin; // the model's own margin of each intact row
  private final int[][] leafOf; // per tree, per row: the leaf node of the intact row

  private TreeRoute(int trees, int d, boolean logistic, double[] margin, int n) {
    feature = new int[trees][];
    threshold = new float[trees][];
    yes = new int[trees][];
    no = new int[trees][];
    missing = new int[trees][];
    parent = new int[trees][];
    leaf = new float[trees][];
    uses = new boolean[trees][d];
    this.logistic = logistic;
    this.margin = margin;
    leafOf = new int[trees][n];
  }

  /** The route for a model and evaluation rows, or null when the model is not a supported tree ensemble. */
  static TreeRoute of(Model model, float[][] x) {
    TreeEnsemble te = model.as(TreeEnsemble.class).orElse(null);
    if (te == null || te.numOutputs() != 1) {
      return null;
    }
    boolean binary = model.task() == Task.CLASSIFICATION && model.classNames().size() == 2;
    if (model.task() == Task.CLASSIFICATION && !binary) {
      return null;
    }
    List<String> dumps = te.treeDumpJson();
    int n = x.length;
    int d = model.featureNames().size();
    if ((long) n * dumps.size() > MAX_CACHE) {
      return null;
    }
    TreeRoute r;
    try {
      r = new TreeRoute(dumps.size(), d, binary, te.predictMargin(x, binary ? 1 : 0), n);
      ObjectMapper json = new ObjectMapper();
      for (int t = 0; t < dumps.size(); t++) {
        r.fill(t, TreeForest.parse(json.readTree(dumps.get(t)), d), d);
      }
    } catch (RuntimeException | java.io.IOException e) {
      return null; // an unfamiliar dump (categorical splits, other formats): use the generic path
    }
    // the walked trees must reproduce the model: margins up to a constant (the base score), and probabilities
    double offset = Double.NaN;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int t = 0; t < r.feature.length; t++) {
        int node = r.walkFrom(t, 0, x[i], null, null);
        r.leafOf[t][i] = node;
        s += r.leaf[t][node];
      }
      double off = r.margin[i] - s;
      if (i == 0) {
        offset = off;
      } else if (Math.abs(off - offset) > 1e-3 * (1 + Math.abs(r.margin[i]))) {
        return null;
      }
    }
    if (binary) {
      float[][] p = model.predictProba(Arrays.copyOf(x, Math.min(n, 256)));
      for (int i = 0; i < p.length; i++) {
        if (Math.abs(p[i][1] - sigmoid(r.margin[i])) > 1e-4) {
          return null;
        }
      }
    } else {
      float[][] p = model.predictProba(Arrays.copyOf(x, Math.min(n, 256)));
      for (int i = 0; i < p.length; i++) {
        if (Math.abs(p[i][0] - r.margin[i]) > 1e-4 * (1 + Math.abs(r.margin[i]))) {
          return null;
        }
      }
    }
    return r;
  }

  /** Takes tree {@code t} from its parsed form, adding the parents and the features it uses. */
  private void fill(int t, TreeForest.Tree tree, int d) {
    int m = tree.feature.length;
    feature[t] = tree.feature.clone();
    threshold[t] = tree.threshold.clone();
    yes[t] = tree.yes.clone();
    no[t] = tree.no.clone();
    missing[t] = tree.missing.clone();
    parent[t] = new int[m];
    leaf[t] = new float[m];
    Arrays.fill(parent[t], -1);
    for (int id = 0; id < m; id++) {
      if (feature[t][id] < 0) {
        leaf[t][id] = (float) tree.value[id];
      } else {
        uses[t][feature[t][id]] = true;
        parent[t][yes[t][id]] = id;
        parent[t][no[t][id]] = id;
        parent[t][missing[t][id]] = id;
      }
    }
  }

  /** The leaf node of tree {@code t} reached from {@code node} by a row whose columns {@code cols} read {@code values}. */
  int walkFrom(int t, int node, float[] row, int[] cols, float[] values) {
    int[] f = feature[t];
    while (f[node] >= 0) {
      int j = f[node];
      float v = row[j];
      if (cols != null) {
        for (int c = 0; c < cols.length; c++) {
          if (cols[c] == j) {
            v = values[c];
          }
        }
      }
      node = Float.isNaN(v) ? missing[t][node] : v < threshold[t][node] ? yes[t][node] : no[t][node];
    }
    return node;
  }

  /** {@link #walkFrom(int, int, float[], int[], float[])} with one replaced column. */
  private int walkFrom(int t, int node, float[] row, int col, float value) {
    int[] f = feature[t];
    float[] thr = threshold[t];
    while (f[node] >= 0) {
      int j = f[node];
      float v = j == col ? value : row[j];
      node = v < thr[node] ? yes[t][node] : Float.isNaN(v) ? missing[t][node] : no[t][node];
    }
    return node;
  }

  /** The trees that split on any of the columns. */
  int[] treesUsing(int[] cols) {
    List<Integer> out = new ArrayList<>();
    for (int t = 0; t < uses.length; t++) {
      for (int j : cols) {
        if (uses[t][j]) {
          out.add(t);
          break;
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Model outputs (as {@code predictProba}: {@code {1 - p, p}} or {@code {value}}) of the rows with columns
   * {@code cols} taken from rows {@code perm[i]}, into {@code out}; {@code trees} are those splitting on
   * {@code cols}, {@code inCols} flags the columns, {@code m} and {@code first} are scratch space.
   */
  void permuted(float[][] x, int[] cols, boolean[] inCols, int[] trees, int[] perm, double[] m, float[][] out) {
    int n = x.length;
    System.arraycopy(margin, 0, m, 0, n);
    float[] values = new float[cols.length];
    // the permuted columns, column-major: the shuffled reads stay within one array
    float[][] colValues = new float[cols.length][n];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < cols.length; c++) {
        colValues[c][i] = x[i][cols[c]];
      }
    }
    for (int t : trees) {
      int[] f = feature[t];
      int[] up = parent[t];
      // the first node (from the root) splitting on a permuted column on the path to each leaf, or -1
      int[] first = new int[f.length];
      for (int node = 0; node < f.length; node++) {
        first[node] = -1;
        if (f[node] == -1) {
          for (int a = up[node]; a >= 0; a = up[a]) {
            if (inCols[f[a]]) {
              first[node] = a;
            }
          }
        }
      }
      int[] leaves = leafOf[t];
      float[] lv = leaf[t];
      for (int i = 0; i < n; i++) {
        int start = first[leaves[i]];
        if (start < 0) {
          continue;
        }
        int end;
        if (cols.length == 1) {
          end = walkFrom(t, start, x[i], cols[0], colValues[0][perm[i]]);
        } else {
          for (int c = 0; c < cols.length; c++) {
            values[c] = colValues[c][perm[i]];
          }
          end = walkFrom(t, start, x[i], cols, values);
        }
        m[i] += lv[end] - lv[leaves[i]];
      }
    }
    for (int i = 0; i < n; i++) {
      if (logistic) {
        double p = sigmoid(m[i]);
        out[i][0] = (float) (1 - p);
        out[i][1] = (float) p;
      } else {
        out[i][0] = (float) m[i];
      }
    }
  }

  int outputs() {
    return logistic ? 2 : 1;
  }

  private static double sigmoid(double m) {
    return 1 / (1 + Math.exp(-m));
  }
}
