package io.workbench.analysis.representation;

import io.workbench.display.Displayable;
import io.workbench.display.Tables;
import io.workbench.plot.Figure;
import io.workbench.plot.Theme;
import io.workbench.plot.XChartFigure;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Cross-validated linear-probe accuracy per layer, in depth order, with the control-task accuracy and the
 * selectivity (task - control) of Hewitt and Liang (2019); {@link #chance()} is the majority-class share.
 *
 * <pre>{@code
 * ProbeResult r = LinearProbe.create().run(cnn, test);
 * r.accuracy("dense1"); r.selectivity("dense1");
 * r.plot();
 * }</pre>
 */
public final class ProbeResult implements Displayable {

  private final List<String> layers;
  private final double[] accuracy;
  private final double[] control;
  private final double chance;
  private final int folds;
  private final int controlTypes;
  private final long seed;

  ProbeResult(List<String> layers, double[] accuracy, double[] control, double chance, int folds, int controlTypes,
      long seed) {
    this.layers = List.copyOf(layers);
    this.accuracy = accuracy.clone();
    this.control = control.clone();
    this.chance = chance;
    this.folds = folds;
    this.controlTypes = controlTypes;
    this.seed = seed;
  }

  /** The probed representations, input first. */
  public List<String> layers() {
    return layers;
  }

  /** Task accuracy per layer (a copy). */
  public double[] accuracy() {
    return accuracy.clone();
  }

  /** Control-task accuracy per layer (a copy). */
  public double[] controlAccuracy() {
    return control.clone();
  }

  /** Selectivity per layer: task accuracy - control accuracy. */
  public double[] selectivity() {
    double[] s = new double[accuracy.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = accuracy[i] - control[i];
    }
    return s;
  }

  /** Task accuracy of one layer. */
  public double accuracy(String layer) {
    return accuracy[index(layer)];
  }

  /** Control accuracy of one layer. */
  public double controlAccuracy(String layer) {
    return control[index(layer)];
  }

  /** Selectivity of one layer. */
  public double selectivity(String layer) {
    int i = index(layer);
    return accuracy[i] - control[i];
  }

  /** Share of the most frequent class: the accuracy of always guessing it. */
  public double chance() {
    return chance;
  }

  private int index(String layer) {
    int i = layers.indexOf(layer);
    if (i < 0) {
      throw new IllegalArgumentException("Unknown layer '" + layer + "'; probed layers are " + layers);
    }
    return i;
  }

  /** One row per layer: depth, accuracy, control accuracy, selectivity. */
  public Table toTable() {
    DoubleColumn depth = DoubleColumn.create("depth");
    for (int i = 0; i < layers.size(); i++) {
      depth.append(i);
    }
    return Table.create("linear probes", StringColumn.create("layer", layers), depth,
        DoubleColumn.create("probe_accuracy", accuracy), DoubleColumn.create("control_accuracy", control),
        DoubleColumn.create("selectivity", selectivity()));
  }

  /** Task accuracy, control accuracy and selectivity by depth, with the majority-class line. */
  public Figure plot() {
    CategoryChart c = Theme.style(new CategoryChartBuilder().width(760).height(420)
        .title("Linear probes by depth (" + folds + "-fold CV)").xAxisTitle("layer").yAxisTitle("accuracy")
        .build());
    c.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
    c.getStyler().setOverlapped(true);   // every series at the centre of its layer
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
    c.getStyler().setYAxisMin(Math.min(0.0, min(selectivity())));
    c.getStyler().setYAxisMax(1.0);
    c.getStyler().setXAxisLabelRotation(layers.size() > 6 ? 30 : 0);
    series(c, "probe accuracy", toList(accuracy), Theme.categorical(0));
    series(c, "control task", toList(control), Theme.categorical(1));
    series(c, "selectivity", toList(selectivity()), Theme.categorical(2));
    double[] ch = new double[layers.size()];
    java.util.Arrays.fill(ch, chance);
    series(c, "majority class", toList(ch), Theme.INK);
    return XChartFigure.of(c);
  }

  private void series(CategoryChart c, String name, List<Double> values, java.awt.Color color) {
    org.knowm.xchart.CategorySeries s = c.addSeries(name, layers, values);
    s.setLineColor(color);
    s.setMarkerColor(color);
  }

  private static List<Double> toList(double[] v) {
    return java.util.Arrays.stream(v).boxed().toList();
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      m = Math.min(m, x);
    }
    return m;
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), "Linear probes (" + folds + "-fold CV, control task over " + controlTypes
        + " input types, seed " + seed + "; majority class " + io.workbench.display.Numbers.format(chance) + ")");
  }

  @Override
  public String toText() {
    return Tables.text(toTable());
  }

  @Override
  public String toString() {
    return "ProbeResult(" + layers + ")";
  }
}
