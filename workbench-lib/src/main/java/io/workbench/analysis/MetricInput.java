package io.workbench.analysis;

import io.workbench.check.Checks;
import io.workbench.explain.Attribution;
import io.workbench.explain.Explainer;
import io.workbench.explain.Target;
import io.workbench.model.Model;
import io.workbench.progress.ProgressListener;
import io.workbench.run.RunOptions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an {@link AttributionMetric} may look at: the model, one attribution (its rows, values, targets and sample
 * shape), optionally a way to explain other rows with the same method (robustness and randomisation metrics),
 * optionally ground-truth masks (localisation metrics), and the run options (seed, batch rows, threads). Model rows
 * and explainer evaluations that metrics spend go through {@link #evaluate} and {@link #explain} and are counted
 * ({@link #evaluations()}). Immutable apart from that counter.
 *
 * <pre>{@code
 * MetricInput in = MetricInput.of(model, ig.explain(rows))
 *     .withExplainer(MetricInput.Reexplainer.of(ig, rows.sampleShape()))
 *     .withMasks(groundTruth).withOptions(RunOptions.defaults().withSeed(3));
 * }</pre>
 */
public final class MetricInput {

  private final Model model;
  private final Attribution attribution;
  private final Reexplainer explainer;
  private final boolean[][] masks;
  private final RunOptions options;
  private final AtomicLong evaluations = new AtomicLong();

  private MetricInput(Model model, Attribution attribution, Reexplainer explainer,
      boolean[][] masks, RunOptions options) {
    this.model = model;
    this.attribution = attribution;
    this.explainer = explainer;
    this.masks = masks;
    this.options = options;
  }

  /** The input of a metric on {@code attribution} of {@code model}, default run options, no explainer, no masks. */
  public static MetricInput of(Model model, Attribution attribution) {
    Checks.notNull(model, "model");
    Checks.notNull(attribution, "attribution");
    if (attribution.rows() == 0) {
      throw new IllegalArgumentException("attribution has no rows");
    }
    if (attribution.numFeatures() != model.featureNames().size()) {
      throw new IllegalArgumentException("attribution has " + attribution.numFeatures() + " features, the model "
          + model.featureNames().size());
    }
    return new MetricInput(model, attribution, null, null, RunOptions.defaults());
  }

  /**
   * The scored method, able to explain other rows, other outputs and other models (randomised copies of the model,
   * with the same features): what robustness and randomisation metrics need.
   */
  @FunctionalInterface
  public interface Reexplainer {
    /** The method's attribution of {@code rows} of {@code model}, row {@code i} for output {@code targets[i]}. */
    Attribution explain(Model model, float[][] rows, int[] targets);

    /**
     * An explainer's re-explanations: for samples of {@code sampleShape}, each row for its own target, with the
     * explainer's settings and silent progress (the metric reports its own), on {@code model} or a copy.
     */
    static Reexplainer of(Explainer<?> explainer, int... sampleShape) {
      Checks.notNull(explainer, "explainer");
      Explainer<?> quiet = explainer.withOptions(explainer.options().withProgress(ProgressListener.silent()))
          .sampleShape(sampleShape);
      return (m, x, targets) -> (m == quiet.model() ? quiet : quiet.withModel(m)).target(Target.perRow(targets))
          .explain(x);
    }
  }

  /** A copy that can explain other rows, outputs and models with the scored method. */
  public MetricInput withExplainer(Reexplainer e) {
    Checks.notNull(e, "explainer");
    return new MetricInput(model, attribution, e, masks, options);
  }

  /** A copy with ground-truth masks: {@code masks[i][j]} is true where feature {@code j} of row {@code i} matters. */
  public MetricInput withMasks(boolean[][] m) {
    Checks.notNull(m, "masks");
    if (m.length != attribution.rows()) {
      throw new IllegalArgumentException("masks: " + m.length + " rows, the attribution has " + attribution.rows());
    }
    for (int i = 0; i < m.length; i++) {
      if (m[i] == null || m[i].length != attribution.numFeatures()) {
        throw new IllegalArgumentException("masks row " + i + " has " + (m[i] == null ? "no" : m[i].length)
            + " values, expected " + attribution.numFeatures());
      }
    }
    return new MetricInput(model, attribution, explainer, m, options);
  }

  /** A copy with other run options (seed, batch rows, worker threads, progress). */
  public MetricInput withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    return new MetricInput(model, attribution, explainer, masks, o);
  }

  /** The explained model. */
  public Model model() {
    return model;
  }

  /** The attribution being scored. */
  public Attribution attribution() {
    return attribution;
  }

  /** The run options. */
  public RunOptions options() {
    return options;
  }

  /** The ground-truth mask of row {@code i}, or an exception naming the metric when none was given. */
  public boolean[] mask(int i, String metric) {
    if (masks == null) {
      throw new IllegalArgumentException(metric + " needs ground-truth masks (one boolean per feature and row); "
          + "none were given (Evaluate...groundTruth(masks) or MetricInput.withMasks)");
    }
    return masks[i];
  }

  /**
   * Runs {@code rows} generated rows through the model in batches (see {@link AnalysisRun#evaluate}) and counts
   * them; {@code task} names the progress.
   */
  public void evaluate(String task, long rows, AnalysisRun.RowFiller filler, AnalysisRun.OutputSink sink) {
    try (AnalysisRun run = AnalysisRun.start(task, rows, options)) {
      run.evaluate(model, rows, attribution.numFeatures(), filler, sink);
    }
    evaluations.addAndGet(rows);
  }

  /**
   * Explains {@code rows} for the outputs {@code targets} with the method being scored, in one call (the method
   * batches its own model calls, and one call keeps its seeded draws independent of any chunking), and counts the rows
   * and the model evaluations the method reports.
   */
  public double[][] explain(float[][] rows, int[] targets, String metric) {
    options.cancellation().check();
    return explain(model, rows, targets, metric).values();
  }

  /**
   * Explains {@code rows} of {@code other} (the model or a changed copy with the same features) for the outputs
   * {@code targets} in one call to the method, and counts the rows and the model evaluations it reports.
   */
  public Attribution explain(Model other, float[][] rows, int[] targets, String metric) {
    if (explainer == null) {
      throw new IllegalArgumentException(metric + " re-explains rows and needs the explainer "
          + "(Evaluate passes it; MetricInput.withExplainer otherwise)");
    }
    Attribution a = explainer.explain(other, rows, targets);
    if (a == null || a.rows() != rows.length || a.numFeatures() != attribution.numFeatures()) {
      throw new IllegalArgumentException("explainer returned " + (a == null ? "null" : a.rows() + " x "
          + a.numFeatures() + " values") + " for " + rows.length + " rows of " + attribution.numFeatures()
          + " features in " + metric);
    }
    evaluations.addAndGet(Math.max(rows.length, a.evaluations()));
    return a;
  }

  /** Model rows (and explainer evaluations) spent through this input so far. */
  public long evaluations() {
    return evaluations.get();
  }
}
