package io.workbench.model.djl;

import ai.djl.Device;
import java.util.function.Supplier;

/**
 * The PyTorch engine of the workbench's own networks, shared with other models that run on it (imported
 * TorchScript modules, {@code io.workbench.model.imported}): started once, offline and quietly, and the JVM's one
 * gradient lock. DJL allows one gradient recording at a time per JVM, so every gradient computation on PyTorch,
 * training included, runs inside {@link #withGradients(Supplier)}.
 *
 * <pre>{@code
 * PyTorchEngine.start();
 * float[][] g = PyTorchEngine.withGradients(() -> computeInputGradients());
 * }</pre>
 */
public final class PyTorchEngine {

  private PyTorchEngine() {}

  /** Starts the engine (offline, no graph optimiser warm-up) if it is not running yet. */
  public static void start() {
    Djl.engine();
  }

  /** The device for an option ({@code null} or {@code auto}, {@code cpu}, {@code gpu}), see {@link DeviceChoice}. */
  public static Device device(String option) {
    return Djl.device(option);
  }

  /** Turns PyTorch's gradient recording off for the calling thread (it is thread-local). */
  public static void noGrad() {
    Djl.noGrad();
  }

  /**
   * Runs {@code work} with gradient recording off and the PyTorch intra-op threads that the running operation set
   * for the calling thread ({@link io.workbench.run.NativeThreads}), as the workbench's own networks do.
   */
  public static <T> T inference(Supplier<T> work) {
    try (Djl.Threads t = Djl.threads(io.workbench.run.NativeThreads.current())) {
      Djl.noGrad();
      return work.get();
    }
  }

  /**
   * Runs {@code work} holding the JVM's gradient lock (waiting for any training or other gradient work), with
   * gradient recording off on entry and the operation's native threads; an interrupt while waiting cancels.
   */
  public static <T> T withGradients(Supplier<T> work) {
    Djl.lockGradients();
    try {
      return inference(work);
    } finally {
      Djl.GRADIENTS.unlock();
    }
  }
}
