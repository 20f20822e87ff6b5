package io.workbench.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

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

  /** Wraps an XChart chart. */
  public static XChartFigure of(Chart<?, ?> chart) {
    if (chart == null) {
      throw new IllegalArgumentException("XChartFigure.of needs a chart, got null");
    }
    return new XChartFigure(chart);
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

  @Override
  public BufferedImage toImage() {
    return render(1.0);
  }

  private BufferedImage render(double scale) {
    int w = (int) Math.round(width() * scale);
    int h = (int) Math.round(height() * scale);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.scale(scale, scale);
    chart.paint(g, width(), height());
    g.dispose();
    return img;
  }

  @Override
  public byte[] toPng(int dpi) {
    if (dpi < 36 || dpi > 1200) {
      throw new IllegalArgumentException("dpi must be in 36..1200, got " + dpi);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(render(dpi / 72.0), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render chart '" + title() + "' as PNG", e);
    }
  }

  @Override
  public String toSvg() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render chart '" + title() + "' as SVG", e);
    }
  }

  @Override
  public String toString() {
    return "Figure['" + title() + "', " + width() + "x" + height() + "]";
  }
}
