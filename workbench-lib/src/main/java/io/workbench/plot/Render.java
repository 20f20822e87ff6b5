package io.workbench.plot;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGraphics2D;
import org.w3c.dom.Document;
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
      // an in-memory cache: encoding never touches the temporary folder (which may be full or read-only)
      try (javax.imageio.stream.MemoryCacheImageOutputStream mem =
          new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
        if (!ImageIO.write(image(painter, width, height, dpi / 72.0), "png", mem)) {
          throw new IOException("no PNG writer in this JVM");
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render chart '" + title + "' as PNG", e);
    }
  }

  static String svg(Painter painter, int width, int height, String title) {
    Document doc;
    try {
      doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation()
          .createDocument("http://www.w3.org/2000/svg", "svg", null);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("No XML document builder for SVG output", e);
    }
    SVGGraphics2D svg = new SVGGraphics2D(doc);
    svg.setSVGCanvasSize(new Dimension(width, height));
    TextKeepingGraphics g = new TextKeepingGraphics(svg);
    painter.paint(g, width, height);
    try {
      StringWriter out = new StringWriter();
      org.w3c.dom.Element root = svg.getRoot();
      root.setAttribute("width", width + "px");
      root.setAttribute("height", height + "px");
      root.setAttribute("viewBox", "0 0 " + width + " " + height);
      svg.stream(root, out, true, false);
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot render chart '" + title + "' as SVG", e);
    }
  }
}
