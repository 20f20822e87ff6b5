package io.workbench.explain;

import io.workbench.display.Tabular;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Attribution mass over time windows of a signal attribution ({@code [channel, time]}): for every row,
 * channel and window {@code [start, start + length)} (in samples; starts {@code 0, stride, 2 * stride,
 * ...} while the window fits), the sum of |attribution| in it. Per row, averaged over rows, summed over
 * channels (when does the evidence occur?) and as the top-k windows ({@link Window}: channel, start, end,
 * mass, share of the row's total). Made by {@link Attribution#windows(int, int)}; renders as the table of
 * the ten heaviest windows, and {@link #plot()} draws the channel x window heatmap.
 *
 * <pre>{@code
 * WindowMass w = occlusion.windows(32, 32);   // 0.25 s windows at 128 Hz
 * w.top(5);                                   // heaviest windows, averaged over rows
 * w.top(0, 3);                                // heaviest windows of row 0
 * w.shareOverTime()[0];                       // share of the mass in the first window
 * w.plot();
 * }</pre>
 */
public final class WindowMass implements Tabular {

  /**
   * One window of one channel: samples {@code [start, end)}, its sum of |attribution| and that mass as a
   * share of the row's total |attribution| (averaged over rows for {@link WindowMass#top(int)}).
   */
  public record Window(String channel, int start, int end, double mass, double share) {}

  private final String title;
  private final String chartTitle;
  private final List<String> channels;
  private final int length;
  private final int stride;
  private final int[] starts;
  private final double[][][] mass;
  private final double[] totals;

  WindowMass(String title, String chartTitle, List<String> channels, int length, int stride, double[][] values) {
    int len = values.length == 0 ? 0 : values[0].length / channels.size();
    this.title = title;
    this.chartTitle = chartTitle;
    this.channels = List.copyOf(channels);
    this.length = length;
    this.stride = stride;
    int count = (len - length) / stride + 1;
    this.starts = new int[count];
    for (int w = 0; w < count; w++) {
      starts[w] = w * stride;
    }
    this.mass = new double[values.length][channels.size()][count];
    this.totals = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      for (int c = 0; c < channels.size(); c++) {
        double[] cumulative = new double[len + 1];
        for (int t = 0; t < len; t++) {
          cumulative[t + 1] = cumulative[t] + Math.abs(values[i][c * len + t]);
        }
        totals[i] += cumulative[len];
        for (int w = 0; w < count; w++) {
          mass[i][c][w] = cumulative[starts[w] + length] - cumulative[starts[w]];
        }
      }
    }
  }

  /** Channel names. */
  public List<String> channels() {
    return channels;
  }

  /** Window length in samples. */
  public int length() {
    return length;
  }

  /** Step between window starts in samples. */
  public int stride() {
    return stride;
  }

  /** First sample of every window. */
  public int[] starts() {
    return starts.clone();
  }

  /** Number of explained rows. */
  public int rows() {
    return mass.length;
  }

  /** Sum of |attribution| per row, channel and window, {@code rows x channels x windows} (a copy). */
  public double[][][] perRow() {
    double[][][] out = new double[mass.length][][];
    for (int i = 0; i < out.length; i++) {
      out[i] = new double[channels.size()][];
      for (int c = 0; c < channels.size(); c++) {
        out[i][c] = mass[i][c].clone();
      }
    }
    return out;
  }

  /** Mass per channel and window averaged over rows, {@code channels x windows}. */
  public double[][] mean() {
    double[][] out = new double[channels.size()][starts.length];
    for (double[][] row : mass) {
      for (int c = 0; c < out.length; c++) {
        for (int w = 0; w < starts.length; w++) {
          out[c][w] += row[c][w] / mass.length;
        }
      }
    }
    return out;
  }

  /** Mass per window summed over channels and averaged over rows. */
  public double[] overTime() {
    double[] out = new double[starts.length];
    for (double[] channel : mean()) {
      for (int w = 0; w < out.length; w++) {
        out[w] += channel[w];
      }
    }
    return out;
  }

  /**
   * Per window, the share of each row's total |attribution| that falls in it (all channels), averaged over
   * rows. With non-overlapping windows covering the signal the shares sum to 1.
   */
  public double[] shareOverTime() {
    double[] out = new double[starts.length];
    for (int i = 0; i < mass.length; i++) {
      for (int c = 0; c < channels.size(); c++) {
        for (int w = 0; w < out.length; w++) {
          out[w] += totals[i] > 0 ? mass[i][c][w] / totals[i] / mass.length : 0;
        }
      }
    }
    return out;
  }

  /** The {@code k} heaviest windows averaged over rows, heaviest first (windows may overlap when stride &lt; length). */
  public List<Window> top(int k) {
    double total = 0;
    for (double t : totals) {
      total += t / Math.max(1, totals.length);
    }
    return top(mean(), total, k);
  }

  /** The {@code k} heaviest windows of one row, heaviest first. */
  public List<Window> top(int row, int k) {
    if (row < 0 || row >= mass.length) {
      throw new IllegalArgumentException("row " + row + " is out of range; there are " + mass.length + " rows");
    }
    return top(mass[row], totals[row], k);
  }

  private List<Window> top(double[][] m, double total, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("top(k): k must be >= 1, got " + k);
    }
    List<Window> all = new ArrayList<>();
    for (int c = 0; c < channels.size(); c++) {
      for (int w = 0; w < starts.length; w++) {
        all.add(new Window(channels.get(c), starts[w], starts[w] + length, m[c][w], total > 0 ? m[c][w] / total : 0));
      }
    }
    all.sort(Comparator.comparingDouble((Window w) -> -w.mass()));
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }

  /** The ten heaviest windows averaged over rows: {@code channel, start, end, mass, share}. */
  @Override
  public Table toTable() {
    return table(title, top(10));
  }

  /** A table of windows: {@code channel, start, end, mass, share}. */
  public static Table table(String name, List<Window> windows) {
    return Table.create(name, StringColumn.create("channel", windows.stream().map(Window::channel).toList()),
        IntColumn.create("start", windows.stream().mapToInt(Window::start).toArray()),
        IntColumn.create("end", windows.stream().mapToInt(Window::end).toArray()),
        DoubleColumn.create("mass", windows.stream().mapToDouble(Window::mass).toArray()),
        DoubleColumn.create("share", windows.stream().mapToDouble(Window::share).toArray()));
  }

  /** Heatmap of the mean mass, one row per channel, one column per window (labelled by its first sample). */
  public Figure plot() {
    List<String> columns = new ArrayList<>();
    for (int s : starts) {
      columns.add(String.valueOf(s));
    }
    return Charts.heatmap(channels, columns, mean(), ChartOptions.defaults().title(chartTitle)
        .xLabel("Window start (sample; " + length + " samples each)").yLabel("Channel"));
  }

  @Override
  public String toString() {
    return toText();
  }
}
