package io.workbench.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Test helpers: parse SVG (no DTD download) and measure PNGs. */
final class Svg {

  private Svg() {}

  static Document parse(String svg) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setValidating(false);
      return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    } catch (Exception e) {
      throw new AssertionError("SVG is not well-formed XML: " + e.getMessage(), e);
    }
  }

  /** The content of every {@code <text>} element, in document order. */
  static List<String> texts(String svg) {
    NodeList nodes = parse(svg).getElementsByTagName("text");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }

  static BufferedImage png(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Share of pixels that differ visibly from white. */
  static double inkShare(BufferedImage img) {
    long ink = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 255;
        int g = (rgb >> 8) & 255;
        int b = rgb & 255;
        int a = (rgb >>> 24);
        if (a > 0 && (r < 225 || g < 225 || b < 225)) {
          ink++;
        }
      }
    }
    return ink / (double) (img.getWidth() * img.getHeight());
  }

  /** Pixels within {@code tolerance} (per channel) of the colour, inside the given x range. */
  static int count(BufferedImage img, java.awt.Color c, int tolerance, int x0, int x1) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
        int rgb = img.getRGB(x, y);
        if (Math.abs(((rgb >> 16) & 255) - c.getRed()) <= tolerance
            && Math.abs(((rgb >> 8) & 255) - c.getGreen()) <= tolerance
            && Math.abs((rgb & 255) - c.getBlue()) <= tolerance) {
          n++;
        }
      }
    }
    return n;
  }

  static int count(BufferedImage img, java.awt.Color c, int tolerance) {
    return count(img, c, tolerance, 0, img.getWidth());
  }
}
