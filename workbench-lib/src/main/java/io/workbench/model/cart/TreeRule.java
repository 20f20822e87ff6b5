package io.workbench.model.cart;

import io.workbench.display.Numbers;
import java.util.List;

/**
 * One leaf of a decision tree as an IF-THEN rule.
 *
 * <pre>{@code
 * TreeRule r = tree.rules().rules().get(0);
 * r.text();        // "IF petal_width <= 0.8 THEN class = setosa"
 * r.support();     // training rows in the leaf
 * r.confidence();  // share of the predicted class among them (classification)
 * }</pre>
 *
 * @param conditions one interval per feature on the path, in model feature order (AND-ed)
 * @param prediction the predicted class name, or the leaf mean as text (regression)
 * @param predicted the predicted class index, or the leaf mean (regression)
 * @param support training rows that reach the leaf
 * @param supportShare support as a share of all training rows
 * @param confidence share of the predicted class in the leaf; NaN for regression
 * @param std standard deviation of the targets in the leaf (regression); NaN for classification
 */
public record TreeRule(List<Condition> conditions, String prediction, double predicted, int support,
    double supportShare, double confidence, double std) {

  /** Copies the conditions. */
  public TreeRule {
    conditions = List.copyOf(conditions);
  }

  /**
   * {@code lower < feature <= upper}; an open side is infinite.
   *
   * @param feature feature name
   * @param lower exclusive lower bound, or negative infinity
   * @param upper inclusive upper bound, or positive infinity
   */
  public record Condition(String feature, double lower, double upper) {

    /** Whether {@code v} satisfies the condition. */
    public boolean test(double v) {
      return v > lower && v <= upper;
    }

    /** For example {@code "x <= 0.5"}, {@code "x > 2"} or {@code "0.5 < x <= 2"}. */
    public String text() {
      boolean lo = lower != Double.NEGATIVE_INFINITY;
      boolean hi = upper != Double.POSITIVE_INFINITY;
      if (lo && hi) {
        return fmt(lower) + " < " + feature + " <= " + fmt(upper);
      }
      if (lo) {
        return feature + " > " + fmt(lower);
      }
      return feature + " <= " + fmt(upper);
    }
  }

  /** The conditions joined with AND, or {@code "TRUE"} for a tree that is a single leaf. */
  public String conditionText() {
    if (conditions.isEmpty()) {
      return "TRUE";
    }
    StringBuilder sb = new StringBuilder();
    for (Condition c : conditions) {
      if (sb.length() > 0) {
        sb.append(" AND ");
      }
      sb.append(c.text());
    }
    return sb.toString();
  }

  /** {@code IF ... THEN class = ...} (or {@code value = ...} for regression). */
  public String text() {
    String then = Double.isNaN(confidence) ? "value = " + prediction : "class = " + prediction;
    return "IF " + conditionText() + " THEN " + then;
  }

  static String fmt(double v) {
    return Numbers.format(v);
  }
}
