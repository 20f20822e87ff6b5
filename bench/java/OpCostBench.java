import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The cost of one libtorch operation called through DJL's JNI, to set beside bench/python/op_cost_bench.py (the
 * same operations called from Python): thread CPU microseconds per call of an element-wise add (64 x 64), a
 * linear layer (64 x 64 input, 5 outputs) and softplus (64 x 64), one PyTorch thread, gradients off; and the
 * add inside a fresh sub-manager (as a training step opens one per batch). Three rounds of 20,000 calls each.
 * Usage: java -Dai.djl.pytorch.num_threads=1 -cp CP bench/java/OpCostBench.java
 */
public class OpCostBench {

  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) {
    Engine engine = Engine.getEngine("PyTorch");
    JniUtils.setGradMode(false);
    int reps = 20_000;
    try (NDManager m = engine.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(64, 64));
      NDArray w = m.randomNormal(new Shape(5, 64));
      NDArray b = m.zeros(new Shape(5));
      for (int round = 0; round < 3; round++) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
          x.add(x).close();
        }
        long c1 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
          x.getNDArrayInternal().linear(x, w, b).close();
        }
        long c2 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
          Activation.softPlus(x).close();
        }
        long c3 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
          try (NDManager s = m.newSubManager()) {
            x.add(x).attach(s);
          }
        }
        long c4 = THREADS.getCurrentThreadCpuTime();
        System.out.printf(Locale.ROOT, "djl_us_per_call add %.2f linear %.2f softplus %.2f add_in_submanager %.2f%n",
            (c1 - c0) / 1e3 / reps, (c2 - c1) / 1e3 / reps, (c3 - c2) / 1e3 / reps, (c4 - c3) / 1e3 / reps);
      }
    }
  }
}
