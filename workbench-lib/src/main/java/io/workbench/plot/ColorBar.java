package io.workbench.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.function.DoubleFunction;

/**
 * A vertical colour bar: a ramp from {@code palette(0)} at the bottom to {@code palette(1)} at the top,
 * labels at both ends (and the middle if given) and a caption written sideways.
 */
final class ColorBar implements Painter {

  private static final int STEPS = 64;

  private final DoubleFunction<Color> palette;
  private final String low;
  private final String middle;
  private final String high;
  private final String caption;

  ColorBar(DoubleFunction<Color> palette, String low, String middle, String high, String caption) {
    this.palette = palette;
    this.low = low;
    this.middle = middle;
    this.high = high;
    this.caption = caption;
  }

  /** Feature values low (blue) to high (red). */
  static ColorBar featureValue(String caption) {
    return new ColorBar(Theme::lowHigh, "low", null, "high", caption);
  }

  /** Signed values, blue negative to red positive, centred at zero. */
  static ColorBar signed(String low, String high, String caption) {
    return new ColorBar(t -> Theme.diverging(2 * t - 1), low, "0", high, caption);
  }

  @Override
  public void paint(Graphics2D g, int w, int h) {
    g.setFont(Theme.TICK_FONT.deriveFont((float) Theme.TICK_FONT.getSize()));
    FontMetrics fm = g.getFontMetrics();
    int barW = 14;
    int x = 6;
    int y0 = (int) (h * 0.12) + fm.getHeight();
    int y1 = (int) (h * 0.88) - fm.getHeight();
    if (y1 - y0 < 20) {
      y0 = fm.getHeight();
      y1 = h - fm.getHeight();
    }
    double step = (y1 - y0) / (double) STEPS;
    for (int i = 0; i < STEPS; i++) {
      g.setColor(palette.apply((i + 0.5) / STEPS));
      g.fill(new Rectangle2D.Double(x, y1 - (i + 1) * step, barW, step + 0.6));
    }
    g.setColor(new Color(0x999999));
    g.draw(new Rectangle2D.Double(x, y0, barW, y1 - y0));
    g.setColor(Theme.INK);
    g.drawString(high, x + (barW - fm.stringWidth(high)) / 2f, y0 - 4f);
    g.drawString(low, x + (barW - fm.stringWidth(low)) / 2f, y1 + fm.getAscent() + 2f);
    if (middle != null) {
      g.drawString(middle, x + barW + 3f, (y0 + y1) / 2f + fm.getAscent() / 2f - 1);
    }
    if (caption != null && !caption.isEmpty()) {
      g.setFont(Theme.AXIS_TITLE_FONT.deriveFont((float) Theme.AXIS_TITLE_FONT.getSize()));
      FontMetrics cm = g.getFontMetrics();
      AffineTransform saved = g.getTransform();
      float cx = x + barW + 6f + cm.getAscent() + (middle != null ? fm.stringWidth(middle) : 0);
      g.translate(cx, (y0 + y1) / 2.0 + cm.stringWidth(caption) / 2.0);
      g.rotate(-Math.PI / 2);
      g.drawString(caption, 0f, 0f);
      g.setTransform(saved);
    }
  }
}
