package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.model.factory.Models;
import io.workbench.model.xgboost.XGBoostModel;
import io.workbench.run.NativeThreads;
import io.workbench.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run options' thread counts reach PyTorch and XGBoost, and the defaults do not oversubscribe. */
class NativeThreadsTrainingTest {

  @TempDir Path tmp;

  /** PyTorch's intra-op threads seen on the training thread (the progress listener runs there). */
  private static Set<Integer> threadsDuringFit(NeuralTrainer t, Dataset d) {
    Set<Integer> seen = new HashSet<>();
    t.progress(e -> seen.add(JniUtils.getNumThreads())).fit(d);
    return seen;
  }

  @Test
  void pytorchIntraOpThreadsFollowTheRunOptions() {
    Dataset d = Datasets.breastCancer().head(120);
    NeuralTrainer t = Models.mlp(4).epochs(2);
    Djl.engine();
    int before = JniUtils.getNumThreads();
    assertEquals(Set.of(1), threadsDuringFit(t, d), "default: one intra-op thread");
    assertEquals(Set.of(2), threadsDuringFit(t.nativeThreads(2), d));
    assertEquals(Set.of(2), threadsDuringFit(t.threads(2), d), "a trainer's threads are native threads");
    assertEquals(Set.of(1), threadsDuringFit(t.threads(4).nativeThreads(1), d));
    assertEquals(before, JniUtils.getNumThreads(), "the thread's count is put back after a fit");
    assertEquals(1, JniUtils.getNumInteropThreads(), "one inter-op thread: the workbench runs no inter-op work");
    assertEquals(2, t.threads(2).settings().get("nativeThreads"));
  }

  @Test
  void sameWeightsAtOneAndTwoThreadsForDenseNetworks() throws Exception {
    Dataset d = Datasets.breastCancer().head(200);
    NeuralTrainer t = Models.mlp(16, 8).epochs(3).seed(4).progress(e -> {});
    t.nativeThreads(1).fit(d).save(tmp.resolve("one"));
    t.nativeThreads(2).fit(d).save(tmp.resolve("two"));
    assertArrayEquals(Files.readAllBytes(tmp.resolve("one/parameters.params")),
        Files.readAllBytes(tmp.resolve("two/parameters.params")));
  }

  @Test
  void inferenceUsesTheCallersShare() {
    NeuralNetModel m = Models.mlp(4).epochs(1).progress(e -> {}).fit(Datasets.iris());
    float[][] x = Datasets.iris().x();
    float[][] base = m.predictProba(x);
    try (NativeThreads.Scope s = NativeThreads.use(2)) {
      assertArrayEquals(base, m.predictProba(x), "forward passes do not depend on the thread count");
    }
    assertEquals(1, JniUtils.getNumThreads(), "restored after the call");
  }

  @Test
  void xgboostNthreadFollowsTheRunOptions() {
    Dataset d = Datasets.breastCancer().head(150);
    XGBoostModel auto = Models.xgboost().rounds(3).progress(e -> {}).fit(d);
    assertEquals(RunOptions.nativeBudget(), ((Number) auto.params().get("nthread")).intValue(),
        "default: half the processors, at least 1");
    XGBoostModel two = Models.xgboost().rounds(3).threads(2).progress(e -> {}).fit(d);
    assertEquals(Math.min(2, Runtime.getRuntime().availableProcessors()),
        ((Number) two.params().get("nthread")).intValue());
    assertEquals(Map.of("n", 1), Map.of("n", Models.xgboost().nativeThreads(1).nativeThreadCount()));
    assertTrue(Models.xgboost().threads(3).toString().contains("threads=3"));
    assertEquals(List.of("linear", "mlp", "cnn1d", "cnn2d", "eegnet", "shallow_fbcsp", "deep4", "resnet1d"),
        NetworkKinds.names());
  }
}
