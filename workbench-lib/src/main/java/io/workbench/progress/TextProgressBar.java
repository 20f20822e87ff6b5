package io.workbench.progress;

import java.io.PrintStream;

/**
 * A text progress bar for JShell and terminals: redraws one line with {@code \r}, at most every
 * {@code minIntervalMillis}, and ends the line when the work finishes.
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
    out.print('\r');
    out.print(render(e));
    if (e.finished()) {
      out.println();
    }
    out.flush();
  }

  /** The bar as one line of text, for example {@code train [######------]  50% epoch 2/4}. */
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
      s.append(' ').append(e.detail());
    }
    return s.toString();
  }
}
