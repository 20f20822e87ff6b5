package io.workbench.analysis;

import java.util.function.ToDoubleFunction;

/**
 * The name, family and direction that every built-in {@link AttributionMetric} carries, and the per-row loop of the
 * metrics that look at each attribution row alone. Extend it for a metric of your own, or implement the interface.
 *
 * <pre>{@code
 * final class MaxValue extends MetricBase {
 *   MaxValue() { super("max value", "complexity", false); }
 *   public double[] score(MetricInput in) { return perRow(in, a -> Arrays.stream(a).max().orElse(0)); }
 * }
 * }</pre>
 */
public abstract class MetricBase implements AttributionMetric {

  private final String name;
  private final String family;
  private final boolean higherIsBetter;

  /** A metric called {@code name} of {@code family} whose larger scores are better when {@code higherIsBetter}. */
  protected MetricBase(String name, String family, boolean higherIsBetter) {
    this.name = name;
    this.family = family;
    this.higherIsBetter = higherIsBetter;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String family() {
    return family;
  }

  @Override
  public final boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** {@code fn} of each attribution row. */
  protected static double[] perRow(MetricInput in, ToDoubleFunction<double[]> fn) {
    double[][] v = in.attribution().values();
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = fn.applyAsDouble(v[i]);
    }
    return out;
  }

  @Override
  public String toString() {
    return name + " (" + family + ", " + (higherIsBetter ? "higher" : "lower") + " is better)";
  }
}
