package io.workbench.analysis.evaluation;

import io.workbench.analysis.AttributionMetric;
import io.workbench.analysis.MetricInput;
import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.explain.Attribution;
import io.workbench.explain.Explainer;
import io.workbench.explain.Target;
import io.workbench.model.Model;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares explanation methods on one model and dataset with a set of metrics (Quantus' families; Hedström et al.
 * 2023): every method explains the same rows (by default each for its true class), every metric scores every
 * method's attribution per row, the mean gets a percentile bootstrap confidence interval over rows (the same
 * resampled rows for all methods and metrics), the methods are ranked per metric in the metric's direction, and the
 * agreement of the metrics' rankings is measured (Spearman's correlation per pair of metrics, Kendall's W overall):
 * metrics of different families often disagree (Hedström et al. 2023, MetaQuantus), and the result shows it.
 * Progress: each method's first explanation and each metric's model evaluations report to their listeners; the
 * metrics' re-explanations of perturbed rows or randomised models run silently. Immutable: every setter returns a
 * copy.
 *
 * <pre>{@code
 * MethodComparison cmp = Evaluate.methods(model, test.head(30), Explain.saliency(model), Explain.integratedGradients(model));
 * MethodComparison full = Evaluate.of(cnn, test).groundTruth(masks).rows(30).bootstrap(500).seed(3)
 *     .metrics(MetricSets.localisation()).compare(ig, lrp, cam);
 * }</pre>
 */
public final class Evaluate implements RunSettings<Evaluate> {

  private final Model model;
  private final Dataset data;
  private final List<AttributionMetric> metrics;
  private final boolean[][] masks;
  private final int rows;
  private final int bootstrap;
  private final Target target;
  private final RunOptions options;

  private Evaluate(Model model, Dataset data, List<AttributionMetric> metrics, boolean[][] masks, int rows,
      int bootstrap, Target target, RunOptions options) {
    this.model = model;
    this.data = data;
    this.metrics = metrics;
    this.masks = masks;
    this.rows = rows;
    this.bootstrap = bootstrap;
    this.target = target;
    this.options = options;
  }

  /**
   * A comparison on {@code data} (its labels give the explained class of each row when it has them): default
   * metrics ({@link MetricSets#defaults}), all rows, 1000 bootstrap resamples, {@link RunOptions#defaults()}.
   */
  public static Evaluate of(Model model, Dataset data) {
    Checks.notNull(model, "model");
    Checks.notNull(data, "data");
    if (data.rows() == 0) {
      throw new IllegalArgumentException("data has no rows to explain");
    }
    Model.checkFeatures(model, data.features());
    return new Evaluate(model, data, null, null, 0, 1000, null, RunOptions.defaults());
  }

  /** {@code Evaluate.of(model, data).compare(explainers)}: the default metrics on all rows of {@code data}. */
  public static MethodComparison methods(Model model, Dataset data, Explainer<?>... explainers) {
    return of(model, data).compare(explainers);
  }

  /** The metrics to run, in this order (default {@link MetricSets#defaults}). */
  public Evaluate metrics(List<? extends AttributionMetric> m) {
    if (m == null || m.isEmpty()) {
      throw new IllegalArgumentException("metrics: need at least one metric");
    }
    List<String> names = new ArrayList<>();
    for (AttributionMetric a : m) {
      Checks.notNull(a, "metric");
      if (names.contains(a.name())) {
        throw new IllegalArgumentException("metrics: '" + a.name() + "' is listed twice");
      }
      names.add(a.name());
    }
    return new Evaluate(model, data, List.copyOf(m), masks, rows, bootstrap, target, options);
  }

  /** The metrics to run (see {@link #metrics(List)}). */
  public Evaluate metrics(AttributionMetric... m) {
    return metrics(m == null ? null : List.of(m));
  }

  /**
   * Ground-truth masks, one per row of the data ({@code masks[i][j]}: feature {@code j} of row {@code i} carries the
   * signal), for the localisation metrics.
   */
  public Evaluate groundTruth(boolean[][] m) {
    Checks.notNull(m, "groundTruth");
    if (m.length != data.rows()) {
      throw new IllegalArgumentException("groundTruth: " + m.length + " masks for " + data.rows() + " rows of data");
    }
    int d = model.featureNames().size();
    for (int i = 0; i < m.length; i++) {
      if (m[i] == null || m[i].length != d) {
        throw new IllegalArgumentException("groundTruth row " + i + " has " + (m[i] == null ? "no" : m[i].length)
            + " values, expected " + d + " (one per feature)");
      }
    }
    return new Evaluate(model, data, metrics, m.clone(), rows, bootstrap, target, options);
  }

  /** Explain and score at most {@code n} rows, a seeded sample of the data (default: all rows). */
  public Evaluate rows(int n) {
    Checks.positive(n, "rows");
    return new Evaluate(model, data, metrics, masks, n, bootstrap, target, options);
  }

  /** Bootstrap resamples for the confidence intervals, at least 10 (default 1000). */
  public Evaluate bootstrap(int b) {
    if (b < 10) {
      throw new IllegalArgumentException("bootstrap must be >= 10 resamples, got " + b);
    }
    return new Evaluate(model, data, metrics, masks, rows, b, target, options);
  }

  /** The explained output (default: each row's label for labelled classification data, else {@link Target#auto()}). */
  public Evaluate target(Target t) {
    Checks.notNull(t, "target");
    return new Evaluate(model, data, metrics, masks, rows, bootstrap, t, options);
  }

  @Override
  public RunOptions options() {
    return options;
  }

  /** A copy with other run options: the seed draws the rows, the resamples and every metric's random choices. */
  @Override
  public Evaluate withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    return new Evaluate(model, data, metrics, masks, rows, bootstrap, target, o);
  }

  /** Runs the comparison; methods are named after their attributions' method (numbered when repeated). */
  public MethodComparison compare(Explainer<?>... explainers) {
    if (explainers == null || explainers.length == 0) {
      throw new IllegalArgumentException("compare: need at least one explainer");
    }
    Map<String, Explainer<?>> named = new LinkedHashMap<>();
    for (int k = 0; k < explainers.length; k++) {
      Checks.notNull(explainers[k], "explainer " + k);
      named.put("#" + k, explainers[k]);
    }
    return run(named, true);
  }

  /** Runs the comparison with the methods named by the map's keys (in its order). */
  public MethodComparison compare(Map<String, ? extends Explainer<?>> explainers) {
    if (explainers == null || explainers.isEmpty()) {
      throw new IllegalArgumentException("compare: need at least one explainer");
    }
    Map<String, Explainer<?>> named = new LinkedHashMap<>();
    explainers.forEach((k, v) -> {
      Checks.notNull(v, "explainer '" + k + "'");
      named.put(k, v);
    });
    return run(named, false);
  }

  private MethodComparison run(Map<String, Explainer<?>> explainers, boolean nameByMethod) {
    int[] idx = Stats.sampleIndices(data.rows(), rows == 0 ? data.rows() : rows, options.seed());
    Dataset sub = data.select(idx);
    boolean[][] subMasks = null;
    if (masks != null) {
      subMasks = new boolean[idx.length][];
      for (int i = 0; i < idx.length; i++) {
        subMasks[i] = masks[idx[i]];
      }
    }
    boolean classifier = model.task() == Task.CLASSIFICATION && model.classNames().size() >= 2;
    List<AttributionMetric> ms = metrics != null ? metrics : MetricSets.defaults(classifier, masks != null);
    Target t = target != null ? target
        : classifier && sub.target() != null && sub.task() == Task.CLASSIFICATION ? Target.perRow(sub.y())
        : Target.auto();
    int[] shape = sub.sampleShape();
    List<String> names = new ArrayList<>();
    int n = idx.length;
    int q = ms.size();
    List<double[][]> scores = new ArrayList<>();
    List<long[]> evals = new ArrayList<>();
    List<Long> methodEvals = new ArrayList<>();
    for (Map.Entry<String, Explainer<?>> e : explainers.entrySet()) {
      Explainer<?> ex = e.getValue().target(t).sampleShape(shape);
      Attribution a = ex.explain(sub);
      String name = nameByMethod ? a.method() : e.getKey();
      String unique = name;
      for (int k = 2; names.contains(unique); k++) {
        unique = name + " (" + k + ")";
      }
      names.add(unique);
      methodEvals.add(a.evaluations());
      MetricInput in = MetricInput.of(model, a).withOptions(options)
          .withExplainer(MetricInput.Reexplainer.of(ex, shape));
      if (subMasks != null) {
        in = in.withMasks(subMasks);
      }
      double[][] s = new double[q][];
      long[] ev = new long[q];
      for (int k = 0; k < q; k++) {
        AttributionMetric metric = ms.get(k);
        long before = in.evaluations();
        try {
          s[k] = metric.score(in);
        } catch (IllegalArgumentException err) {
          throw new IllegalArgumentException("metric '" + metric.name() + "' on method '" + unique + "': "
              + err.getMessage(), err);
        }
        if (s[k] == null || s[k].length != n) {
          throw new IllegalStateException("metric '" + metric.name() + "' returned " + (s[k] == null ? "null"
              : s[k].length + " scores") + " for " + n + " rows");
        }
        ev[k] = in.evaluations() - before;
      }
      scores.add(s);
      evals.add(ev);
    }
    return MethodComparison.of(names, ms, scores, evals, methodEvals, bootstrap, options.seed());
  }
}
