package io.workbench.model.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.ClassWeights;
import io.workbench.model.EarlyStopping;
import io.workbench.model.Trainer;
import io.workbench.model.TrainingChecks;
import io.workbench.progress.ProgressTask;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Trains a DJL/PyTorch network: logistic or linear regression, MLP, 1D CNN (signals) or 2D CNN (images), or
 * one of the published signal networks (EEGNet, ShallowFBCSPNet, Deep4Net for EEG; the PTB-XL benchmark's 1D
 * ResNet for ECG). Immutable: every option returns a new trainer, so one trainer can fit many datasets
 * (cross-validation). Start from {@code Models.logistic()}, {@code Models.linear()}, {@code Models.mlp(64, 32)},
 * {@code Models.cnn1d(16, 32)}, {@code Models.cnn2d(16, 32)}, {@code Models.eegNet()}, {@code
 * Models.shallowFbcspNet()}, {@code Models.deep4Net()} or {@code Models.resNet1d()}.
 *
 * <p>The settings are typed values, each with its own class: the network ({@link NetworkDesign}, whose kind
 * is a {@link NetworkKind}), the optimiser ({@link OptimizerSettings}), epochs, batches and learning-rate
 * schedule ({@link TrainingSchedule}), weight decay and ELR ({@link Regularization}), the validation share,
 * {@link EarlyStopping} and {@link ClassWeights} (both shared with XGBoost), and the run options ({@link
 * RunSettings}: seed, threads, progress, cancellation). A fit prepares the data ({@link TrainingData}: checks,
 * validation split, standardisation kept inside the model, class weights) and runs the loop ({@link
 * TrainingLoop}: mini-batches, Adam or SGD, per-epoch validation, early stopping restoring the best epoch,
 * progress per batch, cancellation between batches).
 *
 * <p>Threads: a fit runs on the calling thread with {@code nativeThreads(n)} (or {@code threads(n)}) PyTorch
 * intra-op threads, by default 1: the same seed then gives byte-identical weights on every machine (PyTorch's
 * parallel reductions in convolution and batch-norm layers depend on the thread count), and small networks
 * train fastest that way, above all on a machine shared with other work.
 *
 * <p>Multi-label datasets ({@code Dataset.builder(t).targets("a", "b", "c")}) train one sigmoid output per
 * label with binary cross-entropy summed over the labels and averaged over the rows (MLP, CNNs, the signal
 * networks and {@code logistic()}, which then is one logistic regression per label sharing nothing but the inputs). Every label
 * must have positive and negative rows in the training part; the validation split is plain shuffled. Per
 * epoch the history's validation accuracy is the label-wise accuracy at 0.5 (1 - Hamming loss) and its AUROC
 * the macro mean over labels; class weights and ELR are for single-label classification.
 *
 * <pre>{@code
 * NeuralNetModel m = Models.mlp(64, 32)
 *     .activation("tanh").dropout(0.1)
 *     .epochs(100).batchSize(32).learningRate(1e-3).schedule(LearningRateSchedule.cosine())
 *     .validation(0.2).earlyStopping(10).monitor(EarlyStopping.Monitor.AUROC)
 *     .seed(42).fit(split.train());
 * m.history().toTable();
 * }</pre>
 */
public final class NeuralTrainer implements Trainer, RunSettings<NeuralTrainer> {

  /** Optimisers. */
  public enum OptimizerKind {
    /** Adam (Kingma and Ba), betas 0.9 and 0.999. */
    ADAM,
    /** Stochastic gradient descent with momentum. */
    SGD
  }

  /** Native threads a fit uses unless the run options say otherwise (see the class comment). */
  public static final int DEFAULT_NATIVE_THREADS = 1;

  /**
   * Rows per native inference call unless {@link #inferenceBatchSize(int)} says otherwise: large enough that a big
   * batch costs few calls, small enough that padding a single row to it costs little on a CPU.
   */
  public static final int DEFAULT_INFERENCE_BATCH_SIZE = 256;

  private final NetworkDesign design;
  private final OptimizerSettings optimizer;
  private final TrainingSchedule schedule;
  private final Regularization regularization;
  private final double validation;
  private final EarlyStopping earlyStopping;
  private final ClassWeights classWeights;
  private final RunOptions options;
  private final String device;
  private final int inferenceBatchSize;
  private final Task requiredTask;

  private NeuralTrainer(NetworkDesign design, OptimizerSettings optimizer, TrainingSchedule schedule,
      Regularization regularization, double validation, EarlyStopping earlyStopping, ClassWeights classWeights,
      RunOptions options, String device, int inferenceBatchSize, Task requiredTask) {
    this.design = design;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.regularization = regularization;
    this.validation = validation;
    this.earlyStopping = earlyStopping;
    this.classWeights = classWeights;
    this.options = options;
    this.device = device;
    this.inferenceBatchSize = inferenceBatchSize;
    this.requiredTask = requiredTask;
  }

  private static NeuralTrainer of(NetworkDesign design, double learningRate, Task requiredTask) {
    return new NeuralTrainer(design, OptimizerSettings.adam(learningRate), TrainingSchedule.defaults(),
        Regularization.none(), 0, EarlyStopping.off(), ClassWeights.none(), RunOptions.defaults(), null,
        DEFAULT_INFERENCE_BATCH_SIZE,
        requiredTask);
  }

  // ---------------------------------------------------------------- factories (see also Models)

  /** Multinomial logistic regression (classification only). */
  public static NeuralTrainer logistic() {
    return of(NetworkDesign.of("linear"), 0.01, Task.CLASSIFICATION);
  }

  /** Linear regression fitted by gradient descent on the mean squared error (regression only). */
  public static NeuralTrainer linear() {
    return of(NetworkDesign.of("linear"), 0.01, Task.REGRESSION);
  }

  /** A multilayer perceptron with the given hidden layer sizes (none: a linear model). */
  public static NeuralTrainer mlp(int... hidden) {
    return of(NetworkDesign.of("mlp").withHidden(hidden), 1e-3, null);
  }

  /**
   * A 1D CNN for samples of shape {@code [channels, length]}: per filter count a convolution and a max pool,
   * then global average pooling, one dense layer of 64 units and the output.
   */
  public static NeuralTrainer cnn1d(int... filters) {
    return of(NetworkDesign.of("cnn1d").withFilters(checkFilters(filters)).withHidden(64).withKernelSize(5), 1e-3,
        null);
  }

  /**
   * A 2D CNN for samples of shape {@code [c, h, w]}: per filter count a 3x3 convolution and a 2x2 max pool,
   * then flatten, one dense layer of 64 units and the output.
   */
  public static NeuralTrainer cnn2d(int... filters) {
    return of(NetworkDesign.of("cnn2d").withFilters(checkFilters(filters)).withHidden(64), 1e-3, null);
  }

  /**
   * EEGNet v4 (Lawhern et al. 2018) for EEG samples {@code [channels, time]}, with the published defaults
   * ({@link NetworkDesign#eegNet()}).
   */
  public static NeuralTrainer eegNet() {
    return of(NetworkDesign.eegNet(), 1e-3, null);
  }

  /**
   * ShallowFBCSPNet (Schirrmeister et al. 2017) for EEG samples {@code [channels, time]}, with braindecode's
   * defaults ({@link NetworkDesign#shallowFbcspNet()}).
   */
  public static NeuralTrainer shallowFbcspNet() {
    return of(NetworkDesign.shallowFbcspNet(), 1e-3, null);
  }

  /**
   * Deep4Net (Schirrmeister et al. 2017) for EEG samples {@code [channels, time]}, with braindecode's defaults
   * ({@link NetworkDesign#deep4Net()}).
   */
  public static NeuralTrainer deep4Net() {
    return of(NetworkDesign.deep4Net(), 1e-3, null);
  }

  /**
   * The PTB-XL benchmark's 1D ResNet ({@code resnet1d_wang}) for ECG samples {@code [leads, time]}, single- or
   * multi-label ({@link NetworkDesign#resNet1d()}).
   */
  public static NeuralTrainer resNet1d() {
    return of(NetworkDesign.resNet1d(), 1e-3, null);
  }

  /**
   * A trainer for any network design, for example a kind added to {@link NetworkKinds}.
   *
   * <pre>{@code NeuralTrainer t = NeuralTrainer.of(NetworkDesign.of("mlp").withHidden(32)).epochs(10); }</pre>
   */
  public static NeuralTrainer of(NetworkDesign design) {
    return of(Objects.requireNonNull(design, "design"), 1e-3, null);
  }

  // ---------------------------------------------------------------- the typed settings

  /** The network this trainer builds. */
  public NetworkDesign design() {
    return design;
  }

  /** The optimiser. */
  public OptimizerSettings optimizerSettings() {
    return optimizer;
  }

  /** Epochs, batch size and learning-rate schedule. */
  public TrainingSchedule trainingSchedule() {
    return schedule;
  }

  /** Weight decay and ELR. */
  public Regularization regularization() {
    return regularization;
  }

  /** Early stopping. */
  public EarlyStopping earlyStopping() {
    return earlyStopping;
  }

  /** Class weights. */
  public ClassWeights classWeights() {
    return classWeights;
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public NeuralTrainer withOptions(RunOptions o) {
    return new NeuralTrainer(design, optimizer, schedule, regularization, validation, earlyStopping, classWeights,
        Objects.requireNonNull(o, "options"), device, inferenceBatchSize, requiredTask);
  }

  /** A copy with another network design. */
  public NeuralTrainer design(NetworkDesign d) {
    return new NeuralTrainer(Objects.requireNonNull(d, "design"), optimizer, schedule, regularization, validation,
        earlyStopping, classWeights, options, device, inferenceBatchSize, requiredTask);
  }

  /** A copy with other optimiser settings. */
  public NeuralTrainer optimizer(OptimizerSettings o) {
    return new NeuralTrainer(design, Objects.requireNonNull(o, "optimizer"), schedule, regularization, validation,
        earlyStopping, classWeights, options, device, inferenceBatchSize, requiredTask);
  }

  /** A copy with another training schedule. */
  public NeuralTrainer trainingSchedule(TrainingSchedule s) {
    return new NeuralTrainer(design, optimizer, Objects.requireNonNull(s, "schedule"), regularization, validation,
        earlyStopping, classWeights, options, device, inferenceBatchSize, requiredTask);
  }

  /** A copy with other regularisation. */
  public NeuralTrainer regularization(Regularization r) {
    return new NeuralTrainer(design, optimizer, schedule, Objects.requireNonNull(r, "regularization"), validation,
        earlyStopping, classWeights, options, device, inferenceBatchSize, requiredTask);
  }

  /** A copy with early stopping as a value (patience and monitored metric), shared with XGBoost. */
  public NeuralTrainer earlyStopping(EarlyStopping e) {
    return new NeuralTrainer(design, optimizer, schedule, regularization, validation,
        Objects.requireNonNull(e, "earlyStopping"), classWeights, options, device, inferenceBatchSize, requiredTask);
  }

  /** A copy with class weights as a value, shared with XGBoost. */
  public NeuralTrainer classWeights(ClassWeights w) {
    return new NeuralTrainer(design, optimizer, schedule, regularization, validation, earlyStopping,
        Objects.requireNonNull(w, "classWeights"), options, device, inferenceBatchSize, requiredTask);
  }

  // ---------------------------------------------------------------- architecture options

  /** Hidden dense layers (for CNNs: after the convolutions). */
  public NeuralTrainer hidden(int... units) {
    return design(design.withHidden(units));
  }

  /** Convolution kernel size (odd), for CNNs. */
  public NeuralTrainer kernelSize(int size) {
    return design(design.withKernelSize(size));
  }

  /** Activation of hidden and convolution layers: {@code relu} (default), {@code tanh} or {@code gelu}. */
  public NeuralTrainer activation(String name) {
    return design(design.withActivation(name));
  }

  /** Dropout rate after each hidden dense layer, in [0, 1). */
  public NeuralTrainer dropout(double rate) {
    return design(design.withDropout(rate));
  }

  /** Batch normalisation after each hidden and convolution layer. */
  public NeuralTrainer batchNorm(boolean on) {
    return design(design.withBatchNorm(on));
  }

  // ---------------------------------------------------------------- optimisation options

  /** Number of passes over the training data (default 30). */
  public NeuralTrainer epochs(int n) {
    return trainingSchedule(schedule.withEpochs(n));
  }

  /** Rows per mini-batch (default 32). */
  public NeuralTrainer batchSize(int rows) {
    return trainingSchedule(schedule.withBatchSize(rows));
  }

  /** Learning-rate schedule over epochs (default constant). */
  public NeuralTrainer schedule(LearningRateSchedule s) {
    return trainingSchedule(schedule.withSchedule(Objects.requireNonNull(s, "schedule")));
  }

  /** Adam (default) or SGD with momentum. */
  public NeuralTrainer optimizer(OptimizerKind kind) {
    return optimizer(optimizer.withKind(Objects.requireNonNull(kind, "optimizer")));
  }

  /** SGD with the given momentum (for example 0.9). */
  public NeuralTrainer sgd(double momentum) {
    return optimizer(optimizer.withKind(OptimizerKind.SGD).withMomentum(momentum));
  }

  /** Base learning rate (default 1e-3; 1e-2 for logistic and linear). */
  public NeuralTrainer learningRate(double rate) {
    return optimizer(optimizer.withLearningRate(rate));
  }

  /** L2 weight decay added to the gradients (default 0). */
  public NeuralTrainer weightDecay(double decay) {
    return regularization(regularization.withWeightDecay(decay));
  }

  /** Per-class loss weights, in class order (classification). */
  public NeuralTrainer classWeights(double... weights) {
    return classWeights(ClassWeights.of(weights));
  }

  /** Per-class loss weights by class name; classes not named weigh 1 (classification). */
  public NeuralTrainer classWeights(Map<String, Double> weights) {
    return classWeights(ClassWeights.of(weights));
  }

  /** Class weights {@code n / (classes * count)} from the training part, as scikit-learn's "balanced". */
  public NeuralTrainer balancedClassWeights() {
    return classWeights(ClassWeights.balanced());
  }

  /**
   * Holds out this share of the training data (stratified) for validation metrics each epoch; 0 (default)
   * holds out nothing unless early stopping is on.
   */
  public NeuralTrainer validation(double fraction) {
    TrainingChecks.requireValidationShare(fraction);
    return new NeuralTrainer(design, optimizer, schedule, regularization, fraction, earlyStopping, classWeights,
        options, device, inferenceBatchSize, requiredTask);
  }

  /**
   * Stops when the monitored validation metric has not improved for {@code patience} epochs and restores the
   * best epoch's weights; the validation part is {@link #validation(double)}'s share, or 20 % when none is
   * set. 0 turns it off.
   */
  public NeuralTrainer earlyStopping(int patience) {
    return earlyStopping(patience == 0 ? EarlyStopping.off().monitor(earlyStopping.monitor())
        : EarlyStopping.after(patience).monitor(earlyStopping.monitor()));
  }

  /** Early stopping after {@code patience} epochs on a validation part of {@code validationFraction}. */
  public NeuralTrainer earlyStopping(int patience, double validationFraction) {
    if (!(validationFraction > 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validationFraction must be in (0, 1), got " + validationFraction);
    }
    return validation(validationFraction).earlyStopping(patience);
  }

  /** The metric early stopping watches (default validation loss). */
  public NeuralTrainer monitor(EarlyStopping.Monitor m) {
    return earlyStopping(earlyStopping.monitor(m));
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
    return regularization(regularization.withElr(lambda, beta));
  }

  /** {@code cpu}, {@code gpu} or {@code auto} (default: the system property {@code workbench.device}, else auto). */
  public NeuralTrainer device(String d) {
    DeviceChoice.resolve(d, null, 1);
    return new NeuralTrainer(design, optimizer, schedule, regularization, validation, earlyStopping, classWeights,
        options, d, inferenceBatchSize, requiredTask);
  }

  /**
   * Rows per native call when the trained model predicts or computes gradients (default {@value
   * #DEFAULT_INFERENCE_BATCH_SIZE}); every call holds exactly this many rows, padded, so predictions never
   * depend on the batch a row arrives in (see {@link NeuralNetModel#batchSize()}).
   */
  public NeuralTrainer inferenceBatchSize(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("inferenceBatchSize must be >= 1, got " + rows);
    }
    return new NeuralTrainer(design, optimizer, schedule, regularization, validation, earlyStopping, classWeights,
        options, device, rows, requiredTask);
  }

  /** The PyTorch intra-op threads a fit uses: the run options' count, by default {@value #DEFAULT_NATIVE_THREADS}. */
  public int nativeThreadCount() {
    return options.trainerThreads(DEFAULT_NATIVE_THREADS);
  }

  /** The settings as name/value pairs (written into {@code model.json}). */
  public Map<String, Object> settings() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", design.kind());
    m.put("epochs", schedule.epochs());
    m.put("batchSize", schedule.batchSize());
    m.put("optimizer", optimizer.name());
    m.put("learningRate", optimizer.learningRate());
    if (optimizer.kind() == OptimizerKind.SGD) {
      m.put("momentum", optimizer.momentum());
    }
    m.put("weightDecay", regularization.weightDecay());
    m.put("schedule", schedule.schedule().toString());
    m.put("classWeights", classWeights.toString());
    m.put("validation", validation);
    m.put("earlyStoppingPatience", earlyStopping.patience());
    m.put("monitor", earlyStopping.monitorName());
    m.put("elr", regularization.elrDescription());
    m.put("seed", options.seed());
    m.put("nativeThreads", nativeThreadCount());
    m.put("inferenceBatchSize", inferenceBatchSize);
    return m;
  }

  @Override
  public String toString() {
    return "NeuralTrainer" + settings();
  }

  // ---------------------------------------------------------------- fit

  @Override
  public NeuralNetModel fit(Dataset train) {
    long seed = options.seed();
    TrainingData data = TrainingData.prepare(train, new TrainingData.Options(design, requiredTask,
        regularization.elr(), classWeights, validation, earlyStopping, seed));
    Device dev = Djl.device(device);
    TrainingLoop loop = new TrainingLoop(data, schedule, optimizer, regularization, earlyStopping, seed, dev);
    Djl.lockGradients();
    try (ProgressTask progress = options.start("train", (long) loop.batchesPerEpoch() * schedule.epochs());
        Djl.Threads threads = Djl.threads(nativeThreadCount())) {
      Djl.noGrad();
      Engine.getEngine("PyTorch").setRandomSeed((int) (seed ^ (seed >>> 32)));
      TrainingLoop.Trained t = loop.run(progress);
      NeuralNetModel.Spec spec = NeuralNetModel.spec(data.task, data.architecture, data.standardizer,
          data.targetMean, data.targetScale, data.fitPart.features(),
          data.task == Task.REGRESSION ? java.util.List.of() : data.fitPart.classNames(), settings(), seed, dev,
          t.history());
      return new NeuralNetModel(t.network(), spec, inferenceBatchSize);
    } finally {
      Djl.GRADIENTS.unlock();
    }
  }

  private static int[] checkFilters(int[] filters) {
    if (filters == null || filters.length == 0) {
      throw new IllegalArgumentException("A CNN needs at least one convolution layer: give filter counts, e.g. cnn2d(16, 32)");
    }
    return filters;
  }
}
