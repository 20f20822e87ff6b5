package io.workbench.eval;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.plot.Figure;
import io.workbench.plot.Theme;
import io.workbench.plot.XChartFigure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Metrics per subgroup with bootstrap intervals and gaps to the overall figure, calibration per group and
 * the fairness criteria of {@link Subgroups} (definitions there). The first row of {@link #toTable()} is the
 * overall figure.
 *
 * <pre>{@code
 * SubgroupReport r = Subgroups.create().metrics(Metric.ACCURACY).report(model, test, "site");
 * r.value("site B", "accuracy"); r.gap("site B", "accuracy");
 * r.equalizedOddsDifference(); r.fairness();   // a table of the three criteria
 * r.plot(); r.calibrationPlot();
 * }</pre>
 */
public final class SubgroupReport implements Displayable {

  /** One group's figures: metric name to {estimate, lower, upper}; rates of the positive class. */
  record Group(String name, int n, int positives, Map<String, double[]> metrics, double selectionRate,
      double truePositiveRate, double falsePositiveRate, CalibrationCurve calibration) {}

  private final String grouping;
  private final List<Metric> metrics;
  private final List<Group> groups;
  private final String positiveClass;
  private final int resamples;
  private final long seed;

  SubgroupReport(String grouping, List<Metric> metrics, List<Group> groups, String positiveClass, int resamples,
      long seed) {
    this.grouping = grouping;
    this.metrics = List.copyOf(metrics);
    this.groups = List.copyOf(groups);
    this.positiveClass = positiveClass;
    this.resamples = resamples;
    this.seed = seed;
  }

  /** The group names, without "overall". */
  public List<String> groups() {
    return groups.subList(1, groups.size()).stream().map(Group::name).toList();
  }

  /** Rows in a group. */
  public int size(String group) {
    return group(group).n();
  }

  /** A metric's estimate in a group ("overall" for all rows). */
  public double value(String group, String metric) {
    return figures(group, metric)[0];
  }

  /** A metric's bootstrap interval in a group: {lower, upper} (NaN when undefined on resamples). */
  public double[] interval(String group, String metric) {
    double[] f = figures(group, metric);
    return new double[] {f[1], f[2]};
  }

  /** A metric in a group minus the overall figure. */
  public double gap(String group, String metric) {
    return value(group, metric) - value("overall", metric);
  }

  /** Share of the group predicted as the positive class. */
  public double selectionRate(String group) {
    return group(group).selectionRate();
  }

  /** True positive rate of the positive class in the group (NaN without positives). */
  public double truePositiveRate(String group) {
    return group(group).truePositiveRate();
  }

  /** False positive rate of the positive class in the group (NaN without negatives). */
  public double falsePositiveRate(String group) {
    return group(group).falsePositiveRate();
  }

  /** Expected calibration error of the positive-class probability in the group (10 bins). */
  public double calibrationError(String group) {
    return group(group).calibration().calibrationError();
  }

  /** Reliability curve of the positive-class probability in the group. */
  public CalibrationCurve calibration(String group) {
    return group(group).calibration();
  }

  /** Largest minus smallest selection rate over the groups. */
  public double demographicParityDifference() {
    return spread(Group::selectionRate);
  }

  /** Largest minus smallest true positive rate over the groups that have positives. */
  public double equalOpportunityDifference() {
    return spread(Group::truePositiveRate);
  }

  /** The larger of the true- and false-positive-rate differences over the groups. */
  public double equalizedOddsDifference() {
    return Math.max(spread(Group::truePositiveRate), spread(Group::falsePositiveRate));
  }

  private double spread(java.util.function.ToDoubleFunction<Group> f) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Group g : groups.subList(1, groups.size())) {
      double v = f.applyAsDouble(g);
      if (!Double.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return hi >= lo ? hi - lo : Double.NaN;
  }

  private Group group(String name) {
    for (Group g : groups) {
      if (g.name().equals(name)) {
        return g;
      }
    }
    List<String> names = new ArrayList<>();
    groups.forEach(g -> names.add(g.name()));
    throw new IllegalArgumentException("Unknown group '" + name + "'; groups are " + names);
  }

  private double[] figures(String group, String metric) {
    double[] f = group(group).metrics().get(metric);
    if (f == null) {
      throw new IllegalArgumentException("Unknown metric '" + metric + "'; reported metrics are "
          + metrics.stream().map(Metric::name).toList());
    }
    return f;
  }

  /** One row per group (overall first): size, positives, each metric with interval and gap, rates, ECE. */
  public Table toTable() {
    Table t = Table.create("subgroups by " + grouping);
    StringColumn name = StringColumn.create("group");
    IntColumn n = IntColumn.create("n");
    IntColumn pos = IntColumn.create("positives");
    groups.forEach(g -> {
      name.append(g.name());
      n.append(g.n());
      pos.append(g.positives());
    });
    t.addColumns(name, n, pos);
    for (Metric m : metrics) {
      DoubleColumn v = DoubleColumn.create(m.name());
      DoubleColumn lo = DoubleColumn.create(m.name() + "_lower");
      DoubleColumn hi = DoubleColumn.create(m.name() + "_upper");
      DoubleColumn gap = DoubleColumn.create(m.name() + "_gap");
      for (Group g : groups) {
        double[] f = g.metrics().get(m.name());
        v.append(f[0]);
        lo.append(f[1]);
        hi.append(f[2]);
        gap.append(f[0] - groups.get(0).metrics().get(m.name())[0]);
      }
      t.addColumns(v, lo, hi, gap);
    }
    DoubleColumn sel = DoubleColumn.create("selection_rate");
    DoubleColumn tpr = DoubleColumn.create("tpr");
    DoubleColumn fpr = DoubleColumn.create("fpr");
    DoubleColumn ece = DoubleColumn.create("ece");
    for (Group g : groups) {
      sel.append(g.selectionRate());
      tpr.append(g.truePositiveRate());
      fpr.append(g.falsePositiveRate());
      ece.append(g.calibration().calibrationError());
    }
    t.addColumns(sel, tpr, fpr, ece);
    return t;
  }

  /** The three fairness criteria with their definitions. */
  public Table fairness() {
    return Table.create("fairness (positive class '" + positiveClass + "')",
        StringColumn.create("criterion", "demographic parity difference", "equal opportunity difference",
            "equalised odds difference"),
        DoubleColumn.create("value", demographicParityDifference(), equalOpportunityDifference(),
            equalizedOddsDifference()),
        StringColumn.create("definition", "max - min over groups of P(yhat = pos)",
            "max - min over groups of P(yhat = pos | y = pos)",
            "max of the TPR difference and the FPR difference P(yhat = pos | y != pos)"));
  }

  /**
   * The first metric per group as a dot with its interval (groups left to right in the legend's order), and
   * the overall figure as a line.
   */
  public Figure plot() {
    Metric m = metrics.get(0);
    List<Group> gs = groups.subList(1, groups.size());
    XYChart c = Theme.style(new XYChartBuilder().width(720).height(420)
        .title(m.name() + " by " + grouping + " (95 % bootstrap intervals)")
        .xAxisTitle(grouping + " (groups in the legend)").yAxisTitle(m.name()).build());
    c.getStyler().setXAxisTicksVisible(false);
    double overall = groups.get(0).metrics().get(m.name())[0];
    XYSeries line = c.addSeries("overall", new double[] {0.5, gs.size() + 0.5}, new double[] {overall, overall});
    line.setMarker(SeriesMarkers.NONE);
    line.setLineColor(Theme.INK);
    line.setShowInLegend(true);
    for (int i = 0; i < gs.size(); i++) {
      double[] f = gs.get(i).metrics().get(m.name());
      double x = i + 1;
      if (!Double.isNaN(f[1])) {
        XYSeries ci = c.addSeries("ci " + i, new double[] {x, x}, new double[] {f[1], f[2]});
        ci.setMarker(SeriesMarkers.NONE);
        ci.setLineColor(Theme.categorical(i));
        ci.setShowInLegend(false);
      }
      XYSeries dot = c.addSeries(gs.get(i).name(), new double[] {x}, new double[] {Double.isNaN(f[0]) ? overall : f[0]});
      dot.setMarker(SeriesMarkers.CIRCLE);
      dot.setMarkerColor(Theme.categorical(i));
      dot.setLineColor(Theme.categorical(i));
    }
    c.getStyler().setXAxisMin(0.5);
    c.getStyler().setXAxisMax(gs.size() + 0.5);
    return XChartFigure.of(c);
  }

  /** Reliability curves of the positive-class probability, one per group. */
  public Figure calibrationPlot() {
    Map<String, CalibrationCurve> curves = new LinkedHashMap<>();
    for (Group g : groups.subList(1, groups.size())) {
      curves.put(g.name(), g.calibration());
    }
    return CalibrationCurve.plot(curves);
  }

  @Override
  public String toHtml() {
    return Tables.html(toTable(), "Subgroups by " + grouping + ": " + resamples + " bootstrap resamples, seed "
        + seed + "; positive class '" + positiveClass + "'") + Tables.html(fairness(),
        "Fairness: demographic parity " + Numbers.format(demographicParityDifference()) + ", equalised odds "
            + Numbers.format(equalizedOddsDifference()));
  }

  @Override
  public String toText() {
    return Tables.text(toTable()) + "\n" + Tables.text(fairness());
  }

  @Override
  public String toString() {
    return "SubgroupReport(" + grouping + ", " + groups() + ")";
  }
}
