package io.workbench.explain;

import io.workbench.display.Numbers;
import io.workbench.display.Tabular;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Attribution mass per channel: for every explained row, the sum of |attribution| over the other axes of
 * each channel (time for signals, height and width for images), as totals and as shares of the row's
 * total, per row and averaged over rows, and averaged per explained class when rows were explained for
 * different classes ({@link Target#perRow(int...)}). With {@code c} channels, chance is {@code 1/c} per
 * channel. Made by {@link Attribution#channelMass()}; renders as a table, and {@link #plot()} draws it.
 *
 * <pre>{@code
 * ChannelMass m = occlusion.channelMass();
 * m.perRow();           // rows x channels, sum of |attribution|
 * m.meanShare();        // share of |attribution| per channel, averaged over rows
 * m.meanShareByClass(); // the same per explained class
 * m.plot();
 * }</pre>
 */
public final class ChannelMass implements Tabular {

  private final String title;
  private final List<String> channels;
  private final double[][] mass;
  private final int[] targets;
  private final List<String> targetNames;

  ChannelMass(String title, List<String> channels, double[][] mass, int[] targets, List<String> targetNames) {
    this.title = title;
    this.channels = List.copyOf(channels);
    this.mass = mass;
    this.targets = targets;
    this.targetNames = List.copyOf(targetNames);
  }

  /** Channel names. */
  public List<String> channels() {
    return channels;
  }

  /** Number of explained rows. */
  public int rows() {
    return mass.length;
  }

  /** Sum of |attribution| per row and channel, {@code rows x channels} (a copy). */
  public double[][] perRow() {
    double[][] out = new double[mass.length][];
    for (int i = 0; i < out.length; i++) {
      out[i] = mass[i].clone();
    }
    return out;
  }

  /** Each row's mass as shares of its total ({@code rows x channels}, rows sum to 1; all 0 for an all-zero row). */
  public double[][] shares() {
    double[][] out = new double[mass.length][];
    for (int i = 0; i < out.length; i++) {
      double total = 0;
      for (double v : mass[i]) {
        total += v;
      }
      out[i] = new double[channels.size()];
      for (int c = 0; c < out[i].length && total > 0; c++) {
        out[i][c] = mass[i][c] / total;
      }
    }
    return out;
  }

  /** Mass per channel averaged over rows. */
  public double[] mean() {
    return average(mass, null, -1);
  }

  /** Share per channel averaged over rows (each row weighs the same, whatever its total). */
  public double[] meanShare() {
    return average(shares(), null, -1);
  }

  /**
   * Share per channel averaged over the rows of each explained class, classes in class-index order (one
   * entry when every row was explained for the same class).
   */
  public Map<String, double[]> meanShareByClass() {
    double[][] s = shares();
    Map<String, double[]> out = new LinkedHashMap<>();
    for (int k : distinctTargets()) {
      out.put(nameOf(k), average(s, targets, k));
    }
    return out;
  }

  private int[] distinctTargets() {
    return java.util.Arrays.stream(targets).distinct().sorted().toArray();
  }

  private String nameOf(int k) {
    for (int i = 0; i < targets.length; i++) {
      if (targets[i] == k) {
        return targetNames.get(i);
      }
    }
    throw new IllegalStateException("no row explains class " + k);
  }

  private double[] average(double[][] m, int[] by, int k) {
    double[] out = new double[channels.size()];
    int n = 0;
    for (int i = 0; i < m.length; i++) {
      if (by == null || by[i] == k) {
        n++;
        for (int c = 0; c < out.length; c++) {
          out[c] += m[i][c];
        }
      }
    }
    for (int c = 0; c < out.length; c++) {
      out[c] /= Math.max(1, n);
    }
    return out;
  }

  /**
   * One row per channel: {@code channel}, {@code mean |attribution|} (mass averaged over rows), {@code
   * share} (averaged over rows), then {@code share (<class>)} per explained class when there are several.
   */
  @Override
  public Table toTable() {
    Table t = Table.create(title, StringColumn.create("channel", channels),
        DoubleColumn.create("mean |attribution|", mean()), DoubleColumn.create("share", meanShare()));
    Map<String, double[]> byClass = meanShareByClass();
    if (byClass.size() > 1) {
      byClass.forEach((name, share) -> t.addColumns(DoubleColumn.create("share (" + name + ")", share)));
    }
    return t;
  }

  /**
   * The mean share per channel as bars (largest at the top); with several explained classes a heatmap of
   * channel by class.
   */
  public Figure plot() {
    Map<String, double[]> byClass = meanShareByClass();
    if (byClass.size() < 2) {
      return Charts.importance(channels, meanShare(), null,
          ChartOptions.defaults().title(title).xLabel("Share of |attribution| (chance " + chance() + ")"));
    }
    double[][] cells = new double[channels.size()][byClass.size()];
    List<String> classes = new ArrayList<>(byClass.keySet());
    for (int k = 0; k < classes.size(); k++) {
      double[] share = byClass.get(classes.get(k));
      for (int c = 0; c < cells.length; c++) {
        cells[c][k] = share[c];
      }
    }
    return Charts.heatmap(channels, classes, cells,
        ChartOptions.defaults().title(title).xLabel("Explained class").yLabel("Channel"));
  }

  private String chance() {
    return Numbers.format(1.0 / channels.size());
  }

  @Override
  public String toString() {
    return toText();
  }
}
