package io.workbench.run;

import io.workbench.progress.Cancellation;
import io.workbench.progress.ProgressListener;

/**
 * The one builder idiom of long operations: an immutable builder implements {@link #options()} and {@link
 * #withOptions(RunOptions)} (a changed copy), and gets the same setters, with the same defaults, as every
 * other operation.
 *
 * <pre>{@code
 * Models.mlp(64).epochs(20).seed(7).threads(1).fit(train);
 * Explain.kernelShap(model, background).seed(7).threads(2).progress(bar).explain(rows);
 * }</pre>
 *
 * @param <B> the concrete builder type
 */
public interface RunSettings<B extends RunSettings<B>> {

  /** The run options this builder holds. */
  RunOptions options();

  /** A copy of this builder with other run options. */
  B withOptions(RunOptions options);

  /** A copy with the seed of every random choice (default {@value RunOptions#DEFAULT_SEED}). */
  default B seed(long s) {
    return withOptions(options().withSeed(s));
  }

  /** A copy with {@code n} worker threads (default: available processors); results do not depend on it. */
  default B threads(int n) {
    return withOptions(options().withThreads(n));
  }

  /** A copy with {@code n} native threads per worker (PyTorch intra-op, XGBoost); default automatic. */
  default B nativeThreads(int n) {
    return withOptions(options().withNativeThreads(n));
  }

  /** A copy with {@code n} rows per model call (default {@value RunOptions#DEFAULT_BATCH_ROWS}). */
  default B batchRows(int n) {
    return withOptions(options().withBatchRows(n));
  }

  /** A copy reporting progress to {@code l} (default: the environment's bar, silent in plain Java). */
  default B progress(ProgressListener l) {
    return withOptions(options().withProgress(l));
  }

  /** A copy that stops when {@code c} is cancelled (a thread interrupt always stops the work). */
  default B cancellation(Cancellation c) {
    return withOptions(options().withCancellation(c));
  }
}
