package io.workbench.progress;

import java.io.PrintStream;

/**
 * A text progress bar for JShell and terminals: redraws one line with {@code \r}, at most every
 * {@code minIntervalMillis}, overwriting what a longer earlier line left with spaces, and ends the line when
 * the work finishes. Nested work ({@link ProgressTask}) arrives as one bar whose text names the step.
 *
 * <pre>{@code
 * model = Models.mlp(64).progress(new TextProgressBar(System.out)).fit(train);
 * // train [##########----------]  50% epoch 20/40 loss 0.1234
 * }</pre>
 */
public final class TextProgressBar implements ProgressListener {

  private static final int WIDTH = 30;
  private final PrintStream out;
  private final long minIntervalNanos;
  private long last = Long.MIN_VALUE;
  private int shown;

  /** A bar on the given stream, redrawn at most 10 times per second. */
  public TextProgressBar(PrintStream out) {
    this(out, 100);
  }

  /** A bar on the given stream, redrawn at most every {@code minIntervalMillis}. */
  public TextProgressBar(PrintStream out, long minIntervalMillis) {
    this.out = out;
    this.minIntervalNanos = minIntervalMillis * 1_000_000L;
  }

  @Override
  public synchronized void onProgress(ProgressEvent e) {
    long now = System.nanoTime();
    if (!e.finished() && last != Long.MIN_VALUE && now - last < minIntervalNanos) {
      return;
    }
    last = now;
    String line = render(e);
    StringBuilder s = new StringBuilder(line.length() + 1 + Math.max(0, shown - line.length()));
    s.append('\r').append(line);
    for (int i = line.length(); i < shown; i++) {
      s.append(' ');
    }
    out.print(s);
    shown = e.finished() ? 0 : line.length();
    if (e.finished()) {
      out.println();
    }
    out.flush();
  }

  /**
   * The bar as one line of text, for example {@code train [######------]  50% epoch 2/4}; work that ended
   * before all of it was done says {@code stopped}.
   */
  public static String render(ProgressEvent e) {
    StringBuilder s = new StringBuilder(e.task()).append(" [");
    double f = e.fraction();
    int filled = Double.isNaN(f) ? 0 : (int) Math.round(f * WIDTH);
    for (int i = 0; i < WIDTH; i++) {
      s.append(i < filled ? '#' : '-');
    }
    s.append("] ");
    s.append(Double.isNaN(f) ? "  ?%" : String.format("%3d%%", Math.round(f * 100)));
    if (e.detail() != null && !e.detail().isEmpty()) {
      s.append(' ').append(e.detail().replace('\n', ' ').replace('\r', ' '));
    }
    if (e.stopped() && (e.detail() == null || !e.detail().contains("stopped"))) {
      s.append(" (stopped)");
    }
    return s.toString();
  }
}
