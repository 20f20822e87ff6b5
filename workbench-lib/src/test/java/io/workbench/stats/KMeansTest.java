package io.workbench.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** k-means finds separated groups, its centres are the means of their rows, and a seed fixes everything. */
class KMeansTest {

  /** Three tight groups far apart, rows shuffled. */
  private static float[][] blobs(int perGroup, int[] group) {
    double[][] centres = {{0, 0, 0}, {10, 10, 0}, {-10, 5, 8}};
    Random r = new Random(3);
    float[][] x = new float[3 * perGroup][3];
    for (int i = 0; i < x.length; i++) {
      group[i] = i % 3;
      for (int j = 0; j < 3; j++) {
        x[i][j] = (float) (centres[group[i]][j] + r.nextGaussian() * 0.3);
      }
    }
    return x;
  }

  @Test
  void separatedGroupsAreFoundAndCentresAreTheMeansOfTheirRows() {
    int[] group = new int[60];
    float[][] x = blobs(20, group);
    KMeans.Clustering c = KMeans.fit(x, 3, 11);
    int[] a = c.assignment();
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < x.length; k++) {
        assertEquals(group[i] == group[k], a[i] == a[k], "rows " + i + " and " + k + " share a cluster iff a group");
      }
    }
    for (int m = 0; m < 3; m++) {
      double[] mean = new double[3];
      int n = 0;
      for (int i = 0; i < x.length; i++) {
        if (a[i] == m) {
          n++;
          for (int j = 0; j < 3; j++) {
            mean[j] += x[i][j];
          }
        }
      }
      assertEquals(n, c.counts()[m], "count of cluster " + m);
      for (int j = 0; j < 3; j++) {
        assertEquals(mean[j] / n, c.centres()[m][j], 1e-9, "centre " + m + " column " + j);
      }
    }
    for (int i = 0; i < x.length; i++) {
      double own = dist(x[i], c.centres()[a[i]]);
      for (int m = 0; m < 3; m++) {
        assertTrue(own <= dist(x[i], c.centres()[m]), "row " + i + " is nearest to its centre");
      }
    }
  }

  @Test
  void theSeedFixesTheResultAndBadInputIsNamed() {
    float[][] x = blobs(15, new int[45]);
    KMeans.Clustering a = KMeans.fit(x, 4, 5);
    KMeans.Clustering b = KMeans.fit(x, 4, 5);
    assertArrayEquals(a.assignment(), b.assignment());
    for (int m = 0; m < 4; m++) {
      assertArrayEquals(a.centres()[m], b.centres()[m]);
    }
    assertTrue(assertThrows(IllegalArgumentException.class, () -> KMeans.fit(x, 0, 1)).getMessage()
        .contains("k must be >= 1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> KMeans.fit(new float[0][], 2, 1)).getMessage()
        .contains("no rows"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> KMeans.fit(new float[][] {{1, 2}, {3}}, 1, 1))
        .getMessage().contains("row 1 has 1 values, expected 2"));
  }

  private static double dist(float[] a, double[] c) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - c[j]) * (a[j] - c[j]);
    }
    return s;
  }
}
