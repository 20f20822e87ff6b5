package io.workbench.model.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.workbench.model.Model;

/** A shared check of the save/load tests: two models give the same probabilities, bit for bit. */
final class SameProbabilities {

  private SameProbabilities() {}

  static void assertBitForBit(Model expected, Model actual, float[][] x) {
    float[][] a = expected.predictProba(x);
    float[][] b = actual.predictProba(x);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], 0f, "row " + i);
    }
  }
}
