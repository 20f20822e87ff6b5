package io.workbench.analysis.faithfulness;

import io.workbench.analysis.AnalysisRun;
import io.workbench.analysis.agreement.RankAgreement;
import io.workbench.check.Checks;
import io.workbench.explain.Attribution;
import io.workbench.model.Differentiable;
import io.workbench.model.Model;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The cascading model-parameter randomisation sanity check of Adebayo et al. (2018), "Sanity Checks for
 * Saliency Maps": an explanation method that explains the <em>model</em> must change when the model's learned
 * weights are destroyed. Starting from the output layer and moving towards the input, layers are
 * re-initialised one more at a time (cumulative, via {@link Differentiable#withRandomizedLayers}), the
 * given method is re-run on each randomised copy, and its attributions are compared with the original ones:
 * per explained row, Spearman's rank correlation of {@code |attribution|} (and of the signed values), then
 * averaged over rows. Layers without parameters (pooling, flattening), whose randomisation leaves the
 * outputs on the explained rows unchanged, are skipped.
 *
 * <p>The method <b>passes</b> when the mean |attribution| rank correlation after all layers are randomised
 * is below {@link #threshold(double)} (default 0.7). A method that ignores the model (for instance one
 * returning the input itself, like an edge detector) keeps a correlation near 1 and fails. Methods that
 * multiply by the input (input x gradient, integrated gradients) keep part of the input's structure: on a
 * breast-cancer MLP their |attribution| correlation after full randomisation is about 0.4-0.5, while saliency
 * on standardised inputs drops to about 0; saliency on raw features of very different scales stays near 0.86
 * (the gradient carries each feature's 1/scale) and fails. Rows whose original attribution is constant (no ranking) are left out; a randomised row that became constant counts
 * as correlation 0.
 *
 * <pre>{@code
 * Dataset rows = test.head(30);
 * RandomizationResult r = ParameterRandomization.create().seed(7)
 *     .run(net, m -> Explain.integratedGradients(m).baselineMean(train).explain(rows));
 * r.passed();          // true: IG depends on the weights
 * r.toTable();         // step, randomised layers, mean Spearman |attr| (std), signed
 * }</pre>
 */
public final class ParameterRandomization implements RunSettings<ParameterRandomization> {

  private double threshold = 0.7;
  private boolean independent;
  private List<String> layers;
  private RunOptions options = RunOptions.defaults();

  private ParameterRandomization() {}

  /**
   * A check with threshold 0.7, all layers from the output down, and {@link RunOptions#defaults()} (the seed
   * re-initialises the weights).
   */
  public static ParameterRandomization create() {
    return new ParameterRandomization();
  }

  private ParameterRandomization copy() {
    ParameterRandomization c = new ParameterRandomization();
    c.threshold = threshold;
    c.independent = independent;
    c.layers = layers;
    c.options = options;
    return c;
  }

  /** The mean rank correlation after full randomisation must be below this to pass (default 0.7). */
  public ParameterRandomization threshold(double t) {
    if (!(t > -1 && t <= 1)) {
      throw new IllegalArgumentException("threshold must be a correlation in (-1, 1], got " + t);
    }
    ParameterRandomization c = copy();
    c.threshold = t;
    return c;
  }

  /**
   * Independent randomisation (Adebayo et al.'s second variant): each step re-initialises only its own layer, the
   * others keep their learned weights; default false (cascading: each step adds one more layer).
   */
  public ParameterRandomization independent(boolean on) {
    ParameterRandomization c = copy();
    c.independent = on;
    return c;
  }

  /**
   * The layers to randomise, in the order given (normally output first), instead of all layers from the
   * output down.
   */
  public ParameterRandomization layers(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw new IllegalArgumentException("layers: need at least one layer name");
    }
    ParameterRandomization c = copy();
    c.layers = List.copyOf(names);
    return c;
  }

  @Override
  public RunOptions options() {
    return options;
  }

  /**
   * A copy with other run options: the seed re-initialises the weights, progress counts layers. The layers
   * are randomised and explained one after another (gradient work is not threaded).
   */
  @Override
  public ParameterRandomization withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    ParameterRandomization c = copy();
    c.options = o;
    return c;
  }

  /**
   * Runs the check.
   *
   * @param model a model offering {@link Differentiable} (a DJL network)
   * @param method the explanation method: the model (original or randomised) to an attribution of the same
   *     rows each time
   */
  public RandomizationResult run(Model model, Function<Model, Attribution> method) {
    if (model == null || method == null) {
      throw new IllegalArgumentException("run needs a model and an explanation method");
    }
    Differentiable net = model.as(Differentiable.class).orElseThrow(() -> new IllegalArgumentException(
        "The parameter randomisation check needs a model whose layers can be re-initialised (model.Differentiable,"
            + " e.g. a DJL network); " + model.getClass().getSimpleName() + " is not"));
    List<String> order = new ArrayList<>();
    if (layers != null) {
      for (String l : layers) {
        if (!net.layerNames().contains(l)) {
          throw new IllegalArgumentException("Unknown layer '" + l + "'; the model's layers are " + net.layerNames());
        }
        if (order.contains(l)) {
          throw new IllegalArgumentException("Layer '" + l + "' is listed twice in " + layers);
        }
        order.add(l);
      }
    } else {
      order.addAll(net.layerNames());
      java.util.Collections.reverse(order);
    }
    try (AnalysisRun run = AnalysisRun.start("parameter randomisation", order.size(), options)) {
      return run(run, model, net, method, order);
    }
  }

  private RandomizationResult run(AnalysisRun run, Model model, Differentiable net, Function<Model, Attribution> method,
      List<String> order) {
    long seed = options.seed();
    Attribution original = method.apply(model);
    if (original == null || original.rows() == 0) {
      throw new IllegalArgumentException("The explanation method returned no attribution rows");
    }
    double[][] ref = original.values();
    float[][] x = original.inputs();
    boolean[] usable = new boolean[ref.length];
    int usableRows = 0;
    for (int i = 0; i < ref.length; i++) {
      usable[i] = !constant(ref[i]);
      usableRows += usable[i] ? 1 : 0;
    }
    if (usableRows == 0) {
      throw new IllegalArgumentException("The method's original attributions are constant on every row ("
          + original.method() + "); there is no ranking to compare");
    }
    float[][] original0 = net.output(x, Differentiable.Output.LOGIT);
    float[][] previous = original0;
    List<String> cumulative = new ArrayList<>();
    List<String> steps = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<double[]> absRows = new ArrayList<>();
    List<double[]> signedRows = new ArrayList<>();
    for (String layer : order) {
      run.check();
      cumulative.add(layer);
      Differentiable randomized = net.withRandomizedLayers(independent ? List.of(layer) : List.copyOf(cumulative), seed);
      float[][] out = randomized.output(x, Differentiable.Output.LOGIT);
      if (Arrays.deepEquals(out, independent ? original0 : previous)) {
        skipped.add(layer);
        run.advance(1, layer + " (no parameters)");
        continue;
      }
      previous = out;
      Attribution a = method.apply(randomized);
      if (a == null || a.rows() != ref.length || a.numFeatures() != ref[0].length) {
        throw new IllegalStateException("The explanation method returned " + (a == null ? "null" : a.rows() + " x "
            + a.numFeatures()) + " values for the randomised model, the original had " + ref.length + " x "
            + ref[0].length + "; it must explain the same rows each time");
      }
      double[][] v = a.values();
      double[] abs = new double[ref.length];
      double[] signed = new double[ref.length];
      for (int i = 0; i < ref.length; i++) {
        if (!usable[i]) {
          abs[i] = Double.NaN;
          signed[i] = Double.NaN;
          continue;
        }
        abs[i] = correlation(RankAgreement.abs(ref[i]), RankAgreement.abs(v[i]));
        signed[i] = correlation(ref[i], v[i]);
      }
      steps.add(layer);
      absRows.add(abs);
      signedRows.add(signed);
      run.advance(1, layer);
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("Randomising " + order + " changed no output; these layers hold no parameters");
    }
    return new RandomizationResult(original.method(), steps, skipped, absRows, signedRows, threshold, usableRows, seed);
  }

  private static double correlation(double[] a, double[] b) {
    if (constant(a) || constant(b)) {
      return 0;
    }
    return RankAgreement.spearman(a, b);
  }

  private static boolean constant(double[] v) {
    for (double d : v) {
      if (d != v[0]) {
        return false;
      }
    }
    return true;
  }

  static double mean(double[] v) {
    double s = 0;
    int n = 0;
    for (double d : v) {
      if (!Double.isNaN(d)) {
        s += d;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }
}
