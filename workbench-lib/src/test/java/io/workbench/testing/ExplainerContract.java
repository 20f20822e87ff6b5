package io.workbench.testing;

import io.workbench.data.Task;
import io.workbench.explain.Attribution;
import io.workbench.explain.Target;
import io.workbench.model.Differentiable;
import io.workbench.model.LayerGradients;
import io.workbench.model.Model;
import io.workbench.model.Propagation;
import io.workbench.model.TreeEnsemble;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DynamicContainer;

/**
 * The contract every local explainer keeps, as rules run over every registered explainer (as Captum runs
 * its shared test configurations over every attribution method): attributions have the input's shape and
 * names, and report the explained outputs; additivity holds where the method claims it; {@link Target}
 * means the same everywhere (the default class, an explicit class, one class per row); the same seed gives the
 * same values at 1 and 2 worker threads, and another seed other values where the method makes random choices;
 * bad input (null, empty, wrong width, NaN, a wrong target) fails naming the argument.
 *
 * <p><b>Adding an explainer</b> is one line in {@link Contracts#explainers()}: an {@link ExplainerCase} that
 * builds it for one of the registered models (a hand-written softmax for model-agnostic methods, a network for
 * gradient methods, a CNN for Grad-CAM, XGBoost for TreeSHAP).
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicContainer> explainers() {
 *   return Contracts.explainers().stream().map(ExplainerContract::suite);
 * }
 * }</pre>
 */
public final class ExplainerContract {

  private ExplainerContract() {}

  /** Values have the input's shape, names and rows; inputs, outputs, targets and base values one per row. */
  public static final Rule<ExplainerCase> SHAPE = Rule.of(
      "attributions have the input's shape, feature names and rows, with one output, target and base value per row",
      c -> {
        Model m = c.model();
        float[][] x = c.rows();
        float[][] before = c.rows();
        Attribution a = explain(c, x, validTarget(m), 1, 1);
        Expect.same(before, x, 0, "the explained rows after explain");
        if (c.attributesToLayer()) {
          layerShape(m, x, a);
          return;
        }
        int d = m.featureNames().size();
        if (a.rows() != x.length || a.numFeatures() != d) {
          throw new AssertionError(x.length + " rows x " + d + " features explained, got " + a.rows() + " x "
              + a.numFeatures());
        }
        if (!a.featureNames().equals(m.featureNames())) {
          throw new AssertionError("feature names " + a.featureNames() + ", the model has " + m.featureNames());
        }
        long product = 1;
        for (int s : a.sampleShape()) {
          product *= s;
        }
        if (product != d) {
          throw new AssertionError("sample shape " + Arrays.toString(a.sampleShape()) + " does not hold " + d + " values");
        }
        Expect.same(before, a.inputs(), 0, "the attribution's inputs");
        double[][] v = a.values();
        for (int i = 0; i < v.length; i++) {
          if (v[i].length != d) {
            throw new AssertionError("row " + i + " has " + v[i].length + " values, expected " + d);
          }
          for (double value : v[i]) {
            if (!Double.isFinite(value)) {
              throw new AssertionError("row " + i + " has the value " + value);
            }
          }
        }
        finite("outputs", a.outputs(), x.length);
        finite("base values", a.baseValues(), x.length);
        if (a.targets().length != x.length) {
          throw new AssertionError(a.targets().length + " targets for " + x.length + " rows");
        }
      });

  /** Where the method claims additivity, values add up to output minus base, and the reported delta is that gap. */
  public static final Rule<ExplainerCase> ADDITIVITY = Rule.of(
      "where the method claims additivity, values sum to output - base, and its convergence delta is that gap",
      c -> {
        Attribution a = explain(c, c.rows(), validTarget(c.model()), 1, 1);
        double[][] v = a.values();
        double[] gap = new double[v.length];
        for (int i = 0; i < v.length; i++) {
          gap[i] = Arrays.stream(v[i]).sum() - (a.outputs()[i] - a.baseValues()[i]);
        }
        if (a.additive() && a.additivityGap() > c.additivity()) {
          throw new AssertionError(a.method() + " claims additivity but misses it by " + a.additivityGap()
              + " (allowed " + c.additivity() + "); gaps per row " + Arrays.toString(gap));
        }
        if (a.convergenceDelta().isPresent()) {
          double[] delta = a.convergenceDelta().get();
          for (int i = 0; i < v.length; i++) {
            if (Math.abs(delta[i] - gap[i]) > 1e-6 * (1 + Math.abs(gap[i]))) {
              throw new AssertionError("row " + i + ": convergence delta " + delta[i] + " but sum(values) - (output"
                  + " - base) is " + gap[i]);
            }
          }
        }
      });

  /** The reported outputs are the model's outputs for the explained targets, in the reported output space. */
  public static final Rule<ExplainerCase> OUTPUTS = Rule.of(
      "the reported outputs are the model's outputs for the targets, in the reported output space",
      c -> {
        Model m = c.model();
        float[][] x = c.rows();
        Attribution a = explain(c, x, validTarget(m), 1, 1);
        int[] t = a.targets();
        double[] expected = new double[x.length];
        switch (a.outputSpace()) {
          case "probability", "value" -> {
            float[][] p = m.predictProba(x);
            for (int i = 0; i < x.length; i++) {
              expected[i] = p[i][t[i]];
            }
          }
          case "logit" -> {
            float[][] z = m.as(Differentiable.class).orElseThrow(() -> new AssertionError("logit outputs of a model"
                + " that is not Differentiable")).output(x, Differentiable.Output.LOGIT);
            for (int i = 0; i < x.length; i++) {
              expected[i] = z[i][t[i]];
            }
          }
          case "activation" -> {
            float[][] h = m.as(Propagation.class).orElseThrow(() -> new AssertionError("activation outputs of a model"
                + " that is not Propagation")).layerActivations(a.settings().get("layer"), x);
            int unit = Integer.parseInt(a.settings().get("unit"));
            for (int i = 0; i < x.length; i++) {
              expected[i] = h[i][unit];
            }
          }
          case "log-odds", "margin" -> {
            TreeEnsemble trees = m.as(TreeEnsemble.class).orElseThrow(() -> new AssertionError("margin outputs of a"
                + " model that is not a TreeEnsemble"));
            for (int i = 0; i < x.length; i++) {
              expected[i] = trees.predictMargin(new float[][] {x[i]}, t[i])[0];
            }
          }
          default -> throw new AssertionError("unknown output space '" + a.outputSpace() + "'");
        }
        for (int i = 0; i < x.length; i++) {
          if (Math.abs(expected[i] - a.outputs()[i]) > ModelContract.FLOAT_PATHS * (1 + Math.abs(expected[i]))) {
            throw new AssertionError("row " + i + ": output " + a.outputs()[i] + " but the model's " + a.outputSpace()
                + " of target " + t[i] + " is " + expected[i]);
          }
        }
      });

  /** The default target: class 1 of a binary model, output 0 of a regression, a choice for more classes. */
  public static final Rule<ExplainerCase> TARGET_DEFAULT = Rule.of(
      "the default target is class 1 of a binary model, output 0 of a regression, and a named choice otherwise",
      c -> {
        Model m = c.model();
        float[][] x = c.rows();
        int outputs = outputs(m);
        if (m.task() == Task.REGRESSION || outputs == 1 || (m.task() == Task.CLASSIFICATION && outputs == 2)) {
          int expected = m.task() == Task.CLASSIFICATION && outputs == 2 ? 1 : 0;
          int[] t = explain(c, x, Target.auto(), 1, 1).targets();
          for (int i = 0; i < t.length; i++) {
            if (t[i] != expected) {
              throw new AssertionError("row " + i + " explained for output " + t[i] + " by default, expected " + expected);
            }
          }
        } else {
          Expect.rejects("the default target of a model with " + m.classNames(),
              () -> explain(c, x, Target.auto(), 1, 1), m.classNames().toArray(new String[0]));
        }
      });

  /** An explicit target: by index and by name the same, every row explained for it; out of range rejected. */
  public static final Rule<ExplainerCase> TARGET_EXPLICIT = Rule.of(
      "an explicit target explains that output for every row, by index as by name; one out of range is rejected",
      c -> {
        Model m = c.model();
        float[][] x = c.rows();
        Attribution byIndex = explain(c, x, Target.of(0), 1, 1);
        for (int t : byIndex.targets()) {
          if (t != 0) {
            throw new AssertionError("Target.of(0) explained output " + t);
          }
        }
        if (m.task() != Task.REGRESSION) {
          Attribution byName = explain(c, x, Target.of(m.classNames().get(0)), 1, 1);
          Expect.same(byIndex.values(), byName.values(), 0,
              "Target.of(\"" + m.classNames().get(0) + "\") against Target.of(0)");
        }
        int k = outputs(m);
        Expect.rejects("Target.of(" + k + ")", () -> explain(c, x, Target.of(k), 1, 1), "out of range",
            String.valueOf(k));
      });

  /** One target per row: each row explained for its own, with the values it gets when all rows have that target. */
  public static final Rule<ExplainerCase> TARGET_PER_ROW = Rule.<ExplainerCase>of(
      "Target.perRow explains each row for its own output, as that output for every row would; a wrong length is"
          + " rejected",
      c -> {
        Model m = c.model();
        float[][] x = c.rows();
        int k = outputs(m);
        int[] per = new int[x.length];
        for (int i = 0; i < x.length; i++) {
          per[i] = (i + 1) % k;
        }
        Attribution mixed = explain(c, x, Target.perRow(per), 1, 1);
        if (!Arrays.equals(per, mixed.targets())) {
          throw new AssertionError("Target.perRow" + Arrays.toString(per) + " explained " + Arrays.toString(mixed.targets()));
        }
        for (int cls = 0; cls < k; cls++) {
          Attribution all = explain(c, x, Target.of(cls), 1, 1);
          for (int i = 0; i < x.length; i++) {
            if (per[i] == cls) {
              Expect.same(new double[][] {all.values(i)}, new double[][] {mixed.values(i)}, 0,
                  "row " + i + " under Target.perRow against Target.of(" + cls + ")");
            }
          }
        }
        Expect.rejects("Target.perRow with one class too few",
            () -> explain(c, x, Target.perRow(Arrays.copyOf(per, x.length - 1)), 1, 1), "Target.perRow");
      }).when(c -> c.model().task() != Task.REGRESSION && outputs(c.model()) > 1);

  /** The same seed gives the same values, at 1 and at 2 worker threads. */
  public static final Rule<ExplainerCase> SAME_SEED = Rule.of(
      "the same seed gives the same values at 1 and 2 worker threads",
      c -> {
        Target t = validTarget(c.model());
        Attribution a = explain(c, c.rows(), t, 3, 1);
        Attribution b = explain(c, c.rows(), t, 3, 1);
        Attribution two = explain(c, c.rows(), t, 3, 2);
        Expect.same(a.values(), b.values(), 0, "two explanations with seed 3");
        Expect.same(a.values(), two.values(), 0, "2 worker threads against 1 (seed 3)");
        Expect.same(new double[][] {a.baseValues()}, new double[][] {two.baseValues()}, 0, "base values at 2 threads");
      });

  /** Another seed gives other values where the method makes random choices, and the same where it makes none. */
  public static final Rule<ExplainerCase> OTHER_SEED = Rule.of(
      "another seed gives other values where the method makes random choices, the same values where it makes none",
      c -> {
        Target t = validTarget(c.model());
        double[][] a = explain(c, c.rows(), t, 3, 1).values();
        double[][] b = explain(c, c.rows(), t, 4, 1).values();
        if (c.isRandom() && !Expect.differ(a, b)) {
          throw new AssertionError("seeds 3 and 4 gave the same values: the seed does not reach the random choices");
        }
        if (!c.isRandom()) {
          Expect.same(a, b, 0, "seeds 3 and 4 of a method without random choices");
        }
      });

  /** Bad input fails naming the argument. */
  public static final Rule<ExplainerCase> BAD_INPUT = Rule.of(
      "null, empty, wrong-width or NaN rows and a null target fail naming the argument",
      c -> {
        Model m = c.model();
        Target t = validTarget(m);
        float[][] x = c.rows();
        int d = m.featureNames().size();
        Expect.rejects("null rows", () -> explain(c, null, t, 1, 1), "rows");
        Expect.rejects("0 rows", () -> explain(c, new float[0][], t, 1, 1), "0 rows");
        float[][] narrow = {x[0], Arrays.copyOf(x[1], d - 1)};
        Expect.rejectsRow("row 1 with " + (d - 1) + " values", 1, () -> explain(c, narrow, t, 1, 1), String.valueOf(d));
        int j = d / 2;
        String f = m.featureNames().get(j);
        float[][] nan = c.rows();
        nan[1][j] = Float.NaN;
        Expect.rejectsRow("NaN at row 1, feature '" + f + "'", 1, () -> explain(c, nan, t, 1, 1), "'" + f + "'");
        Expect.rejects("a null target", () -> explain(c, x, null, 1, 1), "target");
      });

  /** Every rule, in the order the suite runs them. */
  public static final List<Rule<ExplainerCase>> RULES = List.of(SHAPE, ADDITIVITY, OUTPUTS, TARGET_DEFAULT,
      TARGET_EXPLICIT, TARGET_PER_ROW, SAME_SEED, OTHER_SEED, BAD_INPUT);

  /** The rules that apply to {@code c}, as one JUnit container named after the case. */
  public static DynamicContainer suite(ExplainerCase c) {
    return DynamicContainer.dynamicContainer(c.name(), RULES.stream().filter(r -> r.applies(c)).map(r -> r.test(c)));
  }

  /** Runs every applicable rule on {@code c}, failing at the first broken one. */
  public static void check(ExplainerCase c) {
    for (Rule<ExplainerCase> r : RULES) {
      if (r.applies(c)) {
        r.check(c);
      }
    }
  }

  private static Attribution explain(ExplainerCase c, float[][] rows, Target t, long seed, int threads) {
    Attribution a = c.method().explain(rows, t, seed, threads);
    if (a == null) {
      throw new AssertionError(c + " returned no attribution");
    }
    return a;
  }

  /** Outputs of the model: classes, labels, or 1 for regression. */
  static int outputs(Model m) {
    return m.task() == Task.REGRESSION ? 1 : m.classNames().size();
  }

  /** A target every explainer accepts for {@code m}: the default where there is one, else the last class. */
  static Target validTarget(Model m) {
    int k = outputs(m);
    return m.task() == Task.REGRESSION || k == 1 || (m.task() == Task.CLASSIFICATION && k == 2)
        ? Target.auto() : Target.of(k - 1);
  }

  /**
   * Values over the units of the layer in the attribution's {@code layer} setting: the layer's shape and unit
   * count, one finite value per unit and row, and the layer's activations at the rows as the inputs.
   */
  private static void layerShape(Model m, float[][] x, Attribution a) {
    String layer = a.settings().get("layer");
    if (layer == null) {
      throw new AssertionError("an attribution to a layer without the 'layer' setting: " + a.settings());
    }
    LayerGradients lg = m.as(Differentiable.class).orElseThrow(() -> new AssertionError("a layer attribution of a"
        + " model that is not Differentiable")).layerGradients(layer, x, a.targets(), Differentiable.Output.LOGIT);
    int[] shape = Arrays.copyOfRange(lg.shape(), 1, lg.shape().length);
    if (!Arrays.equals(shape, a.sampleShape()) || a.rows() != x.length || a.numFeatures() != lg.valuesPerRow()
        || a.featureNames().size() != lg.valuesPerRow()) {
      throw new AssertionError(x.length + " rows x layer '" + layer + "' " + Arrays.toString(shape) + " expected, got "
          + a.rows() + " rows x " + Arrays.toString(a.sampleShape()) + " with " + a.featureNames().size() + " names");
    }
    float[][] acts = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      acts[i] = lg.activationsOfRow(i);
      for (double value : a.values(i)) {
        if (!Double.isFinite(value)) {
          throw new AssertionError("row " + i + " has the value " + value);
        }
      }
    }
    Expect.same(acts, a.inputs(), 1e-5, "the layer attribution's inputs against the layer's activations");
    finite("outputs", a.outputs(), x.length);
    finite("base values", a.baseValues(), x.length);
  }

  private static void finite(String what, double[] v, int n) {
    if (v.length != n) {
      throw new AssertionError(v.length + " " + what + " for " + n + " rows");
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(v[i])) {
        throw new AssertionError(what + " of row " + i + " is " + v[i]);
      }
    }
  }
}
