package io.workbench.plot;

/**
 * A {@link Figure} drawn by a {@link Painter} with Java2D: for plots XChart has no chart type for (images,
 * multi-panel layouts). Text drawn with {@code drawString} stays text in the SVG.
 *
 * <pre>{@code
 * Figure f = CanvasFigure.of("square", 300, 300, (g, w, h) -> g.fillRect(50, 50, 200, 200));
 * f.savePng(Path.of("square.png"));
 * }</pre>
 */
public final class CanvasFigure implements Figure {

  private final String title;
  private final int width;
  private final int height;
  private final Painter painter;

  private CanvasFigure(String title, int width, int height, Painter painter) {
    this.title = title;
    this.width = width;
    this.height = height;
    this.painter = painter;
  }

  /** A figure of the given size painted by {@code painter}. */
  public static CanvasFigure of(String title, int width, int height, Painter painter) {
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("Figure size must be positive, got " + width + "x" + height);
    }
    if (painter == null) {
      throw new IllegalArgumentException("CanvasFigure.of needs a painter, got null");
    }
    return new CanvasFigure(title == null ? "" : title, width, height, painter);
  }

  /** The painter, to draw this figure inside a larger one. */
  @Override
  public Painter painter() {
    return painter;
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
  public java.awt.image.BufferedImage toImage() {
    return Render.image(painter, width, height, 1.0);
  }

  @Override
  public byte[] toPng(int dpi) {
    return Render.png(painter, width, height, dpi, title);
  }

  @Override
  public String toSvg() {
    return Render.svg(painter, width, height, title);
  }

  @Override
  public String toString() {
    return "Figure['" + title + "', " + width + "x" + height + "]";
  }
}
