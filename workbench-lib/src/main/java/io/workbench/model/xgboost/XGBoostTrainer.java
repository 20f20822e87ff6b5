package io.workbench.model.xgboost;

import io.workbench.data.Dataset;
import io.workbench.data.Split;
import io.workbench.data.Splits;
import io.workbench.data.Task;
import io.workbench.model.Trainer;
import io.workbench.progress.Cancellation;
import io.workbench.progress.Progress;
import io.workbench.progress.ProgressEvent;
import io.workbench.progress.ProgressListener;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * <p>Early stopping holds out a stratified (classification) or shuffled (regression) share of the
 * training data, seeded with {@link #seed(long)}, watches the validation log loss (or RMSE) after every
 * round, and keeps the model of the best round. Training reports one progress event per round and checks
 * the cancellation (and thread interrupt) between rounds.
 *
 * <pre>{@code
 * Model m = Models.xgboost().rounds(300).maxDepth(4).eta(0.05).subsample(0.8)
 *     .earlyStopping(20, 0.2).seed(42).fit(split.train());
 * Model rf = Models.randomForest().parallelTrees(200).seed(1).fit(split.train());
 * }</pre>
 */
public final class XGBoostTrainer implements Trainer {

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
    int patience;
    double validationFraction;
    long seed;
    int threads;
    Map<String, Double> classWeights;
    boolean balanced;
    ProgressListener progress;
    Cancellation cancellation;

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

  /** XGBoost's default boosting settings: 100 rounds, depth 6, eta 0.3, seed 0, all cores. */
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
    t.threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    t.classWeights = Map.of();
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
   * Early stopping: hold out {@code validationFraction} of the training data (stratified, seeded), stop
   * after {@code patience} rounds without improvement of the validation loss, keep the best round.
   */
  public XGBoostTrainer earlyStopping(int patience, double validationFraction) {
    require(patience >= 1, "patience", patience, "at least 1");
    require(validationFraction > 0 && validationFraction < 1, "validationFraction", validationFraction, "in (0, 1)");
    Settings t = s.copy();
    t.patience = patience;
    t.validationFraction = validationFraction;
    return new XGBoostTrainer(t);
  }

  /** Random seed for row/column sampling and the validation split. */
  public XGBoostTrainer seed(long value) {
    Settings t = s.copy();
    t.seed = value;
    return new XGBoostTrainer(t);
  }

  /** Native threads used for training and prediction (default: all cores), at least 1. */
  public XGBoostTrainer threads(int n) {
    require(n >= 1, "threads", n, "at least 1");
    Settings t = s.copy();
    t.threads = n;
    return new XGBoostTrainer(t);
  }

  /**
   * Per-class sample weights by class name (classes not named get weight 1), for imbalanced data.
   *
   * <pre>{@code Models.xgboost().classWeights(Map.of("malignant", 2.0)) }</pre>
   */
  public XGBoostTrainer classWeights(Map<String, Double> weights) {
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      if (e.getValue() == null || !(e.getValue() > 0) || Double.isInfinite(e.getValue())) {
        throw new IllegalArgumentException(
            "classWeights: weight of class '" + e.getKey() + "' must be a positive finite number, got " + e.getValue());
      }
    }
    Settings t = s.copy();
    t.classWeights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    t.balanced = false;
    return new XGBoostTrainer(t);
  }

  /** Weights every class by {@code rows / (classes * classRows)} of the training data (scikit-learn's "balanced"). */
  public XGBoostTrainer balancedClassWeights() {
    Settings t = s.copy();
    t.classWeights = Map.of();
    t.balanced = true;
    return new XGBoostTrainer(t);
  }

  /** Where training reports each round (default {@link Progress#current()}). */
  public XGBoostTrainer progress(ProgressListener listener) {
    Settings t = s.copy();
    t.progress = listener;
    return new XGBoostTrainer(t);
  }

  /** Cancellation checked between rounds (a thread interrupt always stops training too). */
  public XGBoostTrainer cancellation(Cancellation c) {
    Settings t = s.copy();
    t.cancellation = c;
    return new XGBoostTrainer(t);
  }

  /** The XGBoost parameters this trainer sends for a task with {@code numClasses} classes (0 for regression). */
  public Map<String, Object> params(Task task, int numClasses) {
    Map<String, Object> p = new TreeMap<>();
    if (task == Task.REGRESSION) {
      p.put("objective", "reg:squarederror");
      p.put("eval_metric", "rmse");
    } else if (numClasses == 2) {
      p.put("objective", "binary:logistic");
      p.put("eval_metric", "logloss");
    } else {
      p.put("objective", "multi:softprob");
      p.put("num_class", numClasses);
      p.put("eval_metric", "mlogloss");
    }
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
    p.put("seed", s.seed);
    p.put("nthread", s.threads);
    p.put("verbosity", 0);
    return p;
  }

  @Override
  public XGBoostModel fit(Dataset train) {
    if (train == null) {
      throw new IllegalArgumentException("fit(train): train is null");
    }
    if (train.task() == null) {
      throw new IllegalArgumentException("fit(train): the dataset has no target; build it with .target(\"column\")");
    }
    if (train.rows() == 0) {
      throw new IllegalArgumentException("fit(train): the training dataset is empty");
    }
    Task task = train.task();
    if (task == Task.MULTI_LABEL) {
      throw new IllegalArgumentException(
          "fit(train): XGBoost multi-label is not supported (labels " + train.labelNames() + "); use Models.mlp(..)"
              + " or Models.logistic(), which train sigmoid outputs for all labels, or fit one XGBoost model per"
              + " label on Dataset.of(x, names, yOfThatLabel, List.of(\"0\", \"1\"))");
    }
    int numClasses = 0;
    if (task == Task.CLASSIFICATION) {
      numClasses = train.numClasses();
      int present = 0;
      for (int c : train.classCountsArray()) {
        present += c > 0 ? 1 : 0;
      }
      if (present < 2) {
        throw new IllegalArgumentException(
            "fit(train): the training data holds a single class; counts are " + train.classCounts()
                + ", a classifier needs at least two");
      }
      for (String name : s.classWeights.keySet()) {
        if (!train.classNames().contains(name)) {
          throw new IllegalArgumentException(
              "classWeights: no class '" + name + "'; classes are " + train.classNames());
        }
      }
    }
    if (task == Task.REGRESSION && (s.balanced || !s.classWeights.isEmpty())) {
      throw new IllegalArgumentException(
          "classWeights are for classification, but target '" + train.target() + "' is a regression target");
    }
    Dataset fitPart = train;
    Dataset validation = null;
    if (s.patience > 0) {
      if (s.rounds < 2) {
        throw new IllegalArgumentException(
            "earlyStopping needs more than one round; this " + s.kind + " trainer has rounds = " + s.rounds);
      }
      Split holdout = Splits.trainTest(train, 1 - s.validationFraction, s.seed);
      fitPart = holdout.train();
      validation = holdout.test();
    }
    Map<String, Object> params = params(task, numClasses);
    ProgressListener listener = s.progress != null ? s.progress : Progress.current();
    Cancellation stop = s.cancellation != null ? s.cancellation : Cancellation.none();
    DMatrix dtrain = null;
    DMatrix dval = null;
    Booster booster = null;
    try {
      dtrain = matrix(fitPart, weights(fitPart));
      Map<String, DMatrix> watches = new LinkedHashMap<>();
      if (validation != null) {
        dval = matrix(validation, null);
        watches.put("val", dval);
      }
      booster = XGBoost.train(dtrain, new LinkedHashMap<>(params), 0, watches, null, null);
      double best = Double.POSITIVE_INFINITY;
      int bestRound = -1;
      byte[] bestModel = null;
      int done = 0;
      String what = "train " + s.kind;
      for (int r = 0; r < s.rounds; r++) {
        stop.check();
        booster.update(dtrain, r);
        done = r + 1;
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("round", (double) done);
        String detail = "round " + done + "/" + s.rounds;
        if (dval != null) {
          String line = booster.evalSet(new DMatrix[] {dval}, new String[] {"val"}, r);
          double loss = Double.parseDouble(line.substring(line.lastIndexOf(':') + 1).trim());
          values.put("val_loss", loss);
          detail += String.format(" val %s %.5f", params.get("eval_metric"), loss);
          if (loss < best) {
            best = loss;
            bestRound = r;
            bestModel = booster.toByteArray("ubj");
          } else if (r - bestRound >= s.patience) {
            listener.onProgress(new ProgressEvent(what, done, s.rounds, detail + " (stopped early)", values, false));
            break;
          }
        }
        listener.onProgress(new ProgressEvent(what, done, s.rounds, detail, values, false));
      }
      int kept = done;
      if (bestModel != null && bestRound + 1 < done) {
        booster.dispose();
        booster = XGBoost.loadModel(bestModel);
        kept = bestRound + 1;
      }
      listener.onProgress(new ProgressEvent(what, done, s.rounds, "kept " + kept + " round(s)", Map.of(), true));
      XGBoostModel model = new XGBoostModel(
          booster, task, train.features(), task == Task.CLASSIFICATION ? train.classNames() : List.of(),
          params, s.seed, kept, validation == null ? -1 : bestRound + 1);
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

  private float[] weights(Dataset part) {
    if (part.task() != Task.CLASSIFICATION || (!s.balanced && s.classWeights.isEmpty())) {
      return null;
    }
    int k = part.numClasses();
    double[] perClass = new double[k];
    int[] counts = part.classCountsArray();
    for (int c = 0; c < k; c++) {
      if (s.balanced) {
        perClass[c] = counts[c] == 0 ? 0 : (double) part.rows() / (k * (double) counts[c]);
      } else {
        perClass[c] = s.classWeights.getOrDefault(part.classNames().get(c), 1.0);
      }
    }
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
    if (s.patience > 0) {
      b.append(", earlyStopping=").append(s.patience).append('/').append(s.validationFraction);
    }
    if (s.balanced) {
      b.append(", classWeights=balanced");
    } else if (!s.classWeights.isEmpty()) {
      b.append(", classWeights=").append(s.classWeights);
    }
    return b.append(", seed=").append(s.seed).append(", threads=").append(s.threads).append(']').toString();
  }
}
