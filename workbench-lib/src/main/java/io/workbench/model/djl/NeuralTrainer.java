package io.workbench.model.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.workbench.data.Dataset;
import io.workbench.data.Splits;
import io.workbench.data.Split;
import io.workbench.data.Standardizer;
import io.workbench.data.Task;
import io.workbench.model.Trainer;
import io.workbench.progress.Cancellation;
import io.workbench.progress.Progress;
import io.workbench.progress.ProgressEvent;
import io.workbench.progress.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains a DJL/PyTorch network: logistic or linear regression, MLP, 1D CNN (signals) or 2D CNN (images).
 * Immutable: every option returns a new trainer, so one trainer can fit many datasets (cross-validation).
 * Start from {@code Models.logistic()}, {@code Models.linear()}, {@code Models.mlp(64, 32)}, {@code
 * Models.cnn1d(16, 32)} or {@code Models.cnn2d(16, 32)}.
 *
 * <p>What a fit does: holds out a stratified validation part if asked; fits the standardisation on the
 * training part (per feature; per channel for CNNs) and keeps it inside the model; trains with mini-batches
 * (Adam or SGD with momentum, weight decay, a learning-rate schedule, class weights, optionally early-learning
 * regularisation against noisy labels); reports progress per batch (at most 50 events per epoch, always the
 * epoch's last batch) and honours cancellation between batches;
 * with early stopping, restores the weights of the best epoch. The same seed gives the same weights on the CPU.
 *
 * <p>Multi-label datasets ({@code Dataset.builder(t).targets("a", "b", "c")}) train one sigmoid output per
 * label with binary cross-entropy summed over the labels and averaged over the rows (MLP, CNNs and {@code
 * logistic()}, which then is one logistic regression per label sharing nothing but the inputs). Every label
 * must have positive and negative rows in the training part; the validation split is plain shuffled. Per
 * epoch the history's validation accuracy is the label-wise accuracy at 0.5 (1 - Hamming loss) and its AUROC
 * the macro mean over labels; class weights and ELR are for single-label classification.
 *
 * <pre>{@code
 * NeuralNetModel m = Models.mlp(64, 32)
 *     .activation("tanh").dropout(0.1)
 *     .epochs(100).batchSize(32).learningRate(1e-3).schedule(LearningRateSchedule.cosine())
 *     .validation(0.2).earlyStopping(10).monitor(NeuralTrainer.Monitor.AUROC)
 *     .seed(42).fit(split.train());
 * m.history().toTable();
 * }</pre>
 */
public final class NeuralTrainer implements Trainer {

  /** Optimisers. */
  public enum OptimizerKind {
    /** Adam (Kingma and Ba), betas 0.9 and 0.999. */
    ADAM,
    /** Stochastic gradient descent with momentum. */
    SGD
  }

  /** The validation metric early stopping watches. */
  public enum Monitor {
    /** Validation loss (lower is better). */
    VAL_LOSS,
    /** Validation accuracy (classification). */
    ACCURACY,
    /** Validation AUROC (binary classification). */
    AUROC
  }

  /** At most this many progress events per epoch (plus the epoch's last batch). */
  private static final int REPORTS_PER_EPOCH = 50;

  private String kind;
  private int[] hidden = new int[0];
  private int[] filters = new int[0];
  private int kernelSize = 3;
  private String activation = "relu";
  private double dropout;
  private boolean batchNorm;
  private int epochs = 30;
  private int batchSize = 32;
  private OptimizerKind optimizer = OptimizerKind.ADAM;
  private double learningRate = 1e-3;
  private double momentum = 0.9;
  private double weightDecay;
  private LearningRateSchedule schedule = LearningRateSchedule.constant();
  private double[] classWeights;
  private boolean balanced;
  private double validation;
  private int patience;
  private Monitor monitor = Monitor.VAL_LOSS;
  private long seed = 42;
  private ProgressListener progress;
  private Cancellation cancellation;
  private String device;
  private boolean elr;
  private double elrLambda = 3;
  private double elrBeta = 0.7;
  private int inferenceBatchSize = 4096;
  private Task requiredTask;

  private NeuralTrainer(String kind) {
    this.kind = kind;
  }

  private NeuralTrainer copy() {
    NeuralTrainer t = new NeuralTrainer(kind);
    t.hidden = hidden;
    t.filters = filters;
    t.kernelSize = kernelSize;
    t.activation = activation;
    t.dropout = dropout;
    t.batchNorm = batchNorm;
    t.epochs = epochs;
    t.batchSize = batchSize;
    t.optimizer = optimizer;
    t.learningRate = learningRate;
    t.momentum = momentum;
    t.weightDecay = weightDecay;
    t.schedule = schedule;
    t.classWeights = classWeights;
    t.balanced = balanced;
    t.validation = validation;
    t.patience = patience;
    t.monitor = monitor;
    t.seed = seed;
    t.progress = progress;
    t.cancellation = cancellation;
    t.device = device;
    t.elr = elr;
    t.elrLambda = elrLambda;
    t.elrBeta = elrBeta;
    t.inferenceBatchSize = inferenceBatchSize;
    t.requiredTask = requiredTask;
    return t;
  }

  // ---------------------------------------------------------------- factories (see also Models)

  /** Multinomial logistic regression (classification only). */
  public static NeuralTrainer logistic() {
    NeuralTrainer t = new NeuralTrainer("linear");
    t.requiredTask = Task.CLASSIFICATION;
    t.learningRate = 0.01;
    return t;
  }

  /** Linear regression fitted by gradient descent on the mean squared error (regression only). */
  public static NeuralTrainer linear() {
    NeuralTrainer t = new NeuralTrainer("linear");
    t.requiredTask = Task.REGRESSION;
    t.learningRate = 0.01;
    return t;
  }

  /** A multilayer perceptron with the given hidden layer sizes (none: a linear model). */
  public static NeuralTrainer mlp(int... hidden) {
    NeuralTrainer t = new NeuralTrainer("mlp");
    t.hidden = checkPositive("hidden layer sizes", hidden).clone();
    return t;
  }

  /**
   * A 1D CNN for samples of shape {@code [channels, length]}: per filter count a convolution and a max pool,
   * then global average pooling, one dense layer of 64 units and the output.
   */
  public static NeuralTrainer cnn1d(int... filters) {
    NeuralTrainer t = new NeuralTrainer("cnn1d");
    t.filters = checkFilters(filters);
    t.hidden = new int[] {64};
    t.kernelSize = 5;
    return t;
  }

  /**
   * A 2D CNN for samples of shape {@code [c, h, w]}: per filter count a 3x3 convolution and a 2x2 max pool,
   * then flatten, one dense layer of 64 units and the output.
   */
  public static NeuralTrainer cnn2d(int... filters) {
    NeuralTrainer t = new NeuralTrainer("cnn2d");
    t.filters = checkFilters(filters);
    t.hidden = new int[] {64};
    return t;
  }

  // ---------------------------------------------------------------- architecture options

  /** Hidden dense layers (for CNNs: after the convolutions). */
  public NeuralTrainer hidden(int... units) {
    NeuralTrainer t = copy();
    t.hidden = checkPositive("hidden layer sizes", units).clone();
    return t;
  }

  /** Convolution kernel size (odd), for CNNs. */
  public NeuralTrainer kernelSize(int size) {
    if (size < 1 || size % 2 == 0) {
      throw new IllegalArgumentException("kernelSize must be odd and >= 1, got " + size);
    }
    NeuralTrainer t = copy();
    t.kernelSize = size;
    return t;
  }

  /** Activation of hidden and convolution layers: {@code relu} (default), {@code tanh} or {@code gelu}. */
  public NeuralTrainer activation(String name) {
    String a = name == null ? "" : name.toLowerCase(Locale.ROOT);
    if (!Architecture.ACTIVATIONS.contains(a)) {
      throw new IllegalArgumentException("Unknown activation '" + name + "'; expected one of " + Architecture.ACTIVATIONS);
    }
    NeuralTrainer t = copy();
    t.activation = a;
    return t;
  }

  /** Dropout rate after each hidden dense layer, in [0, 1). */
  public NeuralTrainer dropout(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + rate);
    }
    NeuralTrainer t = copy();
    t.dropout = rate;
    return t;
  }

  /** Batch normalisation after each hidden and convolution layer. */
  public NeuralTrainer batchNorm(boolean on) {
    NeuralTrainer t = copy();
    t.batchNorm = on;
    return t;
  }

  // ---------------------------------------------------------------- optimisation options

  /** Number of passes over the training data (default 30). */
  public NeuralTrainer epochs(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, got " + n);
    }
    NeuralTrainer t = copy();
    t.epochs = n;
    return t;
  }

  /** Rows per mini-batch (default 32). */
  public NeuralTrainer batchSize(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + rows);
    }
    NeuralTrainer t = copy();
    t.batchSize = rows;
    return t;
  }

  /** Adam (default) or SGD with momentum. */
  public NeuralTrainer optimizer(OptimizerKind kind) {
    NeuralTrainer t = copy();
    t.optimizer = java.util.Objects.requireNonNull(kind, "optimizer");
    return t;
  }

  /** SGD with the given momentum (for example 0.9). */
  public NeuralTrainer sgd(double momentum) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    NeuralTrainer t = copy();
    t.optimizer = OptimizerKind.SGD;
    t.momentum = momentum;
    return t;
  }

  /** Base learning rate (default 1e-3; 1e-2 for logistic and linear). */
  public NeuralTrainer learningRate(double rate) {
    if (!(rate > 0 && Double.isFinite(rate))) {
      throw new IllegalArgumentException("learningRate must be > 0, got " + rate);
    }
    NeuralTrainer t = copy();
    t.learningRate = rate;
    return t;
  }

  /** L2 weight decay added to the gradients (default 0). */
  public NeuralTrainer weightDecay(double decay) {
    if (!(decay >= 0 && Double.isFinite(decay))) {
      throw new IllegalArgumentException("weightDecay must be >= 0, got " + decay);
    }
    NeuralTrainer t = copy();
    t.weightDecay = decay;
    return t;
  }

  /** Learning-rate schedule over epochs (default constant). */
  public NeuralTrainer schedule(LearningRateSchedule s) {
    NeuralTrainer t = copy();
    t.schedule = java.util.Objects.requireNonNull(s, "schedule");
    return t;
  }

  /** Per-class loss weights, in class order (classification). */
  public NeuralTrainer classWeights(double... weights) {
    for (double w : weights) {
      if (!(w > 0 && Double.isFinite(w))) {
        throw new IllegalArgumentException("class weights must be > 0, got " + Arrays.toString(weights));
      }
    }
    NeuralTrainer t = copy();
    t.classWeights = weights.clone();
    t.balanced = false;
    return t;
  }

  /** Class weights {@code n / (classes * count)} from the training part, as scikit-learn's "balanced". */
  public NeuralTrainer balancedClassWeights() {
    NeuralTrainer t = copy();
    t.classWeights = null;
    t.balanced = true;
    return t;
  }

  /** Holds out this share of the training data (stratified) for validation metrics each epoch. */
  public NeuralTrainer validation(double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + fraction);
    }
    NeuralTrainer t = copy();
    t.validation = fraction;
    return t;
  }

  /**
   * Stops when the monitored validation metric has not improved for {@code patience} epochs and restores
   * the best epoch's weights (needs {@link #validation(double)}); 0 turns it off.
   */
  public NeuralTrainer earlyStopping(int patience) {
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }
    NeuralTrainer t = copy();
    t.patience = patience;
    return t;
  }

  /** The metric early stopping watches (default validation loss). */
  public NeuralTrainer monitor(Monitor m) {
    NeuralTrainer t = copy();
    t.monitor = java.util.Objects.requireNonNull(m, "monitor");
    return t;
  }

  /**
   * Early-learning regularisation against noisy labels (Liu et al., NeurIPS 2020) with lambda 3 and beta
   * 0.7: keeps a running average {@code t} of each training row's predicted distribution and adds {@code
   * lambda * mean(log(1 - <p, t>))} to the loss.
   */
  public NeuralTrainer elr() {
    return elr(3, 0.7);
  }

  /** Early-learning regularisation with the given strength and running-average momentum. */
  public NeuralTrainer elr(double lambda, double beta) {
    if (!(lambda > 0 && Double.isFinite(lambda)) || !(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException("ELR needs lambda > 0 and beta in [0, 1), got " + lambda + " and " + beta);
    }
    NeuralTrainer t = copy();
    t.elr = true;
    t.elrLambda = lambda;
    t.elrBeta = beta;
    return t;
  }

  // ---------------------------------------------------------------- run options

  /** Seed for initial weights, shuffling, validation split and dropout (default 42). */
  public NeuralTrainer seed(long s) {
    NeuralTrainer t = copy();
    t.seed = s;
    return t;
  }

  /** Where progress goes (default {@link Progress#current()}). */
  public NeuralTrainer progress(ProgressListener listener) {
    NeuralTrainer t = copy();
    t.progress = listener;
    return t;
  }

  /** Cooperative cancellation, checked between batches (thread interrupts are honoured as well). */
  public NeuralTrainer cancellation(Cancellation c) {
    NeuralTrainer t = copy();
    t.cancellation = c;
    return t;
  }

  /** {@code cpu}, {@code gpu} or {@code auto} (default: the system property {@code workbench.device}, else auto). */
  public NeuralTrainer device(String d) {
    DeviceChoice.resolve(d, null, 1);
    NeuralTrainer t = copy();
    t.device = d;
    return t;
  }

  /** Rows per native call when the trained model predicts (default 4096). */
  public NeuralTrainer inferenceBatchSize(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("inferenceBatchSize must be >= 1, got " + rows);
    }
    NeuralTrainer t = copy();
    t.inferenceBatchSize = rows;
    return t;
  }

  /** The settings as name/value pairs (written into {@code model.json}). */
  public Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put("epochs", epochs);
    m.put("batchSize", batchSize);
    m.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
    m.put("learningRate", learningRate);
    if (optimizer == OptimizerKind.SGD) {
      m.put("momentum", momentum);
    }
    m.put("weightDecay", weightDecay);
    m.put("schedule", schedule.toString());
    m.put("classWeights", balanced ? "balanced" : classWeights == null ? "none" : Arrays.toString(classWeights));
    m.put("validation", validation);
    m.put("earlyStoppingPatience", patience);
    m.put("monitor", monitorName());
    m.put("elr", elr ? "lambda=" + elrLambda + ", beta=" + elrBeta : "off");
    m.put("seed", seed);
    m.put("inferenceBatchSize", inferenceBatchSize);
    return m;
  }

  private String monitorName() {
    if (patience == 0) {
      return "none";
    }
    switch (monitor) {
      case ACCURACY:
        return "val_accuracy";
      case AUROC:
        return "val_auroc";
      default:
        return "val_loss";
    }
  }

  @Override
  public String toString() {
    return "NeuralTrainer" + settings();
  }

  // ---------------------------------------------------------------- fit

  @Override
  public NeuralNetModel fit(Dataset train) {
    Prepared p = prepare(train);
    ProgressListener listener = progress != null ? progress : Progress.current();
    Cancellation cancel = cancellation != null ? cancellation : Cancellation.none();
    Device dev = Djl.device(device);
    Djl.lockGradients();
    try {
      Djl.noGrad();
      Engine.getEngine("PyTorch").setRandomSeed((int) (seed ^ (seed >>> 32)));
      return new Run(p, dev, listener, cancel).train();
    } finally {
      Djl.GRADIENTS.unlock();
    }
  }

  /** Checked data: standardised training and validation matrices and targets. */
  private record Prepared(
      Dataset fitPart,
      Dataset valPart,
      Architecture architecture,
      Standardizer standardizer,
      float[][] xFit,
      float[][] xVal,
      int[] yFit,
      int[] yVal,
      double[] rFit,
      double[] rVal,
      double targetMean,
      double targetScale,
      double[] weights,
      int[][] lFit,
      int[][] lVal) {}

  private Prepared prepare(Dataset train) {
    if (train == null) {
      throw new IllegalArgumentException("Training dataset is null");
    }
    if (train.rows() == 0) {
      throw new IllegalArgumentException("Cannot train on an empty dataset (0 rows)");
    }
    Task task = train.task();
    if (task == null) {
      throw new IllegalArgumentException("The training dataset has no target; set one with Dataset.builder(..).target(..)");
    }
    boolean multiLabel = task == Task.MULTI_LABEL;
    if (requiredTask != null && task != requiredTask && !(multiLabel && requiredTask == Task.CLASSIFICATION)) {
      throw new IllegalArgumentException(
          (requiredTask == Task.CLASSIFICATION ? "logistic() is for classification" : "linear() is for regression")
              + " but the dataset's target '" + String.join(", ", train.targets()) + "' is "
              + task.name().toLowerCase(Locale.ROOT)
              + "; use " + (requiredTask == Task.CLASSIFICATION ? "Models.linear()" : "Models.logistic()")
              + " or Models.mlp(..)");
    }
    if (train.numFeatures() == 0) {
      throw new IllegalArgumentException("The training dataset has no feature columns");
    }
    if (multiLabel) {
      if (elr) {
        throw new IllegalArgumentException("ELR is for single-label classification; the dataset is multi-label "
            + train.labelNames());
      }
      if (classWeights != null || balanced) {
        throw new IllegalArgumentException("Class weights are for single-label classification; the dataset is"
            + " multi-label " + train.labelNames());
      }
      checkLabels(train, "training data");
    } else if (task == Task.CLASSIFICATION) {
      checkClasses(train, "training data");
      if (classWeights != null && classWeights.length != train.numClasses()) {
        throw new IllegalArgumentException(
            "classWeights needs one weight per class: " + train.numClasses() + " classes " + train.classNames()
                + ", got " + classWeights.length);
      }
    } else {
      if (elr) {
        throw new IllegalArgumentException("ELR is for classification; the target '" + train.target() + "' is regression");
      }
      if (classWeights != null || balanced) {
        throw new IllegalArgumentException("Class weights are for classification; the target is regression");
      }
    }
    if (patience > 0 && validation == 0) {
      throw new IllegalArgumentException(
          "earlyStopping(" + patience + ") needs a validation part: add validation(0.2) (share of training rows)");
    }
    if (patience > 0 && monitor != Monitor.VAL_LOSS && task == Task.REGRESSION) {
      throw new IllegalArgumentException("monitor " + monitor + " needs classification; use Monitor.VAL_LOSS");
    }
    if (patience > 0 && monitor == Monitor.AUROC && !multiLabel && train.numClasses() != 2) {
      throw new IllegalArgumentException(
          "monitor AUROC needs binary classification; the data has " + train.numClasses() + " classes");
    }
    int[] shape = train.sampleShape();
    int d = train.numFeatures();
    int[] inputShape;
    if (kind.startsWith("cnn")) {
      int prod = 1;
      for (int s : shape) {
        prod *= s;
      }
      if (prod != d) {
        throw new IllegalArgumentException(
            "sampleShape " + Arrays.toString(shape) + " holds " + prod + " values but the data has " + d + " features");
      }
      inputShape = shape;
    } else {
      inputShape = new int[] {d};
    }
    int outputs = task == Task.REGRESSION ? 1 : train.numClasses();
    Architecture arch = new Architecture(kind, inputShape, outputs, kind.equals("linear") ? new int[0] : hidden,
        filters, kernelSize, activation, dropout, batchNorm);

    Dataset fitPart = train;
    Dataset valPart = null;
    if (validation > 0) {
      Split s = Splits.trainTest(train, 1 - validation, seed);
      fitPart = s.train();
      valPart = s.test();
      if (fitPart.rows() == 0 || valPart.rows() == 0) {
        throw new IllegalArgumentException(
            "validation(" + validation + ") leaves " + fitPart.rows() + " training and " + valPart.rows()
                + " validation rows out of " + train.rows() + "; use more data or another fraction");
      }
      if (task == Task.CLASSIFICATION) {
        checkClasses(fitPart, "training part after the validation split");
      } else if (multiLabel) {
        checkLabels(fitPart, "training part after the validation split");
      }
    }
    Standardizer std = kind.startsWith("cnn") ? perChannel(fitPart, shape[0]) : Standardizer.fit(fitPart);
    float[][] xFit = std.apply(fitPart.x());
    float[][] xVal = valPart == null ? null : std.apply(valPart.x());
    if (multiLabel) {
      return new Prepared(fitPart, valPart, arch, std, xFit, xVal, null, null, null, null, 0, 1, null,
          fitPart.yMulti(), valPart == null ? null : valPart.yMulti());
    }
    if (task == Task.CLASSIFICATION) {
      int[] yFit = fitPart.y();
      int k = train.numClasses();
      double[] w = new double[k];
      Arrays.fill(w, 1);
      if (classWeights != null) {
        w = classWeights.clone();
      } else if (balanced) {
        int[] counts = fitPart.classCountsArray();
        for (int c = 0; c < k; c++) {
          w[c] = (double) yFit.length / (k * counts[c]);
        }
      }
      return new Prepared(fitPart, valPart, arch, std, xFit, xVal, yFit, valPart == null ? null : valPart.y(),
          null, null, 0, 1, w, null, null);
    }
    double[] r = fitPart.yDouble();
    double m = 0;
    for (double v : r) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("The target '" + train.target() + "' has a non-finite value; remove those rows");
      }
      m += v;
    }
    m /= r.length;
    double var = 0;
    for (double v : r) {
      var += (v - m) * (v - m);
    }
    double sd = Math.sqrt(var / r.length);
    if (sd == 0) {
      sd = 1;
    }
    return new Prepared(fitPart, valPart, arch, std, xFit, xVal, null, null, r,
        valPart == null ? null : valPart.yDouble(), m, sd, null, null, null);
  }

  private static void checkClasses(Dataset d, String what) {
    int[] counts = d.classCountsArray();
    List<String> missing = new ArrayList<>();
    int present = 0;
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] == 0) {
        missing.add(d.classNames().get(c));
      } else {
        present++;
      }
    }
    if (present < 2) {
      throw new IllegalArgumentException(
          "The " + what + " has a single class (" + d.classCounts() + "); classification needs at least two");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "Class(es) " + missing + " missing from the " + what + " (" + d.classCounts()
              + "); the network could never predict them. Use a stratified split, or drop those classes");
    }
  }

  /** Every label must have positive and negative rows, else its output could never learn it. */
  private static void checkLabels(Dataset d, String what) {
    int[][] y = d.yMulti();
    List<String> names = d.labelNames();
    for (int l = 0; l < names.size(); l++) {
      int pos = 0;
      for (int[] row : y) {
        pos += row[l];
      }
      if (pos == 0 || pos == y.length) {
        throw new IllegalArgumentException(
            "Label '" + names.get(l) + "' is " + (pos == 0 ? "0" : "1") + " in every row of the " + what + " ("
                + y.length + " rows, label counts " + d.labelCounts() + "); each label needs rows with 0 and"
                + " with 1. Drop that label or use more data");
      }
    }
  }

  /** Per-channel standardisation (shared over positions), written out per feature. */
  private static Standardizer perChannel(Dataset data, int channels) {
    float[][] x = data.x();
    int d = data.numFeatures();
    int per = d / channels;
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (int c = 0; c < channels; c++) {
      double s = 0;
      long cnt = (long) x.length * per;
      for (float[] row : x) {
        for (int j = c * per; j < (c + 1) * per; j++) {
          s += row[j];
        }
      }
      double mu = s / cnt;
      double v = 0;
      for (float[] row : x) {
        for (int j = c * per; j < (c + 1) * per; j++) {
          v += (row[j] - mu) * (row[j] - mu);
        }
      }
      double sd = Math.sqrt(v / cnt);
      if (sd == 0) {
        sd = 1;
      }
      Arrays.fill(mean, c * per, (c + 1) * per, mu);
      Arrays.fill(scale, c * per, (c + 1) * per, sd);
    }
    return new Standardizer(data.features(), mean, scale);
  }

  /** One training run; holds the native state between batches. */
  private final class Run {
    private final Prepared p;
    private final Device dev;
    private final ProgressListener listener;
    private final Cancellation cancel;
    private final boolean classification;
    private final boolean multiLabel;
    private final int n;
    private final int k;
    private double currentRate;

    Run(Prepared p, Device dev, ProgressListener listener, Cancellation cancel) {
      this.p = p;
      this.dev = dev;
      this.listener = listener;
      this.cancel = cancel;
      this.classification = p.yFit() != null;
      this.multiLabel = p.lFit() != null;
      this.n = p.xFit().length;
      this.k = classification || multiLabel ? p.architecture().outputs() : 1;
    }

    NeuralNetModel train() {
      Architecture arch = p.architecture();
      int d = arch.inputSize();
      int bs = Math.min(batchSize, n);
      int batches = (n + bs - 1) / bs;
      if (batchNorm && n % bs == 1 && batches > 1) {
        batches--; // a final batch of one row cannot be batch-normalised; it is skipped this epoch
      }
      long total = (long) batches * epochs;
      List<TrainingHistory.Epoch> history = new ArrayList<>();
      byte[] best = null;
      int bestEpoch = 0;
      double bestScore = Double.NaN;
      int since = 0;
      boolean stoppedEarly = false;
      boolean finishedNormally = false;
      long done = 0;
      double lastLoss = Double.NaN;
      Random shuffle = new Random(seed * 0x9E3779B97F4A7C15L + 1);
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      long[] perm = new long[n];
      float[] yBuf = new float[n * k];
      float[] elrTargets = elr ? new float[n * k] : null;
      Network net = Network.initialised(arch, dev, seed);
      try {
        List<Parameter> params = net.trainableParameters();
        Tracker lr = numUpdate -> (float) currentRate;
        Optimizer opt = optimizer == OptimizerKind.ADAM
            ? Optimizer.adam().optLearningRateTracker(lr).optWeightDecays((float) weightDecay).build()
            : Optimizer.sgd().setLearningRateTracker(lr).optMomentum((float) momentum)
                .optWeightDecays((float) weightDecay).build();
        ParameterStore ps = new ParameterStore(net.manager, false);
        Engine engine = Djl.engine();
        // the standardised training matrix goes to the device once; each epoch gathers it in shuffled order
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
          System.arraycopy(p.xFit()[i], 0, flat, i * d, d);
        }
        NDArray xAll = net.manager.create(flat, net.inputShape(n));
        for (int epoch = 0; epoch < epochs; epoch++) {
          long t0 = System.nanoTime();
          currentRate = schedule.rate(learningRate, epoch, epochs);
          for (int i = n - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
          }
          fillTargets(order, yBuf, bs);
          for (int i = 0; i < n; i++) {
            perm[i] = order[i];
          }
          double epochLoss;
          try (NDManager em = net.manager.newSubManager()) {
            NDArray xe = xAll.get(em.create(perm));
            xe.attach(em);
            NDArray ye = em.create(yBuf, new Shape(n, k));
            NDArray lossSum = em.zeros(new Shape());
            int reportEvery = Math.max(1, batches / REPORTS_PER_EPOCH);
            for (int b = 0; b < batches; b++) {
              cancel.check();
              int start = b * bs;
              int end = Math.min(n, start + bs);
              try (NDManager bm = em.newSubManager()) {
                NDIndex rows = new NDIndex().addSliceDim(start, end);
                NDArray xb = xe.get(rows);
                xb.attach(bm);
                NDArray yb = ye.get(rows);
                yb.attach(bm);
                NDArray loss;
                try (GradientCollector gc = engine.newGradientCollector()) {
                  NDArray out = net.forward(ps, xb, true);
                  loss = loss(bm, out, yb, order, start, end, elrTargets);
                  gc.backward(loss);
                }
                for (Parameter param : params) {
                  NDArray w = param.getArray();
                  try (NDArray g = w.getGradient()) {
                    opt.update(param.getId(), w, g);
                  }
                }
                lossSum.addi(loss);
              }
              done++;
              if (b % reportEvery == 0 || b == batches - 1) {
                lastLoss = lossSum.getFloat() / (b + 1);
                report(done, total, epoch, b, lastLoss, false);
              }
            }
            epochLoss = lossSum.getFloat() / batches;
          }
          if (!Double.isFinite(epochLoss)) {
            throw new IllegalStateException(
                "Training diverged at epoch " + (epoch + 1) + " (loss " + epochLoss + "); lower the learning rate ("
                    + learningRate + ")");
          }
          double[] val = p.valPart() == null ? null : validate(net);
          double seconds = (System.nanoTime() - t0) / 1e9;
          history.add(new TrainingHistory.Epoch(epoch + 1, epochLoss,
              val == null ? Double.NaN : val[0], val == null ? Double.NaN : val[1],
              val == null ? Double.NaN : val[2], val == null ? Double.NaN : val[3], currentRate, seconds));
          if (patience > 0) {
            double score = switch (monitor) {
              case ACCURACY -> -val[1];
              case AUROC -> -val[2];
              default -> val[0];
            };
            if (best == null || score < bestScore) {
              bestScore = score;
              best = net.parameterBytes();
              bestEpoch = epoch + 1;
              since = 0;
            } else if (++since >= patience) {
              stoppedEarly = epoch + 1 < epochs;
              break;
            }
          }
        }
        finishedNormally = true;
        byte[] finalParams = best != null ? best : net.parameterBytes();
        int kept = best != null ? bestEpoch : history.size();
        TrainingHistory h = new TrainingHistory(history, kept, monitorName(), stoppedEarly);
        Network inference = Network.fromBytes(arch, dev, finalParams);
        NeuralNetModel.Spec spec = NeuralNetModel.spec(
            multiLabel ? Task.MULTI_LABEL : classification ? Task.CLASSIFICATION : Task.REGRESSION, arch,
            p.standardizer(), p.targetMean(), p.targetScale(), p.fitPart().features(),
            classification || multiLabel ? p.fitPart().classNames() : List.of(), settings(), seed, dev, h);
        return new NeuralNetModel(inference, spec, inferenceBatchSize);
      } finally {
        net.close();
        listener.onProgress(new ProgressEvent("train", done, total,
            finishedNormally ? "done, " + history.size() + " epochs" : "stopped", Map.of("loss", lastLoss), true));
      }
    }

    private void report(long done, long total, int epoch, int batch, double loss, boolean finished) {
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("epoch", (double) (epoch + 1));
      values.put("batch", (double) (batch + 1));
      values.put("loss", loss);
      listener.onProgress(new ProgressEvent("train", done, total,
          String.format(Locale.ROOT, "epoch %d/%d loss %.4f", epoch + 1, epochs, loss), values, finished));
    }

    /**
     * Writes the targets of the shuffled rows into the epoch buffer. Classification targets are one-hot rows
     * holding {@code -weight / (sum of the weights in the row's batch)}, so a batch's weighted mean
     * cross-entropy is one multiply-and-sum with the log-probabilities.
     */
    private void fillTargets(int[] order, float[] yBuf, int bs) {
      if (multiLabel) {
        int[][] y = p.lFit();
        for (int i = 0; i < n; i++) {
          int[] row = y[order[i]];
          for (int c = 0; c < k; c++) {
            yBuf[i * k + c] = row[c];
          }
        }
        return;
      }
      if (!classification) {
        for (int i = 0; i < n; i++) {
          yBuf[i] = (float) ((p.rFit()[order[i]] - p.targetMean()) / p.targetScale());
        }
        return;
      }
      Arrays.fill(yBuf, 0f);
      int[] y = p.yFit();
      double[] w = p.weights();
      for (int start = 0; start < n; start += bs) {
        int end = Math.min(n, start + bs);
        double denom = 0;
        for (int i = start; i < end; i++) {
          denom += w[y[order[i]]];
        }
        for (int i = start; i < end; i++) {
          int c = y[order[i]];
          yBuf[i * k + c] = (float) (-w[c] / denom);
        }
      }
    }

    private NDArray loss(NDManager bm, NDArray out, NDArray yb, int[] order, int start, int end,
        float[] elrTargets) {
      if (multiLabel) {
        // binary cross-entropy on logits z: softplus(z) - z * y (libtorch's softplus is the stable
        // log(1 + exp(z))); three kernels per batch instead of eight
        NDArray bce = ai.djl.nn.Activation.softPlus(out).sub(out.mul(yb));
        return bce.sum(new int[] {1}).mean();
      }
      if (!classification) {
        return out.sub(yb).square().mean();
      }
      NDArray lsm = out.logSoftmax(1);
      NDArray ce = lsm.mul(yb).sum();
      if (elrTargets == null) {
        return ce;
      }
      int m = end - start;
      NDArray prob = lsm.exp().clip(1e-4f, 1 - 1e-4f);
      float[] pv = prob.toFloatArray();
      float[] tb = new float[m * k];
      float beta = (float) elrBeta;
      for (int i = 0; i < m; i++) {
        int r = order[start + i];
        double s = 0;
        for (int c = 0; c < k; c++) {
          s += pv[i * k + c];
        }
        for (int c = 0; c < k; c++) {
          float t = beta * elrTargets[r * k + c] + (1 - beta) * (float) (pv[i * k + c] / s);
          elrTargets[r * k + c] = t;
          tb[i * k + c] = t;
        }
      }
      NDArray reg = prob.mul(bm.create(tb, new Shape(m, k))).sum(new int[] {1}).neg().add(1f).log().mean();
      return ce.add(reg.mul((float) elrLambda));
    }

    /**
     * Multi-label validation from logits: BCE summed over labels and averaged over rows, label-wise accuracy
     * at probability 0.5 (logit 0), and the mean AUROC over the labels having both values in the validation
     * part (NaN when none has).
     */
    private double[] validateMultiLabel(float[] logits, int m) {
      int[][] y = p.lVal();
      double loss = 0;
      long correct = 0;
      for (int i = 0; i < m; i++) {
        for (int c = 0; c < k; c++) {
          double z = logits[i * k + c];
          int t = y[i][c];
          loss += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
          if ((z >= 0 ? 1 : 0) == t) {
            correct++;
          }
        }
      }
      double aucSum = 0;
      int aucCount = 0;
      double[] score = new double[m];
      int[] yc = new int[m];
      for (int c = 0; c < k; c++) {
        for (int i = 0; i < m; i++) {
          score[i] = logits[i * k + c];
          yc[i] = y[i][c];
        }
        double a = auroc(score, yc);
        if (!Double.isNaN(a)) {
          aucSum += a;
          aucCount++;
        }
      }
      return new double[] {loss / m, (double) correct / ((long) m * k), aucCount == 0 ? Double.NaN : aucSum / aucCount,
          Double.NaN};
    }

    /** Validation loss, accuracy, AUROC (binary), RMSE (regression) with the current weights. */
    private double[] validate(Network net) {
      float[][] xv = p.xVal();
      int m = xv.length;
      int d = xv[0].length;
      float[] out;
      try (NDManager vm = net.manager.newSubManager()) {
        float[] buf = new float[m * d];
        for (int i = 0; i < m; i++) {
          System.arraycopy(xv[i], 0, buf, i * d, d);
        }
        NDArray o = net.forward(new ParameterStore(vm, false), vm.create(buf, net.inputShape(m)), false);
        out = (classification ? o.softmax(1) : o).toFloatArray();
      }
      if (multiLabel) {
        return validateMultiLabel(out, m);
      }
      if (!classification) {
        double se = 0;
        double seRaw = 0;
        for (int i = 0; i < m; i++) {
          double z = (p.rVal()[i] - p.targetMean()) / p.targetScale();
          se += (out[i] - z) * (out[i] - z);
          double raw = out[i] * p.targetScale() + p.targetMean();
          seRaw += (raw - p.rVal()[i]) * (raw - p.rVal()[i]);
        }
        return new double[] {se / m, Double.NaN, Double.NaN, Math.sqrt(seRaw / m)};
      }
      int[] y = p.yVal();
      double ll = 0;
      int correct = 0;
      for (int i = 0; i < m; i++) {
        ll -= Math.log(Math.max(out[i * k + y[i]], 1e-12));
        int arg = 0;
        for (int c = 1; c < k; c++) {
          if (out[i * k + c] > out[i * k + arg]) {
            arg = c;
          }
        }
        if (arg == y[i]) {
          correct++;
        }
      }
      double auroc = Double.NaN;
      if (k == 2) {
        double[] score = new double[m];
        for (int i = 0; i < m; i++) {
          score[i] = out[i * k + 1];
        }
        auroc = auroc(score, y);
      }
      return new double[] {ll / m, (double) correct / m, auroc, Double.NaN};
    }
  }

  /** AUROC of scores for class 1 by ranks (ties get average ranks); NaN when a class is absent. */
  static double auroc(double[] score, int[] y) {
    int m = score.length;
    Integer[] idx = new Integer[m];
    for (int i = 0; i < m; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(score[a], score[b]));
    double rankSumPos = 0;
    long pos = 0;
    int i = 0;
    while (i < m) {
      int j = i;
      while (j + 1 < m && score[idx[j + 1]] == score[idx[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int t = i; t <= j; t++) {
        if (y[idx[t]] == 1) {
          rankSumPos += avg;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = m - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  private static int[] checkPositive(String what, int[] v) {
    for (int x : v) {
      if (x < 1) {
        throw new IllegalArgumentException(what + " must be >= 1, got " + Arrays.toString(v));
      }
    }
    return v;
  }

  private static int[] checkFilters(int[] filters) {
    if (filters.length == 0) {
      throw new IllegalArgumentException("A CNN needs at least one convolution layer: give filter counts, e.g. cnn2d(16, 32)");
    }
    return checkPositive("filter counts", filters).clone();
  }
}
