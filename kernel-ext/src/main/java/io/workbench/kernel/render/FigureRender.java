package io.workbench.kernel.render;

import io.workbench.display.Displayable;
import io.workbench.plot.Figure;
import io.workbench.plot.XChartFigure;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Charts, figures, images and {@link Displayable} values as MIME data: PNG at twice the nominal
 * resolution (sharp on high-DPI screens, shown at nominal size through metadata), SVG on request.
 *
 * <pre>{@code
 * display(XChartFigure.of(chart), "image/svg+xml");
 * }</pre>
 */
public final class FigureRender {

  private FigureRender() {}

  static void renderChart(Object chart, Set<String> requested, Map<String, Object> out, Map<String, Object> meta) {
    renderFigure(XChartFigure.of((Chart<?, ?>) chart), requested, out, meta);
  }

  static void renderFigure(Object value, Set<String> requested, Map<String, Object> out, Map<String, Object> meta) {
    Figure f = (Figure) value;
    if (requested.isEmpty() || requested.contains(Renderers.PNG)) {
      out.put(Renderers.PNG, Renderers.base64(f.toPng(144)));
      meta.put(Renderers.PNG, Map.of("width", f.width(), "height", f.height()));
    }
    if (requested.contains(Renderers.SVG)) {
      out.put(Renderers.SVG, f.toSvg());
    }
    out.put(Renderers.TEXT, f.toString());
  }

  static void renderDisplayable(Object value, Map<String, Object> out) {
    Displayable d = (Displayable) value;
    out.put(Renderers.HTML, d.toHtml());
    out.put(Renderers.TEXT, d.toText());
  }

  static void renderImage(Object value, Map<String, Object> out) {
    RenderedImage img = (RenderedImage) value;
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      ImageIO.write(img, "png", b);
      out.put(Renderers.PNG, Renderers.base64(b.toByteArray()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode image as PNG", e);
    }
    out.put(Renderers.TEXT, "image " + img.getWidth() + "x" + img.getHeight());
  }
}
