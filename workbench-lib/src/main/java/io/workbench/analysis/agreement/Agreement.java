package io.workbench.analysis.agreement;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How far two importance vectors agree, with the names of the top-k features they share and do not.
 *
 * <pre>{@code
 * Agreement a = RankAgreement.compare(names, shap, permutation, 10);
 * a.spearman(); a.kendall(); a.topKOverlap(); a.shared();
 * }</pre>
 *
 * @param spearman Spearman's rank correlation
 * @param kendall Kendall's tau-b
 * @param topKOverlap |top-k(a) ∩ top-k(b)| / k
 * @param jaccard |top-k(a) ∩ top-k(b)| / |top-k(a) ∪ top-k(b)|
 * @param k the k of the top-k sets
 * @param shared top-k features of both, in the first vector's order
 * @param onlyFirst top-k features of the first vector only
 * @param onlySecond top-k features of the second vector only
 */
public record Agreement(double spearman, double kendall, double topKOverlap, double jaccard, int k,
    List<String> shared, List<String> onlyFirst, List<String> onlySecond) implements Displayable {

  /** Copies the lists. */
  public Agreement {
    shared = List.copyOf(shared);
    onlyFirst = List.copyOf(onlyFirst);
    onlySecond = List.copyOf(onlySecond);
  }

  /** One row per statistic, plus the shared and unshared top-k names. */
  public Table toTable() {
    StringColumn what = StringColumn.create("statistic");
    DoubleColumn value = DoubleColumn.create("value");
    StringColumn features = StringColumn.create("features");
    add(what, value, features, "spearman", spearman, "");
    add(what, value, features, "kendall_tau_b", kendall, "");
    add(what, value, features, "top" + k + "_overlap", topKOverlap, String.join(", ", shared));
    add(what, value, features, "top" + k + "_jaccard", jaccard, "");
    add(what, value, features, "only_first", onlyFirst.size(), String.join(", ", onlyFirst));
    add(what, value, features, "only_second", onlySecond.size(), String.join(", ", onlySecond));
    return Table.create("agreement", what, value, features);
  }

  private static void add(StringColumn w, DoubleColumn v, StringColumn f, String name, double value, String names) {
    w.append(name);
    v.append(value);
    f.append(names);
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), "Rank agreement");
  }

  @Override
  public String toString() {
    return "Agreement(spearman " + Numbers.format(spearman) + ", kendall " + Numbers.format(kendall) + ", top-" + k
        + " overlap " + Numbers.format(topKOverlap) + ", jaccard " + Numbers.format(jaccard) + ", shared " + shared + ")";
  }
}
