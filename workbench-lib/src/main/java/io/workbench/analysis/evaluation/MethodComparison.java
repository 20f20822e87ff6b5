package io.workbench.analysis.evaluation;

import io.workbench.analysis.AttributionMetric;
import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The result of {@link Evaluate}: for every method and metric the mean score over the explained rows with its 95%
 * percentile bootstrap interval, the rank of the method under the metric (1 = best in the metric's direction; ties
 * share the mean rank; means equal to 9 significant digits tie), the model evaluations the metric spent, and how far the metrics agree on the ranking of the
 * methods: Spearman's correlation of the rankings per pair of metrics ({@link #agreement()}) and Kendall's coefficient
 * of concordance W over all metrics ({@link #concordance()}, 1 = identical rankings, 0 = no agreement). MetricSets
 * undefined for a method (all rows {@code NaN}) get no rank and are left out of the agreement.
 *
 * <pre>{@code
 * MethodComparison cmp = Evaluate.of(model, test).rows(30).compare(saliency, ig, occlusion);
 * cmp.toTable();          // one row per method and metric
 * cmp.ranks();            // [method][metric]
 * cmp.concordance();      // Kendall's W of the metrics' rankings
 * cmp.chart();            // ranks as a heatmap
 * cmp.agreementChart();   // Spearman correlation of the metrics' rankings
 * }</pre>
 */
public final class MethodComparison implements Displayable {

  private final List<String> methods;
  private final List<String> metrics;
  private final List<String> families;
  private final boolean[] higher;
  private final double[][] mean;
  private final double[][] low;
  private final double[][] high;
  private final int[][] counts;
  private final double[][] ranks;
  private final long[][] evaluations;
  private final long[] explainEvaluations;
  private final int rows;
  private final int bootstrap;
  private final long seed;

  private MethodComparison(List<String> methods, List<AttributionMetric> ms, double[][] mean, double[][] low,
      double[][] high, int[][] counts, long[][] evaluations, long[] explainEvaluations, int rows, int bootstrap,
      long seed) {
    this.methods = List.copyOf(methods);
    List<String> names = new ArrayList<>();
    List<String> fam = new ArrayList<>();
    this.higher = new boolean[ms.size()];
    for (int k = 0; k < ms.size(); k++) {
      names.add(ms.get(k).name());
      fam.add(ms.get(k).family());
      higher[k] = ms.get(k).higherIsBetter();
    }
    this.metrics = List.copyOf(names);
    this.families = List.copyOf(fam);
    this.mean = mean;
    this.low = low;
    this.high = high;
    this.counts = counts;
    this.evaluations = evaluations;
    this.explainEvaluations = explainEvaluations;
    this.rows = rows;
    this.bootstrap = bootstrap;
    this.seed = seed;
    this.ranks = rank(mean, higher);
  }

  /**
   * Builds the result from per-row scores ({@code scores.get(method)[metric][row]}, {@code NaN} = undefined): means,
   * paired percentile bootstrap intervals (the same resampled rows for every method and metric), ranks.
   */
  static MethodComparison of(List<String> methods, List<AttributionMetric> ms, List<double[][]> scores,
      List<long[]> evals, List<Long> explainEvals, int bootstrap, long seed) {
    int p = methods.size();
    int q = ms.size();
    int n = scores.get(0)[0].length;
    int[][] resamples = new int[bootstrap][n];
    Random rnd = new Random(seed);
    for (int b = 0; b < bootstrap; b++) {
      for (int i = 0; i < n; i++) {
        resamples[b][i] = rnd.nextInt(n);
      }
    }
    double[][] mean = new double[p][q];
    double[][] low = new double[p][q];
    double[][] high = new double[p][q];
    int[][] counts = new int[p][q];
    long[][] ev = new long[p][q];
    long[] ex = new long[p];
    for (int m = 0; m < p; m++) {
      ex[m] = explainEvals.get(m);
      for (int k = 0; k < q; k++) {
        double[] s = scores.get(m)[k];
        ev[m][k] = evals.get(m)[k];
        mean[m][k] = nanMean(s, null);
        counts[m][k] = (int) Arrays.stream(s).filter(v -> !Double.isNaN(v)).count();
        double[] boot = new double[bootstrap];
        int finite = 0;
        for (int b = 0; b < bootstrap; b++) {
          double v = nanMean(s, resamples[b]);
          if (!Double.isNaN(v)) {
            boot[finite++] = v;
          }
        }
        double[] sorted = Arrays.copyOf(boot, finite);
        Arrays.sort(sorted);
        low[m][k] = finite == 0 ? Double.NaN : Stats.quantile(sorted, 0.025);
        high[m][k] = finite == 0 ? Double.NaN : Stats.quantile(sorted, 0.975);
      }
    }
    return new MethodComparison(methods, ms, mean, low, high, counts, ev, ex, n, bootstrap, seed);
  }

  private static double nanMean(double[] s, int[] idx) {
    double sum = 0;
    int c = 0;
    int len = idx == null ? s.length : idx.length;
    for (int r = 0; r < len; r++) {
      double v = s[idx == null ? r : idx[r]];
      if (!Double.isNaN(v)) {
        sum += v;
        c++;
      }
    }
    return c == 0 ? Double.NaN : sum / c;
  }

  private static double[][] rank(double[][] mean, boolean[] higher) {
    int p = mean.length;
    int q = higher.length;
    double[][] r = new double[p][q];
    for (int k = 0; k < q; k++) {
      List<Integer> defined = new ArrayList<>();
      for (int m = 0; m < p; m++) {
        r[m][k] = Double.NaN;
        if (!Double.isNaN(mean[m][k])) {
          defined.add(m);
        }
      }
      double[] key = new double[defined.size()];
      for (int t = 0; t < key.length; t++) {
        double v = mean[defined.get(t)][k];
        key[t] = tieRound(higher[k] ? -v : v);
      }
      double[] rk = Stats.ranks(key);
      for (int t = 0; t < key.length; t++) {
        r[defined.get(t)][k] = rk[t];
      }
    }
    return r;
  }

  /** Rounds to 9 significant digits, so that means equal up to rounding error tie. */
  private static double tieRound(double v) {
    return v == 0 || !Double.isFinite(v) ? v
        : new java.math.BigDecimal(v).round(new java.math.MathContext(9)).doubleValue();
  }

  /** The method names, in the order given. */
  public List<String> methods() {
    return methods;
  }

  /** The metric names, in the order run. */
  public List<String> metrics() {
    return metrics;
  }

  /** Mean score of method {@code m} under metric {@code k} ({@code [method][metric]}). */
  public double[][] means() {
    return deepCopy(mean);
  }

  /** Lower ends of the 95% bootstrap intervals ({@code [method][metric]}). */
  public double[][] lower() {
    return deepCopy(low);
  }

  /** Upper ends of the 95% bootstrap intervals ({@code [method][metric]}). */
  public double[][] upper() {
    return deepCopy(high);
  }

  /** Ranks, 1 = best in the metric's direction ({@code [method][metric]}; {@code NaN} where undefined). */
  public double[][] ranks() {
    return deepCopy(ranks);
  }

  /** The mean score of one method under one metric, by name. */
  public double mean(String method, String metric) {
    return mean[index(methods, method, "method")][index(metrics, metric, "metric")];
  }

  /** The rank of one method under one metric, by name. */
  public double rank(String method, String metric) {
    return ranks[index(methods, method, "method")][index(metrics, metric, "metric")];
  }

  /** Model rows (and explainer evaluations) each metric spent per method ({@code [method][metric]}). */
  public long[][] evaluations() {
    long[][] c = new long[evaluations.length][];
    for (int m = 0; m < c.length; m++) {
      c[m] = evaluations[m].clone();
    }
    return c;
  }

  /** Model rows per metric, summed over the methods. */
  public long[] evaluationsPerMetric() {
    long[] s = new long[metrics.size()];
    for (long[] row : evaluations) {
      for (int k = 0; k < s.length; k++) {
        s[k] += row[k];
      }
    }
    return s;
  }

  /** Rows explained and scored. */
  public int rows() {
    return rows;
  }

  /**
   * Spearman correlation of the methods' ranks between every pair of metrics ({@code [metric][metric]}, {@code NaN}
   * where fewer than three methods are ranked by both, since two points always correlate perfectly, or a ranking is
   * constant).
   */
  public double[][] agreement() {
    int q = metrics.size();
    double[][] a = new double[q][q];
    for (int k = 0; k < q; k++) {
      for (int l = 0; l < q; l++) {
        a[k][l] = k == l ? 1 : pairAgreement(k, l);
      }
    }
    return a;
  }

  private double pairAgreement(int k, int l) {
    List<double[]> pairs = new ArrayList<>();
    for (double[] r : ranks) {
      if (!Double.isNaN(r[k]) && !Double.isNaN(r[l])) {
        pairs.add(new double[] {r[k], r[l]});
      }
    }
    if (pairs.size() < 3) {
      return Double.NaN;
    }
    double[] x = pairs.stream().mapToDouble(v -> v[0]).toArray();
    double[] y = pairs.stream().mapToDouble(v -> v[1]).toArray();
    return Stats.spearman(x, y);
  }

  /**
   * Kendall's coefficient of concordance W of the metrics that rank every method (Kendall and Babington Smith
   * 1939): {@code W = 12 S / (m^2 (n^3 - n))} with {@code S} the sum of squared deviations of the methods' rank sums
   * from their mean, {@code m} metrics, {@code n} methods (no tie correction). 1 when all metrics rank the methods
   * alike, near 0 when they do not agree; {@code NaN} with fewer than two methods or metrics.
   */
  public double concordance() {
    int n = methods.size();
    List<Integer> full = new ArrayList<>();
    for (int k = 0; k < metrics.size(); k++) {
      boolean all = true;
      for (double[] r : ranks) {
        all &= !Double.isNaN(r[k]);
      }
      if (all) {
        full.add(k);
      }
    }
    int m = full.size();
    if (n < 2 || m < 2) {
      return Double.NaN;
    }
    double[] sum = new double[n];
    for (int i = 0; i < n; i++) {
      for (int k : full) {
        sum[i] += ranks[i][k];
      }
    }
    double avg = m * (n + 1) / 2.0;
    double s = 0;
    for (double v : sum) {
      s += (v - avg) * (v - avg);
    }
    return 12 * s / ((double) m * m * ((double) n * n * n - n));
  }

  /** One row per method and metric: family, direction, mean, 95% interval, rows scored, rank, model evaluations. */
  public Table toTable() {
    StringColumn method = StringColumn.create("method");
    StringColumn metric = StringColumn.create("metric");
    StringColumn family = StringColumn.create("family");
    StringColumn better = StringColumn.create("better");
    DoubleColumn mu = DoubleColumn.create("mean");
    DoubleColumn lo = DoubleColumn.create("CI 2.5%");
    DoubleColumn hi = DoubleColumn.create("CI 97.5%");
    DoubleColumn scored = DoubleColumn.create("rows scored");
    DoubleColumn rk = DoubleColumn.create("rank");
    LongColumn ev = LongColumn.create("model evaluations");
    for (int m = 0; m < methods.size(); m++) {
      for (int k = 0; k < metrics.size(); k++) {
        method.append(methods.get(m));
        metric.append(metrics.get(k));
        family.append(families.get(k));
        better.append(higher[k] ? "higher" : "lower");
        mu.append(mean[m][k]);
        lo.append(low[m][k]);
        hi.append(high[m][k]);
        scored.append(counts[m][k]);
        rk.append(ranks[m][k]);
        ev.append(evaluations[m][k]);
      }
    }
    return Table.create("method comparison", method, metric, family, better, mu, lo, hi, scored, rk, ev);
  }

  /** One row per metric, one column per method: {@code mean [low, high] (#rank)}. */
  public Table summary() {
    Table t = Table.create("scores: mean [95% CI] (rank)",
        StringColumn.create("metric", metrics.stream().map(this::label).toList()));
    for (int m = 0; m < methods.size(); m++) {
      StringColumn c = StringColumn.create(methods.get(m));
      for (int k = 0; k < metrics.size(); k++) {
        c.append(Double.isNaN(mean[m][k]) ? "n/a" : Numbers.format(mean[m][k]) + " [" + Numbers.format(low[m][k])
            + ", " + Numbers.format(high[m][k]) + "] (#" + Numbers.format(ranks[m][k]) + ")");
      }
      t.addColumns(c);
    }
    t.addColumns(LongColumn.create("model evaluations", evaluationsPerMetric()));
    return t;
  }

  private String label(String metric) {
    int k = metrics.indexOf(metric);
    return metric + " (" + families.get(k) + ", " + (higher[k] ? "higher" : "lower") + " is better)";
  }

  /** Ranks as a heatmap, methods by metrics (1 = best, lightest; white also where a metric is undefined). */
  public Figure chart() {
    double[][] v = new double[methods.size()][metrics.size()];
    for (int m = 0; m < v.length; m++) {
      for (int k = 0; k < v[m].length; k++) {
        v[m][k] = Double.isNaN(ranks[m][k]) ? 0 : ranks[m][k];
      }
    }
    return Charts.heatmap(methods, metrics, v, ChartOptions.defaults()
        .title("Rank of each method per metric (1 = best, lightest)"));
  }

  /** Spearman correlation of the metrics' rankings as a correlation matrix (undefined pairs drawn as 0). */
  public Figure agreementChart() {
    double[][] a = agreement();
    for (double[] row : a) {
      for (int l = 0; l < row.length; l++) {
        row[l] = Double.isNaN(row[l]) ? 0 : row[l];
      }
    }
    return Charts.correlationMatrix(metrics, a, ChartOptions.defaults()
        .title("Do the metrics agree? Spearman correlation of their rankings"));
  }

  private String headline() {
    return methods.size() + " methods x " + metrics.size() + " metrics on " + rows + " rows, " + bootstrap
        + " bootstrap resamples (seed " + seed + "); agreement of the metrics' rankings: Kendall's W = "
        + Numbers.format(concordance());
  }

  @Override
  public String toHtml() {
    return "<div><p>" + Tables.escape(headline()) + "</p>" + Tables.html(summary()) + "</div>";
  }

  @Override
  public String toText() {
    return headline() + "\n" + Tables.text(summary());
  }

  @Override
  public String toString() {
    return toText();
  }

  private static int index(List<String> names, String name, String what) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("No " + what + " '" + name + "'; " + what + "s are " + names);
    }
    return i;
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
