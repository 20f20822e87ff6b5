package io.workbench.display;

/**
 * A result value that renders itself: metrics, attributions, label issues, training histories. The
 * notebook kernel shows {@link #toHtml()}; JShell and logs show {@link Object#toString()}.
 *
 * <pre>{@code
 * Metrics m = Evaluation.of(model, test);
 * m.toHtml();     // an HTML table, shown inline in Jupyter
 * m.toText();     // the same as aligned text
 * }</pre>
 */
public interface Displayable {

  /** An HTML fragment (no {@code <html>} wrapper) that shows the value. */
  String toHtml();

  /** A plain-text rendering; by default {@link Object#toString()}. */
  default String toText() {
    return toString();
  }
}
