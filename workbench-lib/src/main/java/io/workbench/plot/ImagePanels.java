package io.workbench.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Paints an image and its attributions side by side with Java2D (XChart has no image plot): the input in
 * grey, then per method the faded grey image under a diverging overlay whose opacity grows with
 * |attribution|, and a colour bar. Small images are drawn as one rectangle per pixel (crisp and vector in
 * SVG); large ones as a scaled bitmap.
 */
final class ImagePanels implements Painter {

  private static final int VECTOR_PIXELS = 64 * 64;

  private final String title;
  private final double[][] image;
  private final List<String> names;
  private final List<double[][]> attributions;

  ImagePanels(String title, double[][] image, Map<String, double[][]> methods) {
    this.title = title;
    this.image = image;
    this.names = new ArrayList<>(methods.keySet());
    this.attributions = new ArrayList<>(methods.values());
  }

  @Override
  public void paint(Graphics2D g, int w, int h) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    java.awt.Font titleFont = Theme.titleFont(title, w - 74);
    g.setFont(titleFont.deriveFont((float) titleFont.getSize()));
    FontMetrics tm = g.getFontMetrics();
    g.setColor(Theme.INK);
    int barW = 74;
    g.drawString(title, Math.max(4, (w - barW - tm.stringWidth(title)) / 2), 10 + tm.getAscent());
    int top = 16 + tm.getHeight();
    g.setFont(Theme.AXIS_TITLE_FONT.deriveFont((float) Theme.AXIS_TITLE_FONT.getSize()));
    FontMetrics lm = g.getFontMetrics();
    int labelH = lm.getHeight();
    int panels = names.size() + 1;
    int gap = 14;
    int rows = image.length;
    int cols = image[0].length;
    double availW = (w - barW - gap * (panels + 1)) / (double) panels;
    double availH = h - top - 2 * labelH - 16;
    double cell = Math.max(0.5, Math.min(availW / cols, availH / rows));
    double pw = cell * cols;
    double ph = cell * rows;
    double used = panels * pw + (panels - 1) * gap;
    double x0 = Math.max(gap, (w - barW - used) / 2);
    double y0 = top + labelH + 4 + Math.max(0, (availH - ph) / 2);
    double[] range = range(image);
    for (int p = 0; p < panels; p++) {
      double px = x0 + p * (pw + gap);
      String label = p == 0 ? "Input" : names.get(p - 1);
      g.setColor(Theme.INK);
      g.setFont(Theme.AXIS_TITLE_FONT.deriveFont((float) Theme.AXIS_TITLE_FONT.getSize()));
      String shown = fit(label, lm, pw + gap - 2);
      g.drawString(shown, (float) (px + (pw - lm.stringWidth(shown)) / 2), (float) (y0 - 6));
      double[][] attr = p == 0 ? null : attributions.get(p - 1);
      double maxAbs = attr == null ? 0 : maxAbs(attr);
      draw(g, image, px, y0, cell, range, attr, maxAbs);
      g.setColor(new Color(0x999999));
      g.draw(new Rectangle2D.Double(px, y0, pw, ph));
      if (attr != null) {
        g.setFont(Theme.TICK_FONT.deriveFont((float) Theme.TICK_FONT.getSize()));
        FontMetrics sm = g.getFontMetrics();
        String note = "max |a| = " + Charts.fmt(maxAbs);
        g.setColor(new Color(0x555555));
        g.drawString(note, (float) (px + (pw - sm.stringWidth(note)) / 2), (float) (y0 + ph + 4 + sm.getAscent()));
      }
    }
    AffineTransform saved = g.getTransform();
    g.translate(w - barW, top);
    ColorBar.signed("\u2212max", "+max", "Attribution").paint(g, barW, h - top);
    g.setTransform(saved);
  }

  /**
   * Draws {@code image} in grey at {@code (px, py)} with {@code cell} pixels per image pixel, under {@code
   * attr} (null for none) on the symmetric scale {@code maxAbs}; {@code range} is the grey scale's min and max.
   */
  static void draw(Graphics2D g, double[][] image, double px, double py, double cell, double[] range, double[][] attr,
      double maxAbs) {
    int rows = image.length;
    int cols = image[0].length;
    double span = range[1] - range[0] == 0 ? 1 : range[1] - range[0];
    if (rows * cols <= VECTOR_PIXELS) {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
          g.setColor(pixel(image[r][c], range[0], span, attr == null ? Double.NaN : attr[r][c], maxAbs));
          g.fill(new Rectangle2D.Double(px + c * cell, py + r * cell, cell + 0.35, cell + 0.35));
        }
      }
      return;
    }
    BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        img.setRGB(c, r, pixel(image[r][c], range[0], span, attr == null ? Double.NaN : attr[r][c], maxAbs).getRGB());
      }
    }
    g.drawImage(img, (int) Math.round(px), (int) Math.round(py), (int) Math.round(cell * cols),
        (int) Math.round(cell * rows), null);
  }

  /**
   * The input pixel in grey (dark = high, as digits are drawn), faded when an attribution is laid over
   * it, blended with the attribution colour at an opacity that grows with |attribution|.
   */
  private static Color pixel(double v, double min, double span, double a, double maxAbs) {
    double grey = 1 - (v - min) / span;
    if (Double.isNaN(a)) {
      int level = (int) Math.round(255 * grey);
      return new Color(level, level, level);
    }
    double faded = 0.55 + 0.45 * grey;
    double t = maxAbs == 0 ? 0 : a / maxAbs;
    Color over = Theme.diverging(t);
    double alpha = Math.min(1, 0.15 + 0.85 * Math.abs(t));
    if (Math.abs(t) < 0.02) {
      alpha = 0;
    }
    return new Color(
        blend(255 * faded, over.getRed(), alpha), blend(255 * faded, over.getGreen(), alpha),
        blend(255 * faded, over.getBlue(), alpha));
  }

  private static int blend(double under, double over, double alpha) {
    return (int) Math.round(Math.max(0, Math.min(255, under * (1 - alpha) + over * alpha)));
  }

  static String fit(String s, FontMetrics fm, double width) {
    if (fm.stringWidth(s) <= width) {
      return s;
    }
    String cut = s;
    while (cut.length() > 1 && fm.stringWidth(cut + "\u2026") > width) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "\u2026";
  }

  static double[] range(double[][] m) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] row : m) {
      for (double v : row) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return new double[] {lo, hi};
  }

  static double maxAbs(double[][] m) {
    double mx = 0;
    for (double[] row : m) {
      for (double v : row) {
        mx = Math.max(mx, Math.abs(v));
      }
    }
    return mx;
  }
}
