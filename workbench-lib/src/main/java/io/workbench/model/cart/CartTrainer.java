package io.workbench.model.cart;

import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.Trainer;
import io.workbench.model.TrainingChecks;
import io.workbench.progress.ProgressTask;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CART (Breiman et al. 1984) for classification (Gini impurity) and regression (variance reduction). Each
 * node takes the exact best split over the sorted unique values of every allowed feature, thresholds at
 * midpoints between neighbouring values; ties go to the earlier feature and the lower threshold, so a fit
 * is deterministic: it makes no random choice, so the seed of the run options changes nothing. Immutable
 * settings, usable as a {@link Trainer}; the run options give it a progress bar (training rows placed in
 * leaves) and cancellation, checked at every node.
 *
 * <pre>{@code
 * CartTree t = Models.cart().maxDepth(3).minSamplesLeaf(5).features("age", "bmi").fit(train);
 * }</pre>
 */
public final class CartTrainer implements Trainer, RunSettings<CartTrainer> {

  private final int maxDepth;
  private final int minSamplesLeaf;
  private final List<String> featureSubset;
  private final RunOptions options;

  private CartTrainer(int maxDepth, int minSamplesLeaf, List<String> featureSubset, RunOptions options) {
    this.maxDepth = maxDepth;
    this.minSamplesLeaf = minSamplesLeaf;
    this.featureSubset = featureSubset;
    this.options = options;
  }

  /** Depth 5, at least 1 row per leaf, all features, default run options. */
  public static CartTrainer create() {
    return new CartTrainer(5, 1, null, RunOptions.defaults());
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public CartTrainer withOptions(RunOptions o) {
    if (o == null) {
      throw new IllegalArgumentException("options is null");
    }
    return new CartTrainer(maxDepth, minSamplesLeaf, featureSubset, o);
  }

  /** Maximum depth (root split = depth 1), from 1 to {@value CartTree#MAX_DEPTH}. */
  public CartTrainer maxDepth(int depth) {
    if (depth < 1 || depth > CartTree.MAX_DEPTH) {
      throw new IllegalArgumentException("maxDepth must be in 1.." + CartTree.MAX_DEPTH + ", got " + depth);
    }
    return new CartTrainer(depth, minSamplesLeaf, featureSubset, options);
  }

  /** Minimum training rows in each leaf, at least 1. */
  public CartTrainer minSamplesLeaf(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("minSamplesLeaf must be >= 1, got " + rows);
    }
    return new CartTrainer(maxDepth, rows, featureSubset, options);
  }

  /** Only these features may be split on (the model still reads all features of the data). */
  public CartTrainer features(String... names) {
    return features(List.of(names));
  }

  /** Only these features may be split on. */
  public CartTrainer features(List<String> names) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("features() needs at least one name");
    }
    return new CartTrainer(maxDepth, minSamplesLeaf, List.copyOf(names), options);
  }

  /** The maximum depth. */
  public int maxDepth() {
    return maxDepth;
  }

  /** The minimum leaf size. */
  public int minSamplesLeaf() {
    return minSamplesLeaf;
  }

  /**
   * Grows the tree on {@code train} (classification or regression).
   *
   * @throws IllegalArgumentException for a dataset without target, rows or features, a multi-label target,
   *     a single class, or a missing value (naming the feature and the row)
   */
  @Override
  public CartTree fit(Dataset train) {
    Task task = TrainingChecks.requireTrainable(train);
    if (task == Task.MULTI_LABEL) {
      throw new IllegalArgumentException("fit(train): a CART tree predicts one target; the data is multi-label with"
          + " labels " + train.labelNames() + ": use Models.mlp(..) or Models.logistic(), or fit one tree per label");
    }
    if (task == Task.CLASSIFICATION) {
      TrainingChecks.requireClasses(train, "training data", false);
    }
    int[] allowed = featureSubset == null
        ? java.util.stream.IntStream.range(0, train.numFeatures()).toArray()
        : Checks.indices(train.features(), featureSubset, "CartTrainer.features");
    float[][] x = train.x();
    try (ProgressTask progress = options.start("train CART tree", train.rows())) {
      CartTree tree = task == Task.CLASSIFICATION
          ? new Builder(x, train.y(), null, train.numClasses(), allowed, progress)
              .build(Task.CLASSIFICATION, train.features(), train.classNames())
          : new Builder(x, null, train.yDouble(), 1, allowed, progress).build(Task.REGRESSION, train.features(), List.of());
      progress.check(); // cancelled at the last leaf: no model
      progress.done(tree.leafCount() + " leaves");
      return tree;
    }
  }

  /** Grows one tree; arrays of nodes in pre-order. */
  private final class Builder {
    final float[][] x;
    final int[] yc;
    final double[] yr;
    final int classes;
    final int[] allowed;
    final ProgressTask progress;
    final List<Integer> feature = new ArrayList<>();
    final List<Double> threshold = new ArrayList<>();
    final List<Integer> left = new ArrayList<>();
    final List<Integer> right = new ArrayList<>();
    final List<double[]> value = new ArrayList<>();
    final List<Integer> count = new ArrayList<>();
    final List<Double> impurity = new ArrayList<>();

    Builder(float[][] x, int[] yc, double[] yr, int classes, int[] allowed, ProgressTask progress) {
      this.progress = progress;
      this.x = x;
      this.yc = yc;
      this.yr = yr;
      this.classes = classes;
      this.allowed = allowed;
    }

    CartTree build(Task task, List<String> names, List<String> classNames) {
      int n = x.length;
      int[][] sorted = new int[allowed.length][];
      for (int a = 0; a < allowed.length; a++) {
        final int f = allowed[a];
        sorted[a] = java.util.stream.IntStream.range(0, n).boxed()
            .sorted((p, q) -> Float.compare(x[p][f], x[q][f])).mapToInt(Integer::intValue).toArray();
      }
      goesLeft = new boolean[n];
      grow(java.util.stream.IntStream.range(0, n).toArray(), sorted, 0);
      int m = feature.size();
      int[] f = new int[m];
      double[] t = new double[m];
      int[] l = new int[m];
      int[] r = new int[m];
      int[] c = new int[m];
      double[] imp = new double[m];
      double[][] v = new double[m][];
      for (int i = 0; i < m; i++) {
        f[i] = feature.get(i);
        t[i] = threshold.get(i);
        l[i] = left.get(i);
        r[i] = right.get(i);
        c[i] = count.get(i);
        imp[i] = impurity.get(i);
        v[i] = value.get(i);
      }
      return new CartTree(task, names, classNames, f, t, l, r, v, c, imp);
    }

    /** Scratch: which rows of the node being split go left. */
    boolean[] goesLeft;

    /**
     * Adds the subtree for {@code rows} ({@code sorted[a]} holds the same rows ordered by allowed feature
     * a, so no node sorts again); returns its node index.
     */
    int grow(int[] rows, int[][] sorted, int depth) {
      progress.check();
      int node = feature.size();
      feature.add(-1);
      threshold.add(Double.NaN);
      left.add(-1);
      right.add(-1);
      count.add(rows.length);
      double[] v = leafValue(rows);
      value.add(v);
      double imp = impurityOf(rows, v);
      impurity.add(imp);
      if (depth >= maxDepth || rows.length < 2 * minSamplesLeaf || imp <= 1e-12) {
        return leaf(node, rows.length);
      }
      double[] best = bestSplit(rows, sorted);
      if (best == null) {
        return leaf(node, rows.length);
      }
      int f = (int) best[0];
      double t = best[1];
      int nl = 0;
      for (int r : rows) {
        goesLeft[r] = x[r][f] <= t;
        nl += goesLeft[r] ? 1 : 0;
      }
      int[] lr = new int[nl];
      int[] rr = new int[rows.length - nl];
      partition(rows, lr, rr);
      int[][] ls = new int[sorted.length][];
      int[][] rs = new int[sorted.length][];
      for (int a = 0; a < sorted.length; a++) {
        ls[a] = new int[nl];
        rs[a] = new int[rows.length - nl];
        partition(sorted[a], ls[a], rs[a]);
      }
      feature.set(node, f);
      threshold.set(node, t);
      int li = grow(lr, ls, depth + 1);
      left.set(node, li);
      int ri = grow(rr, rs, depth + 1);
      right.set(node, ri);
      return node;
    }

    /** Node {@code node} stays a leaf holding {@code rows} training rows: that many more rows are placed. */
    private int leaf(int node, int rows) {
      progress.advance(rows, feature.size() + " nodes");
      return node;
    }

    /** Stable partition by {@link #goesLeft}. */
    private void partition(int[] src, int[] l, int[] r) {
      int a = 0;
      int b = 0;
      for (int row : src) {
        if (goesLeft[row]) {
          l[a++] = row;
        } else {
          r[b++] = row;
        }
      }
    }

    double[] leafValue(int[] rows) {
      if (yc != null) {
        double[] p = new double[classes];
        for (int r : rows) {
          p[yc[r]]++;
        }
        for (int k = 0; k < classes; k++) {
          p[k] /= rows.length;
        }
        return p;
      }
      double s = 0;
      for (int r : rows) {
        s += yr[r];
      }
      return new double[] {s / rows.length};
    }

    /** Gini impurity, or the variance of the targets. */
    double impurityOf(int[] rows, double[] v) {
      if (yc != null) {
        double g = 1;
        for (double p : v) {
          g -= p * p;
        }
        return g;
      }
      double s = 0;
      for (int r : rows) {
        s += (yr[r] - v[0]) * (yr[r] - v[0]);
      }
      return s / rows.length;
    }

    /**
     * The split maximising the impurity decrease, as {feature, threshold}; null when no split leaves at
     * least {@code minSamplesLeaf} rows on both sides or none decreases the impurity. Uses the proxy
     * {@code sum_k cL_k^2 / nL + sum_k cR_k^2 / nR} (Gini) or {@code sL^2 / nL + sR^2 / nR} (variance),
     * both equivalent to the weighted impurity decrease.
     */
    double[] bestSplit(int[] rows, int[][] sorted) {
      int n = rows.length;
      double parent;
      double[] totalCounts = null;
      double totalSum = 0;
      if (yc != null) {
        totalCounts = new double[classes];
        for (int r : rows) {
          totalCounts[yc[r]]++;
        }
        parent = 0;
        for (double c : totalCounts) {
          parent += c * c;
        }
        parent /= n;
      } else {
        for (int r : rows) {
          totalSum += yr[r];
        }
        parent = totalSum * totalSum / n;
      }
      double bestProxy = parent + 1e-12 * Math.max(1, Math.abs(parent));
      double[] best = null;
      double[] lc = new double[classes];
      for (int fa = 0; fa < allowed.length; fa++) {
        int f = allowed[fa];
        int[] order = sorted[fa];
        if (x[order[0]][f] == x[order[n - 1]][f]) {
          continue;
        }
        Arrays.fill(lc, 0);
        double ls = 0;
        for (int i = 0; i < n - 1; i++) {
          int r = order[i];
          if (yc != null) {
            lc[yc[r]]++;
          } else {
            ls += yr[r];
          }
          int nl = i + 1;
          int nr = n - nl;
          float a = x[r][f];
          float b = x[order[i + 1]][f];
          if (a == b || nl < minSamplesLeaf || nr < minSamplesLeaf) {
            continue;
          }
          double proxy;
          if (yc != null) {
            double sl = 0;
            double sr = 0;
            for (int k = 0; k < classes; k++) {
              sl += lc[k] * lc[k];
              double rc = totalCounts[k] - lc[k];
              sr += rc * rc;
            }
            proxy = sl / nl + sr / nr;
          } else {
            double rs = totalSum - ls;
            proxy = ls * ls / nl + rs * rs / nr;
          }
          if (proxy > bestProxy) {
            bestProxy = proxy;
            double t = a / 2.0 + b / 2.0;
            if (t >= b || t < a) {
              t = a;
            }
            best = new double[] {f, t};
          }
        }
      }
      return best;
    }
  }
}
