package io.workbench.analysis;

import io.workbench.analysis.agreement.RankAgreement;
import io.workbench.analysis.selection.GroupImportance;
import io.workbench.display.Displayable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Importance values of named features or feature groups, with their spread over repeats.
 *
 * <pre>{@code
 * Importances imp = GroupImportance.create().compute(model, test, groups);
 * imp.top(5);            // the five most important names
 * imp.value("age");
 * imp.toTable();         // rank, name, importance, std; most important first
 * }</pre>
 */
public final class Importances implements Displayable {

  private final String method;
  private final List<String> names;
  private final double[] values;
  private final double[] std;

  /**
   * @param method what was measured, shown as the caption
   * @param names feature or group names
   * @param values one importance per name (larger = more important)
   * @param std spread per name over repeats (NaN where unknown)
   */
  public Importances(String method, List<String> names, double[] values, double[] std) {
    if (names.size() != values.length || values.length != std.length) {
      throw new IllegalArgumentException("Importances needs one value and one std per name: " + names.size()
          + " names, " + values.length + " values, " + std.length + " std");
    }
    this.method = method;
    this.names = List.copyOf(names);
    this.values = values.clone();
    this.std = std.clone();
  }

  /** The names, in input order. */
  public List<String> names() {
    return names;
  }

  /** The values, in input order. */
  public double[] values() {
    return values.clone();
  }

  /** The spread per name, in input order. */
  public double[] std() {
    return std.clone();
  }

  /** The value of one name. */
  public double value(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("Unknown name '" + name + "'; names are " + Checks.abbreviate(names));
    }
    return values[i];
  }

  /** Input positions, most important first (ties by position). */
  public int[] order() {
    return RankAgreement.topK(values, values.length);
  }

  /** All names, most important first. */
  public List<String> ranking() {
    return top(names.size());
  }

  /** The {@code k} most important names. */
  public List<String> top(int k) {
    if (k < 1 || k > names.size()) {
      throw new IllegalArgumentException("k must be between 1 and the " + names.size() + " names, got " + k);
    }
    int[] o = RankAgreement.topK(values, k);
    List<String> out = new ArrayList<>();
    for (int i : o) {
      out.add(names.get(i));
    }
    return out;
  }

  /** rank, name, importance, std; most important first. */
  public Table toTable() {
    int[] o = order();
    IntColumn rank = IntColumn.create("rank");
    StringColumn n = StringColumn.create("name");
    DoubleColumn v = DoubleColumn.create("importance");
    DoubleColumn s = DoubleColumn.create("std");
    for (int r = 0; r < o.length; r++) {
      rank.append(r + 1);
      n.append(names.get(o[r]));
      v.append(values[o[r]]);
      s.append(std[o[r]]);
    }
    return Table.create(method, rank, n, v, s);
  }

  @Override
  public String toHtml() {
    return Html.table(method, toTable());
  }

  @Override
  public String toText() {
    return toTable().printAll();
  }

  @Override
  public String toString() {
    return "Importances(" + method + ", " + names.size() + " names, top " + top(Math.min(5, names.size())) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Importances i && names.equals(i.names) && Arrays.equals(values, i.values)
        && Arrays.equals(std, i.std);
  }

  @Override
  public int hashCode() {
    return names.hashCode() * 31 + Arrays.hashCode(values);
  }
}
