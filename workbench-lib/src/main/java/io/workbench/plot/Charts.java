package io.workbench.plot;

import io.workbench.check.Checks;
import io.workbench.stats.Stats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Every workbench chart, one static call from plain arrays to a {@link Figure} (PNG at any DPI, SVG with
 * searchable text). Each method has a variant taking {@link ChartOptions} for size, title, axis labels,
 * units and the number of features shown; titles and labels default to names taken from the data.
 *
 * <pre>{@code
 * Figure roc = Charts.roc(List.of(new Curve("xgboost", fpr, tpr, 0.987)));
 * Figure swarm = Charts.beeswarm(featureNames, attributions, featureValues,
 *     ChartOptions.defaults().maxFeatures(10).title("SHAP summary"));
 * swarm.savePng(Path.of("swarm.png"));
 * }</pre>
 *
 * <p>Bad input (empty arrays, mismatched lengths, NaN, unknown feature names) fails with an
 * {@link IllegalArgumentException} that names the chart, the argument and the offending position.
 */
public final class Charts {

  private static final int COLOUR_BINS = 16;
  private static final int SIDE_STRIP = 74;
  private static final int MIN_SIGNAL_PANEL = 170;
  private static final BasicStroke DASHED =
      new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f);
  private static final Color REFERENCE = new Color(0x888888);

  private Charts() {}

  // ------------------------------------------------------------------ training history

  /** Loss and metrics per epoch, train vs validation; one panel per metric. */
  public static Figure trainingHistory(Map<String, double[]> train, Map<String, double[]> validation) {
    return trainingHistory(train, validation, ChartOptions.defaults());
  }

  /**
   * Loss and metrics per epoch: one panel per metric name (in the maps' order, train's first), train
   * solid, validation dashed. {@code validation} may be null or empty.
   */
  public static Figure trainingHistory(Map<String, double[]> train, Map<String, double[]> validation,
      ChartOptions o) {
    String chart = "trainingHistory";
    Checks.notNull(train, chart + ": train");
    Checks.notNull(o, chart + ": options");
    Map<String, double[]> val = validation == null ? Map.of() : validation;
    Set<String> metrics = new LinkedHashSet<>(train.keySet());
    metrics.addAll(val.keySet());
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException(chart + ": no metrics given (train and validation are empty)");
    }
    List<Figure> panels = new ArrayList<>();
    int i = 0;
    for (String metric : metrics) {
      boolean last = ++i == metrics.size();
      XYChart c = xy(o.width(), o.height() / metrics.size(), null, last ? o.xLabelOr("Epoch") : null, metric);
      double[] tr = train.get(metric);
      double[] va = val.get(metric);
      if (tr != null) {
        Checks.finite(tr, chart + ": train '" + metric + "'");
        line(c, "train", epochs(tr.length), tr, Theme.categorical(0), 2f, false);
      }
      if (va != null) {
        Checks.finite(va, chart + ": validation '" + metric + "'");
        XYSeries s = line(c, "validation", epochs(va.length), va, Theme.categorical(1), 2f, true);
        if (va.length <= 30) {
          s.setMarker(SeriesMarkers.CIRCLE);
        }
      }
      if (tr != null && tr.length <= 30) {
        c.getSeriesMap().get("train").setMarker(SeriesMarkers.CIRCLE);
      }
      double[] trend = tr != null ? tr : va;
      c.getStyler().setLegendPosition(trend[trend.length - 1] < trend[0]
          ? Styler.LegendPosition.InsideNE : Styler.LegendPosition.InsideSE);
      int epochsMax = Math.max(tr == null ? 0 : tr.length, va == null ? 0 : va.length);
      int every = epochsMax <= 12 ? 1 : epochsMax <= 30 ? 5 : epochsMax <= 120 ? 10 : 50;
      c.getStyler().setXAxisMin(epochsMax <= 12 ? 1.0 : 0.0);
      c.getStyler().setXAxisMax((double) Math.max(2, (epochsMax + every - 1) / every * every));
      c.getStyler().setXAxisTickMarkSpacingHint(epochsMax <= 12 ? 40 : 60);
      decimalPatterns(c);
      c.getStyler().setxAxisTickLabelsFormattingFunction(v -> {
        long e = Math.round(v);
        return Math.abs(v - e) < 1e-6 && e % every == 0 ? Long.toString(e) : " ";
      });
      c.getStyler().setPlotGridVerticalLinesVisible(false);
      panels.add(XChartFigure.of(c));
    }
    return StackFigure.vertical(o.titleOr("Training history"), o.width(), o.height(), panels);
  }

  // ------------------------------------------------------------------ model evaluation

  /** ROC curves of several models on one chart, AUC in the legend. */
  public static Figure roc(List<Curve> curves) {
    return roc(curves, ChartOptions.defaults());
  }

  /** ROC curves (x false positive rate, y true positive rate); {@link Curve#score()} is the AUC. */
  public static Figure roc(List<Curve> curves, ChartOptions o) {
    Curve.check(curves, "roc", 0, 1);
    XYChart c = xy(o.width(), o.height(), o.titleOr("ROC curve"), o.xLabelOr("False positive rate"),
        o.yLabelOr("True positive rate"));
    unitSquare(c);
    line(c, "chance", new double[] {0, 1}, new double[] {0, 1}, REFERENCE, 1.5f, true);
    addCurves(c, curves, "AUC");
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    return fig(c);
  }

  /** Precision-recall curves of several models, average precision in the legend. */
  public static Figure precisionRecall(List<Curve> curves) {
    return precisionRecall(curves, ChartOptions.defaults());
  }

  /** Precision-recall curves (x recall, y precision); {@link Curve#score()} is the average precision. */
  public static Figure precisionRecall(List<Curve> curves, ChartOptions o) {
    Curve.check(curves, "precisionRecall", 0, 1);
    XYChart c = xy(o.width(), o.height(), o.titleOr("Precision-recall curve"), o.xLabelOr("Recall"),
        o.yLabelOr("Precision"));
    unitSquare(c);
    addCurves(c, curves, "AP");
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
    return fig(c);
  }

  /** Reliability diagram; see {@link #calibration(List, ChartOptions)}. */
  public static Figure calibration(List<Curve> curves) {
    return calibration(curves, ChartOptions.defaults());
  }

  /**
   * Calibration (reliability) diagram: per model, x the mean predicted probability of a bin and y the
   * observed fraction of positives in it, against the diagonal of perfect calibration;
   * {@link Curve#score()} is shown as the Brier score.
   */
  public static Figure calibration(List<Curve> curves, ChartOptions o) {
    Curve.check(curves, "calibration", 0, 1);
    XYChart c = xy(o.width(), o.height(), o.titleOr("Calibration (reliability diagram)"),
        o.xLabelOr("Mean predicted probability"), o.yLabelOr("Fraction of positives"));
    unitSquare(c);
    line(c, "perfectly calibrated", new double[] {0, 1}, new double[] {0, 1}, REFERENCE, 1.5f, true);
    List<XYSeries> added = addCurves(c, curves, "Brier");
    added.forEach(s -> s.setMarker(SeriesMarkers.CIRCLE));
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    return fig(c);
  }

  /** Confusion matrix heatmap with counts; see {@link #confusionMatrix(int[][], List, ChartOptions)}. */
  public static Figure confusionMatrix(int[][] counts, List<String> classNames) {
    return confusionMatrix(counts, classNames, ChartOptions.defaults());
  }

  /**
   * Confusion matrix: rows are true classes (first at the top), columns predicted classes, each cell
   * annotated with its count and shaded by it (light to mid blue, so the black counts stay readable);
   * the default title reports accuracy and n.
   */
  public static Figure confusionMatrix(int[][] counts, List<String> classNames, ChartOptions o) {
    String chart = "confusionMatrix";
    Checks.notNull(counts, chart + ": counts");
    int k = counts.length;
    if (k == 0) {
      throw new IllegalArgumentException(chart + ": counts has no rows");
    }
    Checks.names(classNames, k, chart + ": classNames", "counts");
    long total = 0;
    long correct = 0;
    for (int r = 0; r < k; r++) {
      if (counts[r] == null || counts[r].length != k) {
        throw new IllegalArgumentException(chart + ": counts row " + r + " has "
            + (counts[r] == null ? "no" : counts[r].length) + " columns, expected " + k + " (square matrix)");
      }
      for (int c = 0; c < k; c++) {
        if (counts[r][c] < 0) {
          throw new IllegalArgumentException(chart + ": counts[" + r + "][" + c + "] is " + counts[r][c]
              + ", expected a count >= 0");
        }
        total += counts[r][c];
      }
      correct += counts[r][r];
    }
    if (total == 0) {
      throw new IllegalArgumentException(chart + ": counts are all zero");
    }
    String title = o.titleOr(String.format(Locale.ROOT, "Confusion matrix (accuracy %.1f%%, n = %d)",
        100.0 * correct / total, total));
    HeatMapChart c = heatMap(o, title, o.xLabelOr("Predicted class"), o.yLabelOr("True class"));
    List<String> ys = new ArrayList<>(classNames);
    java.util.Collections.reverse(ys);
    List<Number[]> cells = new ArrayList<>();
    int maxCount = 1;
    for (int r = 0; r < k; r++) {
      for (int col = 0; col < k; col++) {
        cells.add(new Number[] {col, k - 1 - r, counts[r][col]});
        maxCount = Math.max(maxCount, counts[r][col]);
      }
    }
    c.getStyler().setMin(0);
    c.getStyler().setMax(maxCount);
    c.getStyler().setRangeColors(new Color[] {
        new Color(0xF7FBFF), new Color(0xC6DBEF), new Color(0x9ECAE1), new Color(0x6BAED6)});
    c.getStyler().setShowValue(true);
    c.getStyler().setHeatMapValueDecimalPattern("#");
    c.getStyler().setLegendVisible(false);
    c.addSeries("counts", new ArrayList<>(classNames), ys, cells);
    return XChartFigure.of(c);
  }

  // ------------------------------------------------------------------ global importance

  /** Horizontal importance bars, sorted, without error bars. */
  public static Figure importance(List<String> featureNames, double[] importance) {
    return importance(featureNames, importance, null, ChartOptions.defaults());
  }

  /**
   * Global importance as horizontal bars sorted largest first (at the top), with error bars of
   * {@code +-errors[i]} (std or CI half-width; null for none). Shows {@code maxFeatures} (default 15).
   */
  public static Figure importance(List<String> featureNames, double[] importance, double[] errors,
      ChartOptions o) {
    String chart = "importance";
    Checks.finite(importance, chart + ": importance");
    Checks.names(featureNames, importance.length, chart + ": featureNames", "importance");
    if (errors != null) {
      Checks.sameLength(chart + ": errors", errors.length, "importance", importance.length);
      Checks.finite(errors, chart + ": errors");
      for (int i = 0; i < errors.length; i++) {
        if (errors[i] < 0) {
          throw new IllegalArgumentException(chart + ": errors[" + i + "] is " + errors[i] + ", expected >= 0");
        }
      }
    }
    int[] order = IntStream.range(0, importance.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -importance[i])).mapToInt(Integer::intValue).toArray();
    int k = Math.min(order.length, o.maxFeaturesOr(15));
    XYChart c = xy(o.width(), o.height(), null, o.xLabelOr("Importance"), null);
    List<String> rowNames = new ArrayList<>();
    double lo = 0;
    double hi = 0;
    for (int row = 0; row < k; row++) {
      int f = order[k - 1 - row];
      rowNames.add(featureNames.get(f));
      double v = importance[f];
      double e = errors == null ? 0 : errors[f];
      bar(c, "bar " + row, row, 0, v, 0.36, v >= 0 ? Theme.categorical(0) : Theme.categorical(5));
      lo = Math.min(lo, Math.min(v, v - e));
      hi = Math.max(hi, Math.max(v, v + e));
      if (errors != null && e > 0) {
        errorBar(c, "err " + row, row, v - e, v + e);
      }
    }
    double pad = 0.04 * (hi - lo == 0 ? 1 : hi - lo);
    c.getStyler().setXAxisMin(lo < 0 ? lo - pad : 0.0);
    c.getStyler().setXAxisMax(hi + pad);
    if (errors != null) {
      XYSeries key = line(c, "error bars", new double[] {lo}, new double[] {-5}, Theme.INK, 1.5f, false);
      key.setShowInLegend(true);
      c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    }
    return rowFigure(o.titleOr("Feature importance"), c, rowNames, o, null);
  }

  // ------------------------------------------------------------------ local attributions

  /** SHAP-style summary; see {@link #beeswarm(List, double[][], double[][], ChartOptions)}. */
  public static Figure beeswarm(List<String> featureNames, double[][] attributions, double[][] featureValues) {
    return beeswarm(featureNames, attributions, featureValues, ChartOptions.defaults());
  }

  /**
   * SHAP-style summary (beeswarm): one row per top feature ({@code maxFeatures}, default 12, ranked by mean
   * |attribution|, most important at the top), one dot per sample at its attribution, coloured by the
   * feature's value (blue low to red high, scaled per feature between its 5th and 95th percentile) and
   * spread vertically by the local density of dots. {@code featureValues} may be null (grey dots).
   *
   * @param attributions [samples][features]
   * @param featureValues [samples][features], same shape, or null
   */
  public static Figure beeswarm(List<String> featureNames, double[][] attributions, double[][] featureValues,
      ChartOptions o) {
    String chart = "beeswarm";
    int d = Checks.finite(attributions, chart + ": attributions");
    Checks.names(featureNames, d, chart + ": featureNames", "attributions (columns)");
    if (featureValues != null) {
      Checks.finite(featureValues, chart + ": featureValues");
      sameShape(attributions, featureValues, chart, "attributions", "featureValues");
    }
    int n = attributions.length;
    double[] meanAbs = new double[d];
    for (double[] row : attributions) {
      for (int j = 0; j < d; j++) {
        meanAbs[j] += Math.abs(row[j]) / n;
      }
    }
    int[] order = IntStream.range(0, d).boxed().sorted(Comparator.comparingDouble((Integer j) -> -meanAbs[j]))
        .mapToInt(Integer::intValue).toArray();
    int k = Math.min(d, o.maxFeaturesOr(12));
    boolean coloured = featureValues != null;
    int plotW = coloured ? o.width() - SIDE_STRIP : o.width();
    XYChart c = xy(plotW, o.height(), null, o.xLabelOr("Attribution (impact on model output)"), null);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int row = 0; row < k; row++) {
      int f = order[row];
      for (double[] a : attributions) {
        min = Math.min(min, a[f]);
        max = Math.max(max, a[f]);
      }
    }
    double span = max - min == 0 ? 1 : max - min;
    List<List<double[]>> byBin = new ArrayList<>();
    for (int b = 0; b < COLOUR_BINS + 1; b++) {
      byBin.add(new ArrayList<>());
    }
    List<String> rowNames = new ArrayList<>();
    for (int row = 0; row < k; row++) {
      int f = order[k - 1 - row];
      rowNames.add(featureNames.get(f));
      double[] a = column(attributions, f);
      double[] offsets = swarmOffsets(a, min, span, 0.42);
      double[] scaled = coloured ? robustScale(column(featureValues, f)) : null;
      for (int s = 0; s < n; s++) {
        int bin = coloured ? Math.min(COLOUR_BINS - 1, (int) (scaled[s] * COLOUR_BINS)) : COLOUR_BINS;
        byBin.get(bin).add(new double[] {a[s], row + offsets[s]});
      }
    }
    line(c, "zero", new double[] {0, 0}, new double[] {-0.6, k - 0.4}, REFERENCE, 1f, false).setShowInLegend(false);
    for (int b = 0; b <= COLOUR_BINS; b++) {
      List<double[]> pts = byBin.get(b);
      if (pts.isEmpty()) {
        continue;
      }
      Color col = b == COLOUR_BINS ? new Color(0x555555) : Theme.lowHigh((b + 0.5) / COLOUR_BINS);
      XYSeries s = c.addSeries("values " + b, pts.stream().mapToDouble(p -> p[0]).toArray(),
          pts.stream().mapToDouble(p -> p[1]).toArray());
      s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(Theme.withAlpha(col, 210));
      s.setShowInLegend(false);
    }
    c.getStyler().setMarkerSize(n > 2000 ? 3 : 5);
    c.getStyler().setXAxisMin(min - 0.04 * span);
    c.getStyler().setXAxisMax(max + 0.04 * span);
    return rowFigure(o.titleOr("Attribution summary (" + n + " samples)"), c, rowNames, o,
        coloured ? ColorBar.featureValue("Feature value") : null);
  }

  /** SHAP-style waterfall for one sample; see {@link #waterfall(List, double[], double[], double, ChartOptions)}. */
  public static Figure waterfall(List<String> featureNames, double[] attribution, double[] featureValues,
      double baseValue) {
    return waterfall(featureNames, attribution, featureValues, baseValue, ChartOptions.defaults());
  }

  /**
   * SHAP-style waterfall for one sample: starting at the base value (bottom), each of the
   * {@code maxFeatures} (default 10) largest |attributions| moves the output right (red, positive) or
   * left (blue, negative) until the prediction {@code base + sum(attribution)} at the top; the rest are
   * summed into one "other features" bar. Rows are labelled "feature = value" ({@code featureValues} may
   * be null for names only).
   */
  public static Figure waterfall(List<String> featureNames, double[] attribution, double[] featureValues,
      double baseValue, ChartOptions o) {
    String chart = "waterfall";
    Checks.finite(attribution, chart + ": attribution");
    Checks.names(featureNames, attribution.length, chart + ": featureNames", "attribution");
    if (featureValues != null) {
      Checks.sameLength(chart + ": featureValues", featureValues.length, "attribution", attribution.length);
      Checks.finite(featureValues, chart + ": featureValues");
    }
    if (!Double.isFinite(baseValue)) {
      throw new IllegalArgumentException(chart + ": baseValue is " + baseValue + ", expected a finite number");
    }
    int d = attribution.length;
    int[] order = IntStream.range(0, d).boxed()
        .sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(attribution[j]))).mapToInt(Integer::intValue)
        .toArray();
    int shown = Math.min(d, o.maxFeaturesOr(10));
    if (d - shown == 1) {
      shown = d;
    }
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    if (shown < d) {
      double rest = 0;
      for (int i = shown; i < d; i++) {
        rest += attribution[order[i]];
      }
      labels.add((d - shown) + " other features");
      values.add(rest);
    }
    for (int i = shown - 1; i >= 0; i--) {
      int f = order[i];
      labels.add(featureValues == null ? featureNames.get(f)
          : featureNames.get(f) + " = " + fmt(featureValues[f]));
      values.add(attribution[f]);
    }
    double prediction = baseValue + Arrays.stream(attribution).sum();
    String title = o.titleOr("Prediction f(x) = " + fmt(prediction) + " from base value E[f(X)] = " + fmt(baseValue));
    XYChart c = xy(o.width(), o.height(), null, o.xLabelOr("Model output"), null);
    double cum = baseValue;
    double lo = Math.min(baseValue, prediction);
    double hi = Math.max(baseValue, prediction);
    double[] starts = new double[labels.size()];
    for (int row = 0; row < labels.size(); row++) {
      starts[row] = cum;
      cum += values.get(row);
      lo = Math.min(lo, cum);
      hi = Math.max(hi, cum);
    }
    double span = hi - lo == 0 ? Math.max(1e-9, Math.abs(hi)) : hi - lo;
    // room on both sides for the value labels: estimate the plot's pixel width from the row labels
    int longest = labels.stream().mapToInt(String::length).max().orElse(0);
    double plotPx = Math.max(150, o.width() - 7.0 * longest - 70);
    double labelPx = 62;
    double padUnits = span * (labelPx / plotPx) / Math.max(0.3, 1 - 2 * labelPx / plotPx);
    double unitsPerPx = (span + 2 * padUnits) / plotPx;
    for (int row = 0; row < labels.size(); row++) {
      double v = values.get(row);
      double s = starts[row];
      Color col = v >= 0 ? Theme.POSITIVE : Theme.NEGATIVE;
      arrow(c, "bar " + row, row, s, s + v, 0.36, Math.min(Math.abs(v), 8 * unitsPerPx), col);
      String text = (v >= 0 ? "+" : "\u2212") + fmt(Math.abs(v));
      double tw = text.length() * 7.0 + 16;
      double x = v >= 0 ? s + v + unitsPerPx * tw / 2 : s + v - unitsPerPx * tw / 2;
      c.addAnnotation(new AnnotationText(text, x, row, false));
    }
    int rowsN = labels.size();
    line(c, "base value", new double[] {baseValue, baseValue}, new double[] {-0.6, rowsN - 0.4}, REFERENCE,
        1f, true);
    line(c, "prediction", new double[] {prediction, prediction}, new double[] {-0.6, rowsN - 0.4},
        Theme.INK, 1f, true);
    c.getStyler().setLegendVisible(false);
    c.getStyler().setXAxisMin(lo - padUnits);
    c.getStyler().setXAxisMax(hi + padUnits);
    return rowFigure(title, c, labels, o, null);
  }

  /** Dependence plot; see {@link #dependence(List, double[][], double[][], String, String, ChartOptions)}. */
  public static Figure dependence(List<String> featureNames, double[][] attributions, double[][] featureValues,
      String feature, String colourBy) {
    return dependence(featureNames, attributions, featureValues, feature, colourBy, ChartOptions.defaults());
  }

  /**
   * Dependence plot: the value of {@code feature} (x) against its attribution (y), one dot per sample,
   * coloured by the value of {@code colourBy} (null for a single colour).
   */
  public static Figure dependence(List<String> featureNames, double[][] attributions, double[][] featureValues,
      String feature, String colourBy, ChartOptions o) {
    String chart = "dependence";
    int d = Checks.finite(attributions, chart + ": attributions");
    Checks.names(featureNames, d, chart + ": featureNames", "attributions (columns)");
    Checks.finite(featureValues, chart + ": featureValues");
    sameShape(attributions, featureValues, chart, "attributions", "featureValues");
    int f = Checks.indexOf(featureNames, feature, chart + ": feature");
    int g = colourBy == null ? -1 : Checks.indexOf(featureNames, colourBy, chart + ": colourBy");
    double[] x = column(featureValues, f);
    double[] y = column(attributions, f);
    int plotW = g >= 0 ? o.width() - SIDE_STRIP : o.width();
    XYChart c = xy(plotW, o.height(), null, o.xLabelOr(feature), o.yLabelOr("Attribution of " + feature));
    line(c, "zero", new double[] {min(x), max(x)}, new double[] {0, 0}, REFERENCE, 1f, false);
    if (g < 0) {
      XYSeries s = c.addSeries("samples", x, y);
      s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(Theme.withAlpha(Theme.categorical(0), 200));
    } else {
      double[] scaled = robustScale(column(featureValues, g));
      for (int b = 0; b < COLOUR_BINS; b++) {
        List<Integer> idx = new ArrayList<>();
        for (int s = 0; s < x.length; s++) {
          if (Math.min(COLOUR_BINS - 1, (int) (scaled[s] * COLOUR_BINS)) == b) {
            idx.add(s);
          }
        }
        if (idx.isEmpty()) {
          continue;
        }
        XYSeries s = c.addSeries("bin " + b, idx.stream().mapToDouble(i -> x[i]).toArray(),
            idx.stream().mapToDouble(i -> y[i]).toArray());
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(Theme.withAlpha(Theme.lowHigh((b + 0.5) / COLOUR_BINS), 210));
      }
    }
    c.getStyler().setLegendVisible(false);
    c.getStyler().setMarkerSize(6);
    String title = o.titleOr("Dependence of the attribution on " + feature);
    StackFigure fig = StackFigure.vertical(title, o.width(), o.height(), List.of(fig(c)));
    return g >= 0 ? fig.withSideStrip(ColorBar.featureValue(colourBy), SIDE_STRIP) : fig;
  }

  // ------------------------------------------------------------------ attribution over signals and images

  /** Attribution over a signal; see {@link #signalAttribution(double[][], double[][], double, List, ChartOptions)}. */
  public static Figure signalAttribution(double[][] signal, double[][] attribution, double sampleRate,
      List<String> channelNames) {
    return signalAttribution(signal, attribution, sampleRate, channelNames, ChartOptions.defaults());
  }

  /**
   * Attribution over a signal: one panel per channel with the waveform in black over a colour band of
   * its attribution (blue negative, white zero, red positive, one symmetric scale for all channels); the
   * time axis is in seconds (the options' x unit is ignored; the y unit labels every channel). Each panel
   * gets at least 170 pixels: with many channels the figure is taller than the options ask.
   *
   * @param signal [channels][samples]
   * @param attribution [channels][samples], the same shape
   * @param sampleRate samples per second
   */
  public static Figure signalAttribution(double[][] signal, double[][] attribution, double sampleRate,
      List<String> channelNames, ChartOptions o) {
    String chart = "signalAttribution";
    int len = Checks.finite(signal, chart + ": signal");
    Checks.finite(attribution, chart + ": attribution");
    sameShape(signal, attribution, chart, "signal", "attribution");
    Checks.names(channelNames, signal.length, chart + ": channelNames", "signal (channels)");
    if (!(sampleRate > 0) || !Double.isFinite(sampleRate)) {
      throw new IllegalArgumentException(chart + ": sampleRate is " + sampleRate + ", expected > 0 samples per second");
    }
    double maxAbs = 0;
    for (double[] row : attribution) {
      for (double v : row) {
        maxAbs = Math.max(maxAbs, Math.abs(v));
      }
    }
    double scale = maxAbs == 0 ? 1 : maxAbs;
    double[] t = new double[len];
    for (int i = 0; i < len; i++) {
      t[i] = i / sampleRate;
    }
    int channels = signal.length;
    List<Figure> panels = new ArrayList<>();
    int plotW = o.width() - SIDE_STRIP;
    // every panel keeps room for its channel name: the figure grows when the asked height is too small
    int height = Math.min(10_000, Math.max(o.height(), 80 + MIN_SIGNAL_PANEL * channels));
    for (int ch = 0; ch < channels; ch++) {
      boolean last = ch == channels - 1;
      XYChart c = xy(plotW, height / channels, null, last ? o.xUnit("s").xLabelOr("Time") : null, withUnit(channelNames.get(ch), o.yUnit()));
      double lo = min(signal[ch]);
      double hi = max(signal[ch]);
      double pad = 0.08 * (hi - lo == 0 ? 1 : hi - lo);
      lo -= pad;
      hi += pad;
      colourBand(c, t, attribution[ch], scale, lo, hi, sampleRate);
      // an invisible span keeps XChart's ticks at round numbers in panels without a band (0, 0.5, 1 rather than
      // every 20th sample: 0.15, 0.3, 0.45, 0.59)
      line(c, "span", new double[] {0, t[len - 1]}, new double[] {lo, lo}, new Color(0, 0, 0, 0), 0.1f, false)
          .setShowInLegend(false);
      XYSeries s = line(c, channelNames.get(ch), t, signal[ch], Theme.INK, 1.3f, false);
      s.setShowInLegend(false);
      c.getStyler().setYAxisMin(lo);
      c.getStyler().setYAxisMax(hi);
      c.getStyler().setXAxisMin(0.0);
      c.getStyler().setXAxisMax(t[len - 1]);
      c.getStyler().setLegendVisible(false);
      c.getStyler().setPlotGridLinesVisible(false);
      panels.add(fig(c));
    }
    String title = o.titleOr("Attribution over the signal");
    return StackFigure.vertical(title, o.width(), height, panels)
        .withSideStrip(ColorBar.signed("\u2212" + fmt(scale), "+" + fmt(scale), o.valueLabelOr("Attribution")),
            SIDE_STRIP);
  }

  /** Attribution over an image; see {@link #imageAttribution(double[][], Map, ChartOptions)}. */
  public static Figure imageAttribution(double[][] image, Map<String, double[][]> attributionsByMethod) {
    return imageAttribution(image, attributionsByMethod, ChartOptions.defaults());
  }

  /**
   * Attribution over an image: the input in grey, then one panel per method with the image faded in grey
   * and the attribution as a diverging overlay (red positive, blue negative, transparent near zero),
   * each method on its own symmetric scale (its max |attribution| is printed under the panel).
   *
   * @param image [height][width] intensities (any range; shown min to max)
   * @param attributionsByMethod method name to [height][width] attribution, in display order
   */
  public static Figure imageAttribution(double[][] image, Map<String, double[][]> attributionsByMethod,
      ChartOptions o) {
    String chart = "imageAttribution";
    Checks.finite(image, chart + ": image");
    Checks.notNull(attributionsByMethod, chart + ": attributionsByMethod");
    if (attributionsByMethod.isEmpty()) {
      throw new IllegalArgumentException(chart + ": no attribution methods given");
    }
    Map<String, double[][]> methods = new LinkedHashMap<>();
    attributionsByMethod.forEach((name, a) -> {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(chart + ": a method name is blank");
      }
      Checks.finite(a, chart + ": attribution '" + name + "'");
      sameShape(image, a, chart, "image", "attribution '" + name + "'");
      methods.put(name, a);
    });
    String title = o.titleOr(methods.size() == 1 ? "Attribution: " + methods.keySet().iterator().next()
        : "Attribution by method");
    return CanvasFigure.of(title, o.width(), o.height(), new ImagePanels(title, image, methods));
  }

  /** Images in a grid with captions; see {@link #imageGrid(float[][], int[], List, Map, int, ChartOptions)}. */
  public static Figure imageGrid(float[][] images, int[] sampleShape, List<String> captions, int columns) {
    return imageGrid(images, sampleShape, captions, Map.of(), columns, ChartOptions.defaults());
  }

  /**
   * Many images in a grid of {@code columns} cells per row, a caption under each cell. Images are rows of a
   * dataset with sample shape {@code [height, width]} or {@code [channels, height, width]} (channels are
   * averaged, shown in grey from the smallest value, white, to the largest, black, as digits are drawn, on
   * one scale for all images). With overlays, each cell also shows, per method, the faded image under that
   * method's attribution (channels summed; red positive, blue negative, each panel on its own symmetric
   * scale). Captions wrap to at most two lines within their cell and are cut with an ellipsis beyond, and
   * each grid row reserves the room its captions need, so they never overlap. The figure takes the
   * options' width; its height follows from the layout.
   *
   * <pre>{@code
   * Charts.imageGrid(digits.x(rows), digits.sampleShape(), captions, 8);
   * Charts.imageGrid(x, new int[] {1, 8, 8}, captions, Map.of("occlusion", occlusionValues), 4,
   *     ChartOptions.defaults().title("Occlusion"));
   * }</pre>
   *
   * @param images one flattened image per row
   * @param captions one per image, or null for none
   * @param overlays method name to one flattened attribution per image (same length as the image), in
   *     display order; empty for images only
   */
  public static Figure imageGrid(float[][] images, int[] sampleShape, List<String> captions,
      Map<String, double[][]> overlays, int columns, ChartOptions o) {
    String chart = "imageGrid";
    Checks.notNull(images, chart + ": images");
    Checks.notNull(sampleShape, chart + ": sampleShape");
    Checks.notNull(overlays, chart + ": overlays");
    if (images.length == 0) {
      throw new IllegalArgumentException(chart + ": images has no rows");
    }
    if (sampleShape.length != 2 && sampleShape.length != 3 || Arrays.stream(sampleShape).anyMatch(s -> s < 1)) {
      throw new IllegalArgumentException(chart + ": sampleShape " + Arrays.toString(sampleShape)
          + " is not an image shape; expected [height, width] or [channels, height, width]");
    }
    if (columns < 1) {
      throw new IllegalArgumentException(chart + ": columns is " + columns + ", expected >= 1");
    }
    if (captions != null && captions.size() != images.length) {
      throw new IllegalArgumentException(chart + ": " + captions.size() + " captions for " + images.length + " images");
    }
    int d = Arrays.stream(sampleShape).reduce(1, Math::multiplyExact);
    List<double[][]> planes = new ArrayList<>();
    for (int i = 0; i < images.length; i++) {
      Checks.notNull(images[i], chart + ": " + "images[" + i + "]");
      double[] row = new double[images[i].length];
      for (int j = 0; j < row.length; j++) {
        row[j] = images[i][j];
      }
      planes.add(plane(row, sampleShape, d, false, chart, "images[" + i + "]"));
    }
    List<String> methods = new ArrayList<>();
    List<List<double[][]>> maps = new ArrayList<>();
    overlays.forEach((name, a) -> {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(chart + ": an overlay method name is blank");
      }
      Checks.notNull(a, chart + ": " + "overlay '" + name + "'");
      if (a.length != images.length) {
        throw new IllegalArgumentException(chart + ": overlay '" + name + "' has " + a.length + " rows for "
            + images.length + " images");
      }
      List<double[][]> m = new ArrayList<>();
      for (int i = 0; i < a.length; i++) {
        Checks.notNull(a[i], chart + ": " + "overlay '" + name + "' row " + i);
        m.add(plane(a[i], sampleShape, d, true, chart, "overlay '" + name + "' row " + i));
      }
      methods.add(name);
      maps.add(m);
    });
    String title = o.titleOr("");
    ImageGrid grid = new ImageGrid(title, planes, captions, methods, maps, columns, o.width());
    return CanvasFigure.of(title.isEmpty() ? "Image grid" : title, o.width(), grid.height(), grid);
  }

  /** The smallest number with two significant digits that is at least {@code v} (1 for 0): a legend's end. */
  static double roundUp(double v) {
    if (!(v > 0)) {
      return 1;
    }
    return new BigDecimal(v).round(new MathContext(2, java.math.RoundingMode.CEILING)).doubleValue();
  }

  /** One flattened image as {@code [height][width]}, channels averaged (or summed). */
  private static double[][] plane(double[] flat, int[] shape, int d, boolean sum, String chart, String arg) {
    if (flat.length != d) {
      throw new IllegalArgumentException(chart + ": " + arg + " has " + flat.length + " values but sampleShape "
          + Arrays.toString(shape) + " holds " + d);
    }
    Checks.finite(flat, chart + ": " + arg);
    int c = shape.length == 3 ? shape[0] : 1;
    int h = shape[shape.length - 2];
    int w = shape[shape.length - 1];
    double[][] out = new double[h][w];
    for (int j = 0; j < d; j++) {
      out[(j / w) % h][j % w] += flat[j] / (sum ? 1 : c);
    }
    return out;
  }

  // ------------------------------------------------------------------ model behaviour and faithfulness

  /** Partial dependence with ICE curves; see {@link #partialDependence(String, double[], double[], double[][], ChartOptions)}. */
  public static Figure partialDependence(String feature, double[] grid, double[] average, double[][] ice) {
    return partialDependence(feature, grid, average, ice, ChartOptions.defaults());
  }

  /**
   * Partial dependence (thick line: the average prediction as {@code feature} moves along {@code grid})
   * with individual conditional expectation curves (thin, one per sample; {@code ice} may be null).
   *
   * @param ice [samples][grid points] or null
   */
  public static Figure partialDependence(String feature, double[] grid, double[] average, double[][] ice,
      ChartOptions o) {
    String chart = "partialDependence";
    checkCurve(chart, feature, grid, average, "average");
    XYChart c = xy(o.width(), o.height(), o.titleOr("Partial dependence on " + feature), o.xLabelOr(feature),
        o.yLabelOr("Prediction"));
    if (ice != null) {
      int cols = Checks.finite(ice, chart + ": ice");
      if (cols != grid.length) {
        throw new IllegalArgumentException(chart + ": ice rows have " + cols + " values but grid has " + grid.length);
      }
      int shown = Math.min(ice.length, 200);
      for (int i = 0; i < shown; i++) {
        int r = (int) ((long) i * ice.length / shown);
        XYSeries s = line(c, i == 0 ? "ICE (" + ice.length + " samples)" : "ice " + i, grid, ice[r],
            Theme.withAlpha(Theme.categorical(5), 70), 1f, false);
        s.setShowInLegend(i == 0);
      }
    }
    line(c, "Partial dependence (average)", grid, average, Theme.categorical(1), 3f, false);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    return fig(c);
  }

  /** A named feature, a finite grid and as many finite values over it, or an exception naming what is off. */
  private static void checkCurve(String chart, String feature, double[] grid, double[] values, String name) {
    if (feature == null || feature.isBlank()) {
      throw new IllegalArgumentException(chart + ": feature name is blank");
    }
    Checks.finite(grid, chart + ": grid");
    Checks.notNull(values, chart + ": " + name);
    Checks.sameLength(chart + ": " + name, values.length, "grid", grid.length);
    Checks.finite(values, chart + ": " + name);
  }

  /** Accumulated local effects; see {@link #accumulatedLocalEffects(String, String, double[], double[], ChartOptions)}. */
  public static Figure accumulatedLocalEffects(String feature, String output, double[] grid, double[] effect) {
    return accumulatedLocalEffects(feature, output, grid, effect, ChartOptions.defaults());
  }

  /**
   * A first-order accumulated local effect (ALE): the centred effect of {@code feature} on {@code output} at
   * each bin edge, joined by lines, with a marker per edge (the edges are quantiles, so their spacing shows
   * where the data lie). A dashed line marks 0, the mean effect over the data.
   *
   * <pre>{@code
   * Charts.accumulatedLocalEffects("bmi", "prediction", new double[] {18, 25, 32}, new double[] {-1, 0.2, 1.5});
   * }</pre>
   *
   * @param grid bin edges, ascending
   * @param effect effect at each edge
   */
  public static Figure accumulatedLocalEffects(String feature, String output, double[] grid, double[] effect,
      ChartOptions o) {
    checkCurve("accumulatedLocalEffects", feature, grid, effect, "effect");
    XYChart c = xy(o.width(), o.height(), o.titleOr("Accumulated local effect of " + feature),
        o.xLabelOr(feature), o.yLabelOr("Effect on " + (output == null ? "prediction" : output)));
    if (grid.length > 1) {
      line(c, "0 (mean effect)", new double[] {grid[0], grid[grid.length - 1]}, new double[2], Theme.GRID.darker(), 1f, true);
    }
    XYSeries s = line(c, "ALE", grid, effect, Theme.categorical(1), 2.5f, false);
    s.setMarker(SeriesMarkers.CIRCLE);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    return fig(c);
  }

  /**
   * Heatmap of a signed matrix (an interaction surface, with ChartOptions defaults) on a diverging palette symmetric about 0: blue below,
   * white at 0, red above. The first row is at the top; cells carry their value when there are at most 12
   * columns and 20 rows.
   *
   * <pre>{@code
   * Charts.signedHeatmap(List.of("0", "1"), List.of("a", "b"), new double[][] {{-1, 1}, {1, -1}}, "x", "b", "a");
   * }</pre>
   *
   * @param values [rows][columns], finite
   */
  public static Figure signedHeatmap(List<String> rowNames, List<String> columnNames, double[][] values,
      String title, String xLabel, String yLabel) {
    String chart = "signedHeatmap";
    int cols = Checks.finite(values, chart + ": values");
    int rows = values.length;
    Checks.names(rowNames, rows, chart + ": rowNames", "values (rows)");
    Checks.names(columnNames, cols, chart + ": columnNames", "values (columns)");
    double max = 0;
    List<Number[]> cells = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < cols; k++) {
        max = Math.max(max, Math.abs(values[r][k]));
        cells.add(new Number[] {k, rows - 1 - r, values[r][k]});
      }
    }
    ChartOptions o = ChartOptions.defaults();
    HeatMapChart c = heatMap(o, title == null ? "Heatmap" : title, xLabel == null ? "" : xLabel,
        yLabel == null ? "" : yLabel);
    List<String> ys = new ArrayList<>(rowNames);
    java.util.Collections.reverse(ys);
    double top = roundUp(max);
    c.getStyler().setMin(-top);
    c.getStyler().setMax(top);
    c.getStyler().setRangeColors(Theme.divergingStops());
    boolean annotated = cols <= 12 && rows <= 20;
    c.getStyler().setShowValue(annotated);
    c.getStyler().setHeatMapValueDecimalPattern(top >= 100 ? "0" : top >= 1 ? "0.0" : "0.000");
    c.getStyler().setXAxisLabelRotation(cols > 8 ? 40 : 0);
    c.addSeries("values", new ArrayList<>(columnNames), ys, cells);
    return XChartFigure.of(c);
  }

  /** Deletion and insertion curves; see {@link #deletionInsertion(List, ChartOptions)}. */
  public static Figure deletionInsertion(List<Curve> curves) {
    return deletionInsertion(curves, ChartOptions.defaults());
  }

  /**
   * Deletion and insertion curves for explanation faithfulness: x the fraction of features removed
   * (deletion) or inserted (insertion) in attribution order, y the model output;
   * {@link Curve#score()} is the area under the curve, shown in the legend.
   */
  public static Figure deletionInsertion(List<Curve> curves, ChartOptions o) {
    Curve.check(curves, "deletionInsertion", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    boolean deletion = curves.stream().allMatch(k -> k.name().toLowerCase(Locale.ROOT).startsWith("deletion"));
    boolean insertion = curves.stream().allMatch(k -> k.name().toLowerCase(Locale.ROOT).startsWith("insertion"));
    String title = deletion ? "Deletion curve" : insertion ? "Insertion curve" : "Deletion and insertion curves";
    String x = deletion ? "removed" : insertion ? "inserted" : "removed / inserted";
    XYChart c = xy(o.width(), o.height(), o.titleOr(title), o.xLabelOr("Fraction of features " + x),
        o.yLabelOr("Model output"));
    addCurves(c, curves, "AUC");
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
    return fig(c);
  }

  /** Agreement of two importance rankings; see {@link #rankAgreement(List, double[], double[], String, String, ChartOptions)}. */
  public static Figure rankAgreement(List<String> featureNames, double[] importanceA, double[] importanceB,
      String methodA, String methodB) {
    return rankAgreement(featureNames, importanceA, importanceB, methodA, methodB, ChartOptions.defaults());
  }

  /**
   * Method agreement: each feature's rank by method A (x) against its rank by method B (y), rank 1 the
   * most important (largest value; pass |attribution| for signed scores), ties sharing their average
   * rank; the title carries Spearman's rho ({@link #spearman}); the five features with the best mean rank
   * are labelled.
   */
  public static Figure rankAgreement(List<String> featureNames, double[] importanceA, double[] importanceB,
      String methodA, String methodB, ChartOptions o) {
    String chart = "rankAgreement";
    Checks.finite(importanceA, chart + ": importanceA");
    Checks.notNull(importanceB, chart + ": importanceB");
    Checks.sameLength(chart + ": importanceB", importanceB.length, "importanceA", importanceA.length);
    Checks.finite(importanceB, chart + ": importanceB");
    Checks.names(featureNames, importanceA.length, chart + ": featureNames", "importanceA");
    if (importanceA.length < 2) {
      throw new IllegalArgumentException(chart + ": needs at least 2 features to compare rankings, got 1");
    }
    String a = methodA == null || methodA.isBlank() ? "method A" : methodA;
    String b = methodB == null || methodB.isBlank() ? "method B" : methodB;
    double[] ra = Stats.ranks(negate(importanceA));
    double[] rb = Stats.ranks(negate(importanceB));
    double rho = Stats.pearson(ra, rb);
    int d = ra.length;
    XYChart c = xy(o.width(), o.height(),
        o.titleOr(String.format(Locale.ROOT, "Ranking agreement: Spearman \u03c1 = %.3f", rho)),
        o.xLabelOr("Rank by " + a), o.yLabelOr("Rank by " + b));
    line(c, "equal rank", new double[] {1, d}, new double[] {1, d}, REFERENCE, 1.5f, true);
    XYSeries s = c.addSeries("features", ra, rb);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(Theme.withAlpha(Theme.categorical(0), 220));
    double unitsPerPx = (d + 1) / (0.8 * o.width());
    int[] best = IntStream.range(0, d).boxed().sorted(Comparator.comparingDouble((Integer i) -> ra[i] + rb[i]))
        .limit(Math.min(5, d)).mapToInt(Integer::intValue).toArray();
    for (int i : best) {
      String name = featureNames.get(i);
      double w = name.length() * 6.4 + 12;
      c.addAnnotation(new AnnotationText(name, ra[i] + unitsPerPx * w / 2, rb[i], false));
    }
    c.getStyler().setXAxisMin(0.0);
    c.getStyler().setXAxisMax(d + 1.0);
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(d + 1.0);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    return fig(c);
  }

  /** Correlation matrix heatmap; see {@link #correlationMatrix(List, double[][], ChartOptions)}. */
  public static Figure correlationMatrix(List<String> names, double[][] correlation) {
    return correlationMatrix(names, correlation, ChartOptions.defaults());
  }

  /**
   * Correlation matrix as a heatmap on a diverging palette fixed at [-1, 1] (white at 0); cells are
   * annotated with their value when there are at most 12 variables. The first variable is at the top.
   */
  public static Figure correlationMatrix(List<String> names, double[][] correlation, ChartOptions o) {
    String chart = "correlationMatrix";
    int cols = Checks.finite(correlation, chart + ": correlation");
    int d = correlation.length;
    if (cols != d) {
      throw new IllegalArgumentException(chart + ": correlation is " + d + "x" + cols + ", expected a square matrix");
    }
    Checks.names(names, d, chart + ": names", "correlation");
    for (int r = 0; r < d; r++) {
      for (int k = 0; k < d; k++) {
        if (Math.abs(correlation[r][k]) > 1 + 1e-9) {
          throw new IllegalArgumentException(chart + ": correlation[" + r + "][" + k + "] is " + correlation[r][k]
              + ", expected a value within [-1, 1]");
        }
      }
    }
    HeatMapChart c = heatMap(o, o.titleOr("Correlation matrix"), o.xLabelOr(""), o.yLabelOr(""));
    List<String> ys = new ArrayList<>(names);
    java.util.Collections.reverse(ys);
    List<Number[]> cells = new ArrayList<>();
    for (int r = 0; r < d; r++) {
      for (int k = 0; k < d; k++) {
        cells.add(new Number[] {k, d - 1 - r, correlation[r][k]});
      }
    }
    c.getStyler().setMin(-1);
    c.getStyler().setMax(1);
    c.getStyler().setRangeColors(new Color[] {new Color(0x4393C3), new Color(0x92C5DE), new Color(0xD1E5F0),
        new Color(0xF7F7F7), new Color(0xFDDBC7), new Color(0xF4A582), new Color(0xD6604D)});
    c.getStyler().setShowValue(d <= 12);
    c.getStyler().setHeatMapValueDecimalPattern("0.00");
    c.getStyler().setXAxisLabelRotation(d > 4 ? 40 : 0);
    c.addSeries("correlation", new ArrayList<>(names), ys, cells);
    return XChartFigure.of(c);
  }

  /** Heatmap of a matrix; see {@link #heatmap(List, List, double[][], ChartOptions)}. */
  public static Figure heatmap(List<String> rowNames, List<String> columnNames, double[][] values) {
    return heatmap(rowNames, columnNames, values, ChartOptions.defaults());
  }

  /**
   * Heatmap of a non-negative matrix (attribution mass per channel and window, shares per channel and
   * class): one row per {@code rowNames} entry (the first at the top), one column per {@code columnNames}
   * entry, shaded from white (0) to the largest value; cells are annotated with their value when there
   * are at most 12 columns and 20 rows, and column labels are thinned to at most 24.
   *
   * <pre>{@code
   * Charts.heatmap(List.of("C3", "C4"), List.of("0", "32", "64"), new double[][] {{1, 2, 0}, {0, 3, 1}});
   * }</pre>
   *
   * @param values [rows][columns], finite and {@code >= 0}
   */
  public static Figure heatmap(List<String> rowNames, List<String> columnNames, double[][] values,
      ChartOptions o) {
    String chart = "heatmap";
    int cols = Checks.finite(values, chart + ": values");
    int rows = values.length;
    Checks.names(rowNames, rows, chart + ": rowNames", "values (rows)");
    Checks.names(columnNames, cols, chart + ": columnNames", "values (columns)");
    double max = 0;
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < cols; k++) {
        if (values[r][k] < 0) {
          throw new IllegalArgumentException(chart + ": values[" + r + "][" + k + "] is " + values[r][k]
              + ", expected a value >= 0");
        }
        max = Math.max(max, values[r][k]);
      }
    }
    HeatMapChart c = heatMap(o, o.titleOr("Heatmap"), o.xLabelOr(""), o.yLabelOr(""));
    List<String> ys = new ArrayList<>(rowNames);
    java.util.Collections.reverse(ys);
    int every = (cols + 23) / 24;
    List<String> xs = new ArrayList<>();
    for (int k = 0; k < cols; k++) {
      // thinned labels stay distinct: XChart keys its categories by label
      xs.add(k % every == 0 ? columnNames.get(k) : "\u200b".repeat(k % every) + " ".repeat(k / every));
    }
    List<Number[]> cells = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < cols; k++) {
        cells.add(new Number[] {k, rows - 1 - r, values[r][k]});
      }
    }
    c.getStyler().setMin(0);
    c.getStyler().setMax(roundUp(max));
    boolean annotated = cols <= 12 && rows <= 20;
    // annotated cells stay light enough for dark digits
    c.getStyler().setRangeColors(annotated ? Arrays.copyOf(Theme.sequentialStops(), 3) : Theme.sequentialStops());
    c.getStyler().setShowValue(annotated);
    c.getStyler().setHeatMapValueDecimalPattern(max >= 100 ? "0" : max >= 1 ? "0.0" : "0.000");
    c.getStyler().setXAxisLabelRotation(cols > 8 ? 40 : 0);
    c.addSeries("values", xs, ys, cells);
    return XChartFigure.of(c);
  }

  /**
   * Spearman's rank correlation of two score vectors: the Pearson correlation of their ranks, ties
   * sharing the average rank. NaN when either vector is constant.
   */
  public static double spearman(double[] a, double[] b) {
    Checks.finite(a, "spearman: a");
    Checks.notNull(b, "spearman: b");
    Checks.sameLength("spearman: b", b.length, "a", a.length);
    Checks.finite(b, "spearman: b");
    return Stats.spearman(a, b);
  }

  // ------------------------------------------------------------------ helpers

  private static XYChart xy(int width, int height, String title, String xLabel, String yLabel) {
    XYChart c = new XYChartBuilder().width(width).height(height).build();
    Theme.style(c);
    if (title == null || title.isEmpty()) {
      c.getStyler().setChartTitleVisible(false);
    } else {
      c.setTitle(title);
      c.getStyler().setChartTitleFont(Theme.titleFont(title, width));
    }
    if (xLabel != null && !xLabel.isEmpty()) {
      c.setXAxisTitle(xLabel);
    } else {
      c.getStyler().setXAxisTitleVisible(false);
    }
    if (yLabel != null && !yLabel.isEmpty()) {
      c.setYAxisTitle(yLabel);
    } else {
      c.getStyler().setYAxisTitleVisible(false);
    }
    return c;
  }

  private static HeatMapChart heatMap(ChartOptions o, String title, String xLabel, String yLabel) {
    HeatMapChart c = new HeatMapChartBuilder().width(o.width()).height(o.height()).title(title).build();
    Theme.style(c);
    // XChart centres a heat map's title over the plot, left of the legend: fit it in that width
    c.getStyler().setChartTitleFont(Theme.titleFont(title, o.width() - 2 * 110));
    c.getStyler().setPlotGridLinesVisible(false);
    c.getStyler().setDrawBorder(true);
    c.getStyler().setAxisTicksMarksVisible(false);
    c.getStyler().setValueFontColor(Theme.INK);
    if (!xLabel.isEmpty()) {
      c.setXAxisTitle(xLabel);
    } else {
      c.getStyler().setXAxisTitleVisible(false);
    }
    if (!yLabel.isEmpty()) {
      c.setYAxisTitle(yLabel);
    } else {
      c.getStyler().setYAxisTitleVisible(false);
    }
    return c;
  }

  private static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color, float width,
      boolean dashed) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    s.setMarkerColor(color);
    s.setLineStyle(dashed
        ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f)
        : new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    return s;
  }

  private static List<XYSeries> addCurves(XYChart c, List<Curve> curves, String scoreName) {
    List<XYSeries> out = new ArrayList<>();
    for (int i = 0; i < curves.size(); i++) {
      Curve cv = curves.get(i);
      String label = Double.isNaN(cv.score()) ? cv.name()
          : String.format(Locale.ROOT, "%s (%s = %.3f)", cv.name(), scoreName, cv.score());
      out.add(line(c, label, cv.x(), cv.y(), Theme.categorical(i), 2.2f, false));
    }
    return out;
  }

  /** Axes from 0 to 1 with a small margin (so curves along the edges stay visible). */
  private static void unitSquare(XYChart c) {
    c.getStyler().setXAxisMin(-0.02);
    c.getStyler().setXAxisMax(1.02);
    c.getStyler().setYAxisMin(-0.02);
    c.getStyler().setYAxisMax(1.02);
  }

  private static double[] epochs(int n) {
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      e[i] = i + 1;
    }
    return e;
  }

  /** Applies tick label patterns that suit the data's range, then wraps the chart. */
  private static XChartFigure fig(XYChart c) {
    decimalPatterns(c);
    return XChartFigure.of(c);
  }

  /**
   * Tick label patterns with as many decimals as the axis range needs ("0.05", not ".05"; "14.1", not
   * "14.100000381469727" when XChart labels equally spaced data points).
   */
  private static void decimalPatterns(XYChart c) {
    double[] xr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double[] yr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (XYSeries s : c.getSeriesMap().values()) {
      for (double v : s.getXData()) {
        xr[0] = Math.min(xr[0], v);
        xr[1] = Math.max(xr[1], v);
      }
      for (double v : s.getYData()) {
        yr[0] = Math.min(yr[0], v);
        yr[1] = Math.max(yr[1], v);
      }
    }
    var st = c.getStyler();
    if (st.getXAxisMin() != null && st.getXAxisMax() != null) {
      xr = new double[] {st.getXAxisMin(), st.getXAxisMax()};
    }
    if (st.getYAxisMin() != null && st.getYAxisMax() != null) {
      yr = new double[] {st.getYAxisMin(), st.getYAxisMax()};
    }
    if (xr[1] > xr[0]) {
      if (st.getXAxisMin() == null || st.getXAxisMax() == null) {
        // a small margin keeps XChart from labelling every point of equally spaced data
        double margin = 0.02 * (xr[1] - xr[0]);
        st.setXAxisMin(xr[0] - margin);
        st.setXAxisMax(xr[1] + margin);
      }
      // a formatting function also makes XChart pick round tick values instead of labelling every
      // point of equally spaced data (grids, fractions, epochs)
      java.text.DecimalFormat format =
          new java.text.DecimalFormat(pattern(xr[1] - xr[0]), java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
      st.setxAxisTickLabelsFormattingFunction(v -> {
        String text = format.format(v);
        return "-0".equals(text) ? "0" : text;
      });
    }
    if (yr[1] > yr[0]) {
      st.setYAxisDecimalPattern(pattern(yr[1] - yr[0]));
    }
  }

  private static String pattern(double range) {
    int decimals = (int) Math.max(0, Math.min(8, Math.ceil(-Math.log10(range)) + 2));
    return decimals == 0 ? "0" : "0." + "#".repeat(decimals);
  }

  /** A horizontal bar from {@code from} to {@code to} at row {@code y}, as a filled polygon. */
  private static void bar(XYChart c, String name, double y, double from, double to, double half, Color color) {
    XYSeries s = c.addSeries(name, new double[] {from, to, to, from, from},
        new double[] {y - half, y - half, y + half, y + half, y - half});
    filled(s, color, 0.5f);
  }

  /**
   * A filled polygon outlined in its own colour with a solid line: without an explicit stroke XChart cycles
   * its series line styles (solid, dashed, dotted), which drew dashed outlines that no legend explained.
   */
  private static void filled(XYSeries s, Color color, float outline) {
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
    s.setMarker(SeriesMarkers.NONE);
    s.setFillColor(color);
    s.setLineColor(color);
    s.setLineStyle(new BasicStroke(outline));
    s.setShowInLegend(false);
  }

  /** A horizontal bar ending in an arrow head pointing in the direction of the change. */
  private static void arrow(XYChart c, String name, double y, double from, double to, double half, double tip,
      Color color) {
    double dir = Math.signum(to - from);
    double neck = to - dir * tip;
    XYSeries s = c.addSeries(name, new double[] {from, neck, to, neck, from, from},
        new double[] {y - half, y - half, y, y + half, y + half, y - half});
    filled(s, color, 0.5f);
  }

  private static void errorBar(XYChart c, String name, double y, double lo, double hi) {
    double cap = 0.16;
    XYSeries s = c.addSeries(name, new double[] {lo, lo, lo, hi, hi, hi},
        new double[] {y - cap, y + cap, y, y, y - cap, y + cap});
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(Theme.INK);
    s.setLineStyle(new BasicStroke(1.5f));
    s.setShowInLegend(false);
  }

  /**
   * A chart whose rows 0..k-1 (bottom to top) are labelled with {@code names} to the left of the plot,
   * under a title, with an optional colour bar on the right. XChart's tick calculator cannot put one
   * label on every integer row, so the labels are drawn beside the chart at the rows' screen positions.
   */
  private static Figure rowFigure(String title, XYChart c, List<String> names, ChartOptions o, ColorBar side) {
    int k = names.size();
    decimalPatterns(c);
    c.getStyler().setYAxisMin(-0.6);
    c.getStyler().setYAxisMax(k - 0.4);
    c.getStyler().setYAxisTicksVisible(false);
    c.getStyler().setPlotGridHorizontalLinesVisible(false);
    c.getStyler().setChartTitleVisible(false);
    if (c.getSeriesMap().values().stream().noneMatch(XYSeries::isShowInLegend)) {
      c.getStyler().setLegendVisible(false);
    }
    List<String> labels = List.copyOf(names);
    Painter p = (g, w, h) -> {
      g.setFont(Theme.TICK_FONT.deriveFont((float) Theme.TICK_FONT.getSize()));
      java.awt.FontMetrics fm = g.getFontMetrics();
      int widest = labels.stream().mapToInt(fm::stringWidth).max().orElse(0);
      int labelW = Math.min(w / 2, widest + 14);
      java.awt.geom.AffineTransform saved = g.getTransform();
      g.translate(labelW, 0);
      c.paint(g, w - labelW, h);
      g.setTransform(saved);
      g.setFont(Theme.TICK_FONT.deriveFont((float) Theme.TICK_FONT.getSize()));
      g.setColor(Theme.INK);
      for (int r = 0; r < labels.size(); r++) {
        String text = labels.get(r);
        while (fm.stringWidth(text) > labelW - 8 && text.length() > 2) {
          text = text.substring(0, text.length() - 2) + "\u2026";
        }
        double y = c.getScreenYFromChart(r);
        g.drawString(text, (float) (labelW - 6 - fm.stringWidth(text)), (float) (y + fm.getAscent() / 2.0 - 1));
      }
    };
    int plotW = side == null ? o.width() : o.width() - SIDE_STRIP;
    StackFigure fig = StackFigure.vertical(title, o.width(), o.height(), List.of(CanvasFigure.of(title, plotW,
        o.height(), p)));
    return side == null ? fig : fig.withSideStrip(side, SIDE_STRIP);
  }

  /**
   * Vertical offsets that spread a row of dots by local density: dots are binned along x; in a bin they
   * alternate above and below the row centre, further out the more dots share the bin, so dense regions
   * grow wide and sparse ones stay thin. Deterministic (ordered by value within a bin).
   */
  static double[] swarmOffsets(double[] a, double min, double span, double halfHeight) {
    int bins = 80;
    int n = a.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.comparingDouble(i -> a[i]));
    int[] count = new int[bins];
    int[] rank = new int[n];
    for (int i : idx) {
      int b = Math.min(bins - 1, Math.max(0, (int) ((a[i] - min) / span * bins)));
      rank[i] = count[b]++;
    }
    int maxCount = Arrays.stream(count).max().orElse(1);
    double step = halfHeight / Math.max(1, (maxCount + 1) / 2);
    double[] off = new double[n];
    for (int i = 0; i < n; i++) {
      int r = rank[i];
      int layer = (r + 1) / 2;
      off[i] = (r % 2 == 1 ? 1 : -1) * layer * step;
    }
    return off;
  }

  /** Values mapped to [0, 1] between their 5th and 95th percentile (clamped); constant columns give 0.5. */
  static double[] robustScale(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    double lo = s[(int) Math.floor(0.05 * (s.length - 1))];
    double hi = s[(int) Math.ceil(0.95 * (s.length - 1))];
    if (hi <= lo) {
      lo = s[0];
      hi = s[s.length - 1];
    }
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = hi > lo ? Math.max(0, Math.min(1, (v[i] - lo) / (hi - lo))) : 0.5;
    }
    return out;
  }

  /** Background band coloured by attribution: at most 400 segments, runs of one colour merged. */
  private static void colourBand(XYChart c, double[] t, double[] attribution, double scale, double lo, double hi,
      double sampleRate) {
    int len = t.length;
    int segments = Math.min(len, 400);
    int levels = 10;
    int prevLevel = Integer.MIN_VALUE;
    double runStart = 0;
    int series = 0;
    for (int sgm = 0; sgm <= segments; sgm++) {
      int level = Integer.MIN_VALUE;
      double start = 0;
      if (sgm < segments) {
        int a0 = (int) ((long) sgm * len / segments);
        int a1 = (int) ((long) (sgm + 1) * len / segments);
        double mean = 0;
        for (int i = a0; i < a1; i++) {
          mean += attribution[i] / (a1 - a0);
        }
        level = (int) Math.round(mean / scale * levels);
        start = a0 / sampleRate;
      } else {
        start = len / sampleRate;
      }
      if (level != prevLevel) {
        if (prevLevel != Integer.MIN_VALUE && prevLevel != 0) {
          Color col = Theme.withAlpha(Theme.diverging(prevLevel / (double) levels), 200);
          double end = Math.min(start, t[len - 1]);
          XYSeries s = c.addSeries("band " + series++, new double[] {runStart, end, end, runStart, runStart},
              new double[] {lo, lo, hi, hi, lo});
          filled(s, col, 0.1f);
        }
        prevLevel = level;
        runStart = start;
      }
    }
  }

  private static double[] column(double[][] m, int j) {
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i][j];
    }
    return out;
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(0);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }

  private static double[] negate(double[] v) {
    return Arrays.stream(v).map(x -> -x).toArray();
  }

  private static void sameShape(double[][] a, double[][] b, String chart, String argA, String argB) {
    if (a.length != b.length || a[0].length != b[0].length) {
      throw new IllegalArgumentException(chart + ": " + argB + " is " + b.length + "x" + b[0].length + " but "
          + argA + " is " + a.length + "x" + a[0].length + "; they must have the same shape");
    }
  }

  private static String withUnit(String label, String unit) {
    return unit.isEmpty() ? label : label + " (" + unit + ")";
  }

  /** Three significant digits, plain notation for ordinary magnitudes. */
  static String fmt(double v) {
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1e5 || a < 1e-3) {
      return String.format(Locale.ROOT, "%.2e", v);
    }
    return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
