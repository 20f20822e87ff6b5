package io.workbench.plot;

import java.awt.image.BufferedImage;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * A {@link Figure} backed by one XChart chart. Use {@link #of(Chart)} to show any XChart chart the
 * workbench way.
 *
 * <pre>{@code
 * XYChart c = new XYChartBuilder().width(600).height(400).title("loss").build();
 * Figure f = XChartFigure.of(c);
 * }</pre>
 */
public final class XChartFigure implements Figure {

  private final Chart<?, ?> chart;

  private XChartFigure(Chart<?, ?> chart) {
    this.chart = chart;
  }

  /**
   * Wraps an XChart chart. Its styler's fonts are swapped for identical ones that let the SVG keep
   * labels as text (nothing changes on screen).
   */
  public static XChartFigure of(Chart<?, ?> chart) {
    if (chart == null) {
      throw new IllegalArgumentException("XChartFigure.of needs a chart, got null");
    }
    keepText(chart.getStyler());
    return new XChartFigure(chart);
  }

  private static void keepText(Styler s) {
    s.setChartTitleFont(TextFont.of(s.getChartTitleFont()));
    s.setLegendFont(TextFont.of(s.getLegendFont()));
    s.setAnnotationTextFont(TextFont.of(s.getAnnotationTextFont()));
    s.setAnnotationTextPanelFont(TextFont.of(s.getAnnotationTextPanelFont()));
    if (s instanceof AxesChartStyler a) {
      a.setAxisTitleFont(TextFont.of(a.getAxisTitleFont()));
      a.setAxisTickLabelsFont(TextFont.of(a.getAxisTickLabelsFont()));
    }
    if (s instanceof HeatMapStyler h) {
      h.setValueFont(TextFont.of(h.getValueFont()));
    }
  }

  /** The wrapped chart, to adjust styling before rendering. */
  public Chart<?, ?> chart() {
    return chart;
  }

  @Override
  public int width() {
    return chart.getWidth();
  }

  @Override
  public int height() {
    return chart.getHeight();
  }

  @Override
  public String title() {
    return chart.getTitle() == null ? "" : chart.getTitle();
  }

  /** Paints the chart into {@code (0, 0, width, height)}, for use inside a larger figure. */
  @Override
  public Painter painter() {
    return (g, w, h) -> chart.paint(g, w, h);
  }

  @Override
  public BufferedImage toImage() {
    return Render.image(painter(), width(), height(), 1.0);
  }

  @Override
  public byte[] toPng(int dpi) {
    return Render.png(painter(), width(), height(), dpi, title());
  }

  /** The chart as SVG; labels, titles and legend entries are {@code <text>} elements, not glyph paths. */
  @Override
  public String toSvg() {
    return Render.svg(painter(), width(), height(), title());
  }

  @Override
  public String toString() {
    return "Figure['" + title() + "', " + width() + "x" + height() + "]";
  }
}
