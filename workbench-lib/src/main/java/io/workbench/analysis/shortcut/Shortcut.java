package io.workbench.analysis.shortcut;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * Injects and breaks a spurious feature. {@link #inject} adds a numeric column that equals the row's class
 * index with probability {@code agreement} and a uniformly drawn class index otherwise, plus a small seeded
 * jitter (N(0, 0.1)), so a model can read the label off it; {@link #broken} replaces a column by a seeded
 * permutation of its own values, which keeps its distribution and removes any link with the label.
 *
 * <pre>{@code
 * Dataset trainS = Shortcut.inject(train, "marker", 0.95, 1);
 * Dataset testBroken = Shortcut.broken(Shortcut.inject(test, "marker", 0.95, 2), "marker", 3);
 * }</pre>
 */
public final class Shortcut {

  private static final double JITTER = 0.1;

  private Shortcut() {}

  /**
   * A copy of a classification dataset with one more feature, {@code name}, that predicts the label.
   *
   * @param agreement probability in [0, 1] that the feature shows the true class (1: a perfect shortcut)
   * @throws IllegalArgumentException for a dataset that is not classification, a taken name or a bad agreement
   */
  public static Dataset inject(Dataset data, String name, double agreement, long seed) {
    if (data == null || data.task() != Task.CLASSIFICATION) {
      throw new IllegalArgumentException("Shortcut.inject needs a classification dataset, got "
          + (data == null ? "null" : data.task()));
    }
    if (!(agreement >= 0 && agreement <= 1)) {
      throw new IllegalArgumentException("agreement must be in [0, 1], got " + agreement);
    }
    Table t = data.table();
    if (name == null || name.isBlank() || t.columnNames().contains(name)) {
      throw new IllegalArgumentException("Shortcut feature name must be new and non-blank, got "
          + (name == null ? "null" : "'" + name + "'") + "; columns are " + t.columnNames());
    }
    int[] y = data.y();
    int k = data.numClasses();
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      int shown = r.nextDouble() < agreement ? y[i] : r.nextInt(k);
      v[i] = shown + JITTER * gaussian(r);
    }
    Table copy = t.copy();
    copy.addColumns(DoubleColumn.create(name, v));
    List<String> features = new ArrayList<>(data.features());
    features.add(name);
    return rebuild(data, copy, features);
  }

  /**
   * A copy whose feature {@code name} is replaced by a seeded permutation of its values.
   *
   * @throws IllegalArgumentException for an unknown feature (the features are listed)
   */
  public static Dataset broken(Dataset data, String name, long seed) {
    int j = featureIndex(data, name);
    float[][] x = data.x();
    int n = x.length;
    int[] perm = Stats.permutation(n, seed);
    float[] col = new float[n];
    for (int i = 0; i < n; i++) {
      col[i] = x[perm[i]][j];
    }
    for (int i = 0; i < n; i++) {
      x[i][j] = col[i];
    }
    return data.withFeatures(x);
  }

  static int featureIndex(Dataset data, String name) {
    if (data == null) {
      throw new IllegalArgumentException("dataset must not be null");
    }
    int j = data.features().indexOf(name);
    if (j < 0) {
      throw new IllegalArgumentException("No feature '" + name + "'; features are " + data.features());
    }
    return j;
  }

  private static Dataset rebuild(Dataset data, Table table, List<String> features) {
    var b = Dataset.builder(table).target(data.target()).classNames(data.classNames()).features(features);
    if (data.group() != null) {
      b = b.group(data.group());
    }
    if (data.time() != null) {
      b = b.time(data.time());
    }
    return b.build();
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
