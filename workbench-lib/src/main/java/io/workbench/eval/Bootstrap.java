package io.workbench.eval;

import io.workbench.data.Task;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Bootstrap percentile intervals of any {@link Metric}, and the paired bootstrap comparison of two models
 * on the same rows. Immutable settings: resamples (default 1000), level (default 0.95), seed (default 0).
 * Classification resamples are stratified: each class is resampled with replacement within itself, so
 * every resample keeps the class counts (and AUROC stays defined).
 *
 * <p>Interval: the {@code (1 - level)/2} and {@code (1 + level)/2} quantiles (linear interpolation) of
 * the metric over the resamples. Paired comparison: the same resampled rows score both models; the
 * interval is that of the difference {@code A - B}, and the two-sided p-value is {@code min(1, 2 min(
 * (1 + #{d <= 0}) / (B + 1), (1 + #{d >= 0}) / (B + 1)))} over the {@code B} resampled differences.
 *
 * <pre>{@code
 * ConfidenceInterval ci = Bootstrap.of(Metric.AUROC).resamples(2000).seed(7).interval(predictions);
 * TestResult t = Bootstrap.of(Metric.F1_MACRO).seed(7).compare(predictionsA, predictionsB);
 * }</pre>
 */
public final class Bootstrap {

  private final Metric metric;
  private final int resamples;
  private final double level;
  private final long seed;

  private Bootstrap(Metric metric, int resamples, double level, long seed) {
    this.metric = metric;
    this.resamples = resamples;
    this.level = level;
    this.seed = seed;
  }

  /** Bootstrap of one metric with 1000 resamples, level 0.95, seed 0. */
  public static Bootstrap of(Metric metric) {
    if (metric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new Bootstrap(metric, 1000, 0.95, 0);
  }

  /** Number of resamples, at least 10. */
  public Bootstrap resamples(int n) {
    if (n < 10) {
      throw new IllegalArgumentException("resamples must be at least 10, got " + n);
    }
    return new Bootstrap(metric, n, level, seed);
  }

  /** Coverage of the interval, in (0, 1). */
  public Bootstrap level(double coverage) {
    if (!(coverage > 0 && coverage < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + coverage);
    }
    return new Bootstrap(metric, resamples, coverage, seed);
  }

  /** Seed of the resampling. */
  public Bootstrap seed(long value) {
    return new Bootstrap(metric, resamples, level, value);
  }

  /** Percentile interval of the metric on these predictions. */
  public ConfidenceInterval interval(Predictions p) {
    Objects.requireNonNull(p, "predictions");
    double estimate = metric.compute(p);
    double[] values = new double[resamples];
    Sampler sampler = new Sampler(p, seed);
    for (int b = 0; b < resamples; b++) {
      values[b] = compute(p.select(sampler.next()), b);
    }
    double sd = Stats.std(values);
    Arrays.sort(values);
    return new ConfidenceInterval(metric.name(), estimate, Stats.quantile(values, (1 - level) / 2),
        Stats.quantile(values, (1 + level) / 2), level, sd, resamples, seed);
  }

  /** Paired bootstrap of {@code metric(A) - metric(B)}; both must hold the same labels (same test rows). */
  public TestResult compare(Predictions a, Predictions b) {
    Objects.requireNonNull(a, "predictions A");
    Objects.requireNonNull(b, "predictions B");
    Comparison.requireSameRows(a, b);
    double ea = metric.compute(a);
    double eb = metric.compute(b);
    double[] d = new double[resamples];
    Sampler sampler = new Sampler(a, seed);
    int atMostZero = 0;
    int atLeastZero = 0;
    for (int r = 0; r < resamples; r++) {
      int[] rows = sampler.next();
      d[r] = compute(a.select(rows), r) - compute(b.select(rows), r);
      atMostZero += d[r] <= 0 ? 1 : 0;
      atLeastZero += d[r] >= 0 ? 1 : 0;
    }
    double p = Math.min(1, 2 * Math.min((1.0 + atMostZero) / (resamples + 1), (1.0 + atLeastZero) / (resamples + 1)));
    double se = Stats.std(d);
    Arrays.sort(d);
    return new TestResult("paired bootstrap", metric.name(), ea, eb, ea - eb, se, p,
        Stats.quantile(d, (1 - level) / 2), Stats.quantile(d, (1 + level) / 2),
        resamples + " paired resamples, seed " + seed + ", " + Math.round(level * 100)
            + " % percentile interval of the difference; statistic = bootstrap standard error");
  }

  private double compute(Predictions sample, int b) {
    try {
      return metric.compute(sample);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Metric '" + metric.name() + "' failed on bootstrap resample " + b + ": " + e.getMessage(), e);
    }
  }

  /** Draws resampled row indices: stratified by class for classification. */
  private static final class Sampler {
    private final Random rnd;
    private final List<int[]> strata = new ArrayList<>();
    private final int n;

    Sampler(Predictions p, long seed) {
      this.rnd = new Random(seed);
      this.n = p.size();
      if (p.task() == Task.CLASSIFICATION) {
        int[] y = p.labelsView();
        for (int c = 0; c < p.numClasses(); c++) {
          final int cls = c;
          int[] members = java.util.stream.IntStream.range(0, n).filter(i -> y[i] == cls).toArray();
          if (members.length > 0) {
            strata.add(members);
          }
        }
      } else {
        strata.add(java.util.stream.IntStream.range(0, n).toArray());
      }
    }

    int[] next() {
      int[] rows = new int[n];
      int j = 0;
      for (int[] members : strata) {
        for (int i = 0; i < members.length; i++) {
          rows[j++] = members[rnd.nextInt(members.length)];
        }
      }
      return rows;
    }
  }
}
