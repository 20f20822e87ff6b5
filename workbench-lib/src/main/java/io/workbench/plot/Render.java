package io.workbench.plot;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Bitmap, PNG and SVG output shared by every figure. */
final class Render {

  private Render() {}

  static BufferedImage image(Painter painter, int width, int height, double scale) {
    int w = Math.max(1, (int) Math.round(width * scale));
    int h = Math.max(1, (int) Math.round(height * scale));
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.scale(scale, scale);
    painter.paint(g, width, height);
    g.dispose();
    return img;
  }

  static byte[] png(Painter painter, int width, int height, int dpi, String title) {
    if (dpi < 36 || dpi > 1200) {
      throw new IllegalArgumentException("dpi must be in 36..1200, got " + dpi);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image(painter, width, height, dpi / 72.0), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render chart '" + title + "' as PNG", e);
    }
  }

  static String svg(Painter painter, int width, int height, String title) {
    VectorGraphics2D vg = new VectorGraphics2D();
    TextKeepingGraphics g = new TextKeepingGraphics(vg);
    try {
      painter.paint(g, width, height);
      Document doc = new SVGProcessor().getDocument(vg.getCommands(), new PageSize(0, 0, width, height));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.writeTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render chart '" + title + "' as SVG", e);
    } finally {
      // keep both graphics reachable until the document is written (no finalizer may touch them)
      java.lang.ref.Reference.reachabilityFence(g);
      java.lang.ref.Reference.reachabilityFence(vg);
    }
  }
}
