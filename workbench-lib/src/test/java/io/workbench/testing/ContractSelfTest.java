package io.workbench.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.explain.Attribution;
import io.workbench.explain.Explain;
import io.workbench.explain.Target;
import io.workbench.model.Differentiable;
import io.workbench.model.LayerGradients;
import io.workbench.model.Model;
import io.workbench.model.Trainer;
import io.workbench.model.TreeEnsemble;
import io.workbench.progress.ProgressListener;
import io.workbench.progress.ProgressTask;
import io.workbench.run.NativeThreads;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Tests of the contract suites themselves: each rule passes on a correct implementation and FAILS on one
 * broken in exactly the way the rule is about (a model whose batch differs from its rows, one that is not
 * thread-safe, one whose save and load lose a bit, a trainer that ignores its seed or its cancellation, an
 * explainer that ignores the seed or the target...). A rule that cannot fail checks nothing.
 */
class ContractSelfTest {

  // ----------------------------------------------------------------------------------------------- models

  /** The hand-written softmax fixture behind an open class, so that a test can break one method. */
  static class Forwarding implements Model {
    final SoftmaxModel inner = Contracts.SOFTMAX.model();

    @Override
    public Task task() {
      return inner.task();
    }

    @Override
    public List<String> featureNames() {
      return inner.featureNames();
    }

    @Override
    public List<String> classNames() {
      return inner.classNames();
    }

    @Override
    public float[][] predictProba(float[][] x) {
      return inner.predictProba(x);
    }
  }

  private static ModelCase<Model> model(String name, Supplier<Model> broken) {
    return ModelCase.of(name, broken, ContractData::multiclass);
  }

  /** The rule passes on {@code good} and fails (AssertionError) on {@code broken}. */
  private static <C> void breaks(Rule<C> rule, C good, C broken) {
    assertDoesNotThrow(() -> rule.check(good), "'" + rule + "' on the correct " + good);
    AssertionError e = assertThrows(AssertionError.class, () -> rule.check(broken),
        "'" + rule + "' should fail on " + broken);
    assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "the failure says what broke");
  }

  private static final ModelCase<Model> GOOD = model("forwarding softmax", Forwarding::new);

  @Test
  void theForwardingFixtureKeepsEveryModelRule() {
    ModelContract.check(GOOD);
  }

  @Test
  void outputsThatAreNotProbabilitiesFail() {
    breaks(ModelContract.OUTPUTS, GOOD, model("logits as probabilities", () -> new Forwarding() {
      @Override
      public float[][] predictProba(float[][] x) {
        return inner.output(x, Differentiable.Output.LOGIT);
      }
    }));
  }

  @Test
  void classNamesOutOfOrderFail() {
    breaks(ModelContract.NAMES, GOOD, model("classes reversed", () -> new Forwarding() {
      @Override
      public List<String> classNames() {
        List<String> r = new ArrayList<>(inner.classNames());
        java.util.Collections.reverse(r);
        return r;
      }
    }));
  }

  @Test
  void aBatchThatDiffersFromItsRowsFails() {
    breaks(ModelContract.BATCH_EQUALS_ROWS, GOOD, model("batch-dependent", () -> new Forwarding() {
      @Override
      public float[][] predictProba(float[][] x) {
        float[][] p = inner.predictProba(x);
        p[0][0] = Math.nextUp(p[0][0] * (1 + 1e-7f * (x.length - 1))); // the first row of a batch drifts
        return p;
      }
    }));
  }

  @Test
  void aModelThatChangesItsInputOrItsAnswersFails() {
    breaks(ModelContract.DETERMINISTIC, GOOD, model("standardises in place", () -> new Forwarding() {
      @Override
      public float[][] predictProba(float[][] x) {
        float[][] p = inner.predictProba(x);
        for (float[] row : x) {
          row[0] *= 0.5f;
        }
        return p;
      }
    }));
    AtomicLong calls = new AtomicLong();
    breaks(ModelContract.DETERMINISTIC, GOOD, model("drifts with every call", () -> new Forwarding() {
      @Override
      public float[][] predictProba(float[][] x) {
        float[][] p = inner.predictProba(x);
        p[0][0] += 1e-6f * calls.incrementAndGet();
        return p;
      }
    }));
  }

  @Test
  void aModelThatIsNotThreadSafeFails() {
    breaks(ModelContract.CONCURRENT, GOOD, model("shared scratch buffer", () -> new Forwarding() {
      private float[][] scratch;

      @Override
      public float[][] predictProba(float[][] x) {
        scratch = x; // one buffer for every caller
        try {
          Thread.sleep(3);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        float[][] mine = scratch;
        return inner.predictProba(Arrays.copyOf(mine, x.length));
      }
    }));
  }

  @Test
  void predictionsThatDependOnTheNativeThreadCountFail() {
    breaks(ModelContract.NATIVE_THREADS, GOOD, model("thread-count rounding", () -> new Forwarding() {
      @Override
      public float[][] predictProba(float[][] x) {
        float[][] p = inner.predictProba(x);
        p[0][0] = p[0][0] + NativeThreads.current() * 1e-6f;
        return p;
      }
    }));
  }

  @Test
  void anEmptyBatchThatIsNotEmptyFails() {
    breaks(ModelContract.EMPTY_BATCH, GOOD, model("null for no rows", () -> new Forwarding() {
      @Override
      public float[][] predictProba(float[][] x) {
        return x.length == 0 ? null : inner.predictProba(x);
      }
    }));
  }

  @Test
  void uncheckedWidthsNaNsAndInfinitiesFail() {
    Supplier<Model> unchecked = () -> new Forwarding() {
      @Override
      public float[][] predictProba(float[][] x) {
        float[][] p = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
          float[] row = Arrays.copyOf(x[i], 4); // pads or cuts, NaN and infinity pass through
          p[i] = inner.predictProba(new float[][] {sanitised(row)})[0];
        }
        return p;
      }
    };
    breaks(ModelContract.WIDTH, GOOD, model("pads short rows", unchecked));
    breaks(ModelContract.MISSING_VALUES, GOOD, model("NaN read as 0", unchecked));
    breaks(ModelContract.INFINITE_VALUES, GOOD, model("infinity clamped", unchecked));
    breaks(ModelContract.MISSING_VALUES, GOOD, model("declares NaN, predicts NaN", () -> new Forwarding() {
      @Override
      public List<String> missingValueFeatures() {
        return featureNames();
      }

      @Override
      public float[][] predictProba(float[][] x) {
        float[][] p = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
          p[i] = Float.isNaN(x[i][0] + x[i][1] + x[i][2] + x[i][3]) ? new float[] {Float.NaN, Float.NaN, Float.NaN}
              : inner.predictProba(new float[][] {x[i]})[0];
        }
        return p;
      }
    }));
  }

  private static float[] sanitised(float[] row) {
    float[] r = row.clone();
    for (int j = 0; j < r.length; j++) {
      r[j] = Float.isNaN(r[j]) ? 0 : Math.max(-1e6f, Math.min(1e6f, r[j]));
    }
    return r;
  }

  @Test
  void aSaveThatLosesABitFails() {
    ModelCase<SoftmaxModel> exact = ModelCase.of("softmax saved in full", () -> Contracts.SOFTMAX.model(),
        ContractData::multiclass).saved((m, p) -> saveWeights(m, p, false), ContractSelfTest::loadWeights);
    ModelCase<SoftmaxModel> lossy = ModelCase.of("softmax saved as float", () -> Contracts.SOFTMAX.model(),
        ContractData::multiclass).saved((m, p) -> saveWeights(m, p, true), ContractSelfTest::loadWeights);
    breaks(ModelContract.SAVE_LOAD, exact, lossy);
  }

  /** Weights and intercepts one class a line, in full ({@link Double#toString}) or as floats. */
  private static void saveWeights(SoftmaxModel m, Path p, boolean asFloat) {
    StringBuilder s = new StringBuilder(String.join(",", m.featureNames())).append('\n')
        .append(String.join(",", m.classNames())).append('\n');
    for (int k = 0; k < m.w.length; k++) {
      double[] line = Arrays.copyOf(m.w[k], m.w[k].length + 1);
      line[line.length - 1] = m.c[k];
      s.append(Arrays.stream(line).mapToObj(v -> asFloat ? Float.toString((float) v) : Double.toString(v))
          .collect(Collectors.joining(","))).append('\n');
    }
    try {
      Files.writeString(p, s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SoftmaxModel loadWeights(Path p) {
    try {
      List<String> lines = Files.readAllLines(p);
      List<String> features = List.of(lines.get(0).split(","));
      List<String> classes = List.of(lines.get(1).split(","));
      double[][] w = new double[classes.size()][];
      double[] c = new double[classes.size()];
      for (int k = 0; k < w.length; k++) {
        double[] line = Arrays.stream(lines.get(2 + k).split(",")).mapToDouble(Double::parseDouble).toArray();
        w[k] = Arrays.copyOf(line, line.length - 1);
        c[k] = line[line.length - 1];
      }
      return SoftmaxModel.of(w, c, features, classes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The softmax fixture as a Differentiable whose input gradients are 10 % too large. */
  private static Differentiable steepGradients() {
    SoftmaxModel s = Contracts.SOFTMAX.model();
    return new Differentiable() {
      @Override
      public Task task() {
        return s.task();
      }

      @Override
      public List<String> featureNames() {
        return s.featureNames();
      }

      @Override
      public List<String> classNames() {
        return s.classNames();
      }

      @Override
      public float[][] predictProba(float[][] x) {
        return s.predictProba(x);
      }

      @Override
      public float[][] output(float[][] x, Output output) {
        return s.output(x, output);
      }

      @Override
      public float[][] inputGradients(float[][] x, int[] targets, Output output) {
        float[][] g = s.inputGradients(x, targets, output);
        for (float[] row : g) {
          for (int j = 0; j < row.length; j++) {
            row[j] *= 1.1f;
          }
        }
        return g;
      }

      @Override
      public List<String> layerNames() {
        return s.layerNames();
      }

      @Override
      public boolean isConvolution(String layer) {
        return s.isConvolution(layer);
      }

      @Override
      public int[] sampleShape() {
        return s.sampleShape();
      }

      @Override
      public LayerGradients layerGradients(String layer, float[][] x, int[] targets, Output output) {
        return s.layerGradients(layer, x, targets, output);
      }

      @Override
      public Differentiable withRandomizedLayers(List<String> layers, long seed) {
        return s.withRandomizedLayers(layers, seed);
      }
    };
  }

  @Test
  void gradientsThatMissFiniteDifferencesFail() {
    breaks(ModelContract.GRADIENTS, Contracts.SOFTMAX.tolerance(0), model("gradients 10 % steep",
        ContractSelfTest::steepGradients));
  }

  /** A boosted XGBoost model whose contributions lose the first feature's share. */
  private static final class LeakyEnsemble extends Forwarding implements TreeEnsemble {
    private final Model xgb = Contracts.model("xgboost boosting").model();
    private final TreeEnsemble trees = xgb.as(TreeEnsemble.class).orElseThrow();

    @Override
    public Task task() {
      return xgb.task();
    }

    @Override
    public List<String> featureNames() {
      return xgb.featureNames();
    }

    @Override
    public List<String> classNames() {
      return xgb.classNames();
    }

    @Override
    public float[][] predictProba(float[][] x) {
      return xgb.predictProba(x);
    }

    @Override
    public double[][] predictContrib(float[][] x, int targetClass) {
      double[][] phi = trees.predictContrib(x, targetClass);
      for (double[] row : phi) {
        row[0] = 0;
      }
      return phi;
    }

    @Override
    public double[] predictMargin(float[][] x, int targetClass) {
      return trees.predictMargin(x, targetClass);
    }

    @Override
    public double baseValue(int targetClass) {
      return trees.baseValue(targetClass);
    }

    @Override
    public int numOutputs() {
      return trees.numOutputs();
    }

    @Override
    public int numTrees() {
      return trees.numTrees();
    }

    @Override
    public Table importance() {
      return trees.importance();
    }

    @Override
    public List<String> treeDumpJson() {
      return trees.treeDumpJson();
    }
  }

  @Test
  void treeContributionsThatDoNotAddUpFail() {
    ModelCase<?> good = Contracts.model("xgboost boosting");
    breaks(ModelContract.TREE_ENSEMBLE, good, ModelCase.of("contributions lose a feature", LeakyEnsemble::new,
        ContractData::binary));
  }

  // --------------------------------------------------------------------------------------------- trainers

  /** How {@link ToyTrainer} breaks the trainer contract. */
  enum Flaw { NONE, CLOCK_SEED, FIXED_SEED, SILENT, STOPS_SHORT, NO_CANCEL, NPE_ON_NULL, NO_CHECKS }

  /**
   * A trainer of random softmax weights (from the seed), with progress, cancellation and the training checks,
   * unless its flaw drops one of them.
   */
  record ToyTrainer(Flaw flaw, RunOptions options) implements Trainer, RunSettings<ToyTrainer> {

    @Override
    public ToyTrainer withOptions(RunOptions o) {
      return new ToyTrainer(flaw, o);
    }

    @Override
    public Model fit(Dataset train) {
      if (flaw != Flaw.NO_CHECKS) {
        if (train == null && flaw != Flaw.NPE_ON_NULL) {
          throw new IllegalArgumentException("fit(train): the training dataset is null");
        }
        if (train.rows() == 0) {
          throw new IllegalArgumentException("fit(train): the training dataset is empty (0 rows)");
        }
        if (train.task() != Task.CLASSIFICATION) {
          throw new IllegalArgumentException("fit(train): a classifier; the data is " + train.task());
        }
        if (Arrays.stream(train.y()).distinct().count() < 2) {
          throw new IllegalArgumentException("fit(train): the data has a single class");
        }
        float[][] x = train.x();
        for (int i = 0; i < x.length; i++) {
          for (int j = 0; j < x[i].length; j++) {
            if (Float.isNaN(x[i][j])) {
              throw new IllegalArgumentException("Row " + i + ", feature '" + train.features().get(j) + "' is missing");
            }
          }
        }
      }
      long seed = switch (flaw) {
        case CLOCK_SEED -> System.nanoTime();
        case FIXED_SEED -> 42;
        default -> options.seed();
      };
      int d = train.numFeatures();
      int k = Math.max(2, train.classNames().size());
      Random r = new Random(seed);
      double[][] w = new double[k][d];
      double[] c = new double[k];
      RunOptions o = flaw == Flaw.SILENT ? options.withProgress(ProgressListener.silent()) : options;
      try (ProgressTask progress = o.start("toy fit", flaw == Flaw.STOPS_SHORT ? k + 1 : k)) {
        for (int cls = 0; cls < k; cls++) {
          if (flaw != Flaw.NO_CANCEL) {
            progress.check();
          }
          for (int j = 0; j < d; j++) {
            w[cls][j] = r.nextGaussian();
          }
          c[cls] = r.nextGaussian();
          progress.advance(1);
        }
        if (flaw != Flaw.STOPS_SHORT) {
          progress.done("fitted");
        }
      }
      return SoftmaxModel.of(w, c, train.features(), train.classNames());
    }
  }

  private static TrainerCase trainer(Flaw flaw) {
    return TrainerCase.of("toy trainer, " + flaw, new ToyTrainer(flaw, RunOptions.defaults()),
        ContractData::multiclass).wrongTask(ContractData::regression);
  }

  @Test
  void theToyTrainerKeepsEveryTrainerRule() {
    TrainerContract.check(trainer(Flaw.NONE));
  }

  @Test
  void aTrainerThatIgnoresItsSeedFails() {
    breaks(TrainerContract.SAME_SEED, trainer(Flaw.NONE), trainer(Flaw.CLOCK_SEED));
    breaks(TrainerContract.OTHER_SEED, trainer(Flaw.NONE), trainer(Flaw.FIXED_SEED));
    breaks(TrainerContract.NO_RANDOMNESS, trainer(Flaw.FIXED_SEED).deterministic(), trainer(Flaw.NONE).deterministic());
  }

  @Test
  void aTrainerWithoutProgressOrStoppingShortFails() {
    breaks(TrainerContract.PROGRESS, trainer(Flaw.NONE), trainer(Flaw.SILENT));
    breaks(TrainerContract.PROGRESS, trainer(Flaw.NONE), trainer(Flaw.STOPS_SHORT));
  }

  @Test
  void aTrainerThatIgnoresCancellationFails() {
    breaks(TrainerContract.CANCELLATION, trainer(Flaw.NONE), trainer(Flaw.NO_CANCEL));
  }

  @Test
  void aTrainerThatAcceptsBadDataFails() {
    breaks(TrainerContract.NULL_DATA, trainer(Flaw.NONE), trainer(Flaw.NPE_ON_NULL));
    for (Rule<TrainerCase> rule : List.of(TrainerContract.EMPTY, TrainerContract.SINGLE_CLASS,
        TrainerContract.MISSING_VALUE, TrainerContract.WRONG_TASK)) {
      breaks(rule, trainer(Flaw.NONE), trainer(Flaw.NO_CHECKS));
    }
  }

  // ------------------------------------------------------------------------------------------ explainers

  /** Sampling Shapley on the softmax fixture, its arguments passed through {@code change} first. */
  private static ExplainerCase sampling(String name, Change change) {
    return ExplainerCase.method(name, Contracts.SOFTMAX::model, m -> (rows, target, seed, threads) -> {
      Object[] a = change.apply(rows, target, seed, threads);
      return Explain.samplingShapley(m, Contracts.background()).samples(4).target((Target) a[1])
          .seed((Long) a[2]).threads((Integer) a[3]).explain((float[][]) a[0]);
    }, () -> Arrays.copyOf(Contracts.SOFTMAX.rows(), 5)).random();
  }

  /** Rewrites an explainer call's arguments (rows, target, seed, threads). */
  @FunctionalInterface
  interface Change {
    Object[] apply(float[][] rows, Target target, long seed, int threads);
  }

  private static final ExplainerCase SAMPLING = sampling("sampling Shapley", (r, t, s, n) -> new Object[] {r, t, s, n});

  @Test
  void theSamplingFixtureKeepsEveryExplainerRule() {
    ExplainerContract.check(SAMPLING);
  }

  @Test
  void anExplainerThatIgnoresTheSeedOrDependsOnThreadsFails() {
    breaks(ExplainerContract.OTHER_SEED, SAMPLING, sampling("seed ignored", (r, t, s, n) -> new Object[] {r, t, 1L, n}));
    breaks(ExplainerContract.SAME_SEED, SAMPLING,
        sampling("seed plus thread count", (r, t, s, n) -> new Object[] {r, t, s + n, n}));
  }

  @Test
  void anExplainerThatIgnoresTheTargetFails() {
    ExplainerCase lastClass = sampling("always the last class", (r, t, s, n) -> new Object[] {r, Target.of(2), s, n});
    breaks(ExplainerContract.TARGET_EXPLICIT, SAMPLING, lastClass);
    breaks(ExplainerContract.TARGET_PER_ROW, SAMPLING, lastClass);
    breaks(ExplainerContract.TARGET_DEFAULT, SAMPLING, lastClass);
  }

  @Test
  void anExplainerThatSwallowsBadRowsFails() {
    breaks(ExplainerContract.BAD_INPUT, SAMPLING, sampling("NaN read as 0", (r, t, s, n) -> {
      if (r != null) {
        for (float[] row : r) {
          if (row != null) {
            for (int j = 0; j < row.length; j++) {
              row[j] = Float.isNaN(row[j]) ? 0 : row[j];
            }
          }
        }
      }
      return new Object[] {r, t, s, n};
    }));
  }

  /** Exact Shapley on the softmax fixture, its attribution rebuilt by {@code edit}. */
  private static ExplainerCase exact(String name, java.util.function.UnaryOperator<Attribution.Builder> edit,
      java.util.function.UnaryOperator<double[][]> values) {
    return ExplainerCase.method(name, Contracts.SOFTMAX::model, m -> (rows, target, seed, threads) -> {
      Attribution a = Explain.exactShapley(m, Contracts.background()).target(target).seed(seed).threads(threads)
          .explain(rows);
      Attribution.Builder b = Attribution.builder(a.method(), a.featureNames()).values(values.apply(a.values()))
          .inputs(a.inputs()).baseValues(a.baseValues()).outputs(a.outputs()).targets(a.targets())
          .classNames(a.classNames()).outputSpace(a.outputSpace()).additive(a.additive());
      return edit.apply(b).build();
    }, () -> Arrays.copyOf(Contracts.SOFTMAX.rows(), 5));
  }

  @Test
  void anExplainerWhoseValuesOrOutputsAreOffFails() {
    ExplainerCase good = exact("exact Shapley, rebuilt", b -> b, v -> v);
    breaks(ExplainerContract.ADDITIVITY, good, exact("values halved, still claims additivity", b -> b, v -> {
      for (double[] row : v) {
        for (int j = 0; j < row.length; j++) {
          row[j] /= 2;
        }
      }
      return v;
    }));
    breaks(ExplainerContract.SHAPE, good, exact("one value too few per row", b -> b,
        v -> Arrays.stream(v).map(row -> Arrays.copyOf(row, row.length - 1)).toArray(double[][]::new)));
    breaks(ExplainerContract.OUTPUTS, good, exact("outputs in the wrong space", b -> b.outputSpace("logit"), v -> v));
  }
}
