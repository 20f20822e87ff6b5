package io.workbench.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KaTeX (MIT; the browser build from its WebJar on the class path) inlined into an HTML page so that math
 * renders offline, with no CDN: the style sheet with its woff2 fonts as data URIs, the script, and a call that
 * typesets every {@code span.math} written by {@link Markdown#span}. About 0.7 MB, added only to pages that hold
 * math. KaTeX was chosen over MathJax because it is a tenth of the size and renders synchronously; over
 * rendering on the server because no Java TeX renderer with a permissive licence exists.
 *
 * <pre>{@code
 * String head = Katex.style();     // into <head>
 * String tail = Katex.script();    // before </body>
 * }</pre>
 */
final class Katex {

  /** Typesets each formula; the span's text is its source with Jupyter's delimiters. */
  private static final String RENDER = "document.querySelectorAll('span.math').forEach(function (e) {\n"
      + "  var t = e.textContent, d = e.classList.contains('display');\n"
      + "  var m = /^(?:\\$\\$([\\s\\S]*)\\$\\$|\\$([\\s\\S]*)\\$|\\\\\\\\[(\\[]([\\s\\S]*)\\\\\\\\[)\\]])$/.exec(t);\n"
      + "  var tex = m ? (m[1] !== undefined ? m[1] : m[2] !== undefined ? m[2] : m[3]) : t;\n"
      + "  katex.render(tex, e, {displayMode: d, throwOnError: false});\n"
      + "});\n";

  private Katex() {}

  /** The style sheet, fonts inlined, as a {@code <style>} element. */
  static String style() {
    return Assets.get().style;
  }

  /** KaTeX's script and the call typesetting the page's formulas, as {@code <script>} elements. */
  static String script() {
    return Assets.get().script;
  }

  /** Read once, on the first page with math; a missing WebJar is an {@link IllegalStateException} each time. */
  private static final class Assets {
    private static Assets loaded;
    final String dist;
    final String style;
    final String script;

    private Assets() {
      dist = "META-INF/resources/webjars/katex/" + version() + "/dist/";
      style = "<style>" + inlineFonts(read("katex.min.css")) + "</style>";
      script = "<script>" + scriptText(read("katex.min.js")) + "</script>\n<script>" + RENDER + "</script>";
    }

    static synchronized Assets get() {
      if (loaded == null) {
        loaded = new Assets();
      }
      return loaded;
    }

    private static String version() {
      Properties p = new Properties();
      try (InputStream in = resource("META-INF/maven/org.webjars.npm/katex/pom.properties")) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read KaTeX's version from its WebJar", e);
      }
      return p.getProperty("version");
    }

    private static InputStream resource(String name) {
      InputStream in = Katex.class.getClassLoader().getResourceAsStream(name);
      if (in == null) {
        throw new IllegalStateException("KaTeX (org.webjars.npm:katex) is not on the class path: " + name
            + " is missing; rebuild the kernel (mvn -DskipTests package)");
      }
      return in;
    }

    private byte[] bytes(String name) {
      try (InputStream in = resource(dist + name)) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read KaTeX's " + name, e);
      }
    }

    private String read(String name) {
      return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** Each font's sources become its woff2 file as a data URI (every current browser reads woff2). */
    private String inlineFonts(String css) {
      Matcher m = Pattern.compile("url\\(fonts/([A-Za-z0-9_-]+)\\.woff2\\) format\\(\"woff2\"\\)"
          + "(?:,url\\(fonts/[A-Za-z0-9_.-]+\\) format\\(\"[a-z]+\"\\))*").matcher(css);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        String data = Base64.getEncoder().encodeToString(bytes("fonts/" + m.group(1) + ".woff2"));
        m.appendReplacement(b, Matcher.quoteReplacement("url(data:font/woff2;base64," + data + ") format(\"woff2\")"));
      }
      m.appendTail(b);
      if (b.indexOf("url(fonts/") >= 0) {
        throw new IllegalStateException("KaTeX's style sheet refers to a font file in a form not inlined");
      }
      return b.toString();
    }

    /** The script as the content of a script element, which must not contain a closing script tag. */
    private static String scriptText(String js) {
      if (js.toLowerCase(java.util.Locale.ROOT).contains("</script")) {
        throw new IllegalStateException("KaTeX's script contains a closing script tag and cannot be inlined");
      }
      return js;
    }
  }
}
