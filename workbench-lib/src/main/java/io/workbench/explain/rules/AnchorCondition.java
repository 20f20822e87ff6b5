package io.workbench.explain.rules;

import io.workbench.display.Numbers;

/**
 * One condition of an anchor on one feature: {@code feature <= value}, {@code feature > value} (quartile
 * edges of a numeric feature) or {@code feature == value} (a categorical feature).
 *
 * <pre>{@code
 * AnchorCondition p = new AnchorCondition("age", 2, AnchorCondition.Comparison.GREATER, 40.5);
 * p.holds(52f);   // true
 * p.text();       // "age > 40.5"
 * }</pre>
 *
 * @param feature the feature's name
 * @param index the feature's column in the model's order
 * @param op the comparison
 * @param value the edge or category
 */
public record AnchorCondition(String feature, int index, Comparison op, double value) {

  /** The comparisons an anchor uses. */
  public enum Comparison {
    /** {@code feature <= value}. */
    AT_MOST("<="),
    /** {@code feature > value}. */
    GREATER(">"),
    /** {@code feature == value}. */
    EQUALS("==");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    /** The comparison as written in a rule. */
    public String symbol() {
      return symbol;
    }
  }

  /** Whether a value of the feature satisfies the condition. */
  public boolean holds(float v) {
    return switch (op) {
      case AT_MOST -> v <= value;
      case GREATER -> v > value;
      case EQUALS -> v == value;
    };
  }

  /** The condition as text, for example {@code "age > 40.5"}. */
  public String text() {
    return feature + " " + op.symbol() + " " + Numbers.format(value);
  }

  @Override
  public String toString() {
    return text();
  }
}
