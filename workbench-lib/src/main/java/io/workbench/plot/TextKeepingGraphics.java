package io.workbench.plot;

import java.awt.Color;
import java.awt.Composite;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.GraphicsConfiguration;
import java.awt.Image;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.awt.image.BufferedImage;
import java.awt.image.BufferedImageOp;
import java.awt.image.ImageObserver;
import java.awt.image.RenderedImage;
import java.awt.image.renderable.RenderableImage;
import java.text.AttributedCharacterIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Passes every call to a vector {@link Graphics2D} (Batik's SVGGraphics2D for SVG) except one: a filled shape
 * that is the outline of a string recently laid out with a {@link TextFont} is drawn with
 * {@code drawString} instead, so the SVG holds searchable {@code <text>} elements where XChart would
 * otherwise leave glyph paths. The outline is matched point by point against the string's own outline
 * (any rotation and translation), so only genuine text is replaced.
 */
final class TextKeepingGraphics extends Graphics2D {

  private static final double TOLERANCE = 1e-3;

  private final Graphics2D g;
  private final java.util.HashMap<OutlineKey, double[]> outlines;
  /** The graphics' own context first, then the fixed ones XChart builds for some labels. */
  private final FontRenderContext[] contexts = {
      null,
      new FontRenderContext(null, true, false), new FontRenderContext(null, false, false),
      new FontRenderContext(null, true, true), new FontRenderContext(null, false, true)};

  TextKeepingGraphics(Graphics2D delegate) {
    this(delegate, new java.util.HashMap<>());
  }

  private TextKeepingGraphics(Graphics2D delegate, java.util.HashMap<OutlineKey, double[]> outlines) {
    this.g = delegate;
    this.outlines = outlines;
  }

  @Override
  public void fill(Shape s) {
    if (!drawAsText(s)) {
      g.fill(s);
    }
  }

  private boolean drawAsText(Shape s) {
    double[] target = points(s, null);
    if (target.length < 6) {
      return false;
    }
    List<TextFont.Laid> candidates = new ArrayList<>();
    TextFont.recent().forEach(candidates::add);
    for (TextFont.Laid laid : candidates) {
      for (int k = 0; k < contexts.length; k++) {
        double[] own = outline(laid, k);
        if (own.length != target.length) {
          continue;
        }
        AffineTransform at = match(own, target);
        if (at != null) {
          Font plain = new Font(laid.font().getAttributes());
          AffineTransform saved = g.getTransform();
          Font savedFont = g.getFont();
          g.transform(at);
          g.setFont(plain);
          g.drawString(laid.text(), 0f, 0f);
          g.setFont(savedFont);
          g.setTransform(saved);
          return true;
        }
      }
    }
    return false;
  }

  /** The outline points of a laid-out string under the k-th render context, cached. */
  private double[] outline(TextFont.Laid laid, int k) {
    return outlines.computeIfAbsent(new OutlineKey(laid, k), key -> {
      Font plain = new Font(laid.font().getAttributes());
      FontRenderContext frc = k == 0 ? g.getFontRenderContext() : contexts[k];
      return points(new TextLayout(laid.text(), plain, frc).getOutline(null), null);
    });
  }

  private record OutlineKey(TextFont.Laid laid, int context) {}

  /** The rigid transform taking {@code own} onto {@code target}, or null when they are different shapes. */
  private static AffineTransform match(double[] own, double[] target) {
    if (own.length != target.length) {
      return null;
    }
    int far = 2;
    double best = -1;
    for (int i = 2; i < own.length; i += 2) {
      double d = Math.hypot(own[i] - own[0], own[i + 1] - own[1]);
      if (d > best) {
        best = d;
        far = i;
      }
    }
    if (best < 1e-6) {
      return null;
    }
    double ownAngle = Math.atan2(own[far + 1] - own[1], own[far] - own[0]);
    double targetAngle = Math.atan2(target[far + 1] - target[1], target[far] - target[0]);
    double targetLen = Math.hypot(target[far + 1] - target[1], target[far] - target[0]);
    if (Math.abs(targetLen - best) > 1e-2 * Math.max(1, best)) {
      return null;
    }
    double theta = targetAngle - ownAngle;
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    // Snap quarter turns so that text rotated by XChart stays exactly upright or sideways.
    if (Math.abs(cos) < 1e-9) {
      cos = 0;
    }
    if (Math.abs(sin) < 1e-9) {
      sin = 0;
    }
    double tx = target[0] - (cos * own[0] - sin * own[1]);
    double ty = target[1] - (sin * own[0] + cos * own[1]);
    for (int i = 0; i < own.length; i += 2) {
      double x = cos * own[i] - sin * own[i + 1] + tx;
      double y = sin * own[i] + cos * own[i + 1] + ty;
      if (Math.abs(x - target[i]) > TOLERANCE * 10 || Math.abs(y - target[i + 1]) > TOLERANCE * 10) {
        return null;
      }
    }
    return new AffineTransform(cos, sin, -sin, cos, tx, ty);
  }

  /** All path coordinates, with segment types encoded so that different structures never match. */
  private static double[] points(Shape s, AffineTransform at) {
    List<Double> out = new ArrayList<>();
    double[] c = new double[6];
    for (PathIterator it = s.getPathIterator(at); !it.isDone(); it.next()) {
      int type = it.currentSegment(c);
      int n = switch (type) {
        case PathIterator.SEG_MOVETO, PathIterator.SEG_LINETO -> 1;
        case PathIterator.SEG_QUADTO -> 2;
        case PathIterator.SEG_CUBICTO -> 3;
        default -> 0;
      };
      if (n == 0) {
        continue;
      }
      for (int k = 0; k < 2 * n; k++) {
        out.add(c[k]);
      }
      if (out.size() > 200_000) {
        return new double[0];
      }
    }
    double[] r = new double[out.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = out.get(i);
    }
    return r;
  }

  // ---- everything else is delegated unchanged ----

  @Override public void draw(Shape s) { g.draw(s); }
  @Override public boolean drawImage(Image img, AffineTransform xform, ImageObserver obs) { return g.drawImage(img, xform, obs); }
  @Override public void drawImage(BufferedImage img, BufferedImageOp op, int x, int y) { g.drawImage(img, op, x, y); }
  @Override public void drawRenderedImage(RenderedImage img, AffineTransform xform) { g.drawRenderedImage(img, xform); }
  @Override public void drawRenderableImage(RenderableImage img, AffineTransform xform) { g.drawRenderableImage(img, xform); }
  @Override public void drawString(String str, int x, int y) { g.drawString(str, x, y); }
  @Override public void drawString(String str, float x, float y) { g.drawString(str, x, y); }
  @Override public void drawString(AttributedCharacterIterator it, int x, int y) { g.drawString(it, x, y); }
  @Override public void drawString(AttributedCharacterIterator it, float x, float y) { g.drawString(it, x, y); }
  @Override public void drawGlyphVector(GlyphVector gv, float x, float y) { g.drawGlyphVector(gv, x, y); }
  @Override public boolean hit(Rectangle rect, Shape s, boolean onStroke) { return g.hit(rect, s, onStroke); }
  @Override public GraphicsConfiguration getDeviceConfiguration() { return g.getDeviceConfiguration(); }
  @Override public void setComposite(Composite comp) { g.setComposite(comp); }
  @Override public void setPaint(Paint paint) { g.setPaint(paint); }
  @Override public void setStroke(Stroke s) { g.setStroke(s); }
  @Override public void setRenderingHint(RenderingHints.Key key, Object value) { g.setRenderingHint(key, value); }
  @Override public Object getRenderingHint(RenderingHints.Key key) { return g.getRenderingHint(key); }
  @Override public void setRenderingHints(Map<?, ?> hints) { g.setRenderingHints(hints); }
  @Override public void addRenderingHints(Map<?, ?> hints) { g.addRenderingHints(hints); }
  @Override public RenderingHints getRenderingHints() { return g.getRenderingHints(); }
  @Override public void translate(int x, int y) { g.translate(x, y); }
  @Override public void translate(double tx, double ty) { g.translate(tx, ty); }
  @Override public void rotate(double theta) { g.rotate(theta); }
  @Override public void rotate(double theta, double x, double y) { g.rotate(theta, x, y); }
  @Override public void scale(double sx, double sy) { g.scale(sx, sy); }
  @Override public void shear(double shx, double shy) { g.shear(shx, shy); }
  @Override public void transform(AffineTransform tx) { g.transform(tx); }
  @Override public void setTransform(AffineTransform tx) { g.setTransform(tx); }
  @Override public AffineTransform getTransform() { return g.getTransform(); }
  @Override public Paint getPaint() { return g.getPaint(); }
  @Override public Composite getComposite() { return g.getComposite(); }
  @Override public void setBackground(Color color) { g.setBackground(color); }
  @Override public Color getBackground() { return g.getBackground(); }
  @Override public Stroke getStroke() { return g.getStroke(); }
  @Override public void clip(Shape s) { g.clip(s); }
  @Override public FontRenderContext getFontRenderContext() { return g.getFontRenderContext(); }
  @Override public Graphics create() { return new TextKeepingGraphics((Graphics2D) g.create(), outlines); }
  @Override public Color getColor() { return g.getColor(); }
  @Override public void setColor(Color c) { g.setColor(c); }
  @Override public void setPaintMode() { g.setPaintMode(); }
  @Override public void setXORMode(Color c1) { g.setXORMode(c1); }
  @Override public Font getFont() { return g.getFont(); }
  @Override public void setFont(Font font) { g.setFont(font); }
  @Override public FontMetrics getFontMetrics(Font f) { return g.getFontMetrics(f); }
  @Override public Rectangle getClipBounds() { return g.getClipBounds(); }
  @Override public void clipRect(int x, int y, int width, int height) { g.clipRect(x, y, width, height); }
  @Override public void setClip(int x, int y, int width, int height) { g.setClip(x, y, width, height); }
  @Override public Shape getClip() { return g.getClip(); }
  @Override public void setClip(Shape clip) { g.setClip(clip); }
  @Override public void copyArea(int x, int y, int width, int height, int dx, int dy) { g.copyArea(x, y, width, height, dx, dy); }
  @Override public void drawLine(int x1, int y1, int x2, int y2) { g.drawLine(x1, y1, x2, y2); }
  @Override public void fillRect(int x, int y, int width, int height) { g.fillRect(x, y, width, height); }
  @Override public void clearRect(int x, int y, int width, int height) { g.clearRect(x, y, width, height); }
  @Override public void drawRoundRect(int x, int y, int w, int h, int aw, int ah) { g.drawRoundRect(x, y, w, h, aw, ah); }
  @Override public void fillRoundRect(int x, int y, int w, int h, int aw, int ah) { g.fillRoundRect(x, y, w, h, aw, ah); }
  @Override public void drawOval(int x, int y, int width, int height) { g.drawOval(x, y, width, height); }
  @Override public void fillOval(int x, int y, int width, int height) { g.fillOval(x, y, width, height); }
  @Override public void drawArc(int x, int y, int w, int h, int start, int arc) { g.drawArc(x, y, w, h, start, arc); }
  @Override public void fillArc(int x, int y, int w, int h, int start, int arc) { g.fillArc(x, y, w, h, start, arc); }
  @Override public void drawPolyline(int[] xs, int[] ys, int n) { g.drawPolyline(xs, ys, n); }
  @Override public void drawPolygon(int[] xs, int[] ys, int n) { g.drawPolygon(xs, ys, n); }
  @Override public void fillPolygon(int[] xs, int[] ys, int n) { g.fillPolygon(xs, ys, n); }
  @Override public boolean drawImage(Image img, int x, int y, ImageObserver o) { return g.drawImage(img, x, y, o); }
  @Override public boolean drawImage(Image img, int x, int y, int w, int h, ImageObserver o) { return g.drawImage(img, x, y, w, h, o); }
  @Override public boolean drawImage(Image img, int x, int y, Color bg, ImageObserver o) { return g.drawImage(img, x, y, bg, o); }
  @Override public boolean drawImage(Image img, int x, int y, int w, int h, Color bg, ImageObserver o) { return g.drawImage(img, x, y, w, h, bg, o); }
  @Override public boolean drawImage(Image img, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2, ImageObserver o) {
    return g.drawImage(img, dx1, dy1, dx2, dy2, sx1, sy1, sx2, sy2, o);
  }
  @Override public boolean drawImage(Image img, int dx1, int dy1, int dx2, int dy2, int sx1, int sy1, int sx2, int sy2, Color bg, ImageObserver o) {
    return g.drawImage(img, dx1, dy1, dx2, dy2, sx1, sy1, sx2, sy2, bg, o);
  }
  @Override public void dispose() { g.dispose(); }

  /**
   * Does nothing. {@code Graphics.finalize()} calls {@code dispose()}, which on the finalizer thread
   * would append a command to the vector graphics' command list while the SVG writer iterates it.
   */
  @Override
  @SuppressWarnings({"deprecation", "removal", "checkstyle:NoFinalizer"})
  public void finalize() {
    // intentionally empty: see above
  }
}
