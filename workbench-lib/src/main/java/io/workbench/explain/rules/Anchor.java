package io.workbench.explain.rules;

import io.workbench.display.Numbers;
import io.workbench.display.Tabular;
import java.util.List;
import java.util.stream.Collectors;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * An anchor: the IF-THEN rule found around one row, with its estimated precision (the share of perturbation
 * samples satisfying the rule that the model gives the row's class) and its coverage (the share of the
 * reference data satisfying the rule). The conditions are in the order the search added them; {@link
 * #toTable()} shows the precision and coverage of each prefix.
 *
 * <pre>{@code
 * Anchor a = Anchors.create(train).explain(model, test, 0);
 * a.rule();                 // "IF x0 > 0.5 AND x2 <= 0.2 THEN pos"
 * a.precision();            // of the whole rule
 * a.holds(otherRow);        // whether the rule applies to another row
 * }</pre>
 *
 * @param conditions the rule's conditions, in the order added
 * @param predicted the class the model gives the explained row
 * @param row the explained row
 * @param precisions estimated precision after each condition
 * @param coverages coverage after each condition
 * @param accepted whether the rule reached the precision threshold with the bandit's confidence
 * @param threshold the precision asked for
 * @param samples perturbation samples the model evaluated
 */
public record Anchor(List<AnchorCondition> conditions, String predicted, float[] row, double[] precisions,
    double[] coverages, boolean accepted, double threshold, long samples) implements Tabular {

  /** Estimated precision of the whole rule (NaN for an empty rule). */
  public double precision() {
    return precisions.length == 0 ? Double.NaN : precisions[precisions.length - 1];
  }

  /** Coverage of the whole rule (1 for an empty rule). */
  public double coverage() {
    return coverages.length == 0 ? 1 : coverages[coverages.length - 1];
  }

  /** The rule as text: {@code "IF a > 1 AND b <= 2 THEN class"}. */
  public String rule() {
    String cond = conditions.isEmpty() ? "always" : conditions.stream().map(AnchorCondition::text)
        .collect(Collectors.joining(" AND "));
    return "IF " + cond + " THEN " + predicted;
  }

  /** Whether every condition holds for {@code x} (a raw row in the model's feature order). */
  public boolean holds(float[] x) {
    if (x == null || x.length != row.length) {
      throw new IllegalArgumentException("x has " + (x == null ? "no" : x.length) + " values, expected "
          + row.length + " features");
    }
    return conditions.stream().allMatch(p -> p.holds(x[p.index()]));
  }

  /** One row per condition: the rule so far, its precision and coverage. */
  @Override
  public Table toTable() {
    StringColumn c = StringColumn.create("condition");
    StringColumn so = StringColumn.create("rule so far");
    StringBuilder sb = new StringBuilder();
    for (AnchorCondition p : conditions) {
      c.append(p.text());
      sb.append(sb.length() == 0 ? "" : " AND ").append(p.text());
      so.append(sb.toString());
    }
    return Table.create("anchor for " + predicted + (accepted ? "" : " (precision threshold not reached)")
        + ": precision " + Numbers.format(precision()) + ", coverage " + Numbers.format(coverage()), c, so,
        DoubleColumn.create("precision", precisions), DoubleColumn.create("coverage", coverages));
  }

  @Override
  public String toString() {
    return "Anchor(" + rule() + "; precision " + Numbers.format(precision()) + ", coverage "
        + Numbers.format(coverage()) + (accepted ? "" : "; threshold " + threshold + " not reached") + ")";
  }
}
