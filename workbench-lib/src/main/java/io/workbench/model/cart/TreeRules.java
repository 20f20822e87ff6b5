package io.workbench.model.cart;

import io.workbench.data.Task;
import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The leaves of a decision tree as IF-THEN rules, as a table and as text.
 *
 * <pre>{@code
 * TreeRules rules = surrogate.rules();
 * rules.toTable();   // rule, prediction, support, support_share, confidence
 * rules.toText();    // one "IF ... THEN ..." line per leaf
 * }</pre>
 *
 * @param task classification or regression
 * @param rules one rule per leaf, left to right
 */
public record TreeRules(Task task, List<TreeRule> rules) implements Displayable {

  /** Copies the list. */
  public TreeRules {
    rules = List.copyOf(rules);
  }

  /** Number of rules. */
  public int size() {
    return rules.size();
  }

  /** One row per rule: conditions, prediction, support, support share, and confidence or leaf std. */
  public Table toTable() {
    int n = rules.size();
    StringColumn cond = StringColumn.create("rule");
    StringColumn pred = StringColumn.create(task == Task.REGRESSION ? "value" : "class");
    IntColumn support = IntColumn.create("support");
    DoubleColumn share = DoubleColumn.create("support_share");
    DoubleColumn conf = DoubleColumn.create(task == Task.REGRESSION ? "std" : "confidence");
    for (TreeRule r : rules) {
      cond.append(r.conditionText());
      pred.append(r.prediction());
      support.append(r.support());
      share.append(r.supportShare());
      conf.append(task == Task.REGRESSION ? r.std() : r.confidence());
    }
    return Table.create("rules (" + n + ")", cond, pred, support, share, conf);
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), "Rules");
  }

  @Override
  public String toText() {
    StringBuilder sb = new StringBuilder();
    for (TreeRule r : rules) {
      sb.append(r.text());
      sb.append(String.format(Locale.ROOT, "  (support %d = %.1f%%", r.support(), 100 * r.supportShare()));
      if (task == Task.CLASSIFICATION) {
        sb.append(String.format(Locale.ROOT, ", confidence %.1f%%)", 100 * r.confidence()));
      } else {
        sb.append(String.format(Locale.ROOT, ", std %s)", Numbers.format(r.std())));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return toText();
  }
}
