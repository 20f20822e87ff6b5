package io.workbench.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.workbench.data.Dataset;
import io.workbench.model.Trainer;
import io.workbench.progress.ProgressTask;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains a prototype network (ProtoPNet, Chen et al. 2019, "This looks like that", adapted to 1D signals,
 * small images and tabular rows): an encoder ({@link PatchEncoder}: convolutions over a signal or an image
 * {@code [channels, height, width]}, so each latent position is a patch of the input, an interval of a signal
 * or a region of an image; dense layers for a tabular row), a prototype layer with {@link #prototypesPerClass(int)}
 * prototypes per class whose similarity to a row is {@code log((d + 1) / (d + 1e-4))} of the smallest squared
 * distance {@code d} between the prototype and any patch of the row, and a last layer from similarities to
 * class logits.
 *
 * <p>Training follows the paper's stages: (1) encoder and prototypes with the last layer fixed (+1 to the own
 * class, -0.5 to the others), minimising cross-entropy plus {@link #clusterWeight(double)} times the cluster
 * cost (each row close to some prototype of its class) minus {@link #separationWeight(double)} times the
 * separation cost (far from the prototypes of other classes); (2) the push: each prototype is replaced by its
 * nearest patch among the training rows of its class, so every prototype <em>is</em> a piece of a real
 * training example; (3) the last layer alone, with an L1 penalty ({@link #l1(double)}) on the connections from
 * prototypes to other classes. Weights are initialised from the seed and batches shuffled by it: the same seed
 * gives the same model.
 *
 * <pre>{@code
 * ProtoNetModel m = ProtoNet.trainer().prototypesPerClass(2).epochs(15).seed(7).fit(split.train());
 * m.prototypes();                        // class, source training row and span of every prototype
 * m.explain(split.test().x()[0]).plot(); // the closest prototypes, where they match, and their source beats
 *
 * ProtoNetModel d = ProtoNet.trainer().prototypesPerClass(1).epochs(10).fit(Datasets.digits());
 * d.explain(Datasets.digits().x()[0]).plot(); // the digit and the training digits of its closest prototypes,
 *                                             // the matched regions highlighted
 * }</pre>
 */
public final class ProtoNet implements Trainer, RunSettings<ProtoNet> {

  private final int perClass;
  private final int[] layers;
  private final int kernel;
  private final int latent;
  private final int epochs;
  private final int batchSize;
  private final double learningRate;
  private final double cluster;
  private final double separation;
  private final double l1;
  private final int lastLayerSteps;
  private final RunOptions options;

  private ProtoNet(int perClass, int[] layers, int kernel, int latent, int epochs, int batchSize,
      double learningRate, double cluster, double separation, double l1, int lastLayerSteps, RunOptions options) {
    this.perClass = perClass;
    this.layers = layers;
    this.kernel = kernel;
    this.latent = latent;
    this.epochs = epochs;
    this.batchSize = batchSize;
    this.learningRate = learningRate;
    this.cluster = cluster;
    this.separation = separation;
    this.l1 = l1;
    this.lastLayerSteps = lastLayerSteps;
    this.options = options;
  }

  /**
   * The defaults: 3 prototypes per class, three convolution blocks of 16 filters (kernel 7) for signals, two
   * blocks of 16 filters (kernel 3 x 3) for images or one dense layer of 32 units for tabular rows, 16 latent
   * dimensions, 20 epochs of batches of 32, Adam at 0.01, cluster weight 0.8, separation weight 0.08, L1 1e-4
   * and 300 full-batch steps of the last layer (the paper's cost weights), seed 42.
   */
  public static ProtoNet trainer() {
    return new ProtoNet(3, null, 0, 16, 20, 32, 1e-2, 0.8, 0.08, 1e-4, 300, RunOptions.defaults());
  }

  private ProtoNet with(int pc, int[] ly, int k, int lt, int ep, int bs, double lr, double cl, double sp, double l,
      int ls, RunOptions o) {
    return new ProtoNet(pc, ly, k, lt, ep, bs, lr, cl, sp, l, ls, o);
  }

  /** Prototypes per class (1 to 50). */
  public ProtoNet prototypesPerClass(int n) {
    if (n < 1 || n > 50) {
      throw new IllegalArgumentException("prototypesPerClass must be 1..50, got " + n);
    }
    return with(n, layers, kernel, latent, epochs, batchSize, learningRate, cluster, separation, l1,
        lastLayerSteps, options);
  }

  /**
   * Encoder widths: filters per convolution block (signals) or units per dense layer (tabular rows); default
   * {@code 16, 16, 16} for signals and {@code 32} for rows.
   */
  public ProtoNet layers(int... widths) {
    return with(perClass, ParameterSteps.layers(widths), kernel, latent, epochs, batchSize, learningRate,
        cluster, separation, l1,
        lastLayerSteps, options);
  }

  /** Convolution kernel length (odd, 1 to 63; signals, and the side of a square kernel for images). */
  public ProtoNet kernel(int k) {
    return with(perClass, layers, ParameterSteps.kernel(k), latent, epochs, batchSize, learningRate, cluster,
        separation, l1,
        lastLayerSteps, options);
  }

  /** Latent dimensions of a patch and a prototype (1 to 512). */
  public ProtoNet latent(int d) {
    if (d < 1 || d > 512) {
      throw new IllegalArgumentException("latent must be 1..512, got " + d);
    }
    return with(perClass, layers, kernel, d, epochs, batchSize, learningRate, cluster, separation, l1,
        lastLayerSteps, options);
  }

  /** Epochs of the joint stage (encoder and prototypes), at least 1. */
  public ProtoNet epochs(int n) {
    return with(perClass, layers, kernel, latent, ParameterSteps.atLeast(n, 1, "epochs"), batchSize,
        learningRate, cluster, separation, l1,
        lastLayerSteps, options);
  }

  /** Rows per mini-batch, at least 1. */
  public ProtoNet batchSize(int n) {
    return with(perClass, layers, kernel, latent, epochs, ParameterSteps.atLeast(n, 1, "batchSize"),
        learningRate, cluster, separation, l1,
        lastLayerSteps, options);
  }

  /** Adam's learning rate, in (0, 1]. */
  public ProtoNet learningRate(double rate) {
    return with(perClass, layers, kernel, latent, epochs, batchSize, ParameterSteps.rate(rate), cluster, separation, l1,
        lastLayerSteps, options);
  }

  /** Weight of the cluster cost (>= 0). */
  public ProtoNet clusterWeight(double w) {
    return with(perClass, layers, kernel, latent, epochs, batchSize, learningRate, nonNegative(w, "clusterWeight"),
        separation, l1, lastLayerSteps, options);
  }

  /** Weight of the separation cost (>= 0). */
  public ProtoNet separationWeight(double w) {
    return with(perClass, layers, kernel, latent, epochs, batchSize, learningRate, cluster,
        nonNegative(w, "separationWeight"), l1, lastLayerSteps, options);
  }

  /** L1 penalty on the last layer's connections from prototypes to the other classes (>= 0). */
  public ProtoNet l1(double w) {
    return with(perClass, layers, kernel, latent, epochs, batchSize, learningRate, cluster, separation,
        nonNegative(w, "l1"), lastLayerSteps, options);
  }

  /** Full-batch Adam steps of the last-layer stage (0 keeps the initial last layer). */
  public ProtoNet lastLayerSteps(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("lastLayerSteps must be >= 0, got " + n);
    }
    return with(perClass, layers, kernel, latent, epochs, batchSize, learningRate, cluster, separation, l1, n,
        options);
  }

  private static double nonNegative(double v, String what) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + v);
    }
    return v;
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public ProtoNet withOptions(RunOptions o) {
    if (o == null) {
      throw new IllegalArgumentException("withOptions needs run options, got null");
    }
    return with(perClass, layers, kernel, latent, epochs, batchSize, learningRate, cluster, separation, l1,
        lastLayerSteps, o);
  }

  /** The settings as name/value pairs (kept in the saved model). */
  public Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("prototypesPerClass", perClass);
    m.put("layers", layers == null ? "auto" : java.util.Arrays.toString(layers));
    m.put("kernel", kernel == 0 ? "auto" : kernel);
    m.put("latent", latent);
    m.put("epochs", epochs);
    m.put("batchSize", batchSize);
    m.put("learningRate", learningRate);
    m.put("clusterWeight", cluster);
    m.put("separationWeight", separation);
    m.put("l1", l1);
    m.put("lastLayerSteps", lastLayerSteps);
    m.put("seed", options.seed());
    return m;
  }

  @Override
  public String toString() {
    return "ProtoNet" + settings();
  }

  @Override
  public ProtoNetModel fit(Dataset train) {
    float[][] raw = ParameterSteps.classificationRows(train, "ProtoNet");
    int[] y = train.y();
    int[] shape = train.sampleShape();
    int k = train.numClasses();
    int protos = k * perClass;
    long seed = options.seed();
    int[] widths = ParameterSteps.widths(layers, shape);
    PatchEncoder enc = PatchEncoder.create(shape, widths, ParameterSteps.kernelFor(kernel, shape), latent, seed);
    float[][] standardizer = ParameterSteps.standardizer(raw, shape);
    float[][] xs = ParameterSteps.standardizeAll(raw, standardizer);
    Random rnd = new Random(seed ^ 0x5DEECE66DL);
    int[] protoClass = new int[protos];
    float[] protoInit = new float[protos * latent];
    for (int m = 0; m < protos; m++) {
      protoClass[m] = m / perClass;
      for (int d = 0; d < latent; d++) {
        protoInit[m * latent + d] = (float) rnd.nextDouble();
      }
    }
    float[][] last = ProtoNetModel.initialLastLayer(protoClass, k);
    List<float[]> params = new ArrayList<>(enc.params.stream().map(float[]::clone).toList());
    params.add(protoInit);
    List<long[]> shapes = new ArrayList<>(enc.shapes);
    shapes.add(new long[] {protos, latent});
    int n = raw.length;
    int batches = (n + batchSize - 1) / batchSize;
    ParameterSteps adam = new ParameterSteps(params, shapes, learningRate);
    Djl.lockGradients();
    try (ProgressTask progress = options.start("train prototypes", (long) epochs * batches + 2);
        Djl.Threads threads = Djl.threads(options.trainerThreads(NeuralTrainer.DEFAULT_NATIVE_THREADS));
        NDManager manager = Djl.engine().newBaseManager()) {
      Djl.noGrad();
      int encParams = enc.params.size();
      for (int e = 0; e < epochs; e++) {
        int[] order = ParameterSteps.order(n, rnd);
        double sum = 0;
        for (int b = 0; b < batches; b++) {
          progress.check();
          int from = b * batchSize;
          int to = Math.min(n, from + batchSize);
          float[] xb = ParameterSteps.batch(xs, order, from, to);
          float[] own = new float[(to - from) * protos];
          float[] onehot = new float[(to - from) * k];
          for (int i = from; i < to; i++) {
            int c = y[order[i]];
            onehot[(i - from) * k + c] = 1;
            for (int m = 0; m < protos; m++) {
              own[(i - from) * protos + m] = protoClass[m] == c ? 1 : 0;
            }
          }
          int rows = to - from;
          sum += adam.step(manager, (sub, p) -> {
            NDArray x = sub.create(xb, new Shape(rows, xs[0].length));
            NDArray z = enc.forward(x, p.subList(0, encParams));
            NDArray dmin = minDistances(z, p.get(encParams));
            NDArray sim = dmin.add(1f).div(dmin.add(1e-4f)).log();
            NDArray w = sub.create(flatten(last), new Shape(k, protos));
            NDArray logits = sim.matMul(w.transpose());
            NDArray yb = sub.create(onehot, new Shape(rows, k));
            NDArray ce = logits.logSoftmax(1).mul(yb).sum(new int[] {1}).mean().neg();
            NDArray ownMask = sub.create(own, new Shape(rows, protos));
            float big = 4f * latent + 10;
            NDArray clusterCost = dmin.add(ownMask.neg().add(1f).mul(big)).min(new int[] {1}).mean();
            NDArray separationCost = dmin.add(ownMask.mul(big)).min(new int[] {1}).mean();
            return ce.add(clusterCost.mul((float) cluster)).sub(separationCost.mul((float) separation));
          });
          progress.advance(1, "epoch " + (e + 1) + "/" + epochs,
              b == batches - 1 ? Map.of("loss", sum / batches) : Map.of());
        }
      }
      PatchEncoder trained = enc.withParams(new ArrayList<>(params.subList(0, encParams)));
      float[][] prototypes = new float[protos][latent];
      for (int m = 0; m < protos; m++) {
        System.arraycopy(params.get(encParams), m * latent, prototypes[m], 0, latent);
      }
      ProtoNetModel.Push push = ProtoNetModel.push(trained, xs, y, prototypes, protoClass);
      progress.advance(1, "push");
      float[][] sims = new float[n][];
      for (int i = 0; i < n; i++) {
        sims[i] = ProtoNetModel.similarities(trained.encode(xs[i]), push.prototypes(), null);
      }
      float[][] w = trainLastLayer(sims, y, protoClass, last, progress);
      float[][] sources = new float[protos][];
      for (int m = 0; m < protos; m++) {
        sources[m] = raw[push.rows()[m]].clone();
      }
      progress.done("trained");
      return new ProtoNetModel(trained, standardizer, push.prototypes(), protoClass, w, push.rows(),
          push.positions(), sources, train.features(), train.classNames(), settings());
    } finally {
      Djl.GRADIENTS.unlock();
    }
  }

  /** Smallest squared distance between each prototype and any patch: {@code [n, prototypes]}. */
  static NDArray minDistances(NDArray z, NDArray prototypes) {
    NDArray z2 = z.square().sum(new int[] {2}, true);
    NDArray p2 = prototypes.square().sum(new int[] {1});
    NDArray cross = z.matMul(prototypes.transpose());
    return z2.sub(cross.mul(2f)).add(p2).maximum(0f).min(new int[] {1});
  }

  private static float[] flatten(float[][] m) {
    float[] out = new float[m.length * m[0].length];
    for (int i = 0; i < m.length; i++) {
      System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
    }
    return out;
  }

  /**
   * The last-layer stage: full-batch Adam on cross-entropy plus L1 on the weights from prototypes to classes
   * other than their own (a subgradient, with weights that cross zero set to zero), similarities fixed.
   */
  private float[][] trainLastLayer(float[][] sims, int[] y, int[] protoClass, float[][] init, ProgressTask progress) {
    int k = init.length;
    int protos = init[0].length;
    float[] w = flatten(init);
    List<float[]> params = new ArrayList<>(List.of(w));
    ParameterSteps adam = new ParameterSteps(params, List.of(new long[] {k, protos}), learningRate);
    for (int s = 0; s < lastLayerSteps; s++) {
      progress.check();
      float[] g = SoftmaxHead.gradients(w, null, k, sims, y)[0];
      for (int c = 0; c < k; c++) {
        for (int m = 0; m < protos; m++) {
          if (protoClass[m] != c) {
            g[c * protos + m] += (float) (l1 * Math.signum(w[c * protos + m]));
          }
        }
      }
      float[] before = w.clone();
      adam.adam(List.of(g));
      for (int c = 0; c < k; c++) {
        for (int m = 0; m < protos; m++) {
          int idx = c * protos + m;
          if (protoClass[m] != c && before[idx] != 0 && Math.signum(before[idx]) != Math.signum(w[idx])) {
            w[idx] = 0;
          }
        }
      }
    }
    progress.advance(1, "last layer");
    float[][] out = new float[k][protos];
    for (int c = 0; c < k; c++) {
      System.arraycopy(w, c * protos, out[c], 0, protos);
    }
    return out;
  }
}
