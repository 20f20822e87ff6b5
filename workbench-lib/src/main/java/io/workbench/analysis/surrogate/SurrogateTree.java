package io.workbench.analysis.surrogate;

import io.workbench.data.Task;
import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.model.cart.CartTree;
import io.workbench.model.cart.TreeRules;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * A fitted global surrogate: the tree (a {@link io.workbench.model.Model}), the features it could use,
 * its fidelity to the black box on training and held-out rows, and its rules.
 *
 * <pre>{@code
 * SurrogateTree s = GlobalSurrogate.create().features(top).fit(blackBox, train, holdout);
 * s.tree().predict(x);     // the surrogate is a model too
 * s.fidelity();            // held-out agreement (classification) or R2 (regression)
 * s.toTable();             // the rules with support and confidence
 * }</pre>
 *
 * @param tree the surrogate model
 * @param features the features it was allowed to split on
 * @param trainFidelity fidelity on the rows it was fitted to
 * @param fidelity fidelity on the held-out rows
 * @param trainRows rows it was fitted to
 * @param holdoutRows held-out rows
 */
public record SurrogateTree(CartTree tree, List<String> features, double trainFidelity, double fidelity,
    int trainRows, int holdoutRows) implements Displayable {

  /** Copies the feature list. */
  public SurrogateTree {
    features = List.copyOf(features);
  }

  /** The tree's leaves as IF-THEN rules. */
  public TreeRules rules() {
    return tree.rules();
  }

  /** What the fidelity measures: "agreement" or "R2". */
  public String fidelityMeasure() {
    return tree.task() == Task.CLASSIFICATION ? "agreement" : "R2";
  }

  /** The rules as a table. */
  public Table toTable() {
    return rules().toTable();
  }

  private String summary() {
    return "Surrogate tree (depth " + tree.depth() + ", " + tree.leafCount() + " leaves) on " + features.size()
        + " features; fidelity (" + fidelityMeasure() + ") " + Numbers.format(fidelity) + " held-out, "
        + Numbers.format(trainFidelity) + " train";
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), summary());
  }

  @Override
  public String toText() {
    return summary() + "\n" + rules().toText();
  }

  @Override
  public String toString() {
    return summary();
  }
}
