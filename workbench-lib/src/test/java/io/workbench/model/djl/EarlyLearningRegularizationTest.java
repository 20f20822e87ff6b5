package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Datasets;
import io.workbench.data.LabelNoise;
import io.workbench.data.NoisyLabels;
import io.workbench.data.Split;
import io.workbench.model.factory.Models;
import org.junit.jupiter.api.Test;

/**
 * ELR (Liu et al. 2020) against 40% symmetric label noise on digits: trained on noisy labels, scored on the
 * clean test labels, it must beat plain cross-entropy, which memorises the noise.
 */
class EarlyLearningRegularizationTest {

  @Test
  void elrBeatsCrossEntropyUnderFortyPercentSymmetricNoise() {
    Split split = Datasets.digits().split(0.7, 1);
    NoisyLabels noisy = LabelNoise.symmetric(split.train(), 0.4, 2);
    assertEquals(Math.round(0.4 * split.train().rows()), noisy.flippedCount());
    NeuralTrainer base = Models.mlp(256, 128).epochs(40).seed(3);
    int[] y = split.test().y();
    double plain = NeuralTrainerTest.accuracy(base.fit(noisy.noisy()).predict(split.test()), y);
    NeuralNetModel robust = base.elr().fit(noisy.noisy());
    double elr = NeuralTrainerTest.accuracy(robust.predict(split.test()), y);
    assertTrue(elr > 0.9, "ELR clean test accuracy " + elr);
    assertTrue(elr > plain + 0.1, "ELR " + elr + " vs cross-entropy " + plain);
    assertEquals("lambda=3.0, beta=0.7", robust.trainingSettings().get("elr"));
  }

  @Test
  void elrOptionsAreChecked() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.mlp(4).elr(-1, 0.7));
    assertTrue(e.getMessage().contains("lambda"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Models.mlp(4).elr(3, 1.0));
    assertTrue(e.getMessage().contains("beta"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Models.mlp(4).elr().epochs(1).fit(Datasets.diabetes()));
    assertTrue(e.getMessage().contains("classification"), e.getMessage());
  }
}
