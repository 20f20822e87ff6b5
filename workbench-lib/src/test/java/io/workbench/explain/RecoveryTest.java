package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Generators;
import io.workbench.data.Split;
import io.workbench.data.SyntheticDataset;
import io.workbench.eval.Metric;
import io.workbench.eval.Predictions;
import io.workbench.model.LinearInput;
import io.workbench.model.Model;
import io.workbench.model.djl.NeuralTrainer;
import io.workbench.model.factory.Models;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Recovery of the ground truth on {@link Generators#highDimensional}: a DJL network is trained on wide data
 * (d = 1,000 and d = 20,000 features, of which k = 10 decide the label), then integrated gradients (mean |IG| over
 * held-out rows) and permutation importance (held-out score drop, through the {@link LinearInput} fast path)
 * must each put at least 9 of the 10 informative features in their top 10. The truth comes from the generator,
 * not from the explainers; 9 of 10 out of 20,000 cannot happen by chance (a random top 10 holds 0.005 of them on
 * average).
 */
class RecoveryTest {

  private static final int K = 10;

  /** d = 1,000: an MLP (32 ReLU units) trained by SGD with weight decay; permutation importance on accuracy. */
  @Test
  void mlpOnThousandFeatures() {
    NeuralTrainer trainer = Models.mlp(32).sgd(0.9).epochs(20).batchSize(64).learningRate(1e-2).weightDecay(1e-2)
        .seed(7).progress(e -> {});
    check(3_000, 1_000, 0.7, trainer, 0.70, Metric.ACCURACY, 200);
  }

  /**
   * d = 20,000 (p >> n): L2-regularised logistic regression by SGD. With 1,500 training rows no L2 model predicts
   * well here (the 19,990 noise weights add score noise of variance ~ d / n), so accuracy is only asserted above
   * chance and permutation importance uses the log loss: a held-out accuracy near 0.55 moves too little when one
   * feature is permuted, while the log loss still ranks the features.
   */
  @Test
  void logisticOnTwentyThousandFeatures() {
    NeuralTrainer trainer = Models.logistic().sgd(0.9).epochs(8).batchSize(64).learningRate(1e-2).weightDecay(1e-2)
        .seed(7).progress(e -> {});
    check(2_500, 20_000, 0.6, trainer, 0.52, Metric.LOG_LOSS, 100);
  }

  private static void check(int n, int d, double trainFraction, NeuralTrainer trainer, double minAccuracy,
      Metric piMetric, int igRows) {
    long t0 = System.nanoTime();
    SyntheticDataset s = Generators.highDimensional(n, d, K, 0, 42);
    Split split = s.data().split(trainFraction, 1);
    Dataset train = split.train();
    Dataset test = split.test();
    Model model = trainer.fit(train);
    double trainSeconds = (System.nanoTime() - t0) / 1e9;
    double accuracy = Metric.ACCURACY.compute(Predictions.classification(test.y(), model.predictProba(test.x()),
        model.classNames()));
    assertTrue(model.as(LinearInput.class).isPresent(), "the DJL network offers the LinearInput fast path");

    long t1 = System.nanoTime();
    Dataset held = test.head(Math.min(igRows, test.rows()));
    Attribution ig = Explain.integratedGradients(model).internalBatchSize(1_000).explain(held);
    int[] igTop = ig.global().topIndices(K);
    int igHits = s.countInformative(igTop);
    double igSeconds = (System.nanoTime() - t1) / 1e9;
    assertEquals(held.rows(), ig.rows());
    assertTrue(ig.convergenceDelta().isPresent());

    long t2 = System.nanoTime();
    FeatureImportance pi = Explain.permutationImportance(model, test).metric(piMetric).repeats(3).seed(5)
        .threads(2).explain();
    int[] piTop = pi.topIndices(K);
    int piHits = s.countInformative(piTop);
    double piSeconds = (System.nanoTime() - t2) / 1e9;
    assertEquals("linear-input fast path", pi.settings().get("path"));

    System.out.printf(Locale.ROOT, "recovery d=%d n=%d: held-out accuracy %.3f (train %.1f s); integrated gradients"
        + " %d/%d informative in top %d (%.1f s, %d rows); permutation importance (%s) %d/%d (%.1f s, %d rows)%n",
        d, n, accuracy, trainSeconds, igHits, K, K, igSeconds, held.rows(), piMetric.name(), piHits, K, piSeconds,
        test.rows());
    assertTrue(accuracy >= minAccuracy, "held-out accuracy " + accuracy + " < " + minAccuracy);
    assertTrue(igHits >= 9, "integrated gradients found " + igHits + " of the 10 informative features at d=" + d);
    assertTrue(piHits >= 9, "permutation importance found " + piHits + " of the 10 informative features at d=" + d);
  }
}
