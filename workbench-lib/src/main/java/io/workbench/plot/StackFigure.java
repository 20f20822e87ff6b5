package io.workbench.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.List;

/**
 * Several figures in one image: stacked vertically (one panel per channel or metric) or side by side,
 * under one title, with an optional strip on the right (a colour bar). Renders to one PNG and one SVG;
 * XChart panels stay vector in the SVG.
 *
 * <pre>{@code
 * Figure f = StackFigure.vertical("Training history", 800, 600, List.of(lossChart, accuracyChart));
 * f.saveSvg(Path.of("history.svg"));
 * }</pre>
 */
public final class StackFigure implements Figure {

  private final String title;
  private final int width;
  private final int height;
  private final List<Figure> panels;
  private final boolean vertical;
  private final Painter side;
  private final int sideWidth;

  private StackFigure(String title, int width, int height, List<Figure> panels, boolean vertical, Painter side,
      int sideWidth) {
    this.title = title;
    this.width = width;
    this.height = height;
    this.panels = panels;
    this.vertical = vertical;
    this.side = side;
    this.sideWidth = sideWidth;
  }

  /** Panels one above the other, each as wide as the figure. */
  public static StackFigure vertical(String title, int width, int height, List<? extends Figure> panels) {
    return create(title, width, height, panels, true);
  }

  /** Panels side by side, each as tall as the figure below the title. */
  public static StackFigure horizontal(String title, int width, int height, List<? extends Figure> panels) {
    return create(title, width, height, panels, false);
  }

  private static StackFigure create(String title, int width, int height, List<? extends Figure> panels,
      boolean vertical) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("Figure size must be positive, got " + width + "x" + height);
    }
    if (panels == null || panels.isEmpty()) {
      throw new IllegalArgumentException("A stacked figure needs at least one panel, got none");
    }
    for (int i = 0; i < panels.size(); i++) {
      if (panels.get(i) == null) {
        throw new IllegalArgumentException("Panel " + i + " of the stacked figure is null");
      }
    }
    return new StackFigure(title == null ? "" : title, width, height, List.copyOf(panels), vertical, null, 0);
  }

  /** A copy with {@code painter} drawn in a strip {@code stripWidth} pixels wide on the right. */
  public StackFigure withSideStrip(Painter painter, int stripWidth) {
    if (painter == null || stripWidth < 1 || stripWidth >= width / 2) {
      throw new IllegalArgumentException(
          "Side strip needs a painter and a width in 1.." + (width / 2 - 1) + ", got " + stripWidth);
    }
    return new StackFigure(title, width, height, panels, vertical, painter, stripWidth);
  }

  /** The panels, in order. */
  public List<Figure> panels() {
    return panels;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public Painter painter() {
    return this::paint;
  }

  private void paint(Graphics2D g, int w, int h) {
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    int top = 0;
    if (!title.isEmpty()) {
      Font titleFont = Theme.titleFont(title, w - sideWidth);
      Font font = titleFont.deriveFont((float) titleFont.getSize());
      g.setFont(font);
      g.setColor(Theme.INK);
      FontMetrics fm = g.getFontMetrics();
      int tw = fm.stringWidth(title);
      g.drawString(title, Math.max(4, (w - sideWidth - tw) / 2), 10 + fm.getAscent());
      top = 14 + fm.getHeight();
    }
    int areaW = w - sideWidth;
    int areaH = h - top;
    int n = panels.size();
    for (int i = 0; i < n; i++) {
      int x0 = vertical ? 0 : i * areaW / n;
      int x1 = vertical ? areaW : (i + 1) * areaW / n;
      int y0 = vertical ? top + i * areaH / n : top;
      int y1 = vertical ? top + (i + 1) * areaH / n : h;
      AffineTransform saved = g.getTransform();
      java.awt.Shape clip = g.getClip();
      g.translate(x0, y0);
      g.clipRect(0, 0, x1 - x0, y1 - y0);
      panels.get(i).painter().paint(g, x1 - x0, y1 - y0);
      g.setTransform(saved);
      g.setClip(clip);
    }
    if (side != null) {
      AffineTransform saved = g.getTransform();
      g.translate(areaW, top);
      side.paint(g, sideWidth, areaH);
      g.setTransform(saved);
    }
  }

  @Override
  public java.awt.image.BufferedImage toImage() {
    return Render.image(painter(), width, height, 1.0);
  }

  @Override
  public byte[] toPng(int dpi) {
    return Render.png(painter(), width, height, dpi, title);
  }

  @Override
  public String toSvg() {
    return Render.svg(painter(), width, height, title);
  }

  @Override
  public String toString() {
    return "Figure['" + title + "', " + width + "x" + height + ", " + panels.size() + " panels]";
  }
}
