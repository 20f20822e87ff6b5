package io.workbench.analysis.selection;

import io.workbench.analysis.AnalysisRun;
import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.eval.Metric;
import io.workbench.eval.Predictions;
import io.workbench.explain.FeatureImportance;
import io.workbench.model.Model;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
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
public final class GroupImportance implements RunSettings<GroupImportance> {

  private final Metric score;
  private final int repeats;
  private final RunOptions options;

  private GroupImportance(Metric score, int repeats, RunOptions options) {
    this.score = score;
    this.repeats = repeats;
    this.options = options;
  }

  /** The task's default score ({@link Metric#defaultFor}), 5 repeats, {@link RunOptions#defaults()}. */
  public static GroupImportance create() {
    return new GroupImportance(null, 5, RunOptions.defaults());
  }

  /** The score whose drop is measured. */
  public GroupImportance score(Metric s) {
    Checks.notNull(s, "score");
    return new GroupImportance(s, repeats, options);
  }

  /** Permutations per group, at least 1. */
  public GroupImportance repeats(int n) {
    Checks.positive(n, "repeats");
    return new GroupImportance(score, n, options);
  }

  @Override
  public RunOptions options() {
    return options;
  }

  /** A copy with other run options; the seed draws the permutations (the same ones serve every group). */
  @Override
  public GroupImportance withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    return new GroupImportance(score, repeats, o);
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
    double base = s.compute(Predictions.ofModelOutput(data, model.predictProba(x)));
    Random rnd = new Random(options.seed());
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
    try (AnalysisRun run = AnalysisRun.start("grouped permutation importance", (long) groups.size() * repeats * n,
        options)) {
      for (int g = 0; g < groups.size(); g++) {
        int[] c = cols[g];
        run.evaluate(model, (long) repeats * n, d, (v, dest) -> {
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
          double permuted = s.compute(Predictions.ofModelOutput(data, out[r]));
          drops[r] = s.higherIsBetter() ? base - permuted : permuted - base;
        }
        mean[g] = Stats.mean(drops);
        std[g] = Stats.std(drops);
      }
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("metric", s.name());
    settings.put("repeats", String.valueOf(repeats));
    settings.put("seed", String.valueOf(options.seed()));
    settings.put("rows", String.valueOf(n));
    return new FeatureImportance("grouped permutation importance", settings, labels, mean, std, repeats, s.name(), base);
  }
}
