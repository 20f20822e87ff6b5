package io.workbench.analysis.selection;

import io.workbench.analysis.Batches;
import io.workbench.analysis.Scores;
import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.eval.Metric;
import io.workbench.explain.FeatureImportance;
import io.workbench.model.Model;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Grouped permutation importance: the columns of a group are permuted together (one row permutation
 * for the whole group, so the group keeps its joint distribution) and the drop of a {@link Metric} is
 * measured, averaged over repeats. All permuted copies go through the model in large batches.
 *
 * <pre>{@code
 * FeatureGroups groups = FeatureGroups.byCorrelation(train, 0.2);
 * FeatureImportance imp = GroupImportance.create().score(Metric.ACCURACY).repeats(5).seed(1)
 *     .compute(model, test, groups);
 * }</pre>
 */
public final class GroupImportance {

  private final Metric score;
  private final int repeats;
  private final long seed;
  private final int batchRows;

  private GroupImportance(Metric score, int repeats, long seed, int batchRows) {
    this.score = score;
    this.repeats = repeats;
    this.seed = seed;
    this.batchRows = batchRows;
  }

  /** The task's default score ({@link Metric#defaultFor}), 5 repeats, seed 42, 4096 rows per call. */
  public static GroupImportance create() {
    return new GroupImportance(null, 5, 42, 4096);
  }

  /** The score whose drop is measured. */
  public GroupImportance score(Metric s) {
    return new GroupImportance(java.util.Objects.requireNonNull(s, "score"), repeats, seed, batchRows);
  }

  /** Permutations per group, at least 1. */
  public GroupImportance repeats(int n) {
    Checks.positive(n, "repeats");
    return new GroupImportance(score, n, seed, batchRows);
  }

  /** Seed of the permutations (the same permutations serve every group). */
  public GroupImportance seed(long seed) {
    return new GroupImportance(score, repeats, seed, batchRows);
  }

  /** Rows per model call. */
  public GroupImportance batchRows(int n) {
    Checks.positive(n, "batchRows");
    return new GroupImportance(score, repeats, seed, n);
  }

  /** Importance of every group of {@code groups}. */
  public FeatureImportance compute(Model model, Dataset data, FeatureGroups groups) {
    return compute(model, data, groups.groups(), groups.names());
  }

  /** Importance of every group; groups are lists of feature names. */
  public FeatureImportance compute(Model model, Dataset data, List<List<String>> groups) {
    List<String> labels = new ArrayList<>();
    for (List<String> g : groups) {
      labels.add(String.join("+", g));
    }
    return compute(model, data, groups, labels);
  }

  private FeatureImportance compute(Model model, Dataset data, List<List<String>> groups, List<String> labels) {
    Model.checkFeatures(model, data.features());
    if (data.task() == null) {
      throw new IllegalArgumentException("Grouped importance needs a dataset with a target");
    }
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("Grouped importance needs at least one group");
    }
    if (data.rows() < 2) {
      throw new IllegalArgumentException("Grouped importance needs at least 2 rows, got " + data.rows());
    }
    int[][] cols = new int[groups.size()][];
    for (int g = 0; g < groups.size(); g++) {
      cols[g] = Checks.indices(data.features(), groups.get(g), "group " + g);
    }
    Metric s = score != null ? score : Metric.defaultFor(data.task());
    float[][] x = data.x();
    int n = x.length;
    int d = x[0].length;
    double base = Scores.compute(s, model.predictProba(x), data);
    Random rnd = new Random(seed);
    int[][] perms = new int[repeats][n];
    for (int r = 0; r < repeats; r++) {
      for (int i = 0; i < n; i++) {
        perms[r][i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = perms[r][i];
        perms[r][i] = perms[r][j];
        perms[r][j] = t;
      }
    }
    double[] mean = new double[groups.size()];
    double[] std = new double[groups.size()];
    float[][][] out = new float[repeats][n][];
    for (int g = 0; g < groups.size(); g++) {
      int[] c = cols[g];
      Batches.run(model, (long) repeats * n, d, batchRows, Batches.DEFAULT_MAX_CELLS, (v, dest) -> {
        int r = (int) (v / n);
        int i = (int) (v % n);
        System.arraycopy(x[i], 0, dest, 0, d);
        float[] donor = x[perms[r][i]];
        for (int j : c) {
          dest[j] = donor[j];
        }
      }, (v, o) -> out[(int) (v / n)][(int) (v % n)] = o.clone());
      double[] drops = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        double permuted = Scores.compute(s, out[r], data);
        drops[r] = s.higherIsBetter() ? base - permuted : permuted - base;
      }
      mean[g] = Stats.mean(drops);
      std[g] = Stats.std(drops);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("metric", s.name());
    settings.put("repeats", String.valueOf(repeats));
    settings.put("seed", String.valueOf(seed));
    settings.put("rows", String.valueOf(n));
    return new FeatureImportance("grouped permutation importance", settings, labels, mean, std, repeats, s.name(), base);
  }
}
