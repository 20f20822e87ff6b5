package io.workbench.kernel;

import io.workbench.kernel.render.Renderers;
import io.workbench.progress.ProgressEvent;
import io.workbench.progress.ProgressListener;
import io.workbench.progress.TextProgressBar;

/**
 * A live progress bar in the notebook (one per outermost task: nested work arrives as steps of the same bar,
 * see {@code io.workbench.progress.ProgressTask}): shown once as display data (an HTML bar plus a text bar for
 * frontends that cannot render HTML) and updated in place with {@code update_display_data}, at most every
 * {@link #MIN_INTERVAL_MILLIS}; the final state is always sent. The kernel installs it with
 * {@code Progress.install(...)} so library code using {@code Progress.current()} shows it.
 *
 * <pre>{@code
 * Progress.install(() -> new NotebookProgressBar(kernel));
 * }</pre>
 */
public final class NotebookProgressBar implements ProgressListener {

  /** Smallest time between two updates of one bar. */
  public static final long MIN_INTERVAL_MILLIS = 200;

  private final WorkbenchKernel kernel;
  private final String id = "wb-progress-" + java.util.UUID.randomUUID();
  private boolean shown;
  private long last;

  NotebookProgressBar(WorkbenchKernel kernel) {
    this.kernel = kernel;
  }

  @Override
  public synchronized void onProgress(ProgressEvent e) {
    long now = System.nanoTime();
    if (shown && !e.finished() && now - last < MIN_INTERVAL_MILLIS * 1_000_000L) {
      return;
    }
    last = now;
    java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
    data.put(Renderers.TEXT, TextProgressBar.render(e));
    data.put(Renderers.HTML, html(e));
    kernel.publish(new Renderers.Bundle(data, java.util.Map.of()), id, shown);
    shown = true;
  }

  /** The bar as HTML: a {@code <progress>} element with the task, percentage and detail. */
  public static String html(ProgressEvent e) {
    double f = e.fraction();
    StringBuilder b = new StringBuilder("<div class=\"wb-progress\" style=\"font-family:monospace\">");
    b.append("<span>").append(Renderers.escape(e.task())).append("</span> ");
    if (Double.isNaN(f)) {
      b.append("<progress style=\"width:20em\"></progress> ");
    } else {
      b.append("<progress style=\"width:20em\" max=\"1\" value=\"").append(String.format(java.util.Locale.ROOT, "%.4f", f))
          .append("\"></progress> ").append(Math.round(f * 100)).append('%');
    }
    if (e.detail() != null && !e.detail().isEmpty()) {
      b.append(' ').append(Renderers.escape(e.detail()));
    }
    if (e.finished()) {
      boolean said = e.detail() != null && e.detail().contains("stopped");
      b.append(" <span class=\"wb-done\">(").append(e.stopped() && !said ? "stopped at " : "").append(e.done())
          .append('/').append(e.total() < 0 ? "?" : String.valueOf(e.total())).append(e.stopped() ? ")" : " done)")
          .append("</span>");
    }
    return b.append("</div>").toString();
  }
}
