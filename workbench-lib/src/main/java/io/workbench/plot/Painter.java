package io.workbench.plot;

import java.awt.Graphics2D;

/**
 * Draws a figure's content into a {@code width x height} area at the origin of {@code g}. The same
 * painter draws the bitmap and the SVG.
 *
 * <pre>{@code
 * Painter p = (g, w, h) -> g.fillRect(0, 0, w, h);
 * Figure f = CanvasFigure.of("filled", 400, 300, p);
 * }</pre>
 */
@FunctionalInterface
public interface Painter {

  /** Paints into the area {@code (0, 0, width, height)}. */
  void paint(Graphics2D g, int width, int height);
}
