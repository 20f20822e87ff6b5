package io.workbench.analysis.effects;

import io.workbench.display.Tabular;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Pairwise interaction strengths (Friedman's H) of one model output.
 *
 * <pre>{@code
 * Interactions h = InteractionStrength.create().pairwise(model, data, List.of("a", "b", "c"));
 * h.h2("a", "b");   // share of the joint effect that is not additive
 * h.toTable();      // strongest pairs first
 * }</pre>
 */
public final class Interactions implements Tabular {

  private final List<String> first;
  private final List<String> second;
  private final double[] h2;
  private final String output;
  private final int points;

  Interactions(List<String> first, List<String> second, double[] h2, String output, int points) {
    this.first = List.copyOf(first);
    this.second = List.copyOf(second);
    this.h2 = h2.clone();
    this.output = output;
    this.points = points;
  }

  /** H<sup>2</sup> of a pair (in either order). */
  public double h2(String a, String b) {
    for (int i = 0; i < h2.length; i++) {
      if ((first.get(i).equals(a) && second.get(i).equals(b)) || (first.get(i).equals(b) && second.get(i).equals(a))) {
        return h2[i];
      }
    }
    throw new IllegalArgumentException("No pair (" + a + ", " + b + "); pairs are of the features "
        + java.util.stream.Stream.concat(first.stream(), second.stream()).distinct().toList());
  }

  /** H (the square root of H<sup>2</sup>) of a pair. */
  public double h(String a, String b) {
    return Math.sqrt(h2(a, b));
  }

  /** Number of pairs. */
  public int size() {
    return h2.length;
  }

  /** One row per pair, strongest first: feature_a, feature_b, h2, h. */
  @Override
  public Table toTable() {
    Integer[] order = new Integer[h2.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -h2[i]));
    StringColumn a = StringColumn.create("feature_a");
    StringColumn b = StringColumn.create("feature_b");
    DoubleColumn v = DoubleColumn.create("h2");
    DoubleColumn s = DoubleColumn.create("h");
    for (int i : order) {
      a.append(first.get(i));
      b.append(second.get(i));
      v.append(h2[i]);
      s.append(Math.sqrt(h2[i]));
    }
    return Table.create("Friedman's H of " + output + " (" + points + " points)", a, b, v, s);
  }

  @Override
  public String toString() {
    return "Interactions(" + h2.length + " pairs of " + output + ")";
  }
}
