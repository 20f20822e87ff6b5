package io.workbench.data;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Label-noise injection for experiments on noisy labels (confident learning, robust training), seeded.
 *
 * <pre>{@code
 * NoisyLabels n = LabelNoise.symmetric(Datasets.digits(), 0.2, 42);
 * n.noisy();      // 20 % of the labels moved to another class, uniformly
 * n.flipped();    // which rows
 * }</pre>
 */
public final class LabelNoise {

  private LabelNoise() {}

  /**
   * Symmetric noise: exactly {@code round(rate * n)} rows, chosen uniformly, get a label drawn uniformly
   * from the other classes.
   *
   * @param rate share of rows to flip, in [0, 1]
   */
  public static NoisyLabels symmetric(Dataset data, double rate, long seed) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("Noise rate must be in [0, 1], got " + rate);
    }
    int k = data.numClasses();
    if (k < 2) {
      throw new IllegalArgumentException("Label noise needs at least 2 classes, got " + k);
    }
    int[] y = data.y();
    int n = y.length;
    Random rnd = new Random(seed);
    int[] order = IntStream.range(0, n).toArray();
    Splits.shuffle(order, rnd);
    int flips = (int) Math.round(rate * n);
    int[] noisy = y.clone();
    boolean[] flipped = new boolean[n];
    for (int i = 0; i < flips; i++) {
      int r = order[i];
      int other = rnd.nextInt(k - 1);
      noisy[r] = other >= y[r] ? other + 1 : other;
      flipped[r] = true;
    }
    return new NoisyLabels(data.withLabels(noisy), flipped, y);
  }

  /**
   * Class-conditional noise: the noisy label of a row of true class i is drawn from row i of the
   * transition matrix, {@code transition[i][j] = P(noisy = j | true = i)}. Each row must sum to 1.
   */
  public static NoisyLabels classConditional(Dataset data, double[][] transition, long seed) {
    int k = data.numClasses();
    if (transition.length != k) {
      throw new IllegalArgumentException(
          "Transition matrix needs " + k + " rows (one per class), got " + transition.length);
    }
    for (int i = 0; i < k; i++) {
      if (transition[i].length != k) {
        throw new IllegalArgumentException(
            "Transition matrix row " + i + " needs " + k + " entries, got " + transition[i].length);
      }
      double sum = 0;
      for (int j = 0; j < k; j++) {
        if (!(transition[i][j] >= 0 && transition[i][j] <= 1)) {
          throw new IllegalArgumentException(
              "Transition matrix entry [" + i + "][" + j + "] = " + transition[i][j] + " is not a probability");
        }
        sum += transition[i][j];
      }
      if (Math.abs(sum - 1) > 1e-6) {
        throw new IllegalArgumentException(
            "Transition matrix row " + i + " sums to " + sum + ", expected 1: " + Arrays.toString(transition[i]));
      }
    }
    int[] y = data.y();
    int[] noisy = new int[y.length];
    boolean[] flipped = new boolean[y.length];
    Random rnd = new Random(seed);
    for (int r = 0; r < y.length; r++) {
      double u = rnd.nextDouble();
      double[] row = transition[y[r]];
      int j = 0;
      double acc = row[0];
      while (u >= acc && j < k - 1) {
        acc += row[++j];
      }
      noisy[r] = j;
      flipped[r] = j != y[r];
    }
    return new NoisyLabels(data.withLabels(noisy), flipped, y);
  }
}
