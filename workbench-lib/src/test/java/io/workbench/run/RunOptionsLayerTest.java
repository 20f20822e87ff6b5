package io.workbench.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.data.Task;
import io.workbench.eval.Bootstrap;
import io.workbench.eval.ConfidenceInterval;
import io.workbench.eval.CrossValidation;
import io.workbench.eval.Metric;
import io.workbench.eval.Predictions;
import io.workbench.explain.Attribution;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.explain.Target;
import io.workbench.labels.LabelIssueReport;
import io.workbench.labels.LabelIssues;
import io.workbench.labels.NoiseExperiment;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import io.workbench.model.Trainer;
import io.workbench.model.xgboost.XGBoostModel;
import io.workbench.model.xgboost.XGBoostTrainer;
import io.workbench.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation on the run options: one seed default (42), one copy idiom, the same numbers at 1 and 2
 * worker threads, and thread counts that reach the native code.
 */
class RunOptionsLayerTest {

  static Split split;
  static XGBoostModel model;
  static final ProgressListener QUIET = ProgressListener.silent();

  @BeforeAll
  static void data() {
    split = Datasets.breastCancer().split(0.7, 3);
    model = Models.xgboost().rounds(15).maxDepth(3).seed(1).progress(QUIET).fit(split.train());
  }

  /** Runs an operation at 1 and 2 threads and checks the numbers are identical. */
  private static <T extends RunSettings<T>> void same(String what, T op, Function<T, double[]> run) {
    double[] one = run.apply(op.threads(1).progress(QUIET));
    double[] two = run.apply(op.threads(2).progress(QUIET));
    assertArrayEquals(one, two, what + " must not depend on the thread count");
    assertTrue(one.length > 0, what);
  }

  private static double[] flat(Attribution a) {
    return java.util.Arrays.stream(a.values()).flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  @Test
  void sameSeedSameNumbersAtOneAndTwoThreads() {
    Dataset test = split.test().head(6);
    Background bg = Background.sample(split.train(), 20, 1);
    Target malignant = Target.of("malignant");
    same("kernel SHAP", Explain.kernelShap(model, bg).samples(200).target(malignant).seed(5), k -> flat(k.explain(test)));
    same("sampling Shapley", Explain.samplingShapley(model, bg).samples(20).target(malignant).seed(5),
        k -> flat(k.explain(test)));
    same("LIME", Explain.lime(model, split.train()).samples(300).target(malignant).seed(5), k -> flat(k.explain(test)));
    same("occlusion", Explain.featureAblation(model).target(malignant), k -> flat(k.explain(test)));
    same("permutation importance", Explain.permutationImportance(model, split.test()).fastPath(false).repeats(3)
        .seed(5), p -> p.explain().importances());
    Predictions pred = io.workbench.eval.Evaluation.predictions(model, split.test());
    same("bootstrap", Bootstrap.of(Metric.AUROC).resamples(120).seed(5), b -> {
      ConfidenceInterval ci = b.interval(pred);
      return new double[] {ci.lower(), ci.upper(), ci.standardError()};
    });
    Trainer xgb = Models.xgboost().rounds(8).maxDepth(2).subsample(0.8).seed(2).progress(QUIET);
    same("cross-validation (threads handed to XGBoost)", CrossValidation.of(xgb).folds(3).seed(5),
        cv -> java.util.Arrays.stream(cv.run(split.train()).outOfFold()).flatMapToDouble(java.util.Arrays::stream)
            .toArray());
    same("label issues", LabelIssues.finder(), f -> {
      LabelIssueReport r = f.find(split.train(), xgb, 3, 5);
      return java.util.Arrays.stream(r.issueRows()).asDoubleStream().toArray();
    });
    same("XGBoost", Models.xgboost().rounds(10).subsample(0.7).colsampleByNode(0.7).seed(5),
        t -> flatten(t.fit(split.train()).predictProba(split.test())));
    same("MLP (dense layers)", Models.mlp(8).epochs(3).seed(5),
        t -> flatten(t.fit(split.train()).predictProba(split.test())));
    same("noise experiment", NoiseExperiment.symmetric(0.2).trainer(xgb).folds(3).bootstrap(50).seed(5),
        e -> {
          var r = e.run(Datasets.breastCancer().head(240));
          return new double[] {r.gain(), r.gainLow(), r.gainHigh(), r.detection().hashCode()};
        });
  }

  private static double[] flatten(float[][] p) {
    List<Double> out = new ArrayList<>();
    for (float[] row : p) {
      for (float v : row) {
        out.add((double) v);
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void oneSeedDefaultEverywhere() {
    Background bg = Background.sample(split.train(), 5, 1);
    List<RunSettings<?>> ops = List.of(Models.mlp(4), Models.logistic(), Models.cnn2d(4), Models.xgboost(),
        Models.randomForest(), Explain.kernelShap(model, bg), Explain.lime(model, split.train()),
        Explain.permutationImportance(model, split.test()), CrossValidation.of(Models.xgboost()),
        Bootstrap.of(Metric.AUROC), LabelIssues.finder(), NoiseExperiment.symmetric(0.1));
    for (RunSettings<?> op : ops) {
      assertEquals(RunOptions.DEFAULT_SEED, op.options().seed(), op.getClass().getSimpleName());
      assertEquals(42, op.options().seed());
    }
    // the default and an explicit seed(42) give the same numbers
    Dataset test = split.test().head(3);
    var k = Explain.kernelShap(model, bg).samples(100).target(Target.of("malignant")).progress(QUIET);
    assertArrayEquals(flat(k.explain(test)), flat(k.seed(42).explain(test)));
    assertNotEquals(java.util.Arrays.toString(flat(k.explain(test))), java.util.Arrays.toString(flat(k.seed(7).explain(test))));
  }

  @Test
  void copiesAreIndependent() {
    XGBoostTrainer base = Models.xgboost();
    XGBoostTrainer changed = base.seed(3).threads(2).nativeThreads(1).batchRows(10);
    assertEquals(42, base.options().seed());
    assertEquals(0, base.options().threads());
    assertEquals(3, changed.options().seed());
    assertEquals(RunOptions.defaults().withSeed(3).withThreads(2).withNativeThreads(1).withBatchRows(10),
        changed.options());
  }

  /** A model that records the native thread count its callers asked for. */
  static Model recording(List<Integer> seen) {
    return new Model() {
      @Override
      public Task task() {
        return Task.CLASSIFICATION;
      }

      @Override
      public List<String> featureNames() {
        return model.featureNames();
      }

      @Override
      public List<String> classNames() {
        return model.classNames();
      }

      @Override
      public float[][] predictProba(float[][] x) {
        seen.add(NativeThreads.current());
        return model.predictProba(x);
      }
    };
  }

  @Test
  void workersCallNativeCodeWithTheirShareOfThreads() {
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    Model m = recording(seen);
    Dataset test = split.test().head(4);
    Explain.kernelShap(m, Background.sample(split.train(), 5, 1)).samples(50).threads(2).nativeThreads(3)
        .progress(QUIET).explain(test);
    assertTrue(seen.size() > 1 && seen.stream().allMatch(n -> n == 3), seen.toString());
    seen.clear();
    Explain.kernelShap(m, Background.sample(split.train(), 5, 1)).samples(50).threads(2).progress(QUIET).explain(test);
    int share = RunOptions.defaults().nativeThreadsFor(2);
    assertEquals(Math.max(1, RunOptions.nativeBudget() / 2), share);
    // the calling thread's own calls (predictions of the explained rows and the background) get the whole budget
    assertEquals(List.of(budget(), budget()), seen.subList(0, 2), seen.toString());
    assertTrue(seen.subList(2, seen.size()).stream().allMatch(n -> n == share), seen.toString());
    assertEquals(0, NativeThreads.current(), "the caller's thread is left as it was");
  }

  private static int budget() {
    return RunOptions.defaults().nativeThreadsFor(1);
  }

  @Test
  void threadRulesAndBadValues() {
    RunOptions o = RunOptions.defaults();
    int budget = RunOptions.nativeBudget();
    assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), budget);
    assertEquals(budget, o.nativeThreadsFor(1));
    assertEquals(1, o.nativeThreadsFor(1000));
    assertEquals(1, o.trainerThreads(1));
    assertEquals(3, o.withThreads(3).trainerThreads(1), "a trainer's threads are its native threads");
    assertEquals(2, o.withThreads(3).withNativeThreads(2).trainerThreads(1));
    assertEquals(4, o.withNativeThreads(4).nativeThreadsFor(8));
    // passThreads hands only explicit counts on
    XGBoostTrainer t = Models.xgboost();
    assertSame(t, o.passThreads(t));
    assertEquals(2, o.withThreads(2).passThreads(t).nativeThreadCount());
    Trainer lambda = train -> model;
    assertSame(lambda, o.withThreads(2).passThreads(lambda), "a trainer without run options is left alone");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.withThreads(-1));
    assertTrue(e.getMessage().contains("threads") && e.getMessage().contains("-1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> o.withNativeThreads(-2));
    assertTrue(e.getMessage().contains("nativeThreads"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> NativeThreads.use(0));
    assertTrue(e.getMessage().contains(">= 1"), e.getMessage());
    try (NativeThreads.Scope s = NativeThreads.use(2)) {
      assertEquals(2, NativeThreads.current());
      try (NativeThreads.Scope inner = NativeThreads.use(1)) {
        assertEquals(1, NativeThreads.current());
      }
      assertEquals(2, NativeThreads.current());
    }
    assertEquals(0, NativeThreads.current());
  }
}
