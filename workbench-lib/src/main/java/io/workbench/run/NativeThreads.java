package io.workbench.run;

import io.workbench.progress.ProgressTask;

/**
 * How many native threads model calls on the current thread may use, as the operation running on it decided
 * (for example {@link RunOptions#nativeThreadsFor(int)} in each of an explainer's workers). Engines read it
 * before native work: a DJL network sets PyTorch's intra-op threads of the calling thread to it. {@code 0}
 * means no operation decided, and the engine keeps its default.
 *
 * <pre>{@code
 * try (NativeThreads.Scope s = NativeThreads.use(options.nativeThreadsFor(workers))) {
 *   model.predictProba(rows);   // PyTorch uses that many intra-op threads on this thread
 * }
 * }</pre>
 */
public final class NativeThreads {

  private static final ThreadLocal<Integer> CURRENT = new ThreadLocal<>();

  private NativeThreads() {}

  /** The count set for this thread, or {@code 0} when none is. */
  public static int current() {
    Integer n = CURRENT.get();
    return n == null ? 0 : n;
  }

  /**
   * Sets the count for this thread until the scope closes (then the previous count is back).
   *
   * @param n native threads, at least 1
   */
  public static Scope use(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("native threads must be >= 1, got " + n);
    }
    return ProgressTask.Scope.set(CURRENT, n)::close;
  }

  /** What {@link #use(int)} returns. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
