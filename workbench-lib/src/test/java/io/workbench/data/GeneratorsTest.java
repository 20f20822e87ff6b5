package io.workbench.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The high-dimensional generator: shapes, seeds, and that the label depends on the informative features only. */
class GeneratorsTest {

  @Test
  void labelCorrelatesWithInformativeFeaturesOnly() {
    SyntheticDataset s = Generators.highDimensional(2000, 200, 5, 10, 11);
    Dataset d = s.data();
    assertEquals(2000, d.rows());
    assertEquals(200, d.numFeatures());
    assertEquals(5, s.informative().length);
    assertEquals(10, s.redundant().length);
    float[][] x = d.x();
    int[] y = d.y();
    double[] corr = new double[200];
    for (int j = 0; j < 200; j++) {
      corr[j] = Math.abs(pointBiserial(x, y, j));
    }
    double minInformative = Arrays.stream(s.informative()).mapToDouble(j -> corr[j]).min().orElseThrow();
    double maxNoise = 0;
    for (int j = 0; j < 200; j++) {
      if (Arrays.binarySearch(s.informative(), j) < 0 && Arrays.binarySearch(s.redundant(), j) < 0) {
        maxNoise = Math.max(maxNoise, corr[j]);
      }
    }
    assertTrue(minInformative > 0.15, "every informative feature correlates with the label: " + minInformative);
    assertTrue(maxNoise < 0.1, "noise features do not (|r| < 0.1 at n = 2000): " + maxNoise);
    int[] counts = d.classCountsArray();
    assertTrue(counts[0] > 700 && counts[1] > 700, "roughly balanced: " + Arrays.toString(counts));
  }

  @Test
  void seededAndScalesTo20000Features() {
    long t0 = System.nanoTime();
    SyntheticDataset big = Generators.highDimensional(300, 20_000, 10, 20, 5);
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(20_000, big.data().numFeatures());
    assertEquals(10, big.countInformative(big.informative()));
    assertTrue(seconds < 30, "generation took " + seconds + " s");
    SyntheticDataset again = Generators.highDimensional(300, 20_000, 10, 20, 5);
    assertArrayEquals(big.informative(), again.informative());
    assertArrayEquals(big.data().x()[17], again.data().x()[17]);
  }

  @Test
  void badArguments() {
    String msg = assertThrows(IllegalArgumentException.class, () -> Generators.highDimensional(10, 5, 4, 2, 1)).getMessage();
    assertTrue(msg.contains("d = 5"), msg);
    assertThrows(IllegalArgumentException.class, () -> Generators.highDimensional(1, 5, 1, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> Generators.highDimensional(10, 5, 0, 0, 1));
  }

  private static double pointBiserial(float[][] x, int[] y, int j) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < y.length; i++) {
      mx += x[i][j];
      my += y[i];
    }
    mx /= y.length;
    my /= y.length;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < y.length; i++) {
      sxy += (x[i][j] - mx) * (y[i] - my);
      sxx += (x[i][j] - mx) * (x[i][j] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
