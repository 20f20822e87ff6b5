package io.workbench.model.xgboost;

import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.data.Splits;
import io.workbench.data.Task;
import io.workbench.model.ClassWeights;
import io.workbench.model.EarlyStopping;
import io.workbench.model.Trainer;
import io.workbench.model.TrainingChecks;
import io.workbench.progress.ProgressTask;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Immutable settings for XGBoost tree models: every option returns a new trainer, so one trainer can be
 * shared and refined. The task comes from the training dataset: {@code binary:logistic} for two classes,
 * {@code multi:softprob} for more, {@code reg:squarederror} for regression. Start from {@code
 * Models.xgboost()} (boosting), {@code Models.randomForest()} or {@code Models.decisionTree()}.
 *
 * <p>A validation share ({@link #validation(double)}, or {@link EarlyStopping#DEFAULT_VALIDATION} with early
 * stopping) holds out a stratified (classification) or shuffled (regression) part of the training data,
 * seeded with the run options' seed, and is scored after every round (log loss or RMSE; accuracy or AUROC
 * when early stopping monitors them). Early stopping keeps the model of the best round. Training reports one
 * progress event per round and checks the cancellation (and thread interrupt) between rounds.
 *
 * <p>Run options ({@link RunSettings}): seed (default 42) of row/column sampling and the validation split;
 * {@code threads(n)} or {@code nativeThreads(n)} is XGBoost's {@code nthread}, by default half of the
 * processors (1 on a 2-core machine). XGBoost's results do not depend on {@code nthread}.
 *
 * <pre>{@code
 * Model m = Models.xgboost().rounds(300).maxDepth(4).eta(0.05).subsample(0.8)
 *     .earlyStopping(20, 0.2).seed(42).fit(split.train());
 * Model rf = Models.randomForest().parallelTrees(200).seed(1).fit(split.train());
 * }</pre>
 */
public final class XGBoostTrainer implements Trainer, RunSettings<XGBoostTrainer> {

  /** The settings; a trainer never changes them after construction, options copy them. */
  private static final class Settings implements Cloneable {
    String kind;
    int rounds;
    int maxDepth;
    double eta;
    double subsample;
    double colsampleByTree;
    double colsampleByNode;
    double minChildWeight;
    double lambda;
    double alpha;
    int parallelTrees;
    double validation;
    EarlyStopping earlyStopping = EarlyStopping.off();
    ClassWeights classWeights = ClassWeights.none();
    RunOptions options = RunOptions.defaults();

    Settings copy() {
      try {
        return (Settings) clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private final Settings s;

  private XGBoostTrainer(Settings settings) {
    this.s = settings;
  }

  /** XGBoost's default boosting settings: 100 rounds, depth 6, eta 0.3 (and seed 42, the run options' default). */
  public static XGBoostTrainer boosting() {
    Settings t = new Settings();
    t.kind = "xgboost";
    t.rounds = 100;
    t.maxDepth = 6;
    t.eta = 0.3;
    t.subsample = 1;
    t.colsampleByTree = 1;
    t.colsampleByNode = 1;
    t.minChildWeight = 1;
    t.lambda = 1;
    t.alpha = 0;
    t.parallelTrees = 1;
    return new XGBoostTrainer(t);
  }

  /**
   * XGBoost's random-forest mode: one round of 100 parallel trees, eta 1, rows subsampled to 80 % and
   * 80 % of features per split, depth 8.
   */
  public static XGBoostTrainer forest() {
    Settings t = boosting().s.copy();
    t.kind = "random forest";
    t.rounds = 1;
    t.parallelTrees = 100;
    t.eta = 1;
    t.subsample = 0.8;
    t.colsampleByNode = 0.8;
    t.maxDepth = 8;
    return new XGBoostTrainer(t);
  }

  /** One tree (one round, one tree, eta 1) of depth 4; change the depth with {@link #maxDepth(int)}. */
  public static XGBoostTrainer singleTree() {
    Settings t = boosting().s.copy();
    t.kind = "decision tree";
    t.rounds = 1;
    t.eta = 1;
    t.maxDepth = 4;
    return new XGBoostTrainer(t);
  }

  @Override
  public RunOptions options() {
    return s.options;
  }

  @Override
  public XGBoostTrainer withOptions(RunOptions options) {
    Settings t = s.copy();
    t.options = java.util.Objects.requireNonNull(options, "options");
    return new XGBoostTrainer(t);
  }

  /** Boosting rounds (with early stopping: the most rounds), at least 1. */
  public XGBoostTrainer rounds(int n) {
    require(n >= 1, "rounds", n, "at least 1");
    Settings t = s.copy();
    t.rounds = n;
    return new XGBoostTrainer(t);
  }

  /** Maximum tree depth, at least 1. */
  public XGBoostTrainer maxDepth(int depth) {
    require(depth >= 1, "maxDepth", depth, "at least 1");
    Settings t = s.copy();
    t.maxDepth = depth;
    return new XGBoostTrainer(t);
  }

  /** Learning rate (shrinkage), in (0, 1]. */
  public XGBoostTrainer eta(double value) {
    require(value > 0 && value <= 1, "eta", value, "in (0, 1]");
    Settings t = s.copy();
    t.eta = value;
    return new XGBoostTrainer(t);
  }

  /** Share of rows sampled for each tree, in (0, 1]. */
  public XGBoostTrainer subsample(double share) {
    require(share > 0 && share <= 1, "subsample", share, "in (0, 1]");
    Settings t = s.copy();
    t.subsample = share;
    return new XGBoostTrainer(t);
  }

  /** Share of features sampled for each tree, in (0, 1]. */
  public XGBoostTrainer colsampleByTree(double share) {
    require(share > 0 && share <= 1, "colsampleByTree", share, "in (0, 1]");
    Settings t = s.copy();
    t.colsampleByTree = share;
    return new XGBoostTrainer(t);
  }

  /** Share of features sampled for each split, in (0, 1]. */
  public XGBoostTrainer colsampleByNode(double share) {
    require(share > 0 && share <= 1, "colsampleByNode", share, "in (0, 1]");
    Settings t = s.copy();
    t.colsampleByNode = share;
    return new XGBoostTrainer(t);
  }

  /** Minimum sum of instance weight (Hessian) in a child, at least 0. */
  public XGBoostTrainer minChildWeight(double w) {
    require(w >= 0, "minChildWeight", w, "at least 0");
    Settings t = s.copy();
    t.minChildWeight = w;
    return new XGBoostTrainer(t);
  }

  /** L2 regularisation of leaf weights, at least 0. */
  public XGBoostTrainer lambda(double l2) {
    require(l2 >= 0, "lambda", l2, "at least 0");
    Settings t = s.copy();
    t.lambda = l2;
    return new XGBoostTrainer(t);
  }

  /** L1 regularisation of leaf weights, at least 0. */
  public XGBoostTrainer alpha(double l1) {
    require(l1 >= 0, "alpha", l1, "at least 0");
    Settings t = s.copy();
    t.alpha = l1;
    return new XGBoostTrainer(t);
  }

  /** Trees grown in parallel per round ({@code num_parallel_tree}; a random forest per round), at least 1. */
  public XGBoostTrainer parallelTrees(int n) {
    require(n >= 1, "parallelTrees", n, "at least 1");
    Settings t = s.copy();
    t.parallelTrees = n;
    return new XGBoostTrainer(t);
  }

  /**
   * Holds out this share of the training data (stratified, seeded) and scores it after every round; the
   * model trains on the rest. 0 (the default) holds out nothing unless early stopping is on.
   */
  public XGBoostTrainer validation(double share) {
    Settings t = s.copy();
    t.validation = TrainingChecks.requireValidationShare(share);
    return new XGBoostTrainer(t);
  }

  /**
   * Early stopping: stop after {@code patience} rounds without a lower validation loss and keep the best
   * round; the validation part is {@link #validation(double)}'s share, or 20 % when none is set.
   */
  public XGBoostTrainer earlyStopping(int patience) {
    return earlyStopping(EarlyStopping.after(patience).monitor(s.earlyStopping.monitor()));
  }

  /**
   * Early stopping: hold out {@code validationFraction} of the training data (stratified, seeded), stop
   * after {@code patience} rounds without improvement of the validation loss, keep the best round.
   */
  public XGBoostTrainer earlyStopping(int patience, double validationFraction) {
    require(patience >= 1, "patience", patience, "at least 1");
    require(validationFraction > 0 && validationFraction < 1, "validationFraction", validationFraction, "in (0, 1)");
    return validation(validationFraction).earlyStopping(patience);
  }

  /** Early stopping as a value (patience and monitored metric), shared with the network trainers. */
  public XGBoostTrainer earlyStopping(EarlyStopping e) {
    Settings t = s.copy();
    t.earlyStopping = java.util.Objects.requireNonNull(e, "earlyStopping");
    return new XGBoostTrainer(t);
  }

  /**
   * The metric early stopping watches: validation loss (default), accuracy ({@code error}) or AUROC
   * ({@code auc}, binary classification).
   */
  public XGBoostTrainer monitor(EarlyStopping.Monitor m) {
    return earlyStopping(s.earlyStopping.monitor(m));
  }

  /**
   * Per-class sample weights by class name (classes not named get weight 1), for imbalanced data.
   *
   * <pre>{@code Models.xgboost().classWeights(Map.of("malignant", 2.0)) }</pre>
   */
  public XGBoostTrainer classWeights(Map<String, Double> weights) {
    return classWeights(ClassWeights.of(weights));
  }

  /** Per-class sample weights in class order. */
  public XGBoostTrainer classWeights(double... weights) {
    return classWeights(ClassWeights.of(weights));
  }

  /** Per-class sample weights as a value, shared with the network trainers. */
  public XGBoostTrainer classWeights(ClassWeights weights) {
    Settings t = s.copy();
    t.classWeights = java.util.Objects.requireNonNull(weights, "classWeights");
    return new XGBoostTrainer(t);
  }

  /** Weights every class by {@code rows / (classes * classRows)} of the training data (scikit-learn's "balanced"). */
  public XGBoostTrainer balancedClassWeights() {
    return classWeights(ClassWeights.balanced());
  }

  /** The native threads ({@code nthread}) a fit uses: the run options' count, by default half the processors. */
  public int nativeThreadCount() {
    return s.options.trainerThreads(s.options.nativeThreadsFor(1));
  }

  /** The XGBoost parameters this trainer sends for a task with {@code numClasses} classes (0 for regression). */
  public Map<String, Object> params(Task task, int numClasses) {
    Map<String, Object> p = new TreeMap<>();
    if (task == Task.REGRESSION) {
      p.put("objective", "reg:squarederror");
    } else if (numClasses == 2) {
      p.put("objective", "binary:logistic");
    } else {
      p.put("objective", "multi:softprob");
      p.put("num_class", numClasses);
    }
    p.put("eval_metric", evalMetric(task, numClasses));
    p.put("tree_method", "hist");
    p.put("max_depth", s.maxDepth);
    p.put("eta", s.eta);
    p.put("subsample", s.subsample);
    p.put("colsample_bytree", s.colsampleByTree);
    p.put("colsample_bynode", s.colsampleByNode);
    p.put("min_child_weight", s.minChildWeight);
    p.put("lambda", s.lambda);
    p.put("alpha", s.alpha);
    p.put("num_parallel_tree", s.parallelTrees);
    p.put("seed", s.options.seed());
    p.put("nthread", nativeThreadCount());
    p.put("verbosity", 0);
    return p;
  }

  /** XGBoost's name of the validation metric: the monitored one when early stopping, else the loss. */
  private String evalMetric(Task task, int numClasses) {
    EarlyStopping.Monitor m = s.earlyStopping.enabled() ? s.earlyStopping.monitor() : EarlyStopping.Monitor.VAL_LOSS;
    if (task == Task.REGRESSION) {
      return "rmse";
    }
    return switch (m) {
      case ACCURACY -> numClasses == 2 ? "error" : "merror";
      case AUROC -> "auc";
      default -> numClasses == 2 ? "logloss" : "mlogloss";
    };
  }

  @Override
  public XGBoostModel fit(Dataset train) {
    Task task = TrainingChecks.requireTrainable(train);
    if (task == Task.MULTI_LABEL) {
      throw new IllegalArgumentException(
          "fit(train): XGBoost multi-label is not supported (labels " + train.labelNames() + "); use Models.mlp(..)"
              + " or Models.logistic(), which train sigmoid outputs for all labels, or fit one XGBoost model per"
              + " label on Dataset.of(x, names, yOfThatLabel, List.of(\"0\", \"1\"))");
    }
    int numClasses = 0;
    if (task == Task.CLASSIFICATION) {
      numClasses = train.numClasses();
      TrainingChecks.requireClasses(train, "training data", false);
    }
    s.classWeights.resolve(train); // fails early on names, counts or a regression target
    EarlyStopping stopping = s.earlyStopping;
    if (stopping.enabled()) {
      if (s.rounds < 2) {
        throw new IllegalArgumentException(
            "earlyStopping needs more than one round; this " + s.kind + " trainer has rounds = " + s.rounds);
      }
      if (stopping.monitor() != EarlyStopping.Monitor.VAL_LOSS && task == Task.REGRESSION) {
        throw new IllegalArgumentException("monitor " + stopping.monitor() + " needs classification; the target '"
            + train.target() + "' is a regression target: use Monitor.VAL_LOSS");
      }
      if (stopping.monitor() == EarlyStopping.Monitor.AUROC && numClasses != 2) {
        throw new IllegalArgumentException(
            "monitor AUROC needs binary classification; the data has " + numClasses + " classes");
      }
    }
    double share = s.validation > 0 ? s.validation : stopping.enabled() ? EarlyStopping.DEFAULT_VALIDATION : 0;
    Dataset fitPart = train;
    Dataset validation = null;
    if (share > 0) {
      Split holdout = Splits.trainTest(train, 1 - share, s.options.seed());
      fitPart = holdout.train();
      validation = holdout.test();
      if (fitPart.rows() == 0 || validation.rows() == 0) {
        throw new IllegalArgumentException("validation share " + share + " leaves " + fitPart.rows() + " training and "
            + validation.rows() + " validation rows out of " + train.rows() + "; use more data or another share");
      }
    }
    Map<String, Object> params = params(task, numClasses);
    String metric = (String) params.get("eval_metric");
    String valueName = stopping.enabled() ? stopping.monitor() == EarlyStopping.Monitor.VAL_LOSS ? "val_loss"
        : stopping.monitor().label() : "val_loss";
    DMatrix dtrain = null;
    DMatrix dval = null;
    Booster booster = null;
    try (ProgressTask progress = s.options.start("train " + s.kind, s.rounds)) {
      dtrain = matrix(fitPart, weights(fitPart));
      Map<String, DMatrix> watches = new LinkedHashMap<>();
      if (validation != null) {
        dval = matrix(validation, null);
        watches.put("val", dval);
      }
      booster = XGBoost.train(dtrain, new LinkedHashMap<>(params), 0, watches, null, null);
      EarlyStopping.Watch watch = (stopping.enabled() ? stopping : EarlyStopping.after(1)).watch();
      byte[] bestModel = null;
      int done = 0;
      for (int r = 0; r < s.rounds; r++) {
        progress.check();
        booster.update(dtrain, r);
        done = r + 1;
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("round", (double) done);
        String detail = "round " + done + "/" + s.rounds;
        boolean stop = false;
        if (dval != null) {
          String line = booster.evalSet(new DMatrix[] {dval}, new String[] {"val"}, r);
          double value = Double.parseDouble(line.substring(line.lastIndexOf(':') + 1).trim());
          values.put(valueName, value);
          detail += String.format(Locale.ROOT, " val %s %.5f", metric, value);
          double watched = metric.endsWith("error") ? 1 - value : value;
          if (watch.observe(watched) && stopping.enabled()) {
            bestModel = booster.toByteArray("ubj");
          }
          stop = stopping.enabled() && watch.exhausted();
        }
        progress.advance(1, stop ? detail + " (stopped early)" : detail, values);
        if (stop) {
          break;
        }
      }
      progress.check(); // cancelled during the last round: no model
      int kept = done;
      int bestRound = watch.bestStep() + 1;
      if (bestModel != null && bestRound < done) {
        booster.dispose();
        booster = XGBoost.loadModel(bestModel);
        kept = bestRound;
      }
      progress.done("kept " + kept + " round(s)");
      XGBoostModel model = new XGBoostModel(
          booster, task, train.features(), task == Task.CLASSIFICATION ? train.classNames() : List.of(),
          params, s.options.seed(), kept, validation == null ? -1 : bestRound);
      booster = null;
      return model;
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed while training a " + s.kind + ": " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Could not restore the best early-stopping round: " + e.getMessage(), e);
    } finally {
      if (dtrain != null) {
        dtrain.dispose();
      }
      if (dval != null) {
        dval.dispose();
      }
      if (booster != null) {
        booster.dispose();
      }
    }
  }

  /** Per-row weights from the class weights, or {@code null} when every class weighs 1. */
  private float[] weights(Dataset part) {
    if (part.task() != Task.CLASSIFICATION || s.classWeights.isNone()) {
      return null;
    }
    double[] perClass = s.classWeights.resolve(part);
    int[] y = part.y();
    float[] w = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      w[i] = (float) perClass[y[i]];
    }
    return w;
  }

  private static DMatrix matrix(Dataset part, float[] weights) throws XGBoostError {
    float[][] x = part.x();
    DMatrix m = XGBoostModel.dmatrix(x, part.numFeatures());
    try {
      double[] y = part.yDouble();
      float[] label = new float[y.length];
      for (int i = 0; i < y.length; i++) {
        label[i] = (float) y[i];
      }
      m.setLabel(label);
      if (weights != null) {
        m.setWeight(weights);
      }
      return m;
    } catch (XGBoostError | RuntimeException e) {
      m.dispose();
      throw e;
    }
  }

  private static void require(boolean ok, String name, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(name + " must be " + expected + ", got " + value);
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(s.kind).append("[rounds=").append(s.rounds)
        .append(", maxDepth=").append(s.maxDepth).append(", eta=").append(s.eta);
    if (s.parallelTrees > 1) {
      b.append(", parallelTrees=").append(s.parallelTrees);
    }
    b.append(", subsample=").append(s.subsample).append(", colsampleByTree=").append(s.colsampleByTree)
        .append(", colsampleByNode=").append(s.colsampleByNode).append(", minChildWeight=").append(s.minChildWeight)
        .append(", lambda=").append(s.lambda).append(", alpha=").append(s.alpha);
    if (s.validation > 0) {
      b.append(", validation=").append(s.validation);
    }
    if (s.earlyStopping.enabled()) {
      b.append(", earlyStopping=").append(s.earlyStopping);
    }
    if (!s.classWeights.isNone()) {
      b.append(", classWeights=").append(s.classWeights);
    }
    return b.append(", seed=").append(s.options.seed()).append(", threads=").append(nativeThreadCount()).append(']')
        .toString();
  }
}
