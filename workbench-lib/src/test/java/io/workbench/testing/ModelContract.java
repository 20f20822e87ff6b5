package io.workbench.testing;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.Differentiable;
import io.workbench.model.LinearInput;
import io.workbench.model.Model;
import io.workbench.model.TreeEnsemble;
import io.workbench.run.NativeThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;

/**
 * The contract every {@link Model} keeps (written down in {@code Model}'s class comment), as rules run over
 * every registered model, the way scikit-learn's {@code check_estimator} runs over every estimator: outputs
 * well formed; names those of the training data; a batch equal to its rows predicted one by one; the same
 * numbers on every call, from several threads at once and at any native thread count; the width, missing-value
 * and infinity rules; save and load bit for bit; and each capability ({@link Differentiable}, {@link
 * TreeEnsemble}, {@link LinearInput}) doing what it says.
 *
 * <p><b>Adding a model family</b> is one line in {@link Contracts#models()}: a {@link ModelCase} that trains it
 * on one of the {@link ContractData} sets and says how to save and load it. Another module runs the suite over
 * its own models with {@code ModelContract.suite(case)} from a {@code @TestFactory}.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicContainer> models() {
 *   return Contracts.models().stream().map(ModelContract::suite);
 * }
 * }</pre>
 */
public final class ModelContract {

  private ModelContract() {}

  /** Largest difference tolerated between related outputs computed along different paths in float. */
  static final double FLOAT_PATHS = 1e-5;

  /** Outputs: one row per input, one value per class (1 for regression), finite, probabilities in [0, 1]. */
  public static final Rule<ModelCase<?>> OUTPUTS = Rule.of(
      "outputs have one row per input and one finite value per class, probabilities in [0, 1] summing to 1",
      c -> {
        Model m = c.model();
        float[][] x = c.rows();
        float[][] p = m.predictProba(x);
        int width = m.task() == Task.REGRESSION ? 1 : m.classNames().size();
        if (p.length != x.length) {
          throw new AssertionError(x.length + " rows in, " + p.length + " rows out");
        }
        for (int i = 0; i < p.length; i++) {
          if (p[i].length != width) {
            throw new AssertionError("row " + i + " has " + p[i].length + " outputs, expected " + width);
          }
          double sum = 0;
          for (float v : p[i]) {
            if (!Float.isFinite(v)) {
              throw new AssertionError("row " + i + " has the output " + v + ": " + Arrays.toString(p[i]));
            }
            if (m.task() != Task.REGRESSION && (v < 0 || v > 1)) {
              throw new AssertionError("row " + i + " has the probability " + v + " outside [0, 1]");
            }
            sum += v;
          }
          if (m.task() == Task.CLASSIFICATION && Math.abs(sum - 1) > 1e-4) {
            throw new AssertionError("row " + i + ": class probabilities sum to " + sum + ": " + Arrays.toString(p[i]));
          }
        }
      });

  /** Names, classes (in order) and task are those of the training data. */
  public static final Rule<ModelCase<?>> NAMES = Rule.of(
      "feature names, class names in order and task are those of the training data",
      c -> {
        Model m = c.model();
        Dataset d = c.data();
        same("task", d.task(), m.task());
        same("feature names", d.features(), m.featureNames());
        same("class names", expectedClasses(d), m.classNames());
        for (String f : m.missingValueFeatures()) {
          if (!m.featureNames().contains(f)) {
            throw new AssertionError("missingValueFeatures() lists '" + f + "', which is not a feature " + m.featureNames());
          }
        }
      });

  /** A batch equals its rows predicted one by one (bit for bit unless the case allows a tolerance). */
  public static final Rule<ModelCase<?>> BATCH_EQUALS_ROWS = Rule.of(
      "a batch equals its rows predicted one by one",
      c -> {
        Model m = c.model();
        float[][] x = c.rows();
        float[][] batch = m.predictProba(x);
        float[][] single = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
          single[i] = m.predictProba(new float[][] {x[i].clone()})[0];
        }
        Expect.same(single, batch, c.tolerance(), "batch against one row at a time");
        int half = x.length / 2;
        float[][] first = m.predictProba(Arrays.copyOfRange(x, 0, half));
        float[][] second = m.predictProba(Arrays.copyOfRange(x, half, x.length));
        float[][] halves = Stream.concat(Arrays.stream(first), Arrays.stream(second)).toArray(float[][]::new);
        Expect.same(batch, halves, c.tolerance(), "batch against its two halves");
      });

  /** Predicting twice gives the same bits, and the input is not modified. */
  public static final Rule<ModelCase<?>> DETERMINISTIC = Rule.of(
      "predicting twice gives the same numbers and leaves the input unchanged",
      c -> {
        Model m = c.model();
        float[][] x = c.rows();
        float[][] before = c.rows();
        float[][] a = m.predictProba(x);
        float[][] b = m.predictProba(x);
        Expect.same(before, x, 0, "the input after predictProba");
        Expect.same(a, b, 0, "a second call on the same rows");
      });

  /** Concurrent calls from four threads give what sequential calls give. */
  public static final Rule<ModelCase<?>> CONCURRENT = Rule.of(
      "calls from four threads at once equal sequential calls",
      c -> {
        Model m = c.model();
        float[][] x = c.rows();
        float[][] expected = m.predictProba(x);
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
          List<Future<?>> done = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            final int shift = t;
            done.add(pool.submit(() -> {
              start.await();
              for (int rep = 0; rep < 6; rep++) {
                int s = (shift * 3 + rep) % x.length;
                float[][] rotated = rotate(x, s);
                Expect.same(rotate(expected, s), m.predictProba(rotated), c.tolerance(),
                    "thread " + shift + ", call " + rep + " (rows rotated by " + s + ")");
                int row = (shift + rep) % x.length;
                Expect.same(new float[][] {expected[row]}, m.predictProba(new float[][] {x[row]}), c.tolerance(),
                    "thread " + shift + ", row " + row + " alone");
              }
              return null;
            }));
          }
          for (Future<?> f : done) {
            try {
              f.get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
              if (e.getCause() instanceof AssertionError a) {
                throw a;
              }
              throw new AssertionError("a concurrent call failed: " + e.getCause(), e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
              throw new AssertionError("concurrent calls did not finish within 120 s (a deadlock?)");
            }
          }
        } finally {
          pool.shutdownNow();
        }
      });

  /** The native thread count does not change predictions. */
  public static final Rule<ModelCase<?>> NATIVE_THREADS = Rule.of(
      "predictions do not depend on the native thread count",
      c -> {
        Model m = c.model();
        float[][] x = c.rows();
        float[][] one;
        float[][] two;
        try (NativeThreads.Scope s = NativeThreads.use(1)) {
          one = m.predictProba(x);
        }
        try (NativeThreads.Scope s = NativeThreads.use(2)) {
          two = m.predictProba(x);
        }
        Expect.same(one, two, c.tolerance(), "2 native threads against 1");
      });

  /** An empty batch gives an empty result. */
  public static final Rule<ModelCase<?>> EMPTY_BATCH = Rule.of(
      "an empty batch gives an empty result",
      c -> {
        float[][] p = c.model().predictProba(new float[0][]);
        if (p == null || p.length != 0) {
          throw new AssertionError("0 rows in, " + (p == null ? "null" : p.length + " rows") + " out");
        }
      });

  /** Width: a null matrix, a null row, a short or a long row fails naming the row. */
  public static final Rule<ModelCase<?>> WIDTH = Rule.of(
      "a null matrix, a null row or a row of the wrong width fails naming the row",
      c -> {
        Model m = c.model();
        float[][] x = c.rows();
        int d = m.featureNames().size();
        Expect.rejects("a null matrix", () -> m.predictProba((float[][]) null));
        float[][] nullRow = {x[0], null};
        Expect.rejectsRow("a null row 1", 1, () -> m.predictProba(nullRow));
        float[][] shortRow = {x[0], Arrays.copyOf(x[1], d - 1)};
        Expect.rejectsRow("row 1 with " + (d - 1) + " values", 1, () -> m.predictProba(shortRow), String.valueOf(d));
        float[][] longRow = {x[0], Arrays.copyOf(x[1], d + 1)};
        Expect.rejectsRow("row 1 with " + (d + 1) + " values", 1, () -> m.predictProba(longRow), String.valueOf(d));
      });

  /**
   * Missing values: NaN in a feature the model lists in {@link Model#missingValueFeatures()} gives finite
   * outputs (and leaves the other rows' numbers unchanged); anywhere else it fails naming row and feature.
   */
  public static final Rule<ModelCase<?>> MISSING_VALUES = Rule.of(
      "NaN is accepted exactly in the declared missing-value features, and rejected elsewhere naming row and feature",
      c -> {
        Model m = c.model();
        float[][] x = c.rows();
        float[][] clean = m.predictProba(x);
        List<String> allowed = m.missingValueFeatures();
        for (int j : probedFeatures(m)) {
          String f = m.featureNames().get(j);
          float[][] bad = c.rows();
          bad[1][j] = Float.NaN;
          if (allowed.contains(f)) {
            float[][] p = m.predictProba(bad);
            for (float v : p[1]) {
              if (!Float.isFinite(v)) {
                throw new AssertionError("a missing '" + f + "' (declared) gave the output " + Arrays.toString(p[1]));
              }
            }
            p[1] = clean[1];
            Expect.same(clean, p, c.tolerance(), "the other rows when row 1 misses '" + f + "'");
          } else {
            Expect.rejectsRow("NaN at row 1, feature '" + f + "'", 1, () -> m.predictProba(bad), "'" + f + "'");
          }
        }
      });

  /** Infinite values fail naming row and feature, in every model. */
  public static final Rule<ModelCase<?>> INFINITE_VALUES = Rule.of(
      "an infinite value fails naming row and feature",
      c -> {
        Model m = c.model();
        for (int j : probedFeatures(m)) {
          String f = m.featureNames().get(j);
          for (float inf : new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[][] bad = c.rows();
            bad[1][j] = inf;
            Expect.rejectsRow(inf + " at row 1, feature '" + f + "'", 1, () -> m.predictProba(bad), "'" + f + "'");
          }
        }
      });

  /** Save and load keep predictions bit for bit, names, task and capabilities. */
  public static final Rule<ModelCase<?>> SAVE_LOAD = Rule.<ModelCase<?>>of(
      "save and load keep predictions bit for bit, names, task, missing-value features and capabilities",
      c -> {
        Model m = c.model();
        Model back = c.roundTrip();
        same("task", m.task(), back.task());
        same("feature names", m.featureNames(), back.featureNames());
        same("class names", m.classNames(), back.classNames());
        same("missing-value features", m.missingValueFeatures(), back.missingValueFeatures());
        for (Class<?> cap : List.of(Differentiable.class, TreeEnsemble.class, LinearInput.class)) {
          same(cap.getSimpleName() + " capability", m.as(cap).isPresent(), back.as(cap).isPresent());
        }
        float[][] x = c.rows();
        Expect.same(m.predictProba(x), back.predictProba(x), 0, "predictions after save and load");
        if (m instanceof Differentiable dm && back instanceof Differentiable db) {
          Expect.same(dm.output(x, Differentiable.Output.LOGIT), db.output(x, Differentiable.Output.LOGIT), 0,
              "logits after save and load");
          if (!Arrays.equals(dm.sampleShape(), db.sampleShape())) {
            throw new AssertionError("sample shape " + Arrays.toString(dm.sampleShape()) + " came back as "
                + Arrays.toString(db.sampleShape()));
          }
        }
      }).when(ModelCase::saves);

  /** A Differentiable's outputs: the probability output is predictProba. */
  public static final Rule<ModelCase<?>> DIFFERENTIABLE_OUTPUT = Rule.<ModelCase<?>>of(
      "Differentiable: output(x, PROBABILITY) is predictProba(x), and a logit or value per output",
      c -> {
        Differentiable d = c.model().as(Differentiable.class).orElseThrow();
        float[][] x = c.rows();
        Expect.same(c.model().predictProba(x), d.output(x, Differentiable.Output.PROBABILITY), FLOAT_PATHS,
            "output(x, PROBABILITY) against predictProba(x)");
        float[][] logits = d.output(x, Differentiable.Output.LOGIT);
        int width = c.model().task() == Task.REGRESSION ? 1 : c.model().classNames().size();
        for (int i = 0; i < logits.length; i++) {
          if (logits[i].length != width) {
            throw new AssertionError("logit row " + i + " has " + logits[i].length + " values, expected " + width);
          }
        }
        long product = 1;
        for (int s : d.sampleShape()) {
          product *= s;
        }
        same("product of the sample shape " + Arrays.toString(d.sampleShape()), (long) d.featureNames().size(), product);
      }).when(c -> c.model().as(Differentiable.class).isPresent());

  /**
   * A Differentiable's gradients match finite differences of its outputs: the central difference, or (where
   * a ReLU or max-pool kink lies within the step) the one-sided difference on the side of the kink that holds
   * the point.
   */
  public static final Rule<ModelCase<?>> GRADIENTS = Rule.<ModelCase<?>>of(
      "Differentiable: input gradients match finite differences (logit and probability)",
      c -> {
        Differentiable d = c.model().as(Differentiable.class).orElseThrow();
        float[][] x = Arrays.copyOf(c.rows(), 4);
        int outputs = c.model().task() == Task.REGRESSION ? 1 : c.model().classNames().size();
        int[] targets = new int[x.length];
        for (int i = 0; i < x.length; i++) {
          targets[i] = i % outputs;
        }
        int[] features = probedFeatures(c.model());
        for (Differentiable.Output out : Differentiable.Output.values()) {
          float[][] g = d.inputGradients(x, c.model().task() == Task.REGRESSION ? null : targets, out);
          float[][] centre = d.output(x, out);
          float[][] shifted = new float[2 * x.length * features.length][];
          double[][][] step = new double[x.length][features.length][2];
          int r = 0;
          for (int i = 0; i < x.length; i++) {
            for (int f = 0; f < features.length; f++) {
              int j = features[f];
              float h = (float) (1e-3 * Math.max(1, Math.abs(x[i][j])));
              float[] plus = x[i].clone();
              float[] minus = x[i].clone();
              plus[j] += h;
              minus[j] -= h;
              step[i][f][0] = (double) plus[j] - x[i][j];
              step[i][f][1] = (double) x[i][j] - minus[j];
              shifted[r++] = plus;
              shifted[r++] = minus;
            }
          }
          float[][] o = d.output(shifted, out);
          r = 0;
          for (int i = 0; i < x.length; i++) {
            int t = targets[i];
            for (int f = 0; f < features.length; f++) {
              double up = o[r][t];
              double down = o[r + 1][t];
              r += 2;
              double[] estimates = {
                (up - down) / (step[i][f][0] + step[i][f][1]),
                (up - centre[i][t]) / step[i][f][0],
                (centre[i][t] - down) / step[i][f][1]};
              double got = g[i][features[f]];
              double best = Double.POSITIVE_INFINITY;
              for (double fd : estimates) {
                best = Math.min(best, Math.abs(got - fd) / (2e-3 + 5e-2 * Math.abs(fd)));
              }
              if (best > 1) {
                throw new AssertionError(out + " gradient of output " + t + " at row " + i + ", feature '"
                    + c.model().featureNames().get(features[f]) + "' is " + got + " but finite differences give "
                    + Arrays.toString(estimates) + " (central, forward, backward)");
              }
            }
          }
        }
      }).when(c -> c.model().as(Differentiable.class).isPresent());

  /** Randomised layers: the same seed gives the same numbers, another seed others, the model unchanged. */
  public static final Rule<ModelCase<?>> RANDOMIZED_LAYERS = Rule.<ModelCase<?>>of(
      "Differentiable: withRandomizedLayers gives the same numbers for the same seed, others for another,"
          + " and leaves the model unchanged",
      c -> {
        Differentiable d = c.model().as(Differentiable.class).orElseThrow();
        float[][] x = c.rows();
        float[][] before = d.predictProba(x);
        List<String> last = List.of(d.layerNames().get(d.layerNames().size() - 1));
        float[][] a = d.withRandomizedLayers(last, 7).predictProba(x);
        float[][] b = d.withRandomizedLayers(last, 7).predictProba(x);
        float[][] other = d.withRandomizedLayers(last, 8).predictProba(x);
        Expect.same(a, b, 0, "two randomisations with seed 7");
        if (!Expect.differ(a, other)) {
          throw new AssertionError("seeds 7 and 8 randomised layer " + last + " to the same numbers");
        }
        Expect.same(before, d.predictProba(x), 0, "the model after withRandomizedLayers");
      }).when(c -> c.model().as(Differentiable.class).isPresent());

  /** A TreeEnsemble's contributions add up to its margins, and its margins give predictProba. */
  public static final Rule<ModelCase<?>> TREE_ENSEMBLE = Rule.<ModelCase<?>>of(
      "TreeEnsemble: contributions add up to the margin, the base value is their last column, margins give"
          + " predictProba",
      c -> {
        Model m = c.model();
        TreeEnsemble t = m.as(TreeEnsemble.class).orElseThrow();
        float[][] x = c.rows();
        int d = m.featureNames().size();
        int targets = m.task() == Task.REGRESSION ? 1 : m.classNames().size();
        double[][] margins = new double[targets][];
        for (int k = 0; k < targets; k++) {
          double[][] phi = t.predictContrib(x, k);
          margins[k] = t.predictMargin(x, k);
          double base = t.baseValue(k);
          for (int i = 0; i < x.length; i++) {
            double sum = 0;
            for (double v : phi[i]) {
              sum += v;
            }
            if (Math.abs(sum - margins[k][i]) > 1e-4 * (1 + Math.abs(margins[k][i]))) {
              throw new AssertionError("target " + k + ", row " + i + ": contributions sum to " + sum + ", margin is "
                  + margins[k][i]);
            }
            if (Math.abs(phi[i][d] - base) > 1e-5 * (1 + Math.abs(base))) {
              throw new AssertionError("target " + k + ", row " + i + ": bias column " + phi[i][d]
                  + " but baseValue " + base);
            }
          }
        }
        float[][] p = m.predictProba(x);
        for (int i = 0; i < x.length; i++) {
          double[] fromMargin;
          if (m.task() == Task.REGRESSION) {
            fromMargin = new double[] {margins[0][i]};
          } else if (targets == 2) {
            double p1 = 1 / (1 + Math.exp(-margins[1][i]));
            fromMargin = new double[] {1 - p1, p1};
            if (Math.abs(margins[0][i] + margins[1][i]) > 1e-6) {
              throw new AssertionError("row " + i + ": the margin of class 0 is not minus that of class 1");
            }
          } else {
            fromMargin = softmax(margins, i);
          }
          for (int k = 0; k < fromMargin.length; k++) {
            if (Math.abs(fromMargin[k] - p[i][k]) > FLOAT_PATHS * (1 + Math.abs(p[i][k]))) {
              throw new AssertionError("row " + i + ", output " + k + ": the margins give " + fromMargin[k]
                  + ", predictProba " + p[i][k]);
            }
          }
        }
      }).when(c -> c.model().as(TreeEnsemble.class).isPresent());

  /** A LinearInput's pre-activations give predictProba. */
  public static final Rule<ModelCase<?>> LINEAR_INPUT = Rule.<ModelCase<?>>of(
      "LinearInput: predictFromPreActivation(W x + b) is predictProba(x)",
      c -> {
        Model m = c.model();
        LinearInput li = m.as(LinearInput.class).orElseThrow();
        float[][] w = li.inputWeights();
        float[] b = li.inputBias();
        float[][] x = c.rows();
        float[][] z = new float[x.length][w.length];
        for (int i = 0; i < x.length; i++) {
          for (int u = 0; u < w.length; u++) {
            double s = b[u];
            for (int j = 0; j < x[i].length; j++) {
              s += (double) w[u][j] * x[i][j];
            }
            z[i][u] = (float) s;
          }
        }
        Expect.same(m.predictProba(x), li.predictFromPreActivation(z), 1e-4,
            "predictFromPreActivation(W x + b) against predictProba(x)");
      }).when(c -> c.model().as(LinearInput.class).isPresent());

  /** Every rule, in the order the suite runs them. */
  public static final List<Rule<ModelCase<?>>> RULES = List.of(OUTPUTS, NAMES, BATCH_EQUALS_ROWS, DETERMINISTIC,
      CONCURRENT, NATIVE_THREADS, EMPTY_BATCH, WIDTH, MISSING_VALUES, INFINITE_VALUES, SAVE_LOAD,
      DIFFERENTIABLE_OUTPUT, GRADIENTS, RANDOMIZED_LAYERS, TREE_ENSEMBLE, LINEAR_INPUT);

  /** The rules that apply to {@code c}, as one JUnit container named after the case. */
  public static DynamicContainer suite(ModelCase<?> c) {
    return DynamicContainer.dynamicContainer(c.name(), RULES.stream().filter(r -> r.applies(c)).map(r -> r.test(c)));
  }

  /** Runs every applicable rule on {@code c}, failing at the first broken one. */
  public static void check(ModelCase<?> c) {
    for (Rule<ModelCase<?>> r : RULES) {
      if (r.applies(c)) {
        r.check(c);
      }
    }
  }

  /** The class (or label) names a model trained on {@code d} must report. */
  static List<String> expectedClasses(Dataset d) {
    return switch (d.task()) {
      case CLASSIFICATION -> d.classNames();
      case MULTI_LABEL -> d.labelNames();
      case REGRESSION -> List.of();
    };
  }

  /** Every feature of a narrow model; the first, two middle and the last of a wide one. */
  static int[] probedFeatures(Model m) {
    int d = m.featureNames().size();
    if (d <= 6) {
      return java.util.stream.IntStream.range(0, d).toArray();
    }
    return new int[] {0, d / 3, (2 * d) / 3, d - 1};
  }

  private static float[][] rotate(float[][] x, int s) {
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[(i + s) % x.length];
    }
    return out;
  }

  private static double[] softmax(double[][] margins, int row) {
    double max = Double.NEGATIVE_INFINITY;
    for (double[] m : margins) {
      max = Math.max(max, m[row]);
    }
    double sum = 0;
    double[] p = new double[margins.length];
    for (int k = 0; k < p.length; k++) {
      p[k] = Math.exp(margins[k][row] - max);
      sum += p[k];
    }
    for (int k = 0; k < p.length; k++) {
      p[k] /= sum;
    }
    return p;
  }

  private static void same(String what, Object expected, Object actual) {
    if (!java.util.Objects.equals(expected, actual)) {
      throw new AssertionError(what + ": expected " + expected + ", got " + actual);
    }
  }
}
