package io.workbench.model.djl;

import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.data.Splits;
import io.workbench.data.Standardizer;
import io.workbench.data.Task;
import io.workbench.model.ClassWeights;
import io.workbench.model.EarlyStopping;
import io.workbench.model.TrainingChecks;
import java.util.Arrays;
import java.util.Locale;

/**
 * A network's training data, checked and prepared once per fit: the validation split ({@link Splits}), label
 * checks ({@link TrainingChecks}), the architecture for the data's shape, the standardisation fitted on the
 * training part (per feature, or per channel for convolutional kinds), class weights ({@link ClassWeights})
 * and the regression target's scaling.
 *
 * <pre>{@code
 * TrainingData d = TrainingData.prepare(train, design, Task.CLASSIFICATION, options);
 * d.xFit();   // standardised training rows
 * }</pre>
 */
final class TrainingData {

  /** What preparation needs from the trainer. */
  record Options(NetworkDesign design, Task requiredTask, boolean elr, ClassWeights classWeights,
      double validation, EarlyStopping earlyStopping, long seed) {}

  final Task task;
  final Dataset fitPart;
  final Dataset valPart;
  final Architecture architecture;
  final Standardizer standardizer;
  final float[][] xFit;
  final float[][] xVal;
  /** Classification: class per row; else null. */
  final int[] yFit;
  final int[] yVal;
  /** Classification: weight per class; else null. */
  final double[] weights;
  /** Regression: target per row; else null. */
  final double[] rFit;
  final double[] rVal;
  final double targetMean;
  final double targetScale;
  /** Multi-label: labels per row; else null. */
  final int[][] lFit;
  final int[][] lVal;

  private TrainingData(Task task, Dataset fitPart, Dataset valPart, Architecture architecture,
      Standardizer standardizer, double[] weights, double targetMean, double targetScale) {
    this.task = task;
    this.fitPart = fitPart;
    this.valPart = valPart;
    this.architecture = architecture;
    this.standardizer = standardizer;
    this.xFit = standardizer.apply(fitPart.x());
    this.xVal = valPart == null ? null : standardizer.apply(valPart.x());
    boolean classification = task == Task.CLASSIFICATION;
    this.yFit = classification ? fitPart.y() : null;
    this.yVal = classification && valPart != null ? valPart.y() : null;
    this.weights = weights;
    this.rFit = task == Task.REGRESSION ? fitPart.yDouble() : null;
    this.rVal = task == Task.REGRESSION && valPart != null ? valPart.yDouble() : null;
    this.targetMean = targetMean;
    this.targetScale = targetScale;
    this.lFit = task == Task.MULTI_LABEL ? fitPart.yMulti() : null;
    this.lVal = task == Task.MULTI_LABEL && valPart != null ? valPart.yMulti() : null;
  }

  /** Whether there is a validation part. */
  boolean validated() {
    return valPart != null;
  }

  /** The network's output units: classes, labels, or 1 for regression. */
  int outputs() {
    return architecture.outputs();
  }

  /** Checks the data against the settings, splits, standardises. */
  static TrainingData prepare(Dataset train, Options o) {
    Task task = TrainingChecks.requireTrainable(train);
    boolean multiLabel = task == Task.MULTI_LABEL;
    Task required = o.requiredTask();
    if (required != null && task != required && !(multiLabel && required == Task.CLASSIFICATION)) {
      throw new IllegalArgumentException(
          (required == Task.CLASSIFICATION ? "logistic() is for classification" : "linear() is for regression")
              + " but the dataset's target '" + String.join(", ", train.targets()) + "' is "
              + task.name().toLowerCase(Locale.ROOT)
              + "; use " + (required == Task.CLASSIFICATION ? "Models.linear()" : "Models.logistic()")
              + " or Models.mlp(..)");
    }
    if (o.elr() && task != Task.CLASSIFICATION) {
      throw new IllegalArgumentException(multiLabel
          ? "ELR is for single-label classification; the dataset is multi-label " + train.labelNames()
          : "ELR is for classification; the target '" + train.target() + "' is regression");
    }
    o.classWeights().resolve(train); // names, counts and task checked before any work
    if (multiLabel) {
      TrainingChecks.requireLabels(train, "training data");
    } else if (task == Task.CLASSIFICATION) {
      TrainingChecks.requireClasses(train, "training data", true);
    }
    EarlyStopping stopping = o.earlyStopping();
    if (stopping.enabled() && stopping.monitor() != EarlyStopping.Monitor.VAL_LOSS && task == Task.REGRESSION) {
      throw new IllegalArgumentException("monitor " + stopping.monitor() + " needs classification; the target '"
          + train.target() + "' is a regression target: use Monitor.VAL_LOSS");
    }
    if (stopping.enabled() && stopping.monitor() == EarlyStopping.Monitor.AUROC && !multiLabel
        && train.numClasses() != 2) {
      throw new IllegalArgumentException(
          "monitor AUROC needs binary classification; the data has " + train.numClasses() + " classes");
    }
    NetworkKind kind = o.design().networkKind();
    int[] inputShape = kind.inputShape(train.sampleShape(), train.numFeatures());
    Architecture arch = o.design().architecture(inputShape, task == Task.REGRESSION ? 1 : train.numClasses());

    double share = o.validation() > 0 ? o.validation() : stopping.enabled() ? EarlyStopping.DEFAULT_VALIDATION : 0;
    Dataset fitPart = train;
    Dataset valPart = null;
    if (share > 0) {
      Split s = Splits.trainTest(train, 1 - share, o.seed());
      fitPart = s.train();
      valPart = s.test();
      if (fitPart.rows() == 0 || valPart.rows() == 0) {
        throw new IllegalArgumentException(
            "validation(" + share + ") leaves " + fitPart.rows() + " training and " + valPart.rows()
                + " validation rows out of " + train.rows() + "; use more data or another fraction");
      }
      if (task == Task.CLASSIFICATION) {
        TrainingChecks.requireClasses(fitPart, "training part after the validation split", true);
      } else if (multiLabel) {
        TrainingChecks.requireLabels(fitPart, "training part after the validation split");
      }
    }
    Standardizer std = kind.perChannelStandardisation() ? perChannel(fitPart, inputShape[0])
        : Standardizer.fit(fitPart);
    double[] weights = task == Task.CLASSIFICATION ? o.classWeights().resolve(fitPart) : null;
    double mean = 0;
    double scale = 1;
    if (task == Task.REGRESSION) {
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
      mean = m;
      scale = sd == 0 ? 1 : sd;
    }
    return new TrainingData(task, fitPart, valPart, arch, std, weights, mean, scale);
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
}
