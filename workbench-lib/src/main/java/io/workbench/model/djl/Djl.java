package io.workbench.model.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The PyTorch engine as the workbench uses it: started once, quietly, offline, with one inter-op thread and one
 * intra-op thread per calling thread unless the system properties {@code ai.djl.pytorch.num_interop_threads}
 * and {@code ai.djl.pytorch.num_threads} say otherwise; one lock for everything that records gradients
 * (PyTorch's gradient collector in DJL is one per JVM) or seeds the engine's random generator.
 *
 * <p>PyTorch's intra-op thread count belongs to each native thread (OpenMP's setting, plus a process default
 * that threads take on their first operation), so an operation sets it on its own thread with {@link
 * #threads(int)} and puts it back afterwards. The inter-op count can be set only once per process, before any
 * inter-op work: the workbench never runs inter-op work (no TorchScript forks), so one thread is enough.
 */
final class Djl {

  /** Held while a gradient collector is open, and for a whole training run. */
  static final ReentrantLock GRADIENTS = new ReentrantLock();

  /** DJL's system property of PyTorch's inter-op threads. */
  static final String INTEROP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

  /** DJL's system property of PyTorch's default intra-op threads. */
  static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

  private static volatile Engine engine;

  private Djl() {}

  /** The PyTorch engine, started on first use (offline; no log output: slf4j-nop is on the class path). */
  static Engine engine() {
    Engine e = engine;
    if (e == null) {
      synchronized (Djl.class) {
        e = engine;
        if (e == null) {
          if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
          }
          if (System.getProperty("ai.djl.pytorch.graph_optimizer") == null) {
            System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
          }
          if (System.getProperty(INTEROP_PROPERTY) == null) {
            System.setProperty(INTEROP_PROPERTY, "1");
          }
          if (System.getProperty(THREADS_PROPERTY) == null) {
            System.setProperty(THREADS_PROPERTY, String.valueOf(NeuralTrainer.DEFAULT_NATIVE_THREADS));
          }
          e = Engine.getEngine("PyTorch");
          engine = e;
        }
      }
    }
    return e;
  }

  /** The device for a trainer option ({@code null}, auto, cpu, gpu) under the current system property. */
  static Device device(String option) {
    Engine e = engine();
    String kind = DeviceChoice.resolve(option, System.getProperty(DeviceChoice.PROPERTY), e.getGpuCount());
    return kind.equals("gpu") ? Device.gpu() : Device.cpu();
  }

  /** DJL's version. */
  static String djlVersion() {
    return Engine.getDjlVersion();
  }

  /** The PyTorch native version. */
  static String pytorchVersion() {
    return engine().getVersion();
  }

  /** Turns PyTorch's gradient recording off for this thread (it is thread-local and on by default). */
  static void noGrad() {
    engine();
    ai.djl.pytorch.jni.JniUtils.setGradMode(false);
  }

  /**
   * Sets PyTorch's intra-op threads of the calling thread to {@code n} until the returned scope closes (then
   * the previous count is back); {@code n <= 0} leaves the count as it is.
   */
  static Threads threads(int n) {
    engine();
    if (n <= 0) {
      return () -> {};
    }
    int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
    if (before == n) {
      return () -> {};
    }
    ai.djl.pytorch.jni.JniUtils.setNumThreads(n);
    return () -> ai.djl.pytorch.jni.JniUtils.setNumThreads(before);
  }

  /** What {@link #threads(int)} returns. */
  @FunctionalInterface
  interface Threads extends AutoCloseable {
    @Override
    void close();
  }

  /** Locks {@link #GRADIENTS}, giving up with a cancellation when the thread is interrupted. */
  static void lockGradients() {
    try {
      GRADIENTS.lockInterruptibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.workbench.progress.Cancellation.CancelledException();
    }
  }
}
