package io.workbench.explain;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The one global-importance value of the library: one mean score per feature (or feature group), with its
 * spread over draws when known, a ranking, a table and a chart. Produced by permutation importance (mean
 * drop of the metric over repeats), {@link Attribution#global()} (mean |attribution| over the explained
 * rows), grouped permutation importance and probing ({@code analysis.selection}), and Rashomon sets (mean
 * over near-optimal models, {@code analysis.agreement}).
 *
 * <pre>{@code
 * FeatureImportance imp = Explain.permutationImportance(model, test).repeats(5).explain();
 * imp.topFeatures(10);        // names, most important first
 * imp.importance("age");      // one feature's mean
 * imp.toTable();              // rank, feature, importance, std, ci_low, ci_high (full precision)
 * imp.plot();                 // sorted bars with 95 % intervals
 * }</pre>
 */
public final class FeatureImportance implements Displayable {

  /** Rows shown by {@link #toHtml()} and {@link #toText()}; {@link #toTable()} has them all. */
  private static final int SHOWN = 20;

  private final String method;
  private final Map<String, String> settings;
  private final List<String> features;
  private final double[] importance;
  private final double[] std;
  private final int n;
  private final String metric;
  private final double baselineScore;
  private final int[] ranking;

  /**
   * Creates a value.
   *
   * @param method how it was computed, e.g. {@code "permutation importance"}
   * @param settings the method's settings (copied)
   * @param features feature (or group) names
   * @param importance the mean importance per feature
   * @param std the standard deviation per feature over {@code n} draws, or null
   * @param n how many draws the mean and std are over (repeats, rows or models)
   * @param metric the metric name, or null
   * @param baselineScore the metric on intact data, or NaN
   */
  public FeatureImportance(String method, Map<String, String> settings, List<String> features, double[] importance,
      double[] std, int n, String metric, double baselineScore) {
    if (features.size() != importance.length || (std != null && std.length != importance.length)) {
      throw new IllegalArgumentException("FeatureImportance: " + features.size() + " names but "
          + importance.length + " importances" + (std == null ? "" : " and " + std.length + " std values"));
    }
    this.method = method;
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    this.features = List.copyOf(features);
    this.importance = importance.clone();
    this.std = std == null ? null : std.clone();
    this.n = n;
    this.metric = metric;
    this.baselineScore = baselineScore;
    this.ranking = Stats.descendingOrder(this.importance);
  }

  /**
   * A value without a metric or settings: names, means, and the spread over {@code draws} draws (or null).
   *
   * <pre>{@code
   * FeatureImportance imp = FeatureImportance.of("my score", names, mean, std, 5);
   * }</pre>
   */
  public static FeatureImportance of(String method, List<String> features, double[] importance, double[] std,
      int draws) {
    return new FeatureImportance(method, Map.of(), features, importance, std, draws, null, Double.NaN);
  }

  /** The method that produced it. */
  public String method() {
    return method;
  }

  /** The method's settings. */
  public Map<String, String> settings() {
    return settings;
  }

  /** Feature (or group) names, in input order. */
  public List<String> features() {
    return features;
  }

  /** Number of features (or groups). */
  public int size() {
    return features.size();
  }

  /** Mean importance per feature, in feature order. */
  public double[] importances() {
    return importance.clone();
  }

  /** Importance of one feature by name. */
  public double importance(String feature) {
    int j = features.indexOf(feature);
    if (j < 0) {
      throw new IllegalArgumentException("Unknown feature '" + feature + "'; features are "
          + (features.size() > 20 ? features.subList(0, 20) + "..." : features));
    }
    return importance[j];
  }

  /** Standard deviation per feature over the draws, or null when not known. */
  public double[] std() {
    return std == null ? null : std.clone();
  }

  /** Number of draws the mean is over. */
  public int draws() {
    return n;
  }

  /** The metric name (permutation importance), or null. */
  public String metric() {
    return metric;
  }

  /** The metric on the intact data (permutation importance), or NaN. */
  public double baselineScore() {
    return baselineScore;
  }

  /** Feature indices, most important first (ties by index). */
  public int[] ranking() {
    return ranking.clone();
  }

  /** Indices of the {@code k} most important features. */
  public int[] topIndices(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("topIndices: k must be >= 0, got " + k);
    }
    return Arrays.copyOf(ranking, Math.min(k, ranking.length));
  }

  /** Names of the {@code k} most important features, most important first. */
  public List<String> topFeatures(int k) {
    List<String> out = new ArrayList<>();
    for (int j : topIndices(k)) {
      out.add(features.get(j));
    }
    return out;
  }

  /** Lower end of a normal 95% interval of the mean ({@code mean - 1.96 std / sqrt(n)}), or null. */
  public double[] ciLow() {
    return ci(-1);
  }

  /** Upper end of a normal 95% interval of the mean, or null. */
  public double[] ciHigh() {
    return ci(1);
  }

  private double[] ci(int sign) {
    if (std == null || n < 2) {
      return null;
    }
    double[] out = new double[importance.length];
    for (int j = 0; j < out.length; j++) {
      out[j] = importance[j] + sign * 1.96 * std[j] / Math.sqrt(n);
    }
    return out;
  }

  /**
   * One row per feature in ranking order: rank, feature, importance, and std/ci_low/ci_high when known; the
   * numbers at full precision (the renderings round them).
   */
  public Table toTable() {
    int d = ranking.length;
    int[] rank = new int[d];
    String[] names = new String[d];
    double[] imp = new double[d];
    for (int r = 0; r < d; r++) {
      rank[r] = r + 1;
      names[r] = features.get(ranking[r]);
      imp[r] = importance[ranking[r]];
    }
    Table t = Table.create(method, IntColumn.create("rank", rank), StringColumn.create("feature", names),
        DoubleColumn.create("importance", imp));
    if (std != null) {
      double[] lo = ciLow();
      double[] hi = ciHigh();
      double[] s = new double[d];
      double[] l = new double[d];
      double[] h = new double[d];
      for (int r = 0; r < d; r++) {
        s[r] = std[ranking[r]];
        l[r] = lo == null ? Double.NaN : lo[ranking[r]];
        h[r] = hi == null ? Double.NaN : hi[ranking[r]];
      }
      t.addColumns(DoubleColumn.create("std", s), DoubleColumn.create("ci_low", l), DoubleColumn.create("ci_high", h));
    }
    return t;
  }

  /** One line: the method, the metric and its intact score when known, and the number of features. */
  private String caption() {
    StringBuilder b = new StringBuilder(method);
    if (metric != null) {
      b.append(" (").append(metric).append(", baseline ").append(Numbers.format(baselineScore)).append(')');
    }
    return b.append(", ").append(features.size()).append(features.size() == 1 ? " feature" : " features").toString();
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), caption(), SHOWN);
  }

  @Override
  public String toText() {
    return Tables.text(toTable(), caption(), SHOWN);
  }

  @Override
  public String toString() {
    return "FeatureImportance(" + caption() + ", top " + topFeatures(Math.min(5, features.size())) + ")";
  }

  /**
   * Sorted horizontal bar chart with error bars (the 95 % interval half-width when there are several
   * draws).
   *
   * <pre>{@code
   * Explain.permutationImportance(model, test).explain().plot();
   * }</pre>
   */
  public Figure plot() {
    double[] err = null;
    double[] lo = ciLow();
    double[] hi = ciHigh();
    if (lo != null && hi != null) {
      err = new double[lo.length];
      for (int j = 0; j < err.length; j++) {
        err[j] = Double.isFinite(hi[j] - lo[j]) ? (hi[j] - lo[j]) / 2 : 0;
      }
    }
    return Charts.importance(features(), importances(), err, ChartOptions.defaults().title(method() + ": importance"));
  }

  /** Scatter of this ranking against another one over the same features (Spearman rho in the title). */
  public Figure compare(FeatureImportance other) {
    if (!other.features().equals(features())) {
      throw new IllegalArgumentException("compare needs the same features in the same order; got "
          + other.features().size() + " vs " + features().size() + " features");
    }
    return Charts.rankAgreement(features(), importances(), other.importances(), method(), other.method());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureImportance f && method.equals(f.method) && features.equals(f.features)
        && Arrays.equals(importance, f.importance) && Arrays.equals(std, f.std) && n == f.n;
  }

  @Override
  public int hashCode() {
    return features.hashCode() * 31 + Arrays.hashCode(importance);
  }
}
