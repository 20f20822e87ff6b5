package io.workbench.analysis;

import io.workbench.data.Dataset;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/** Seeded row subsets (package-internal). */
public final class Rows {

  private Rows() {}

  /** All rows when {@code max >= rows}, else {@code max} rows drawn without replacement, ascending. */
  public static int[] sample(int rows, int max, long seed) {
    if (max >= rows) {
      return IntStream.range(0, rows).toArray();
    }
    int[] idx = IntStream.range(0, rows).toArray();
    Random rnd = new Random(seed);
    for (int i = 0; i < max; i++) {
      int j = i + rnd.nextInt(rows - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = Arrays.copyOf(idx, max);
    Arrays.sort(out);
    return out;
  }

  public static double[] column(float[][] x, int j) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i][j];
    }
    return out;
  }

  public static float[][] matrix(Dataset data, int[] rows) {
    return rows.length == data.rows() ? data.x() : data.x(rows);
  }
}
