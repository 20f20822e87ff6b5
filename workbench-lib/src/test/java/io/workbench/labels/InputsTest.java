package io.workbench.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The primitive ordering helpers against a boxed, comparator-based sort (brute force). */
class InputsTest {

  @Test
  void ascendingAndSmallestMatchAStableBoxedSortWithManyTies() {
    Random rnd = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rnd.nextInt(60);
      double[] key = new double[n];
      for (int i = 0; i < n; i++) {
        key[i] = rnd.nextInt(7) / 4.0; // few distinct values: many ties
      }
      int[] expected = IntStream.range(0, n).boxed()
          .sorted(Comparator.<Integer>comparingDouble(i -> key[i]).thenComparingInt(i -> i))
          .mapToInt(Integer::intValue).toArray();
      assertArrayEquals(expected, Inputs.ascending(key), Arrays.toString(key));
      int count = rnd.nextInt(n + 2);
      int[] first = Arrays.copyOf(expected, Math.min(count, n));
      Arrays.sort(first);
      assertArrayEquals(first, Inputs.smallest(key, count), "count " + count + " of " + Arrays.toString(key));
    }
  }
}
