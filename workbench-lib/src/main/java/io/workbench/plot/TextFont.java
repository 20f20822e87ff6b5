package io.workbench.plot;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A font that remembers the strings laid out with it, so that {@link TextKeepingGraphics} can recognise
 * XChart's text outlines and write them to SVG as real text. XChart draws every label by filling
 * {@code new TextLayout(text, font, frc).getOutline(...)}; a {@code TextLayout} asks its font for line
 * metrics of the whole string first, which is where the string is recorded.
 */
final class TextFont extends Font {

  private static final long serialVersionUID = 1L;
  private static final int REMEMBERED = 64;
  private static final ThreadLocal<Deque<Laid>> RECENT = ThreadLocal.withInitial(ArrayDeque::new);

  /** One string laid out with one font. */
  record Laid(String text, Font font) {}

  TextFont(String family, int style, int size) {
    super(family, style, size);
  }

  private TextFont(Font font) {
    super(font);
  }

  /** The same font, remembering its strings; null stays null. */
  static Font of(Font font) {
    return font == null || font instanceof TextFont ? font : new TextFont(font);
  }

  @Override
  public LineMetrics getLineMetrics(char[] chars, int beginIndex, int limit, FontRenderContext frc) {
    remember(new String(chars, beginIndex, limit - beginIndex));
    return super.getLineMetrics(chars, beginIndex, limit, frc);
  }

  @Override
  public LineMetrics getLineMetrics(String str, FontRenderContext frc) {
    remember(str);
    return super.getLineMetrics(str, frc);
  }

  private void remember(String s) {
    if (s == null || s.isBlank()) {
      return;
    }
    Deque<Laid> recent = RECENT.get();
    Laid laid = new Laid(s, this);
    recent.remove(laid);
    recent.addFirst(laid);
    while (recent.size() > REMEMBERED) {
      recent.removeLast();
    }
  }

  /** The strings laid out on this thread, most recent first. */
  static Iterable<Laid> recent() {
    return RECENT.get();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextFont && super.equals(o);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
