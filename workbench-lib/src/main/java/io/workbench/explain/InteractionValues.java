package io.workbench.explain;

import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * SHAP interaction values (Lundberg et al. 2020) of explained rows: per row a symmetric {@code features x
 * features} matrix whose off-diagonal entries split each pair's interaction equally between its two features and
 * whose rows sum to the features' SHAP values ({@link #shap()}); the diagonal is each feature's main effect. In the
 * same output space as {@link #shap()} (margin: log-odds for binary classifiers).
 *
 * <pre>{@code
 * InteractionValues iv = Explain.treeShap(xgb).interactions(test.head(50));
 * iv.plot();                    // matrix of mean |interaction| over the rows
 * iv.value(0, "age", "bmi");    // row 0's interaction of two features
 * iv.topPairs(5);               // the strongest pairs, as a table
 * }</pre>
 */
public final class InteractionValues implements Displayable {

  private final Attribution shap;
  private final double[][][] values;

  InteractionValues(Attribution shap, double[][][] values) {
    this.shap = shap;
    this.values = values;
  }

  /** The SHAP values of the same rows (main effects plus half of every interaction per feature). */
  public Attribution shap() {
    return shap;
  }

  /** Number of explained rows. */
  public int rows() {
    return values.length;
  }

  /** The feature names. */
  public List<String> featureNames() {
    return shap.featureNames();
  }

  /** Row {@code row}'s matrix (a copy). */
  public double[][] values(int row) {
    checkRow(row);
    double[][] out = new double[values[row].length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = values[row][i].clone();
    }
    return out;
  }

  /** Row {@code row}'s interaction of two features (the main effect when they are the same). */
  public double value(int row, String a, String b) {
    checkRow(row);
    return values[row][index(a)][index(b)];
  }

  /** Mean absolute value of every entry over the rows. */
  public double[][] meanAbs() {
    int m = featureNames().size();
    double[][] out = new double[m][m];
    for (double[][] v : values) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          out[i][j] += Math.abs(v[i][j]) / values.length;
        }
      }
    }
    return out;
  }

  /** The {@code k} feature pairs with the largest mean |interaction| (both halves counted), as a table. */
  public Table topPairs(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("topPairs(k): k must be >= 1, got " + k);
    }
    double[][] mean = meanAbs();
    int m = mean.length;
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        pairs.add(new int[] {i, j});
      }
    }
    pairs.sort((p, q) -> Double.compare(mean[q[0]][q[1]], mean[p[0]][p[1]]));
    List<int[]> top = pairs.subList(0, Math.min(k, pairs.size()));
    StringColumn a = StringColumn.create("feature");
    StringColumn b = StringColumn.create("with");
    DoubleColumn v = DoubleColumn.create("mean |interaction| x 2");
    for (int[] p : top) {
      a.append(featureNames().get(p[0]));
      b.append(featureNames().get(p[1]));
      v.append(2 * mean[p[0]][p[1]]);
    }
    return Table.create("SHAP interactions (" + shap.explainedOutput() + ")", a, b, v);
  }

  /**
   * Heatmap of the mean |interaction| over the rows, for the {@code maxFeatures} features with the largest mean
   * |SHAP value| (all when fewer); the diagonal holds the main effects.
   */
  public Figure plot(int maxFeatures) {
    if (maxFeatures < 1) {
      throw new IllegalArgumentException("plot(maxFeatures): must be >= 1, got " + maxFeatures);
    }
    List<String> top = shap.global().topFeatures(Math.min(maxFeatures, featureNames().size()));
    double[][] mean = meanAbs();
    int k = top.size();
    double[][] sub = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        sub[i][j] = mean[index(top.get(i))][index(top.get(j))];
      }
    }
    return Charts.heatmap(top, top, sub);
  }

  /** {@link #plot(int)} of the 12 most important features. */
  public Figure plot() {
    return plot(12);
  }

  private int index(String name) {
    int j = featureNames().indexOf(name);
    if (j < 0) {
      throw new IllegalArgumentException("Unknown feature '" + name + "'; features are "
          + (featureNames().size() > 20 ? featureNames().subList(0, 20) + "..." : featureNames()));
    }
    return j;
  }

  private void checkRow(int row) {
    if (row < 0 || row >= values.length) {
      throw new IllegalArgumentException("row " + row + " is out of range; there are " + values.length + " rows");
    }
  }

  @Override
  public String toHtml() {
    return "<div class=\"wb-interactions\"><p><b>SHAP interaction values</b>: " + values.length + " rows x "
        + featureNames().size() + " x " + featureNames().size() + " features (" + Tables.escape(shap.explainedOutput())
        + ")</p>" + Tables.html(topPairs(10)) + "</div>";
  }

  @Override
  public String toString() {
    return "SHAP interaction values: " + values.length + " rows x " + featureNames().size() + " features ("
        + shap.explainedOutput() + "); strongest pairs " + Arrays.toString(topPairs(3).stringColumn(0).asObjectArray());
  }
}
