package io.workbench.analysis.representation;

import io.workbench.data.Dataset;
import io.workbench.model.Differentiable;
import io.workbench.stats.KMeans;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Linear probes per layer: a ridge classifier (one-vs-rest on one-hot targets) trained on a layer's
 * activations to predict the label, scored by seeded k-fold cross-validation, with a control task (Hewitt
 * and Liang 2019, "Designing and interpreting probes with control tasks") so that high probe accuracy is not
 * read as more than it is. The control task gives every input <em>type</em> a random label drawn from the
 * label distribution; the probe can only learn it by memorising types. Inputs here are continuous, so the
 * types are the clusters of a seeded k-means of the raw inputs (default {@code min(rows / 4, 10 x classes)}
 * clusters). <b>Selectivity</b> = task accuracy - control accuracy: a layer that makes the label linearly
 * readable, not merely any function of the input, has high selectivity.
 *
 * <p>The ridge penalty is {@code alpha} times the mean squared row norm of the centred training activations
 * (default alpha 1e-3), so one alpha suits layers of any scale. Folds are seeded and shared by the task and
 * the control; same seed, same numbers.
 *
 * <pre>{@code
 * ProbeResult r = LinearProbe.create().folds(5).seed(42).run(cnn, test);   // input + every layer
 * r.plot();                     // task and control accuracy by depth
 * r.selectivity("dense1");
 * }</pre>
 */
public final class LinearProbe {

  /** Name of the raw-input pseudo-layer that {@link #run} probes first. */
  public static final String INPUT = "input";

  private final int folds;
  private final double alpha;
  private final long seed;
  private final int controlTypes;

  private LinearProbe(int folds, double alpha, long seed, int controlTypes) {
    this.folds = folds;
    this.alpha = alpha;
    this.seed = seed;
    this.controlTypes = controlTypes;
  }

  /** 5 folds, alpha 1e-3, seed 42, automatic number of control types. */
  public static LinearProbe create() {
    return new LinearProbe(5, 1e-3, 42, 0);
  }

  /** Number of cross-validation folds, at least 2. */
  public LinearProbe folds(int k) {
    if (k < 2) {
      throw new IllegalArgumentException("folds must be at least 2, got " + k);
    }
    return new LinearProbe(k, alpha, seed, controlTypes);
  }

  /** Relative ridge penalty, {@code > 0}. */
  public LinearProbe alpha(double a) {
    if (!(a > 0) || Double.isInfinite(a)) {
      throw new IllegalArgumentException("alpha must be a positive finite number, got " + a);
    }
    return new LinearProbe(folds, a, seed, controlTypes);
  }

  /** Seed of the folds, the k-means of the control types and their labels. */
  public LinearProbe seed(long s) {
    return new LinearProbe(folds, alpha, s, controlTypes);
  }

  /** Number of input types of the control task (clusters of the raw inputs), at least 2. */
  public LinearProbe controlTypes(int k) {
    if (k < 2) {
      throw new IllegalArgumentException("controlTypes must be at least 2, got " + k);
    }
    return new LinearProbe(folds, alpha, seed, k);
  }

  /**
   * Probes the raw input ({@value #INPUT}) and the named layers (every layer when none are named) of a
   * network on a labelled classification dataset.
   *
   * @throws IllegalArgumentException for an unknown layer (the valid names are listed), a dataset that is not
   *     classification, or fewer rows than folds
   */
  public ProbeResult run(Differentiable model, Dataset data, String... layers) {
    if (data.task() != io.workbench.data.Task.CLASSIFICATION) {
      throw new IllegalArgumentException("Linear probes need a classification dataset, got " + data.task());
    }
    List<String> names = layers.length == 0 ? model.layerNames() : List.of(layers);
    float[][] x = data.x();
    Map<String, float[][]> reps = new LinkedHashMap<>();
    reps.put(INPUT, x);
    for (String l : names) {
      if (l.equals(INPUT)) {
        continue;
      }
      reps.put(l, model.layerActivations(l, x));
    }
    return fit(reps, data.y(), data.classNames());
  }

  /**
   * Probes given representations of the same rows, in depth order. The control types are clusters of the
   * first representation (the raw input when it comes first).
   *
   * @param representations name to {@code rows x values}, every one with the same rows
   * @param labels class index per row
   * @param classNames the class names in index order
   */
  public ProbeResult fit(Map<String, float[][]> representations, int[] labels, List<String> classNames) {
    if (representations == null || representations.isEmpty()) {
      throw new IllegalArgumentException("Linear probes need at least one representation, got "
          + (representations == null ? "null" : "none"));
    }
    int k = classNames.size();
    if (k < 2) {
      throw new IllegalArgumentException("Linear probes need at least 2 classes, got " + classNames);
    }
    int n = labels.length;
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= k) {
        throw new IllegalArgumentException("labels[" + i + "] is " + labels[i] + ", expected 0.." + (k - 1));
      }
    }
    if (n < 2 * folds) {
      throw new IllegalArgumentException("Linear probes need at least " + 2 * folds + " rows for " + folds
          + " folds, got " + n);
    }
    Map<String, double[][]> xs = new LinkedHashMap<>();
    for (Map.Entry<String, float[][]> e : representations.entrySet()) {
      double[][] x = Matrices.toDouble(e.getValue(), "probe representation '" + e.getKey() + "'");
      if (x.length != n) {
        throw new IllegalArgumentException("probe representation '" + e.getKey() + "' has " + x.length
            + " rows, expected " + n + " (one per label)");
      }
      xs.put(e.getKey(), x);
    }
    int[] fold = foldOf(n);
    int types = controlTypes > 0 ? Math.min(controlTypes, n) : Math.max(2, Math.min(n / 4, 10 * k));
    int[] type = KMeans.fit(representations.values().iterator().next(), types, seed).assignment();
    int[] control = controlLabels(type, types, labels, k);
    List<String> names = new ArrayList<>(xs.keySet());
    double[] task = new double[names.size()];
    double[] ctrl = new double[names.size()];
    for (int l = 0; l < names.size(); l++) {
      double[][] x = xs.get(names.get(l));
      task[l] = crossValidated(x, labels, k, fold);
      ctrl[l] = crossValidated(x, control, k, fold);
    }
    int[] counts = new int[k];
    for (int y : labels) {
      counts[y]++;
    }
    int majority = 0;
    for (int c : counts) {
      majority = Math.max(majority, c);
    }
    return new ProbeResult(names, task, ctrl, (double) majority / n, folds, types, seed);
  }

  /** Seeded balanced fold index per row. */
  private int[] foldOf(int n) {
    int[] perm = Stats.permutation(n, seed);
    int[] fold = new int[n];
    for (int i = 0; i < n; i++) {
      fold[perm[i]] = i % folds;
    }
    return fold;
  }

  /** Each type's control label, drawn from the empirical label distribution (seeded). */
  private int[] controlLabels(int[] type, int types, int[] labels, int k) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
    int[] labelOfType = new int[types];
    for (int t = 0; t < types; t++) {
      labelOfType[t] = labels[r.nextInt(labels.length)];
    }
    int[] out = new int[type.length];
    for (int i = 0; i < type.length; i++) {
      out[i] = labelOfType[type[i]];
    }
    return out;
  }

  private double crossValidated(double[][] x, int[] y, int k, int[] fold) {
    int correct = 0;
    for (int f = 0; f < folds; f++) {
      List<double[]> trX = new ArrayList<>();
      List<Integer> trY = new ArrayList<>();
      List<double[]> teX = new ArrayList<>();
      List<Integer> teY = new ArrayList<>();
      for (int i = 0; i < x.length; i++) {
        (fold[i] == f ? teX : trX).add(x[i]);
        (fold[i] == f ? teY : trY).add(y[i]);
      }
      RidgeClassifier c = RidgeClassifier.fit(trX.toArray(double[][]::new),
          trY.stream().mapToInt(Integer::intValue).toArray(), k, alpha);
      int[] p = c.predict(teX.toArray(double[][]::new));
      for (int i = 0; i < p.length; i++) {
        correct += p[i] == teY.get(i) ? 1 : 0;
      }
    }
    return (double) correct / x.length;
  }

  @Override
  public String toString() {
    return "LinearProbe(folds " + folds + ", alpha " + alpha + ", seed " + seed + ", control types "
        + (controlTypes == 0 ? "auto" : controlTypes) + ")";
  }
}
