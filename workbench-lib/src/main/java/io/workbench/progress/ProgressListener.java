package io.workbench.progress;

/**
 * Receives progress of long work. Implementations must be cheap: the caller may emit an event per
 * batch; throttling is the listener's job.
 *
 * <pre>{@code
 * ProgressListener bar = new TextProgressBar(System.out);
 * ProgressListener quiet = ProgressListener.silent();
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

  /** Called on every step and once more with {@code finished = true}. */
  void onProgress(ProgressEvent event);

  /** A listener that ignores everything. */
  static ProgressListener silent() {
    return e -> {};
  }
}
