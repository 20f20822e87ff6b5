package io.workbench.explain;

/**
 * Path-dependent TreeSHAP (Lundberg et al. 2020) by Fast TreeSHAP v2 (Yang 2021): the leaf of a path with unique
 * features {@code P} (cover fractions {@code z_j}) adds to feature {@code i} in {@code P}
 * {@code v (o_i - z_i) sum_{S in P-i} w(|S|, |P|) prod_{j in S} o_j prod_{j in P-S-i} z_j}, where {@code o_j} is 1
 * when the row follows the path at every split on {@code j} and 0 otherwise. That depends on the row only through
 * the set {@code Q} of path features it follows, so each leaf's contributions are computed once for every {@code Q}
 * (a table of {@code 2^|P| x |P|} numbers, with the inner sums from elementary symmetric polynomials of the cover
 * fractions), and a row costs one table look-up per leaf and path feature. The same leaf products give the SHAP
 * interaction values (Lundberg et al. 2020, as XGBoost's {@code pred_interactions}): for features {@code i != j} on
 * one path, {@code v/2 (o_i - z_i)(o_j - z_j)} times the inner sum over the other path features.
 */
final class FastTreeShap {

  /** Most table entries (all leaves together) precomputed; deeper ensembles take the native path. */
  static final long MAX_TABLE = 1L << 24;

  private final TreeForest forest;
  /** Per tree, per leaf: node ids on the path (root first, leaf excluded) and the child taken at each. */
  private final int[][][] pathNodes;
  private final int[][][] pathChild;
  /** Per tree, per leaf: the local path-feature index of each path node. */
  private final int[][][] pathLocal;
  /** Per tree, per leaf: the unique path features (model indices), their cover fractions, the leaf value. */
  private final int[][][] leafFeatures;
  private final double[][][] zeroFraction;
  private final double[][] leafValue;
  /** Per tree, per leaf: {@code table[Q * d + k]}, the contribution to path feature {@code k} given {@code Q}. */
  private final double[][][] table;
  /** Per output, the expected margin (bias): offset plus the trees' cover-weighted means. */
  final double[] expected;

  private FastTreeShap(TreeForest forest, boolean tables) {
    this.forest = forest;
    int t = forest.trees.length;
    pathNodes = new int[t][][];
    pathChild = new int[t][][];
    pathLocal = new int[t][][];
    leafFeatures = new int[t][][];
    zeroFraction = new double[t][][];
    leafValue = new double[t][];
    table = new double[t][][];
    expected = forest.offset.clone();
    for (int k = 0; k < t; k++) {
      TreeForest.Tree tree = forest.trees[k];
      expected[forest.output[k]] += tree.expected();
      java.util.List<int[]> paths = new java.util.ArrayList<>();
      collect(tree, 0, new int[0], paths);
      int leaves = paths.size();
      pathNodes[k] = new int[leaves][];
      pathChild[k] = new int[leaves][];
      pathLocal[k] = new int[leaves][];
      leafFeatures[k] = new int[leaves][];
      zeroFraction[k] = new double[leaves][];
      leafValue[k] = new double[leaves];
      table[k] = new double[leaves][];
      for (int l = 0; l < leaves; l++) {
        int[] path = paths.get(l); // node ids, root first, the leaf last
        int len = path.length - 1;
        int[] nodes = new int[len];
        int[] child = new int[len];
        int[] local = new int[len];
        int[] feat = new int[len];
        double[] z = new double[len];
        int d = 0;
        for (int e = 0; e < len; e++) {
          int node = path[e];
          nodes[e] = node;
          child[e] = path[e + 1];
          int f = tree.feature[node];
          int at = -1;
          for (int q = 0; q < d; q++) {
            if (feat[q] == f) {
              at = q;
            }
          }
          if (at < 0) {
            at = d;
            feat[d] = f;
            z[d++] = 1;
          }
          local[e] = at;
          z[at] *= tree.cover[path[e + 1]] / tree.cover[node];
        }
        pathNodes[k][l] = nodes;
        pathChild[k][l] = child;
        pathLocal[k][l] = local;
        leafFeatures[k][l] = java.util.Arrays.copyOf(feat, d);
        zeroFraction[k][l] = java.util.Arrays.copyOf(z, d);
        leafValue[k][l] = tree.value[path[len]];
        if (tables) {
          table[k][l] = leafTable(leafValue[k][l], zeroFraction[k][l]);
        }
      }
    }
  }

  /** The algorithm over a forest, or null when its tables would be too large (deep trees). */
  static FastTreeShap of(TreeForest forest) {
    long size = 0;
    for (TreeForest.Tree tree : forest.trees) {
      size += tableSize(tree, 0, 0, new int[64]);
      if (size > MAX_TABLE) {
        return null;
      }
    }
    return new FastTreeShap(forest, true);
  }

  /** The algorithm without contribution tables (interaction values only). */
  static FastTreeShap forInteractions(TreeForest forest) {
    return new FastTreeShap(forest, false);
  }

  private static long tableSize(TreeForest.Tree tree, int node, int depth, int[] feats) {
    if (tree.feature[node] < 0) {
      int d = 0;
      for (int e = 0; e < depth; e++) {
        boolean seen = false;
        for (int q = 0; q < e; q++) {
          seen |= feats[q] == feats[e];
        }
        d += seen ? 0 : 1;
      }
      return d >= 30 ? Long.MAX_VALUE / 4 : (1L << d) * Math.max(1, d);
    }
    if (depth >= feats.length) {
      return Long.MAX_VALUE / 4;
    }
    feats[depth] = tree.feature[node];
    long a = tableSize(tree, tree.yes[node], depth + 1, feats);
    long b = tree.no[node] == tree.yes[node] ? 0 : tableSize(tree, tree.no[node], depth + 1, feats);
    return Math.min(Long.MAX_VALUE / 4, a + b);
  }

  private static void collect(TreeForest.Tree tree, int node, int[] prefix, java.util.List<int[]> out) {
    int[] path = java.util.Arrays.copyOf(prefix, prefix.length + 1);
    path[prefix.length] = node;
    if (tree.feature[node] < 0) {
      out.add(path);
      return;
    }
    collect(tree, tree.yes[node], path, out);
    if (tree.no[node] != tree.yes[node]) {
      collect(tree, tree.no[node], path, out);
    }
  }

  /** Shapley weights {@code w(s, d) = s! (d - s - 1)! / d!}, {@code s = 0..d-1}. */
  private static double[] weights(int d) {
    return d == 0 ? new double[0] : ExactShapley.shapleyWeights(d);
  }

  /**
   * {@code sum_{S in R} w(|S|, n) prod_{j in R - S} z_j} for the cover fractions {@code z} of the set {@code R}
   * ({@code r} entries of {@code zs}), from the elementary symmetric polynomials of {@code z}.
   */
  private static double innerSum(double[] zs, int r, double[] w) {
    double[] e = new double[r + 1];
    e[0] = 1;
    for (int a = 0; a < r; a++) {
      for (int c = a + 1; c >= 1; c--) {
        e[c] += e[c - 1] * zs[a];
      }
    }
    double s = 0;
    for (int size = 0; size <= r; size++) {
      s += w[size] * e[r - size];
    }
    return s;
  }

  private static double[] leafTable(double v, double[] z) {
    int d = z.length;
    double[] w = weights(d);
    double[] out = new double[(1 << d) * Math.max(1, d)];
    double[] zs = new double[d];
    for (int q = 0; q < 1 << d; q++) {
      for (int k = 0; k < d; k++) {
        double o = (q >> k & 1) == 1 ? 1 : 0;
        out[q * d + k] = v * (o - z[k]) * others(z, q, k, -1, w, zs);
      }
    }
    return out;
  }

  /**
   * The inner sum over the path features other than {@code skipA} and {@code skipB}:
   * {@code sum_{S in R} w(|S|) prod_{j in R - S} z_j} over those the row follows ({@code R}, bits of {@code q}),
   * times the product of the cover fractions of those it does not follow.
   */
  private static double others(double[] z, int q, int skipA, int skipB, double[] w, double[] zs) {
    int r = 0;
    double rest = 1;
    for (int j = 0; j < z.length; j++) {
      if (j == skipA || j == skipB) {
        continue;
      }
      if ((q >> j & 1) == 1) {
        zs[r++] = z[j];
      } else {
        rest *= z[j];
      }
    }
    return rest * innerSum(zs, r, w);
  }

  /** The child each split of tree {@code t} sends {@code x} to, into {@code go} (indexed by node id). */
  private int[] route(int t, float[] x, int[] go) {
    TreeForest.Tree tree = forest.trees[t];
    int nodes = tree.feature.length;
    int[] out = go.length >= nodes ? go : new int[nodes];
    for (int node = 0; node < nodes; node++) {
      if (tree.feature[node] >= 0) {
        out[node] = tree.next(node, x);
      }
    }
    return out;
  }

  /** The set of path features (local bits) that a row routed by {@code go} follows to leaf {@code l} of tree {@code t}. */
  private int followed(int t, int l, int[] go) {
    int[] nodes = pathNodes[t][l];
    int[] child = pathChild[t][l];
    int[] local = pathLocal[t][l];
    int q = (1 << leafFeatures[t][l].length) - 1;
    for (int e = 0; e < nodes.length; e++) {
      if (go[nodes[e]] != child[e]) {
        q &= ~(1 << local[e]);
      }
    }
    return q;
  }

  /**
   * Path-dependent SHAP values of rows {@code from..to-1} of {@code x}, each for its output {@code outputs[i]},
   * added into {@code phi[i]}. Tree by tree over the block of rows, so that a tree's tables stay in cache; each
   * row's sum runs over the trees in order, so the numbers do not depend on the blocks.
   */
  void contributions(int[] outputs, float[][] x, int from, int to, double[][] phi) {
    int[] go = new int[64];
    for (int t = 0; t < forest.trees.length; t++) {
      double[][] tables = table[t];
      int[][] feats = leafFeatures[t];
      for (int i = from; i < to; i++) {
        if (forest.output[t] != outputs[i]) {
          continue;
        }
        go = route(t, x[i], go);
        double[] p = phi[i];
        for (int l = 0; l < tables.length; l++) {
          int[] feat = feats[l];
          int d = feat.length;
          if (d == 0) {
            continue;
          }
          int base = followed(t, l, go) * d;
          double[] tab = tables[l];
          for (int j = 0; j < d; j++) {
            p[feat[j]] += tab[base + j];
          }
        }
      }
    }
  }

  /**
   * SHAP interaction values of output {@code k} for {@code x} ({@code features x features}): off the diagonal as
   * the class comment says, on the diagonal {@code phi_i - sum_{j != i} phi_ij}.
   */
  double[][] interactions(int k, float[] x) {
    int m = forest.features;
    double[][] out = new double[m][m];
    double[] zs = new double[64];
    double[] phi = new double[m];
    forEachLeaf(k, x, (t, l, q) -> {
      int[] feat = leafFeatures[t][l];
      int d = feat.length;
      double[] z = zeroFraction[t][l];
      double v = leafValue[t][l];
      // the row's contributions: from the table when the leaf has one, else computed for its Q
      if (table[t][l] != null) {
        for (int j = 0; j < d; j++) {
          phi[feat[j]] += table[t][l][q * d + j];
        }
      } else {
        double[] w = weights(d);
        for (int a = 0; a < d; a++) {
          phi[feat[a]] += v * (((q >> a & 1) == 1 ? 1 : 0) - z[a]) * others(z, q, a, -1, w, zs);
        }
      }
      if (d < 2) {
        return;
      }
      double[] w = weights(d - 1);
      for (int a = 0; a < d; a++) {
        double da = ((q >> a & 1) == 1 ? 1 : 0) - z[a];
        for (int b = a + 1; b < d; b++) {
          double db = ((q >> b & 1) == 1 ? 1 : 0) - z[b];
          double value = 0.5 * v * da * db * others(z, q, a, b, w, zs);
          out[feat[a]][feat[b]] += value;
          out[feat[b]][feat[a]] += value;
        }
      }
    });
    for (int i = 0; i < m; i++) {
      double s = phi[i];
      for (int j = 0; j < m; j++) {
        if (j != i) {
          s -= out[i][j];
        }
      }
      out[i][i] = s;
    }
    return out;
  }

  /** What {@link #forEachLeaf} calls: leaf {@code l} of tree {@code t}, {@code q} the row's followed-path bits. */
  private interface LeafVisitor {
    void visit(int t, int l, int q);
  }

  /** Calls {@code v} for every leaf with at least one feature on its path, of every tree of output {@code k}. */
  private void forEachLeaf(int k, float[] x, LeafVisitor v) {
    int[] go = new int[64];
    for (int t = 0; t < forest.trees.length; t++) {
      if (forest.output[t] != k) {
        continue;
      }
      go = route(t, x, go);
      for (int l = 0; l < leafValue[t].length; l++) {
        if (leafFeatures[t][l].length > 0) {
          v.visit(t, l, followed(t, l, go));
        }
      }
    }
  }
}
