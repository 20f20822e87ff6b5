package io.workbench.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Paints many small images in a grid, each cell holding the image in grey and, per attribution method,
 * the faded image under that method's diverging overlay (each panel on its own symmetric scale), with a
 * caption under the cell. The layout is fixed when the grid is made: captions are wrapped to at most two
 * lines within their cell (then cut with an ellipsis) and every grid row reserves the height of its
 * tallest caption, so captions never overlap each other or the images.
 */
final class ImageGrid implements Painter {

  static final int CELL_GAP = 18;
  static final int PANEL_GAP = 4;
  static final int MARGIN = 10;
  static final int BAR_W = 74;
  static final int MAX_PANEL = 160;
  static final int MAX_LINES = 2;

  /** Where one caption line is drawn (baseline left x, baseline y) and the box it occupies. */
  record Line(String text, float x, float y, Rectangle2D box) {}

  private final String title;
  private final String subtitle;
  private final List<double[][]> images;
  private final List<String> methods;
  private final List<List<double[][]>> overlays;
  private final int columns;
  private final int width;
  private final int height;
  private final double panel;
  private final int top;
  private final int rowHeight;
  private final List<Line> lines = new ArrayList<>();
  private final double[] range;

  /**
   * @param images per image {@code [height][width]}
   * @param captions one per image (null for none)
   * @param methods overlay method names, in panel order (may be empty)
   * @param overlays per method, per image {@code [height][width]}
   */
  ImageGrid(String title, List<double[][]> images, List<String> captions, List<String> methods,
      List<List<double[][]>> overlays, int columns, int width) {
    this.title = title;
    this.images = images;
    this.methods = methods;
    this.overlays = overlays;
    this.columns = Math.min(columns, images.size());
    this.width = width;
    this.subtitle = methods.isEmpty() ? "" : "Each cell: input, " + String.join(", ", methods);
    this.range = range(images);
    Graphics2D g = scratch();
    int panels = 1 + methods.size();
    int rows = images.get(0).length;
    int cols = images.get(0)[0].length;
    double barW = methods.isEmpty() ? 0 : BAR_W;
    double cellW = (width - barW - 2 * MARGIN - (this.columns - 1) * CELL_GAP) / this.columns;
    double byWidth = (cellW - (panels - 1) * PANEL_GAP) / panels / cols;
    double pixel = Math.max(0.5, Math.min(byWidth, (double) MAX_PANEL / Math.max(rows, cols)));
    this.panel = pixel;
    double panelH = pixel * rows;
    double usedCellW = panels * pixel * cols + (panels - 1) * PANEL_GAP;
    g.setFont(Theme.TITLE_FONT);
    int titleH = title.isEmpty() ? 0 : g.getFontMetrics().getHeight() + 6;
    g.setFont(Theme.TICK_FONT);
    FontMetrics cm = g.getFontMetrics();
    int subH = subtitle.isEmpty() ? 0 : cm.getHeight() + 4;
    this.top = MARGIN + titleH + subH;
    double captionW = Math.max(usedCellW, cellW) - 2;
    List<List<String>> wrapped = new ArrayList<>();
    int maxLines = 0;
    for (int i = 0; i < images.size(); i++) {
      List<String> w = captions == null ? List.of() : wrap(captions.get(i), cm, captionW);
      wrapped.add(w);
      maxLines = Math.max(maxLines, w.size());
    }
    int lineH = cm.getHeight();
    this.rowHeight = (int) Math.ceil(panelH) + (maxLines == 0 ? 0 : 4 + maxLines * lineH) + CELL_GAP;
    int gridRows = (images.size() + this.columns - 1) / this.columns;
    // with overlays, room for the colour bar too
    this.height = Math.max(top + gridRows * rowHeight - CELL_GAP + MARGIN, methods.isEmpty() ? 0 : top + 170);
    double step = cellW + CELL_GAP;
    for (int i = 0; i < images.size(); i++) {
      double x0 = MARGIN + (i % this.columns) * step;
      double y = top + (i / this.columns) * rowHeight + panelH + 4;
      for (String text : wrapped.get(i)) {
        float bx = (float) x0;
        float by = (float) (y + cm.getAscent());
        lines.add(new Line(text, bx, by, new Rectangle2D.Double(bx, y, cm.stringWidth(text), lineH)));
        y += lineH;
      }
    }
    g.dispose();
  }

  private static Graphics2D scratch() {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    return g;
  }

  /** Figure height that the layout needs. */
  int height() {
    return height;
  }

  /** The caption lines as laid out (for tests: no two boxes intersect). */
  List<Line> lines() {
    return List.copyOf(lines);
  }

  /** Box of image {@code i}'s first panel. */
  Rectangle2D panelBox(int i) {
    double step = (width - (methods.isEmpty() ? 0 : BAR_W) - 2 * MARGIN - (columns - 1) * CELL_GAP) / (double) columns
        + CELL_GAP;
    double[][] img = images.get(i);
    return new Rectangle2D.Double(MARGIN + (i % columns) * step, top + (i / columns) * rowHeight,
        panel * img[0].length, panel * img.length);
  }

  @Override
  public void paint(Graphics2D g, int w, int h) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Theme.INK);
    int y = MARGIN;
    if (!title.isEmpty()) {
      Font tf = Theme.titleFont(title, w - 2 * MARGIN);
      g.setFont(tf.deriveFont((float) tf.getSize()));
      FontMetrics tm = g.getFontMetrics();
      g.drawString(title, Math.max(MARGIN, (w - tm.stringWidth(title)) / 2), y + tm.getAscent());
      y += tm.getHeight() + 6;
    }
    g.setFont(Theme.TICK_FONT.deriveFont((float) Theme.TICK_FONT.getSize()));
    FontMetrics cm = g.getFontMetrics();
    if (!subtitle.isEmpty()) {
      g.setColor(new Color(0x555555));
      g.drawString(subtitle, Math.max(MARGIN, (w - cm.stringWidth(subtitle)) / 2), y + cm.getAscent());
    }
    for (int i = 0; i < images.size(); i++) {
      Rectangle2D box = panelBox(i);
      double px = box.getX();
      for (int p = 0; p <= methods.size(); p++) {
        double[][] attr = p == 0 ? null : overlays.get(p - 1).get(i);
        ImagePanels.draw(g, images.get(i), px, box.getY(), panel, range, attr, attr == null ? 0 : ImagePanels.maxAbs(attr));
        g.setColor(new Color(0xBBBBBB));
        g.draw(new Rectangle2D.Double(px, box.getY(), box.getWidth(), box.getHeight()));
        px += box.getWidth() + PANEL_GAP;
      }
    }
    g.setColor(Theme.INK);
    g.setFont(Theme.TICK_FONT.deriveFont((float) Theme.TICK_FONT.getSize()));
    for (Line l : lines) {
      g.drawString(l.text(), l.x(), l.y());
    }
    if (!methods.isEmpty()) {
      AffineTransform saved = g.getTransform();
      g.translate(w - BAR_W, top);
      ColorBar.signed("\u2212max", "+max", "Attribution").paint(g, BAR_W, h - top - MARGIN);
      g.setTransform(saved);
    }
  }

  /**
   * Greedy word wrap into at most {@link #MAX_LINES} lines of at most {@code width} pixels; what does not
   * fit goes into the last line, which is then cut with an ellipsis.
   */
  static List<String> wrap(String text, FontMetrics fm, double width) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    String line = "";
    for (String word : text.trim().split("\\s+")) {
      String candidate = line.isEmpty() ? word : line + " " + word;
      if (!line.isEmpty() && fm.stringWidth(candidate) > width) {
        out.add(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    out.add(line);
    if (out.size() > MAX_LINES) {
      String rest = String.join(" ", out.subList(MAX_LINES - 1, out.size()));
      out = new ArrayList<>(out.subList(0, MAX_LINES - 1));
      out.add(rest);
    }
    out.replaceAll(l -> ImagePanels.fit(l, fm, width));
    return out;
  }

  private static double[] range(List<double[][]> images) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[][] m : images) {
      double[] r = ImagePanels.range(m);
      lo = Math.min(lo, r[0]);
      hi = Math.max(hi, r[1]);
    }
    return new double[] {lo, hi};
  }
}
