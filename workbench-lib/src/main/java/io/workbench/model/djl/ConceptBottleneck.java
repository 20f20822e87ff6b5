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
 * Trains a concept bottleneck model (Koh et al. 2020): the input goes through an encoder ({@link
 * PatchEncoder}, max-pooled over positions) to a layer of <em>named concepts</em>, and the class is predicted from
 * those concepts alone by a linear softmax layer, so a user can read, and correct, what the model believes
 * about each concept ({@link ConceptBottleneckModel#intervene}).
 *
 * <p>Concepts are numeric columns of the training dataset that are not features (for example the ECG
 * generator's {@code qrs_width_ms}, {@code p_wave_present}, {@code st_elevation_mv}: {@code
 * EcgGenerator.generateWithConcepts()}). A concept whose values are all 0 or 1 is binary (sigmoid output,
 * cross-entropy loss, the bottleneck holds its probability); any other is continuous (standardised on the
 * training rows, squared-error loss, the bottleneck holds its standardised value).
 *
 * <p>The three training schemes of the paper ({@link Training}): {@code INDEPENDENT} fits the concept
 * predictor on the true concepts and the task head on the <em>true</em> concepts; {@code SEQUENTIAL} fits the
 * task head on the <em>predicted</em> concepts of the training rows; {@code JOINT} fits both at once, minimising
 * cross-entropy plus {@link #conceptWeight(double)} times the concept loss.
 *
 * <pre>{@code
 * Dataset d = EcgGenerator.defaults().generateWithConcepts().data();
 * ConceptBottleneckModel m = ConceptBottleneck.on("qrs_width_ms", "p_wave_present", "st_elevation_mv")
 *     .training(ConceptBottleneck.Training.SEQUENTIAL).epochs(20).fit(train);
 * m.conceptAccuracy(test);                         // per concept: accuracy or R^2
 * m.interventions(test);                           // task accuracy as concepts are set to their true values
 * }</pre>
 */
public final class ConceptBottleneck implements Trainer, RunSettings<ConceptBottleneck> {

  /** How the concept predictor and the task head are trained (Koh et al. 2020, section 3). */
  public enum Training {
    /** Concept predictor on true concepts; task head on true concepts. */
    INDEPENDENT,
    /** Concept predictor on true concepts; then the task head on the predicted concepts. */
    SEQUENTIAL,
    /** Both at once: task cross-entropy plus the weighted concept loss. */
    JOINT
  }

  private final List<String> concepts;
  private final Training training;
  private final double conceptWeight;
  private final int[] layers;
  private final int kernel;
  private final int epochs;
  private final int batchSize;
  private final double learningRate;
  private final int taskSteps;
  private final RunOptions options;

  private ConceptBottleneck(List<String> concepts, Training training, double conceptWeight, int[] layers,
      int kernel, int epochs, int batchSize, double learningRate, int taskSteps, RunOptions options) {
    this.concepts = concepts;
    this.training = training;
    this.conceptWeight = conceptWeight;
    this.layers = layers;
    this.kernel = kernel;
    this.epochs = epochs;
    this.batchSize = batchSize;
    this.learningRate = learningRate;
    this.taskSteps = taskSteps;
    this.options = options;
  }

  /**
   * A concept bottleneck over the named concept columns, with the defaults: {@code JOINT} training with
   * concept weight 1, three convolution blocks of 16 filters (kernel 7) for signals, two blocks of 16 filters
   * (kernel 3 x 3) for small images ({@code [channels, height, width]}) or one dense layer of 32 units for
   * tabular rows, 40 epochs of batches of 32, Adam at 0.01, 300 full-batch steps of the task head
   * (independent and sequential), seed 42.
   */
  public static ConceptBottleneck on(String... conceptColumns) {
    if (conceptColumns == null || conceptColumns.length == 0) {
      throw new IllegalArgumentException("ConceptBottleneck.on needs at least one concept column name");
    }
    return on(List.of(conceptColumns));
  }

  /** As {@link #on(String...)}. */
  public static ConceptBottleneck on(List<String> conceptColumns) {
    if (conceptColumns == null || conceptColumns.isEmpty()) {
      throw new IllegalArgumentException("ConceptBottleneck.on needs at least one concept column name");
    }
    if (new java.util.HashSet<>(conceptColumns).size() != conceptColumns.size()) {
      throw new IllegalArgumentException("Concept columns must be distinct, got " + conceptColumns);
    }
    return new ConceptBottleneck(List.copyOf(conceptColumns), Training.JOINT, 1.0, null, 0, 40, 32, 1e-2, 300,
        RunOptions.defaults());
  }

  private ConceptBottleneck with(Training t, double cw, int[] ly, int k, int ep, int bs, double lr, int ts,
      RunOptions o) {
    return new ConceptBottleneck(concepts, t, cw, ly, k, ep, bs, lr, ts, o);
  }

  /** The training scheme (default {@code JOINT}). */
  public ConceptBottleneck training(Training t) {
    if (t == null) {
      throw new IllegalArgumentException("training needs INDEPENDENT, SEQUENTIAL or JOINT, got null");
    }
    return with(t, conceptWeight, layers, kernel, epochs, batchSize, learningRate, taskSteps, options);
  }

  /** Weight of the concept loss in joint training (> 0; the paper's lambda). */
  public ConceptBottleneck conceptWeight(double lambda) {
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("conceptWeight must be a positive number, got " + lambda);
    }
    return with(training, lambda, layers, kernel, epochs, batchSize, learningRate, taskSteps, options);
  }

  /** Encoder widths: filters per convolution block (signals) or units per dense layer (tabular rows). */
  public ConceptBottleneck layers(int... widths) {
    return with(training, conceptWeight, ParameterSteps.layers(widths), kernel, epochs, batchSize,
        learningRate, taskSteps, options);
  }

  /** Convolution kernel length (odd, 1 to 63; signals, and the side of a square kernel for images). */
  public ConceptBottleneck kernel(int k) {
    return with(training, conceptWeight, layers, ParameterSteps.kernel(k), epochs, batchSize, learningRate,
        taskSteps, options);
  }

  /** Epochs of the network stage, at least 1. */
  public ConceptBottleneck epochs(int n) {
    return with(training, conceptWeight, layers, kernel, ParameterSteps.atLeast(n, 1, "epochs"), batchSize,
        learningRate, taskSteps, options);
  }

  /** Rows per mini-batch, at least 1. */
  public ConceptBottleneck batchSize(int n) {
    return with(training, conceptWeight, layers, kernel, epochs, ParameterSteps.atLeast(n, 1, "batchSize"),
        learningRate, taskSteps, options);
  }

  /** Adam's learning rate, in (0, 1]. */
  public ConceptBottleneck learningRate(double rate) {
    return with(training, conceptWeight, layers, kernel, epochs, batchSize, ParameterSteps.rate(rate),
        taskSteps, options);
  }

  /** Full-batch steps of the task head in independent and sequential training (at least 1). */
  public ConceptBottleneck taskSteps(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("taskSteps must be >= 1, got " + n);
    }
    return with(training, conceptWeight, layers, kernel, epochs, batchSize, learningRate, n, options);
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public ConceptBottleneck withOptions(RunOptions o) {
    if (o == null) {
      throw new IllegalArgumentException("withOptions needs run options, got null");
    }
    return with(training, conceptWeight, layers, kernel, epochs, batchSize, learningRate, taskSteps, o);
  }

  /** The settings as name/value pairs (kept in the saved model). */
  public Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("concepts", concepts.toString());
    m.put("training", training.name());
    m.put("conceptWeight", conceptWeight);
    m.put("layers", layers == null ? "auto" : java.util.Arrays.toString(layers));
    m.put("kernel", kernel == 0 ? "auto" : kernel);
    m.put("epochs", epochs);
    m.put("batchSize", batchSize);
    m.put("learningRate", learningRate);
    m.put("taskSteps", taskSteps);
    m.put("seed", options.seed());
    return m;
  }

  @Override
  public String toString() {
    return "ConceptBottleneck" + settings();
  }

  @Override
  public ConceptBottleneckModel fit(Dataset train) {
    float[][] raw = ParameterSteps.classificationRows(train, "ConceptBottleneck");
    ConceptCoding coding = ConceptCoding.fit(train, concepts);
    float[][] truth = coding.encode(ConceptCoding.values(train, concepts));
    int[] y = train.y();
    int[] shape = train.sampleShape();
    int k = train.numClasses();
    int kc = concepts.size();
    long seed = options.seed();
    int[] widths = ParameterSteps.widths(layers, shape);
    int hidden = widths[widths.length - 1];
    PatchEncoder enc = PatchEncoder.create(shape, widths, ParameterSteps.kernelFor(kernel, shape), hidden, seed);
    float[][] standardizer = ParameterSteps.standardizer(raw, shape);
    float[][] xs = ParameterSteps.standardizeAll(raw, standardizer);
    Random rnd = new Random(seed ^ 0x5DEECE66DL);
    List<float[]> params = new ArrayList<>(enc.params.stream().map(float[]::clone).toList());
    List<long[]> shapes = new ArrayList<>(enc.shapes);
    params.add(glorot(kc, hidden, rnd));
    shapes.add(new long[] {kc, hidden});
    params.add(new float[kc]);
    shapes.add(new long[] {kc});
    boolean joint = training == Training.JOINT;
    if (joint) {
      params.add(glorot(k, kc, rnd));
      shapes.add(new long[] {k, kc});
      params.add(new float[k]);
      shapes.add(new long[] {k});
    }
    int n = raw.length;
    int batches = (n + batchSize - 1) / batchSize;
    int encParams = enc.params.size();
    float[] binary = coding.binaryMask();
    ParameterSteps adam = new ParameterSteps(params, shapes, learningRate);
    Djl.lockGradients();
    try (ProgressTask progress = options.start("train concept bottleneck", (long) epochs * batches + 1);
        Djl.Threads threads = Djl.threads(options.trainerThreads(NeuralTrainer.DEFAULT_NATIVE_THREADS));
        NDManager manager = Djl.engine().newBaseManager()) {
      Djl.noGrad();
      for (int e = 0; e < epochs; e++) {
        int[] order = ParameterSteps.order(n, rnd);
        double sum = 0;
        for (int b = 0; b < batches; b++) {
          progress.check();
          int from = b * batchSize;
          int to = Math.min(n, from + batchSize);
          int rows = to - from;
          float[] xb = ParameterSteps.batch(xs, order, from, to);
          float[] cb = ParameterSteps.batch(truth, order, from, to);
          float[] onehot = new float[rows * k];
          for (int i = from; i < to; i++) {
            onehot[(i - from) * k + y[order[i]]] = 1;
          }
          sum += adam.step(manager, (sub, p) -> {
            NDArray x = sub.create(xb, new Shape(rows, xs[0].length));
            NDArray z = enc.forward(x, p.subList(0, encParams)).max(new int[] {1});
            NDArray logits = z.matMul(p.get(encParams).transpose()).add(p.get(encParams + 1));
            NDArray bin = sub.create(binary, new Shape(1, kc));
            NDArray c = sub.create(cb, new Shape(rows, kc));
            // binary: softplus(l) - c l (cross-entropy with logits); continuous: (l - c)^2 / 2
            NDArray bce = ai.djl.nn.Activation.softPlus(logits).sub(logits.mul(c));
            NDArray mse = logits.sub(c).square().mul(0.5f);
            NDArray conceptLoss = bce.mul(bin).add(mse.mul(bin.neg().add(1f))).sum(new int[] {1}).mean();
            if (!joint) {
              return conceptLoss;
            }
            NDArray bottleneck = ai.djl.nn.Activation.sigmoid(logits).mul(bin).add(logits.mul(bin.neg().add(1f)));
            NDArray out = bottleneck.matMul(p.get(encParams + 2).transpose()).add(p.get(encParams + 3));
            NDArray yb = sub.create(onehot, new Shape(rows, k));
            NDArray ce = out.logSoftmax(1).mul(yb).sum(new int[] {1}).mean().neg();
            return ce.add(conceptLoss.mul((float) conceptWeight));
          });
          progress.advance(1, "epoch " + (e + 1) + "/" + epochs,
              b == batches - 1 ? Map.of("loss", sum / batches) : Map.of());
        }
      }
      PatchEncoder trained = enc.withParams(new ArrayList<>(params.subList(0, encParams)));
      ConceptBottleneckModel.Head conceptHead = new ConceptBottleneckModel.Head(params.get(encParams),
          params.get(encParams + 1));
      ConceptBottleneckModel.Head taskHead;
      if (joint) {
        taskHead = new ConceptBottleneckModel.Head(params.get(encParams + 2), params.get(encParams + 3));
      } else {
        float[][] inputs = truth;
        if (training == Training.SEQUENTIAL) {
          inputs = new float[n][];
          for (int i = 0; i < n; i++) {
            inputs[i] = ConceptBottleneckModel.bottleneck(trained, conceptHead, binary, xs[i]);
          }
        }
        taskHead = trainTaskHead(inputs, y, k, rnd, progress);
      }
      progress.advance(1, "task head");
      progress.done("trained");
      return new ConceptBottleneckModel(trained, standardizer, conceptHead, taskHead, coding, train.features(),
          train.classNames(), settings());
    } finally {
      Djl.GRADIENTS.unlock();
    }
  }

  private static float[] glorot(int out, int in, Random rnd) {
    float[] w = new float[out * in];
    double sd = Math.sqrt(2.0 / (in + out));
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (sd * rnd.nextGaussian());
    }
    return w;
  }

  /** The task head on fixed concept values: full-batch Adam on cross-entropy. */
  private ConceptBottleneckModel.Head trainTaskHead(float[][] inputs, int[] y, int k, Random rnd,
      ProgressTask progress) {
    int kc = inputs[0].length;
    float[] w = glorot(k, kc, rnd);
    float[] b = new float[k];
    ParameterSteps adam = new ParameterSteps(List.of(w, b), List.of(new long[] {k, kc}, new long[] {k}),
        learningRate);
    for (int s = 0; s < taskSteps; s++) {
      progress.check();
      float[][] g = SoftmaxHead.gradients(w, b, k, inputs, y);
      adam.adam(List.of(g[0], g[1]));
    }
    return new ConceptBottleneckModel.Head(w, b);
  }
}
