package io.workbench.explain.counterfactual;

import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.display.Tabular;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The counterfactuals of one row: the original row and each counterfactual, with the model's outputs, the
 * L1-MAD distance and which features changed. In a notebook it renders as a table whose changed cells are
 * highlighted; {@link #toTable()} has the raw values.
 *
 * <pre>{@code
 * CounterfactualSet s = Counterfactuals.create(train).count(3).explain(model, test, 0);
 * s.size();            // how many were found (0 when none reached the goal)
 * s.rows()[0];         // the cheapest counterfactual, in the model's feature order
 * s.changed(0);        // the names of the features it changes
 * s.toTable();         // original and counterfactuals, one row each
 * }</pre>
 *
 * @param featureNames feature names in the model's order
 * @param outputNames class names, or "prediction" for regression
 * @param goal what the counterfactuals reach, in words
 * @param original the explained row
 * @param originalOutput the model's output for it
 * @param rows the counterfactuals, cheapest first then in the order chosen for diversity
 * @param outputs the model's output for each
 * @param distances the L1-MAD distance of each from the original
 * @param candidates how many candidates the search started from
 */
public record CounterfactualSet(List<String> featureNames, List<String> outputNames, String goal, float[] original,
    float[] originalOutput, float[][] rows, float[][] outputs, double[] distances, int candidates)
    implements Tabular {

  /** How many counterfactuals were found. */
  public int size() {
    return rows.length;
  }

  /** Names of the features counterfactual {@code i} changes. */
  public List<String> changed(int i) {
    if (i < 0 || i >= rows.length) {
      throw new IllegalArgumentException("counterfactual " + i + " does not exist; there are " + rows.length);
    }
    List<String> out = new ArrayList<>();
    for (int j = 0; j < original.length; j++) {
      if (rows[i][j] != original[j]) {
        out.add(featureNames.get(j));
      }
    }
    return out;
  }

  /** One row for the original and one per counterfactual: the features, the outputs, distance and changes. */
  @Override
  public Table toTable() {
    Table t = Table.create("counterfactuals (" + goal + "): " + rows.length + " found from " + candidates
        + " candidates");
    StringColumn which = StringColumn.create("row");
    which.append("original");
    for (int i = 0; i < rows.length; i++) {
      which.append("counterfactual " + (i + 1));
    }
    t.addColumns(which);
    for (int j = 0; j < featureNames.size(); j++) {
      DoubleColumn c = DoubleColumn.create(featureNames.get(j));
      c.append(original[j]);
      for (float[] r : rows) {
        c.append(r[j]);
      }
      t.addColumns(c);
    }
    for (int k = 0; k < outputNames.size(); k++) {
      String name = outputNames.size() == 1 ? outputNames.get(0) : "P(" + outputNames.get(k) + ")";
      DoubleColumn c = DoubleColumn.create(name);
      c.append(originalOutput[k]);
      for (float[] o : outputs) {
        c.append(o[k]);
      }
      t.addColumns(c);
    }
    DoubleColumn dist = DoubleColumn.create("distance (L1/MAD)");
    IntColumn changed = IntColumn.create("features changed");
    dist.append(0);
    changed.append(0);
    for (int i = 0; i < rows.length; i++) {
      dist.append(distances[i]);
      changed.append(changed(i).size());
    }
    t.addColumns(dist, changed);
    return t;
  }

  /** The table with the changed cells of each counterfactual highlighted. */
  @Override
  public String toHtml() {
    Table t = toTable();
    StringBuilder b = new StringBuilder("<table><caption>").append(Tables.escape(t.name())).append("</caption><thead><tr>");
    for (String name : t.columnNames()) {
      b.append("<th>").append(Tables.escape(name)).append("</th>");
    }
    b.append("</tr></thead><tbody>");
    int d = featureNames.size();
    for (int r = 0; r < t.rowCount(); r++) {
      b.append("<tr>");
      for (int c = 0; c < t.columnCount(); c++) {
        boolean changedCell = r > 0 && c >= 1 && c <= d && rows[r - 1][c - 1] != original[c - 1];
        b.append(changedCell ? "<td style=\"text-align:right;background:#fde0c5;font-weight:bold\">"
                : c == 0 ? "<td>" : "<td style=\"text-align:right\">")
            .append(Tables.escape(Tables.cell(t.column(c), r))).append("</td>");
      }
      b.append("</tr>");
    }
    b.append("</tbody></table>");
    if (rows.length == 0) {
      b.append("<p>No counterfactual reached the goal: try more candidates(n) or fewer immutable features.</p>");
    }
    return b.toString();
  }

  /** The table as text, changed values marked with {@code *}. */
  @Override
  public String toText() {
    StringBuilder b = new StringBuilder(Tables.text(toTable()));
    for (int i = 0; i < rows.length; i++) {
      b.append("\n* counterfactual ").append(i + 1).append(" changes ");
      List<String> ch = changed(i);
      for (int k = 0; k < ch.size(); k++) {
        int j = featureNames.indexOf(ch.get(k));
        b.append(k == 0 ? "" : ", ").append(ch.get(k)).append(": ").append(Numbers.format(original[j]))
            .append(" -> ").append(Numbers.format(rows[i][j]));
      }
    }
    if (rows.length == 0) {
      b.append("\nNo counterfactual reached the goal: try more candidates(n) or fewer immutable features.");
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "CounterfactualSet(" + goal + ", " + rows.length + " found" + (rows.length == 0 ? ""
        : ", nearest at distance " + Numbers.format(distances[0]) + " changing " + changed(0)) + ")";
  }
}
