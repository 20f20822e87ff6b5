package io.workbench.analysis.representation;

import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * CKA of each representation in {@link #rows()} against each in {@link #columns()}: layers of one model
 * against each other, or the layers of two models (two seeds of a Rashomon set) against each other.
 *
 * <pre>{@code
 * CkaMatrix m = Cka.linear(Cka.layers(net, x));
 * m.value("conv1", "conv2");
 * m.heatmap();
 * }</pre>
 */
public final class CkaMatrix implements Displayable {

  private final String kernel;
  private final List<String> rows;
  private final List<String> columns;
  private final double[][] values;

  CkaMatrix(String kernel, List<String> rows, List<String> columns, double[][] values) {
    this.kernel = kernel;
    this.rows = List.copyOf(rows);
    this.columns = List.copyOf(columns);
    this.values = Matrices.copy(values);
  }

  /** {@code linear} or {@code rbf}. */
  public String kernel() {
    return kernel;
  }

  /** Names of the row representations. */
  public List<String> rows() {
    return rows;
  }

  /** Names of the column representations. */
  public List<String> columns() {
    return columns;
  }

  /** The values, {@code rows x columns}, a copy. */
  public double[][] values() {
    return Matrices.copy(values);
  }

  /** CKA of one row representation against one column representation, by name. */
  public double value(String row, String column) {
    return values[index(rows, row, "row")][index(columns, column, "column")];
  }

  private static int index(List<String> names, String name, String what) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("Unknown " + what + " '" + name + "'; " + what + "s are " + names);
    }
    return i;
  }

  /** One row per row representation, one column per column representation. */
  public Table toTable() {
    Table t = Table.create(kernel + " CKA", StringColumn.create("representation", rows));
    for (int j = 0; j < columns.size(); j++) {
      DoubleColumn c = DoubleColumn.create(columns.get(j));
      for (double[] row : values) {
        c.append(row[j]);
      }
      t.addColumns(c);
    }
    return t;
  }

  /** The matrix as a heatmap (0 white to 1 dark). */
  public Figure heatmap() {
    double[][] clipped = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      clipped[i] = new double[values[i].length];
      for (int j = 0; j < values[i].length; j++) {
        clipped[i][j] = Math.max(0, values[i][j]);
      }
    }
    return Charts.heatmap(rows, columns, clipped, ChartOptions.defaults().size(640, 520)
        .title(kernel.equals("rbf") ? "RBF CKA" : "Linear CKA"));
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), kernel + " CKA (Kornblith et al. 2019)");
  }

  @Override
  public String toText() {
    return Tables.text(toTable());
  }

  @Override
  public String toString() {
    return "CkaMatrix(" + kernel + ", " + rows.size() + " x " + columns.size() + ")";
  }
}
