package io.workbench.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The one look of every workbench chart: fonts legible at notebook width (~800 px), the colour-blind-safe
 * Okabe-Ito palette for categories, a blue-white-red diverging palette centred at zero for signed
 * attributions, a blue-purple-red ramp for feature values (low to high, as in shap) and a light-to-dark
 * blue sequential palette for heatmaps.
 *
 * <pre>{@code
 * Color c = Theme.categorical(0);          // Okabe-Ito blue
 * Color neg = Theme.diverging(-1.0);      // strong blue; 0.0 is near white, +1.0 strong red
 * XYChart chart = ...; Theme.style(chart); // apply fonts, grid and palette to your own XChart chart
 * }</pre>
 */
public final class Theme {

  /** Okabe-Ito colours, ordered for lines on white (yellow last: weakest contrast). */
  public static final List<Color> OKABE_ITO = List.of(
      new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xE69F00),
      new Color(0xCC79A7), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442));

  /** Negative attributions. */
  public static final Color NEGATIVE = new Color(0x1E88E5);
  /** Positive attributions. */
  public static final Color POSITIVE = new Color(0xFF0D57);
  /** Text and axes. */
  public static final Color INK = new Color(0x222222);
  /** Grid lines. */
  public static final Color GRID = new Color(0xE3E3E3);

  static final String FAMILY = Font.SANS_SERIF;
  static final Font TITLE_FONT = new TextFont(FAMILY, Font.BOLD, 17);
  static final Font AXIS_TITLE_FONT = new TextFont(FAMILY, Font.PLAIN, 14);
  static final Font TICK_FONT = new TextFont(FAMILY, Font.PLAIN, 12);
  static final Font LEGEND_FONT = new TextFont(FAMILY, Font.PLAIN, 12);
  static final Font ANNOTATION_FONT = new TextFont(FAMILY, Font.PLAIN, 11);

  private static final Color[] DIVERGING = {
      new Color(0x2166AC), new Color(0x67A9CF), new Color(0xD1E5F0), new Color(0xF7F7F7),
      new Color(0xFDDBC7), new Color(0xEF8A62), new Color(0xB2182B)};
  private static final Color[] LOW_HIGH = {new Color(0x1E88E5), new Color(0x8E44AD), new Color(0xFF0D57)};
  private static final Color[] SEQUENTIAL = {
      new Color(0xF7FBFF), new Color(0xC6DBEF), new Color(0x6BAED6), new Color(0x2171B5), new Color(0x08306B)};

  private Theme() {}

  /**
   * The title font, shrunk (down to 11 pt) until {@code title} fits in {@code width} pixels with a
   * margin, so long titles are never clipped.
   */
  static java.awt.Font titleFont(String title, int width) {
    if (title == null || title.isEmpty()) {
      return TITLE_FONT;
    }
    java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_ARGB);
    java.awt.Graphics2D g = scratch.createGraphics();
    try {
      for (int size = TITLE_FONT.getSize(); size > 11; size--) {
        Font f = size == TITLE_FONT.getSize() ? TITLE_FONT : new TextFont(FAMILY, Font.BOLD, size);
        if (g.getFontMetrics(new Font(f.getAttributes())).stringWidth(title) <= width - 24) {
          return f;
        }
      }
      return new TextFont(FAMILY, Font.BOLD, 11);
    } finally {
      g.dispose();
    }
  }

  /** The i-th categorical colour (wraps around after eight). */
  public static Color categorical(int i) {
    return OKABE_ITO.get(Math.floorMod(i, OKABE_ITO.size()));
  }

  /** Diverging blue-white-red for {@code t} in [-1, 1] (clamped): -1 blue, 0 near white, +1 red. */
  public static Color diverging(double t) {
    return ramp(DIVERGING, (clamp(t, -1, 1) + 1) / 2);
  }

  /** Feature-value colour for {@code t} in [0, 1] (clamped): low blue, through purple, high red. */
  public static Color lowHigh(double t) {
    return ramp(LOW_HIGH, clamp(t, 0, 1));
  }

  /** Sequential light-to-dark blue for {@code t} in [0, 1] (clamped). */
  public static Color sequential(double t) {
    return ramp(SEQUENTIAL, clamp(t, 0, 1));
  }

  /** The colour with the given alpha (0..255). */
  public static Color withAlpha(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /** Black or white, whichever reads better on {@code background}. */
  public static Color textOn(Color background) {
    double luminance = (0.299 * background.getRed() + 0.587 * background.getGreen() + 0.114 * background.getBlue());
    return luminance < 140 ? Color.WHITE : INK;
  }

  static Color[] divergingStops() {
    return DIVERGING.clone();
  }

  static Color[] sequentialStops() {
    return SEQUENTIAL.clone();
  }

  private static Color ramp(Color[] stops, double t) {
    if (Double.isNaN(t)) {
      return new Color(0xBBBBBB);
    }
    double pos = t * (stops.length - 1);
    int i = Math.min((int) Math.floor(pos), stops.length - 2);
    double f = pos - i;
    Color a = stops[i];
    Color b = stops[i + 1];
    return new Color(
        (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
        (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
        (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
  }

  private static double clamp(double t, double lo, double hi) {
    return Double.isNaN(t) ? t : Math.max(lo, Math.min(hi, t));
  }

  /** Applies fonts, colours, grid and legend placement to an XChart XY chart. */
  public static XYChart style(XYChart chart) {
    axes(chart.getStyler());
    chart.getStyler().setMarkerSize(6);
    return chart;
  }

  /** Applies the theme to an XChart category (bar) chart. */
  public static CategoryChart style(CategoryChart chart) {
    axes(chart.getStyler());
    return chart;
  }

  /** Applies the theme to an XChart heat map. */
  public static HeatMapChart style(HeatMapChart chart) {
    axes(chart.getStyler());
    chart.getStyler().setValueFont(ANNOTATION_FONT);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    return chart;
  }

  private static void axes(AxesChartStyler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(true);
    s.setPlotBorderColor(new Color(0xBBBBBB));
    s.setChartTitleFont(TITLE_FONT);
    s.setChartTitleBoxVisible(false);
    s.setChartFontColor(INK);
    s.setAxisTitleFont(AXIS_TITLE_FONT);
    s.setAxisTickLabelsFont(TICK_FONT);
    s.setAxisTickLabelsColor(INK);
    s.setAxisTickMarksColor(new Color(0x888888));
    s.setLegendFont(LEGEND_FONT);
    s.setLegendBorderColor(new Color(0xCCCCCC));
    s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
    if (!(s instanceof org.knowm.xchart.style.HeatMapStyler)) {
      s.setLegendPosition(Styler.LegendPosition.InsideNE);
    }
    s.setAnnotationTextFont(ANNOTATION_FONT);
    s.setAnnotationTextFontColor(INK);
    s.setPlotGridLinesColor(GRID);
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setPlotMargin(6);
    s.setChartPadding(12);
    s.setSeriesColors(OKABE_ITO.toArray(new Color[0]));
    s.setToolTipsEnabled(false);
    s.setAntiAlias(true);
  }
}
