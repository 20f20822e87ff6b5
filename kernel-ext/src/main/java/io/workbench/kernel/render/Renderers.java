package io.workbench.kernel.render;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.workbench.display.Tables;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns a value into a Jupyter MIME bundle: a Tablesaw {@code Table} as an HTML table (long tables
 * truncated, with a row count), an XChart chart or a workbench {@code Figure} as PNG (SVG on request), a
 * workbench {@code Displayable} as HTML with a text fallback, a {@code RenderedImage} as PNG, anything
 * else as text. Types are recognised by class name, so Tablesaw, XChart and AWT are only loaded when a
 * value of theirs is shown (kernel start-up stays fast).
 *
 * <pre>{@code
 * DisplayData d = Renderers.render(Datasets.iris().table(), null, Set.of());
 * d.getData(MIMEType.TEXT_HTML);     // "<table ..."
 * }</pre>
 */
public final class Renderers {

  /** MIME type of HTML. */
  public static final String HTML = "text/html";
  /** MIME type of plain text. */
  public static final String TEXT = "text/plain";
  /** MIME type of PNG images. */
  public static final String PNG = "image/png";
  /** MIME type of SVG images. */
  public static final String SVG = "image/svg+xml";

  /** MIME type of Markdown. */
  public static final String MARKDOWN = "text/markdown";
  /** MIME type of LaTeX. */
  public static final String LATEX = "text/latex";
  /** MIME type of JSON (sent as a JSON value, not as text). */
  public static final String JSON = "application/json";
  /** MIME type of JavaScript. */
  public static final String JAVASCRIPT = "application/javascript";

  private static final Set<String> KNOWN = new java.util.LinkedHashSet<>(
      java.util.List.of(TEXT, HTML, PNG, SVG, MARKDOWN, LATEX, JSON, JAVASCRIPT));
  /** What text itself can be shown as (IJava's {@code display("<b>hi</b>", "text/html")}). */
  private static final Set<String> TEXT_AS = Set.of(HTML, SVG, MARKDOWN, LATEX, JSON, JAVASCRIPT);

  private Renderers() {}

  /**
   * The bundle for a value.
   *
   * @param value what to show (may be null)
   * @param text the plain text to use when the value has no better one (JShell's rendering), or null
   * @param requested MIME types asked for ({@code display(x, "image/svg+xml")}); empty for the defaults. Text
   *     ({@code CharSequence}) can be shown as any text type: {@code display("<b>hi</b>", "text/html")}
   * @throws IllegalArgumentException when a requested type is unknown or the value cannot be shown as it
   */
  public static DisplayData render(Object value, String text, Set<String> requested) {
    Bundle b = bundle(value, text, requested);
    DisplayData d = new DisplayData();
    b.data().forEach(d::putData);
    b.metadata().forEach(d::putMetaData);
    return d;
  }

  /**
   * A value's MIME data and metadata, independent of any kernel library (the JJava extension adapts it too).
   *
   * @param data MIME type to content (base64 for images), always with text/plain
   * @param metadata MIME type to metadata (image sizes)
   */
  public record Bundle(Map<String, Object> data, Map<String, Object> metadata) {}

  /** The bundle for a value; see {@link #render(Object, String, Set)}. */
  public static Bundle bundle(Object value, String text, Set<String> requested) {
    for (String r : requested) {
      if (!KNOWN.contains(r)) {
        throw new IllegalArgumentException("Unknown MIME type '" + r + "'; expected one of " + KNOWN);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> meta = new LinkedHashMap<>();
    if (value != null) {
      if (isA(value, "tech.tablesaw.api.Table")) {
        TableRender.render(value, out);
      } else if (isA(value, "io.workbench.plot.Figure")) {
        FigureRender.renderFigure(value, requested, out, meta);
      } else if (isA(value, "org.knowm.xchart.internal.chartpart.Chart")) {
        FigureRender.renderChart(value, requested, out, meta);
      } else if (isA(value, "io.workbench.display.Displayable")) {
        FigureRender.renderDisplayable(value, out);
      } else if (isA(value, "java.awt.image.RenderedImage")) {
        FigureRender.renderImage(value, out);
      }
    }
    if (!out.containsKey(TEXT)) {
      out.put(TEXT, text != null ? text : String.valueOf(value));
    }
    for (String r : requested) {
      if (out.containsKey(r)) {
        continue;
      }
      if (value instanceof CharSequence cs && TEXT_AS.contains(r)) {
        out.put(r, r.equals(JSON) ? json(cs.toString()) : cs.toString());
      } else {
        throw new IllegalArgumentException("A " + (value == null ? "null" : value.getClass().getName())
            + " cannot be shown as " + r + "; it can be shown as " + out.keySet()
            + (value instanceof CharSequence ? " and " + TEXT_AS : ""));
      }
    }
    Map<String, Object> data = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : out.entrySet()) {
      if (requested.isEmpty() || requested.contains(e.getKey()) || e.getKey().equals(TEXT)) {
        data.put(e.getKey(), e.getValue());
      }
    }
    meta.keySet().retainAll(data.keySet());
    return new Bundle(data, meta);
  }

  private static Object json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("Text shown as application/json must be JSON: " + e.getMessage(), e);
    }
  }

  /** Whether the value's class is, extends or implements the named type (without loading that type). */
  public static boolean isA(Object value, String className) {
    return isA(value.getClass(), className);
  }

  private static boolean isA(Class<?> c, String className) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      if (k.getName().equals(className)) {
        return true;
      }
      for (Class<?> i : k.getInterfaces()) {
        if (isA(i, className)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Base64 of bytes, as Jupyter wants binary data. */
  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Escapes text for HTML (the library's one escaping, {@link Tables#escape(String)}). */
  public static String escape(String s) {
    return Tables.escape(s);
  }
}
