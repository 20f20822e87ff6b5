package io.workbench.progress;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where long work reports when the caller names no listener: silent by default; the notebook kernel
 * installs a live HTML progress bar and the JShell launcher a {@link TextProgressBar}. Each piece of
 * work asks for a fresh listener with {@link #current()}.
 *
 * <pre>{@code
 * Progress.install(() -> new TextProgressBar(System.out));   // what the JShell launcher does
 * ProgressListener bar = Progress.current();
 * }</pre>
 */
public final class Progress {

  private static volatile Supplier<ProgressListener> factory = ProgressListener::silent;

  private Progress() {}

  /** A new listener from the installed factory (silent unless an environment installed one). */
  public static ProgressListener current() {
    ProgressListener l = factory.get();
    return l == null ? ProgressListener.silent() : l;
  }

  /** Installs the factory used by {@link #current()}; environments (kernel, shell) call this once. */
  public static void install(Supplier<ProgressListener> newFactory) {
    factory = Objects.requireNonNull(newFactory, "factory");
  }

  /** Restores the silent default. */
  public static void reset() {
    factory = ProgressListener::silent;
  }
}
