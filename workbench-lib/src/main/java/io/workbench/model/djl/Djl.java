package io.workbench.model.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The PyTorch engine as the workbench uses it: started once, quietly, offline; one lock for everything that
 * records gradients (PyTorch's gradient collector in DJL is one per JVM) or seeds the engine's random
 * generator.
 */
final class Djl {

  /** Held while a gradient collector is open, and for a whole training run. */
  static final ReentrantLock GRADIENTS = new ReentrantLock();

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
