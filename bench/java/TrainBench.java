import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.workbench.data.Dataset;
import io.workbench.data.DatasetBuilder;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.djl.NeuralTrainer;
import io.workbench.model.djl.TrainingHistory;
import io.workbench.model.factory.Models;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Training throughput of the workbench's NeuralTrainer against a bare DJL training loop (DJL's own Trainer:
 * forward, loss, backward, step) on the same networks, data shapes, batch size and threads.
 * MLP: 10000 x 100 synthetic table, 100-64-32-2 ReLU. CNN: 4096 synthetic 1x8x8 images, 10 classes,
 * conv3x3(16)-pool-conv3x3(32)-pool-flatten-64-10. Adam, lr 1e-3, batch 64.
 * Prints per-epoch medians (seconds) over the measured epochs after warm-up epochs.
 * Usage: java -Dai.djl.pytorch.num_threads=T -cp CP bench/java/TrainBench.java [warmup] [measured]
 * (bench/suites/train.sh runs 5 warm-up and 10 measured epochs: fewer leave JIT compilation inside the timings)
 */
public class TrainBench {

  static final int BATCH = 64;

  public static void main(String[] args) {
    int warm = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int meas = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Dataset mlpData = table(10_000, 100, 2, 1, null);
    Dataset cnnData = table(4096, 64, 10, 2, new int[] {1, 8, 8});

    double[] oursMlp = ours(Models.mlp(64, 32), mlpData, warm, meas);
    double[] rawMlp = raw(mlpBlock(), mlpData, new Shape(BATCH, 100), warm, meas);
    double[] oursCnn = ours(Models.cnn2d(16, 32).hidden(64), cnnData, warm, meas);
    double[] rawCnn = raw(cnnBlock(), cnnData, new Shape(BATCH, 1, 8, 8), warm, meas);
    print("java_mlp", oursMlp);
    print("djl_raw_mlp", rawMlp);
    print("java_cnn", oursCnn);
    print("djl_raw_cnn", rawCnn);
  }

  static void print(String name, double[] v) {
    System.out.printf("%s_epoch_median_s %.5f%n", name, v[0]);
    System.out.printf("%s_epoch_cpu_median_s %.5f%n", name, v[1]);
    System.out.printf("%s_epoch_cpu_min_s %.5f%n", name, v[2]);
  }

  static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  /** CPU seconds of the calling thread (with one intra-op thread PyTorch computes on it). */
  static double cpu() {
    return THREADS.getCurrentThreadCpuTime() / 1e9;
  }

  static Dataset table(int n, int d, int k, long seed, int[] shape) {
    Random rnd = new Random(seed);
    double[][] cols = new double[d][n];
    int[] label = new int[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        cols[j][i] = rnd.nextGaussian();
        s += (j % 7 == 0 ? 1 : 0) * cols[j][i] * (1 + j % 3);
      }
      label[i] = Math.floorMod((int) Math.floor(s), k);
    }
    List<Column<?>> c = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      c.add(DoubleColumn.create("f" + j, cols[j]));
      names.add("f" + j);
    }
    String[] classNames = new String[k];
    for (int i = 0; i < k; i++) {
      classNames[i] = "c" + i;
    }
    String[] y = Arrays.stream(label).mapToObj(v -> "c" + v).toArray(String[]::new);
    c.add(tech.tablesaw.api.StringColumn.create("y", y));
    DatasetBuilder b = Dataset.builder(Table.create("bench", c.toArray(new Column<?>[0])))
        .target("y").features(names).classNames(classNames);
    if (shape != null) {
      b = b.sampleShape(shape);
    }
    return b.build();
  }

  /** Wall and CPU medians per epoch of NeuralTrainer, taken from its progress events at each epoch's end. */
  static double[] ours(NeuralTrainer t, Dataset data, int warm, int meas) {
    long batches = (data.rows() + BATCH - 1) / BATCH;
    List<double[]> marks = new ArrayList<>();
    marks.add(new double[] {System.nanoTime() / 1e9, cpu()});
    NeuralNetModel m = t.epochs(warm + meas).batchSize(BATCH).seed(1).progress(e -> {
      if (!e.finished() && e.done() % batches == 0) {
        marks.add(new double[] {System.nanoTime() / 1e9, cpu()});
      }
    }).fit(data);
    double[] wall = new double[meas];
    double[] cpu = new double[meas];
    for (int i = 0; i < meas; i++) {
      wall[i] = marks.get(warm + i + 1)[0] - marks.get(warm + i)[0];
      cpu[i] = marks.get(warm + i + 1)[1] - marks.get(warm + i)[1];
    }
    TrainingHistory h = m.history();
    double[] s = h.epochs().stream().skip(warm).mapToDouble(TrainingHistory.Epoch::seconds).toArray();
    return new double[] {median(s), median(cpu), Arrays.stream(cpu).min().orElseThrow()};
  }

  static SequentialBlock mlpBlock() {
    return new SequentialBlock()
        .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
        .add(Linear.builder().setUnits(32).build()).add(Activation.reluBlock())
        .add(Linear.builder().setUnits(2).build());
  }

  static SequentialBlock cnnBlock() {
    return new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(16).build())
        .add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(32).build())
        .add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
        .add(Linear.builder().setUnits(10).build());
  }

  /** DJL's own Trainer, nothing else: per batch forward, loss, backward, step. */
  static double[] raw(SequentialBlock block, Dataset data, Shape batchShape, int warm, int meas) {
    float[][] x = data.x();
    int[] y = data.y();
    int n = x.length;
    int d = x[0].length;
    long[] dims = batchShape.getShape().clone();
    dims[0] = n;
    Shape all = new Shape(dims);
    try (Model model = Model.newInstance("raw", Device.cpu(), "PyTorch")) {
      model.setBlock(block);
      DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
          .optDevices(new Device[] {Device.cpu()});
      try (Trainer trainer = model.newTrainer(cfg)) {
        trainer.initialize(batchShape);
        NDManager manager = trainer.getManager();
        Random rnd = new Random(1);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
        float[] xb = new float[n * d];
        float[] yb = new float[n];
        double[] times = new double[warm + meas];
        double[] cpus = new double[warm + meas];
        for (int e = 0; e < warm + meas; e++) {
          long t0 = System.nanoTime();
          double c0 = cpu();
          for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
          }
          for (int i = 0; i < n; i++) {
            System.arraycopy(x[order[i]], 0, xb, i * d, d);
            yb[i] = y[order[i]];
          }
          try (NDManager em = manager.newSubManager()) {
            NDArray xe = em.create(xb, all);
            NDArray ye = em.create(yb, new Shape(n));
            for (int start = 0; start < n; start += BATCH) {
              int end = Math.min(n, start + BATCH);
              try (NDManager bm = em.newSubManager()) {
                NDIndex rows = new NDIndex().addSliceDim(start, end);
                NDArray xs = xe.get(rows);
                xs.attach(bm);
                NDArray ys = ye.get(rows);
                ys.attach(bm);
                try (GradientCollector gc = trainer.newGradientCollector()) {
                  NDArray pred = trainer.forward(new NDList(xs)).singletonOrThrow();
                  NDArray loss = trainer.getLoss().evaluate(new NDList(ys), new NDList(pred));
                  gc.backward(loss);
                }
                trainer.step();
              }
            }
          }
          times[e] = (System.nanoTime() - t0) / 1e9;
          cpus[e] = cpu() - c0;
        }
        double[] c = Arrays.copyOfRange(cpus, warm, warm + meas);
        return new double[] {median(Arrays.copyOfRange(times, warm, warm + meas)), median(c),
            Arrays.stream(c).min().orElseThrow()};
      }
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int m = s.length;
    return m % 2 == 1 ? s[m / 2] : (s[m / 2 - 1] + s[m / 2]) / 2;
  }
}
