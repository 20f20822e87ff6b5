package io.workbench.testing;

import io.workbench.explain.Attribution;
import io.workbench.explain.Explainer;
import io.workbench.explain.Target;
import io.workbench.model.Model;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An explainer under the {@link ExplainerContract}: a name, the model it explains, how to build it for that
 * model, the rows to explain, whether it makes random choices (then another seed must give other values),
 * and how far from additive its values may be when it claims additivity. Immutable: each call returns a
 * changed copy.
 *
 * <pre>{@code
 * ExplainerCase c = ExplainerCase.of("kernel SHAP", Contracts.softmax(),
 *     m -> Explain.kernelShap(m, Background.of(ContractData.gaussian(6, 4, 1))).samples(40));
 * ExplainerContract.suite(c);
 * }</pre>
 */
public final class ExplainerCase {

  /**
   * What the suite drives: one explanation of {@code rows} for {@code target} with {@code seed} on {@code
   * threads} worker threads. Explainers of the library are adapted by {@link ExplainerCase#of}; the suite's
   * self-tests implement it directly to break one rule at a time.
   */
  @FunctionalInterface
  public interface Method {
    /**
     * Explains the rows.
     *
     * @param rows raw rows ({@code null} and malformed rows included: the method must reject them)
     * @param target the output to explain ({@code null} must be rejected)
     */
    Attribution explain(float[][] rows, Target target, long seed, int threads);
  }

  private final String name;
  private final Supplier<? extends Model> model;
  private final Function<Model, Method> method;
  private final Supplier<float[][]> rows;
  private final boolean random;
  private final double additivity;
  private final boolean toLayer;

  private ExplainerCase(String name, Supplier<? extends Model> model, Function<Model, Method> method,
      Supplier<float[][]> rows, boolean random, double additivity, boolean toLayer) {
    this.name = name;
    this.model = model;
    this.method = method;
    this.rows = rows;
    this.random = random;
    this.additivity = additivity;
    this.toLayer = toLayer;
  }

  /**
   * An explainer of the library, built for the model by {@code build} and explaining the model case's probe
   * rows (at most 5). It is taken to make no random choice until {@link #random()} says otherwise.
   *
   * @param model the model case whose model is explained (trained once, shared with the model suite)
   * @param build the explainer for a model, for example {@code Explain::saliency}
   */
  public static ExplainerCase of(String name, ModelCase<?> model, Function<Model, ? extends Explainer<?>> build) {
    Objects.requireNonNull(build, "build");
    return new ExplainerCase(name, model::model,
        m -> (rows, target, seed, threads) -> build.apply(m).target(target).seed(seed).threads(threads).explain(rows),
        () -> java.util.Arrays.copyOf(model.rows(), Math.min(5, model.rows().length)), false, 1e-4, false);
  }

  /** A method implemented directly (the self-tests' broken explainers), explaining {@code rows}. */
  public static ExplainerCase method(String name, Supplier<? extends Model> model, Function<Model, Method> method,
      Supplier<float[][]> rows) {
    return new ExplainerCase(name, model, method, rows, false, 1e-4, false);
  }

  /** The explainer makes random choices (sampled coalitions, permutations, noise): seeds must matter. */
  public ExplainerCase random() {
    return new ExplainerCase(name, model, method, rows, true, additivity, toLayer);
  }

  /**
   * How far {@code sum(values)} may be from {@code output - base} when the attribution claims additivity
   * (default 1e-4; integrated gradients on a curved network or expected gradients with few samples need more).
   */
  public ExplainerCase additivity(double maxGap) {
    return new ExplainerCase(name, model, method, rows, random, maxGap, toLayer);
  }

  /**
   * The explainer attributes to the units of a hidden layer (layer integrated gradients, conductance): its values
   * have the shape of the layer named by the attribution's {@code layer} setting, and its inputs are that layer's
   * activations, instead of the input's shape and rows.
   */
  public ExplainerCase toLayer() {
    return new ExplainerCase(name, model, method, rows, random, additivity, true);
  }

  /** Whether the values are over a hidden layer's units (see {@link #toLayer()}). */
  public boolean attributesToLayer() {
    return toLayer;
  }

  /** The case's name. */
  public String name() {
    return name;
  }

  /** The explained model. */
  public Model model() {
    return model.get();
  }

  /** The method, for the model. */
  public Method method() {
    return method.apply(model());
  }

  /** A fresh copy of the rows to explain. */
  public float[][] rows() {
    float[][] x = rows.get();
    float[][] copy = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      copy[i] = x[i].clone();
    }
    return copy;
  }

  /** Whether the explainer makes random choices. */
  public boolean isRandom() {
    return random;
  }

  /** The largest additivity gap allowed. */
  public double additivity() {
    return additivity;
  }

  @Override
  public String toString() {
    return name;
  }
}
