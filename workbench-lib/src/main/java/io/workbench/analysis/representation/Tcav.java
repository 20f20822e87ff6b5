package io.workbench.analysis.representation;

import io.workbench.data.Task;
import io.workbench.model.Differentiable;
import io.workbench.model.LayerGradients;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Testing with concept activation vectors (Kim et al. 2018, "Interpretability beyond feature attribution").
 * A <em>concept</em> is a set of example inputs (rows with stripes, beats with a wide QRS). Its concept
 * activation vector (CAV) at a layer is the normal of a linear classifier (L2 logistic regression) that
 * separates the concept's activations from those of a random set of inputs. The conceptual sensitivity of
 * an input is the directional derivative of the target class's logit along the CAV, {@code grad h(x) . v};
 * the <b>TCAV score</b> is the share of inputs whose derivative is positive.
 *
 * <p>The test: the CAV is learned {@link #repeats(int)} times against different random sets, and random
 * CAVs (one random set against another) give scores of no concept. A two-sided Welch t-test compares the
 * concept's scores with the random ones; as in the paper the p-values are Bonferroni-corrected by the number
 * of concepts tested, and a concept is significant when the corrected p-value is below 0.05.
 *
 * <p>Random sets are drawn without replacement from {@code randomPool}, each as large as the concept set
 * (at most half the pool); repeat {@code r} draws with its own generator seeded by {@code (seed, r)}.
 *
 * <pre>{@code
 * TcavResult t = Tcav.create().layer("dense1").target("yes").repeats(20).seed(42)
 *     .run(net, Map.of("high x0", highX0Rows, "high x5", highX5Rows), randomRows, inputsOfClassYes);
 * t.score("high x0"); t.pValue("high x0");
 * t.plot();
 * }</pre>
 */
public final class Tcav {

  private static final int LOGISTIC_ITERATIONS = 300;
  private static final double L2 = 1e-2;

  private final String layer;
  private final int targetIndex;
  private final String targetName;
  private final int repeats;
  private final long seed;

  private Tcav(String layer, int targetIndex, String targetName, int repeats, long seed) {
    this.layer = layer;
    this.targetIndex = targetIndex;
    this.targetName = targetName;
    this.repeats = repeats;
    this.seed = seed;
  }

  /** No layer yet, target class 1, 20 repeats, seed 42. */
  public static Tcav create() {
    return new Tcav(null, 1, null, 20, 42);
  }

  /** The layer whose activations hold the concepts (required). */
  public Tcav layer(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("layer must be a layer name, got " + (name == null ? "null" : "'" + name + "'"));
    }
    return new Tcav(name, targetIndex, targetName, repeats, seed);
  }

  /** The class whose logit is differentiated, by index. */
  public Tcav target(int classIndex) {
    if (classIndex < 0) {
      throw new IllegalArgumentException("target class index must be >= 0, got " + classIndex);
    }
    return new Tcav(layer, classIndex, null, repeats, seed);
  }

  /** The class whose logit is differentiated, by name (checked against the model's classes). */
  public Tcav target(String className) {
    if (className == null) {
      throw new IllegalArgumentException("target class name must not be null");
    }
    return new Tcav(layer, -1, className, repeats, seed);
  }

  /** Number of CAVs per concept and of random CAVs, at least 2 (the paper uses hundreds; 20 is a default). */
  public Tcav repeats(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("repeats must be at least 2 for a t-test, got " + n);
    }
    return new Tcav(layer, targetIndex, targetName, n, seed);
  }

  /** Seed of the random sets. */
  public Tcav seed(long s) {
    return new Tcav(layer, targetIndex, targetName, repeats, s);
  }

  /**
   * Runs the test.
   *
   * @param model a differentiable classifier
   * @param concepts concept name to example inputs (raw rows, at least 2 each)
   * @param randomPool inputs to draw random sets from (at least 4 rows; ideally at least twice the largest
   *     concept set, since random sets are at most half the pool)
   * @param inputs the inputs whose sensitivity is scored (usually rows of the target class)
   */
  public TcavResult run(Differentiable model, Map<String, float[][]> concepts, float[][] randomPool,
      float[][] inputs) {
    if (layer == null) {
      throw new IllegalArgumentException("Tcav needs a layer: call layer(name); layers are " + model.layerNames());
    }
    if (model.task() != Task.CLASSIFICATION) {
      throw new IllegalArgumentException("TCAV needs a classifier, got a " + model.task() + " model");
    }
    int target = resolveTarget(model.classNames());
    if (concepts == null || concepts.isEmpty()) {
      throw new IllegalArgumentException("TCAV needs at least one concept, got " + (concepts == null ? "null" : "none"));
    }
    if (randomPool == null || randomPool.length < 4) {
      throw new IllegalArgumentException("TCAV needs a random pool of at least 4 rows, got "
          + (randomPool == null ? "null" : randomPool.length));
    }
    if (inputs == null || inputs.length == 0) {
      throw new IllegalArgumentException("TCAV needs at least one input to score, got "
          + (inputs == null ? "null" : "0 rows"));
    }
    double[][] pool = Matrices.toDouble(model.layerActivations(layer, randomPool), "random pool activations");
    Map<String, double[][]> conceptActs = new LinkedHashMap<>();
    for (Map.Entry<String, float[][]> e : concepts.entrySet()) {
      float[][] rows = e.getValue();
      if (rows == null || rows.length < 2) {
        throw new IllegalArgumentException("Concept '" + e.getKey() + "' needs at least 2 example rows, got "
            + (rows == null ? "null" : rows.length));
      }
      conceptActs.put(e.getKey(), Matrices.toDouble(model.layerActivations(layer, rows),
          "concept '" + e.getKey() + "' activations"));
    }
    int[] targets = new int[inputs.length];
    java.util.Arrays.fill(targets, target);
    LayerGradients lg = model.layerGradients(layer, inputs, targets, Differentiable.Output.LOGIT);
    double[][] grads = new double[inputs.length][];
    for (int i = 0; i < inputs.length; i++) {
      float[] g = lg.gradientsOfRow(i);
      grads[i] = new double[g.length];
      for (int j = 0; j < g.length; j++) {
        grads[i][j] = g[j];
      }
    }
    double[] randomScores = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      int size = Math.min(pool.length / 2, 50);
      int[][] two = draw(pool.length, size, 2, r);
      randomScores[r] = score(cav(rows(pool, two[0]), rows(pool, two[1])), grads);
    }
    List<String> names = new ArrayList<>(conceptActs.keySet());
    double[][] scores = new double[names.size()][repeats];
    for (int c = 0; c < names.size(); c++) {
      double[][] ca = conceptActs.get(names.get(c));
      int size = Math.min(ca.length, pool.length / 2);
      for (int r = 0; r < repeats; r++) {
        int[] rnd = draw(pool.length, size, 1, r)[0];
        scores[c][r] = score(cav(ca, rows(pool, rnd)), grads);
      }
    }
    double[] p = new double[names.size()];
    for (int c = 0; c < names.size(); c++) {
      p[c] = welchP(scores[c], randomScores);
    }
    return new TcavResult(layer, model.classNames().get(target), names, scores, randomScores, p, inputs.length,
        seed);
  }

  private int resolveTarget(List<String> classes) {
    if (targetName != null) {
      int i = classes.indexOf(targetName);
      if (i < 0) {
        throw new IllegalArgumentException("Unknown target class '" + targetName + "'; classes are " + classes);
      }
      return i;
    }
    if (targetIndex >= classes.size()) {
      throw new IllegalArgumentException("target class index " + targetIndex + " is outside 0.."
          + (classes.size() - 1) + " (classes " + classes + ")");
    }
    return targetIndex;
  }

  /** {@code sets} disjoint random subsets of {@code size} rows of {@code 0..n-1}, seeded by (seed, repeat). */
  private int[][] draw(int n, int size, int sets, int repeat) {
    int[] perm = Stats.permutation(n, seed * 1_000_003L + repeat);
    int[][] out = new int[sets][];
    for (int s = 0; s < sets; s++) {
      out[s] = java.util.Arrays.copyOfRange(perm, s * size, (s + 1) * size);
    }
    return out;
  }

  private static double[][] rows(double[][] x, int[] idx) {
    double[][] out = new double[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      out[i] = x[idx[i]];
    }
    return out;
  }

  /** Share of inputs whose directional derivative along the CAV is positive. */
  static double score(double[] cav, double[][] grads) {
    int positive = 0;
    for (double[] g : grads) {
      positive += Matrices.dot(g, cav) > 0 ? 1 : 0;
    }
    return (double) positive / grads.length;
  }

  /**
   * Unit normal of an L2-regularised logistic regression separating {@code concept} (label 1) from {@code
   * random} (label 0), pointing towards the concept. Features are centred on the pooled mean and divided by
   * one common scale, which leaves the direction in activation space unchanged; full-batch gradient descent
   * with step 1/L (L the Lipschitz bound of the loss), so the result is deterministic.
   */
  static double[] cav(double[][] concept, double[][] random) {
    int n = concept.length + random.length;
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < concept.length; i++) {
      x[i] = concept[i];
      y[i] = 1;
    }
    for (int i = 0; i < random.length; i++) {
      x[concept.length + i] = random[i];
    }
    double[][] z = Matrices.centre(x);
    int d = z[0].length;
    double sq = 0;
    double maxNorm = 0;
    for (double[] row : z) {
      double s = Matrices.dot(row, row);
      sq += s;
      maxNorm = Math.max(maxNorm, s);
    }
    double scale = Math.sqrt(sq / ((double) n * d));
    if (!(scale > 0)) {
      double[] e = new double[d];
      e[0] = 1;
      return e;
    }
    for (double[] row : z) {
      for (int j = 0; j < d; j++) {
        row[j] /= scale;
      }
    }
    maxNorm /= scale * scale;
    double step = 1 / (maxNorm / 4 + L2);
    double[] w = new double[d];
    double b = 0;
    for (int it = 0; it < LOGISTIC_ITERATIONS; it++) {
      double[] gw = new double[d];
      double gb = 0;
      for (int i = 0; i < n; i++) {
        double p = 1 / (1 + Math.exp(-(Matrices.dot(w, z[i]) + b)));
        double e = p - y[i];
        gb += e;
        for (int j = 0; j < d; j++) {
          gw[j] += e * z[i][j];
        }
      }
      for (int j = 0; j < d; j++) {
        w[j] -= step * (gw[j] / n + L2 * w[j]);
      }
      b -= step * gb / n;
    }
    double norm = Math.sqrt(Matrices.dot(w, w));
    if (norm > 0) {
      for (int j = 0; j < d; j++) {
        w[j] /= norm;
      }
    }
    return w;
  }

  /** Two-sided Welch t-test p-value; with no spread on either side, 1 when the means agree, else 0. */
  static double welchP(double[] a, double[] b) {
    double va = variance(a);
    double vb = variance(b);
    if (va == 0 && vb == 0) {
      return mean(a) == mean(b) ? 1 : 0;
    }
    return new TTest().tTest(a, b);
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  static double variance(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return s / (v.length - 1);
  }

  @Override
  public String toString() {
    return "Tcav(layer " + layer + ", target " + (targetName != null ? targetName : targetIndex) + ", repeats "
        + repeats + ", seed " + seed + ")";
  }
}
