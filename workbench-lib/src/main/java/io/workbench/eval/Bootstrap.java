package io.workbench.eval;

import io.workbench.data.Task;
import io.workbench.progress.ProgressListener;
import io.workbench.progress.ProgressTask;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import io.workbench.run.Workers;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Bootstrap percentile intervals of any {@link Metric}, and the paired bootstrap comparison of two models
 * on the same rows. Immutable settings: resamples (default 1000), level (default 0.95), and the run options
 * ({@link RunSettings}): seed (default {@value RunOptions#DEFAULT_SEED}), worker threads (resample {@code b}
 * draws from its own generator seeded by {@code (seed, b)}, so results do not depend on them), progress (a
 * bar only when a listener is set, or nested in other work: a bootstrap takes seconds at most) and
 * cancellation.
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
public final class Bootstrap implements RunSettings<Bootstrap> {

  /** Resamples per task of the worker pool (and per progress step). */
  private static final int BLOCK = 50;

  private final Metric metric;
  private final int resamples;
  private final double level;
  private final RunOptions options;

  private Bootstrap(Metric metric, int resamples, double level, RunOptions options) {
    this.metric = metric;
    this.resamples = resamples;
    this.level = level;
    this.options = options;
  }

  /** Bootstrap of one metric with 1000 resamples, level 0.95, seed {@value RunOptions#DEFAULT_SEED}. */
  public static Bootstrap of(Metric metric) {
    if (metric == null) {
      throw new IllegalArgumentException("metric must not be null");
    }
    return new Bootstrap(metric, 1000, 0.95, RunOptions.defaults());
  }

  /** Number of resamples, at least 10. */
  public Bootstrap resamples(int n) {
    if (n < 10) {
      throw new IllegalArgumentException("resamples must be at least 10, got " + n);
    }
    return new Bootstrap(metric, n, level, options);
  }

  /** Coverage of the interval, in (0, 1). */
  public Bootstrap level(double coverage) {
    if (!(coverage > 0 && coverage < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + coverage);
    }
    return new Bootstrap(metric, resamples, coverage, options);
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public Bootstrap withOptions(RunOptions o) {
    return new Bootstrap(metric, resamples, level, Objects.requireNonNull(o, "options"));
  }

  /** Percentile interval of the metric on these predictions. */
  public ConfidenceInterval interval(Predictions p) {
    Objects.requireNonNull(p, "predictions");
    double estimate = metric.compute(p);
    Sampler sampler = new Sampler(p);
    double[] values = new double[resamples];
    resample("bootstrap " + metric.name(), sampler, (b, rows) -> values[b] = compute(p.select(rows), b));
    double sd = Stats.std(values);
    Arrays.sort(values);
    return new ConfidenceInterval(metric.name(), estimate, Stats.quantile(values, (1 - level) / 2),
        Stats.quantile(values, (1 + level) / 2), level, sd, resamples, options.seed());
  }

  /** Paired bootstrap of {@code metric(A) - metric(B)}; both must hold the same labels (same test rows). */
  public TestResult compare(Predictions a, Predictions b) {
    Objects.requireNonNull(a, "predictions A");
    Objects.requireNonNull(b, "predictions B");
    Comparison.requireSameRows(a, b);
    double ea = metric.compute(a);
    double eb = metric.compute(b);
    double[] d = new double[resamples];
    resample("paired bootstrap " + metric.name(), new Sampler(a),
        (r, rows) -> d[r] = compute(a.select(rows), r) - compute(b.select(rows), r));
    int atMostZero = 0;
    int atLeastZero = 0;
    for (double v : d) {
      atMostZero += v <= 0 ? 1 : 0;
      atLeastZero += v >= 0 ? 1 : 0;
    }
    double p = Math.min(1, 2 * Math.min((1.0 + atMostZero) / (resamples + 1), (1.0 + atLeastZero) / (resamples + 1)));
    double se = Stats.std(d);
    Arrays.sort(d);
    return new TestResult("paired bootstrap", metric.name(), ea, eb, ea - eb, se, p,
        Stats.quantile(d, (1 - level) / 2), Stats.quantile(d, (1 + level) / 2),
        resamples + " paired resamples, seed " + options.seed() + ", " + Math.round(level * 100)
            + " % percentile interval of the difference; statistic = bootstrap standard error");
  }

  /** What one resample computes from its rows. */
  private interface Resample {
    void apply(int b, int[] rows);
  }

  /** Runs the resamples in blocks on the worker pool; resample {@code b} draws from its own generator. */
  private void resample(String name, Sampler sampler, Resample body) {
    int blocks = (resamples + BLOCK - 1) / BLOCK;
    // seconds of work at most: a bar of its own only when asked for; inside other work it nests as usual
    boolean quiet = options.progress() == null && ProgressTask.current() == null;
    try (ProgressTask progress = quiet
        ? ProgressTask.start(name, resamples, ProgressListener.silent(), options.cancellation())
        : options.start(name, resamples)) {
      Workers.run(blocks, options.workerThreads(), options, progress, (block, worker) -> {
        int end = Math.min(resamples, (block + 1) * BLOCK);
        for (int b = block * BLOCK; b < end; b++) {
          body.apply(b, sampler.draw(new SplittableRandom(Workers.seedFor(options.seed(), b))));
        }
        progress.advance(end - block * BLOCK);
      });
      progress.done(resamples + " resamples");
    }
  }

  private double compute(Predictions sample, int b) {
    try {
      return metric.compute(sample);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Metric '" + metric.name() + "' failed on bootstrap resample " + b + ": " + e.getMessage(), e);
    }
  }

  /** Draws resampled row indices: stratified by class for classification. Thread-safe. */
  private static final class Sampler {
    private final List<int[]> strata = new ArrayList<>();
    private final int n;

    Sampler(Predictions p) {
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

    int[] draw(SplittableRandom rnd) {
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
