package io.workbench.explain;

import io.workbench.plot.Figure;
import io.workbench.plot.Charts;
import io.workbench.plot.ChartOptions;
import io.workbench.display.Displayable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Global importance of each feature (or feature group): a mean score with an optional spread. Produced by
 * permutation importance (mean drop of the metric over repeats) and by {@link Attribution#global()} (mean
 * |attribution| over the explained rows).
 *
 * <pre>{@code
 * FeatureImportance imp = Explain.permutationImportance(model, test).repeats(5).explain();
 * imp.topFeatures(10);        // names, most important first
 * imp.toTable();              // rank, feature, importance, std, ci_low, ci_high
 * }</pre>
 */
public final class FeatureImportance implements Displayable {

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
   * @param n how many draws the mean and std are over (repeats or rows)
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
    Integer[] order = new Integer[importance.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -this.importance[i]).thenComparingInt(i -> i));
    this.ranking = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  /** The method that produced it. */
  public String method() {
    return method;
  }

  /** The method's settings. */
  public Map<String, String> settings() {
    return settings;
  }

  /** Feature (or group) names. */
  public List<String> features() {
    return features;
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

  /** One row per feature in ranking order: rank, feature, importance, and std/ci_low/ci_high when known. */
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

  @Override
  public String toHtml() {
    StringBuilder b = new StringBuilder("<div class=\"wb-importance\"><p><b>").append(Html.esc(method)).append("</b>");
    if (metric != null) {
      b.append(" &mdash; metric ").append(Html.esc(metric)).append(", baseline ").append(Html.num(baselineScore));
    }
    b.append(", ").append(features.size()).append(" features</p><table><tr><th>rank</th><th>feature</th>")
        .append("<th>importance</th>").append(std != null ? "<th>std</th>" : "").append("</tr>");
    int shown = Math.min(20, ranking.length);
    for (int r = 0; r < shown; r++) {
      int j = ranking[r];
      b.append("<tr><td>").append(r + 1).append("</td><td>").append(Html.esc(features.get(j))).append("</td><td>")
          .append(Html.num(importance[j])).append("</td>");
      if (std != null) {
        b.append("<td>").append(Html.num(std[j])).append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</table>");
    if (shown < ranking.length) {
      b.append("<p>").append(ranking.length - shown).append(" more features (toTable() has all)</p>");
    }
    return b.append("</div>").toString();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(method);
    if (metric != null) {
      b.append(" (").append(metric).append(", baseline ").append(Html.num(baselineScore)).append(')');
    }
    b.append('\n');
    for (int r = 0; r < Math.min(10, ranking.length); r++) {
      int j = ranking[r];
      b.append(String.format(java.util.Locale.ROOT, "%3d %-24s %s%s%n", r + 1, features.get(j), Html.num(importance[j]),
          std == null ? "" : " +- " + Html.num(std[j])));
    }
    return b.toString();
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
}
