import io.workbench.data.Dataset;
import io.workbench.data.Generators;
import io.workbench.data.Split;
import io.workbench.data.Task;
import io.workbench.eval.Metric;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.explain.IntegratedGradients;
import io.workbench.model.Differentiable;
import io.workbench.model.LinearInput;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Explainer overhead and permutation importance vs scikit-learn.
 *
 * <p>1. Overhead: Kernel SHAP and permutation importance wall time over the time of the bare batched model
 * evaluations they need (same number of rows, same batch sizes, same threads) on a pure-Java MLP
 * (20 -> 64 tanh -> 2 softmax). 2. Permutation importance of a logistic regression on data this program
 * writes to {@code dir}, for bench/python/permutation_importance.py to repeat with scikit-learn. 3. Integrated
 * gradients (50 Gauss-Legendre steps) on a DJL MLP over the time of the bare gradient calls it needs: the same
 * N * 50 path points through {@code Differentiable.inputGradients}, in the same batch sizes.
 *
 * <p>Usage: java -cp CP bench/java/ExplainBench.java DIR THREADS
 */
public class ExplainBench {

  static final int RUNS = 7;

  /** A small MLP in plain Java: thread-safe, allocation per call only for outputs. */
  static final class Mlp implements Model {
    final int d;
    final int h;
    final float[][] w1;
    final float[] b1;
    final float[][] w2;
    final float[] b2;
    final List<String> names = new ArrayList<>();

    Mlp(int d, int h, long seed) {
      this.d = d;
      this.h = h;
      Random r = new Random(seed);
      w1 = new float[h][d];
      b1 = new float[h];
      w2 = new float[2][h];
      b2 = new float[2];
      for (float[] row : w1) {
        for (int j = 0; j < d; j++) {
          row[j] = (float) (r.nextGaussian() / Math.sqrt(d));
        }
      }
      for (float[] row : w2) {
        for (int j = 0; j < h; j++) {
          row[j] = (float) (r.nextGaussian() / Math.sqrt(h));
        }
      }
      for (int j = 0; j < d; j++) {
        names.add("f" + j);
      }
    }

    public Task task() {
      return Task.CLASSIFICATION;
    }

    public List<String> featureNames() {
      return names;
    }

    public List<String> classNames() {
      return List.of("a", "b");
    }

    public float[][] predictProba(float[][] x) {
      float[][] out = new float[x.length][2];
      float[] hid = new float[h];
      for (int i = 0; i < x.length; i++) {
        float[] xi = x[i];
        for (int k = 0; k < h; k++) {
          float s = b1[k];
          float[] wk = w1[k];
          for (int j = 0; j < d; j++) {
            s += wk[j] * xi[j];
          }
          hid[k] = (float) Math.tanh(s);
        }
        float z0 = b2[0];
        float z1 = b2[1];
        for (int k = 0; k < h; k++) {
          z0 += w2[0][k] * hid[k];
          z1 += w2[1][k] * hid[k];
        }
        double m = Math.max(z0, z1);
        double e0 = Math.exp(z0 - m);
        double e1 = Math.exp(z1 - m);
        out[i][0] = (float) (e0 / (e0 + e1));
        out[i][1] = (float) (e1 / (e0 + e1));
      }
      return out;
    }
  }

  /** Binary logistic regression p(1) = sigmoid(w.x + b), as scikit-learn's LogisticRegression.predict_proba. */
  static class Logit implements Model {
    final double[] w;
    final double b;
    final List<String> names = new ArrayList<>();

    Logit(double[] w, double b) {
      this.w = w;
      this.b = b;
      for (int j = 0; j < w.length; j++) {
        names.add("f" + j);
      }
    }

    public Task task() {
      return Task.CLASSIFICATION;
    }

    public List<String> featureNames() {
      return names;
    }

    public List<String> classNames() {
      return List.of("0", "1");
    }

    public float[][] predictProba(float[][] x) {
      float[][] out = new float[x.length][2];
      for (int i = 0; i < x.length; i++) {
        double s = b;
        float[] xi = x[i];
        for (int j = 0; j < w.length; j++) {
          s += w[j] * xi[j];
        }
        double p = 1 / (1 + Math.exp(-s));
        out[i][0] = (float) (1 - p);
        out[i][1] = (float) p;
      }
      return out;
    }
  }

  /** The same logistic regression offering the LinearInput fast path. */
  static final class LogitLinear extends Logit implements LinearInput {
    LogitLinear(double[] w, double b) {
      super(w, b);
    }

    public float[][] inputWeights() {
      float[][] m = new float[1][w.length];
      for (int j = 0; j < w.length; j++) {
        m[0][j] = (float) w[j];
      }
      return m;
    }

    public float[] inputBias() {
      return new float[] {(float) b};
    }

    public float[][] predictFromPreActivation(float[][] z) {
      float[][] out = new float[z.length][2];
      for (int i = 0; i < z.length; i++) {
        double p = 1 / (1 + Math.exp(-z[i][0]));
        out[i][0] = (float) (1 - p);
        out[i][1] = (float) p;
      }
      return out;
    }
  }

  static float[][] gaussian(int n, int d, Random r) {
    float[][] x = new float[n][d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) r.nextGaussian();
      }
    }
    return x;
  }

  /** Bare evaluation: {@code tasks} tasks on {@code threads} threads, each making calls of the given sizes. */
  static void bare(Model m, float[][] input, int tasks, int[] callSizes, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      fs.add(pool.submit(() -> {
        for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
          for (int size : callSizes) {
            float[][] in = size == input.length ? input : Arrays.copyOf(input, size);
            float[][] out = m.predictProba(in);
            if (out.length != size) {
              throw new IllegalStateException();
            }
          }
        }
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
  }

  /** Bare evaluation: task {@code k} makes one call of {@code sizes[k]} rows; tasks run on {@code threads}. */
  static void bareTasks(Model m, float[][] input, int[] sizes, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < threads; w++) {
      fs.add(pool.submit(() -> {
        for (int t = next.getAndIncrement(); t < sizes.length; t = next.getAndIncrement()) {
          float[][] in = sizes[t] == input.length ? input : Arrays.copyOf(input, sizes[t]);
          if (m.predictProba(in).length != sizes[t]) {
            throw new IllegalStateException();
          }
        }
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
  }

  interface Run {
    void run() throws Exception;
  }

  static double medianMs(Run r) throws Exception {
    r.run(); // warm-up
    double[] t = new double[RUNS];
    for (int k = 0; k < RUNS; k++) {
      long s = System.nanoTime();
      r.run();
      t[k] = (System.nanoTime() - s) / 1e6;
    }
    Arrays.sort(t);
    return t[RUNS / 2];
  }

  /**
   * Medians of two alternating workloads (a, b, a, b, ...), so that a change of machine load hits both alike;
   * returns {median a, median b}.
   */
  static double[] pairedMedians(Run a, Run b) throws Exception {
    a.run();
    b.run(); // warm-up
    double[] ta = new double[RUNS];
    double[] tb = new double[RUNS];
    for (int k = 0; k < RUNS; k++) {
      long s = System.nanoTime();
      a.run();
      long m = System.nanoTime();
      b.run();
      long e = System.nanoTime();
      ta[k] = (m - s) / 1e6;
      tb[k] = (e - m) / 1e6;
    }
    Arrays.sort(ta);
    Arrays.sort(tb);
    return new double[] {ta[RUNS / 2], tb[RUNS / 2]};
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    Random r = new Random(42);

    // --- Kernel SHAP overhead: 20 features, background 50, 8 rows, default 2M + 2048 coalitions
    int d = 20;
    Mlp mlp = new Mlp(d, 64, 1);
    float[][] train = gaussian(2000, d, r);
    float[][] explain = gaussian(8, d, r);
    Background bg = Background.sample(io.workbench.data.Dataset.of(train, mlp.featureNames(), new int[train.length],
        List.of("a", "b")), 50, 3);
    int batch = 8192;
    var ks = Explain.kernelShap(mlp, bg).seed(1).threads(threads).batchRows(batch);
    long evals = ks.explain(explain).evaluations();
    long perRow = evals / explain.length; // coalitions x background rows, identical for every row
    int[] sizes = callSizes(perRow, batch);
    // bare input: rows like the method's (background rows with a random subset of features from explained rows)
    float[][] bgRows = bg.rows();
    float[][] input = new float[batch][];
    for (int i = 0; i < batch; i++) {
      input[i] = bgRows[i % bgRows.length].clone();
      float[] xe = explain[(i / bgRows.length) % explain.length];
      for (int j = 0; j < d; j++) {
        if (r.nextBoolean()) {
          input[i][j] = xe[j];
        }
      }
    }
    double[] ksT = pairedMedians(() -> ks.explain(explain), () -> bare(mlp, input, explain.length, sizes, threads));
    double ksMs = ksT[0];
    double ksBare = ksT[1];
    System.out.printf(Locale.ROOT, "kernel SHAP (8 rows x %d model rows, %d threads): median %.1f ms; bare "
        + "evaluations %.1f ms%n", perRow, threads, ksMs, ksBare);

    // --- permutation importance overhead: 2000 rows, 20 features, 5 repeats
    float[][] ev = gaussian(2000, d, r);
    double[] ey = new double[ev.length];
    int[] pred = mlp.predict(ev);
    for (int i = 0; i < ey.length; i++) {
      ey[i] = r.nextDouble() < 0.9 ? pred[i] : 1 - pred[i];
    }
    var pi = Explain.permutationImportance(mlp, ev, ey).seed(1).threads(threads).batchRows(batch);
    int copies = d * 5;
    int perCall = Math.max(1, batch / ev.length);
    int calls = (copies + perCall - 1) / perCall;
    float[][] pinput = new float[perCall * ev.length][]; // the evaluation rows, as the permuted copies are
    for (int i = 0; i < pinput.length; i++) {
      pinput[i] = ev[i % ev.length].clone();
    }
    int lastSize = (copies - (calls - 1) * perCall) * ev.length;
    // as the method does: one call over the rows for the baseline score, then one task per call on the pool
    int[] taskSizes = new int[calls];
    Arrays.fill(taskSizes, perCall * ev.length);
    taskSizes[calls - 1] = lastSize;
    double[] piT = pairedMedians(pi::explain, () -> {
      bare(mlp, pinput, 1, new int[] {ev.length}, 1);
      bareTasks(mlp, pinput, taskSizes, threads);
    });
    double piMs = piT[0];
    double piBare = piT[1];
    System.out.printf(Locale.ROOT, "permutation importance (2000 rows x 20 features x 5 repeats, %d threads): "
        + "median %.1f ms; bare evaluations %.1f ms%n", threads, piMs, piBare);

    // --- permutation importance of a logistic regression, data shared with scikit-learn
    int n = 5000;
    int p = 50;
    float[][] lx = gaussian(n, p, r);
    double[] w = new double[p];
    for (int j = 0; j < p; j++) {
      w[j] = j < 10 ? (r.nextBoolean() ? 1 : -1) * (0.5 + j * 0.1) : r.nextGaussian() * 0.05;
    }
    double b = 0.2;
    double[] ly = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b;
      for (int j = 0; j < p; j++) {
        s += w[j] * lx[i][j];
      }
      ly[i] = 1 / (1 + Math.exp(-s)) > r.nextDouble() ? 1 : 0;
    }
    Files.createDirectories(dir);
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("logistic_data.csv")))) {
      for (int i = 0; i < n; i++) {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < p; j++) {
          s.append(lx[i][j]).append(',');
        }
        out.println(s.append((int) ly[i]));
      }
    }
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("logistic_coef.csv")))) {
      StringBuilder s = new StringBuilder();
      for (int j = 0; j < p; j++) {
        s.append(w[j]).append(',');
      }
      out.println(s.append(b));
    }
    Logit logit = new Logit(w, b);
    var one = Explain.permutationImportance(logit, lx, ly).metric(Metric.ACCURACY).repeats(5).seed(0).threads(1);
    double j1 = medianMs(one::explain);
    double jt = medianMs(() -> one.threads(threads).explain());
    var fast = Explain.permutationImportance(new LogitLinear(w, b), lx, ly).metric(Metric.ACCURACY).repeats(5)
        .seed(0).threads(1);
    double jf = medianMs(fast::explain);
    System.out.printf(Locale.ROOT, "permutation importance, logistic regression 5000 x 50, 5 repeats: median %.1f ms "
        + "(1 thread), %.1f ms (%d threads), %.1f ms (1 thread, LinearInput fast path)%n", j1, jt, threads, jf);
    System.out.printf(Locale.ROOT, "top features: %s%n", one.explain().topFeatures(5));
    System.out.printf(Locale.ROOT, "MEDIAN java_permutation_logistic_ms %.3f%n", j1);
    System.out.printf(Locale.ROOT, "MEDIAN java_permutation_logistic_fastpath_ms %.3f%n", jf);
    double[] igT = integratedGradientsOverhead();
    System.out.printf(Locale.ROOT, "RATIO overhead_kernelshap %.3f%n", ksMs / ksBare);
    System.out.printf(Locale.ROOT, "RATIO overhead_permutation %.3f%n", piMs / piBare);
    System.out.printf(Locale.ROOT, "RATIO overhead_integratedgradients %.3f%n", igT[0] / igT[1]);
  }

  /**
   * Integrated gradients on a DJL MLP (100 -> 64 -> 64 -> 2, trained briefly on a seeded synthetic task) over
   * N = 400 held-out rows with 50 steps, against the bare gradient calls: the same 400 * 50 path points, the same
   * targets, in the same calls (rows per call = internal batch size / steps, as IntegratedGradients makes them),
   * prepared beforehand. Returns {median IG ms, median bare ms}.
   */
  static double[] integratedGradientsOverhead() throws Exception {
    int steps = 50;
    int internalBatch = 4096;
    var syn = Generators.highDimensional(3000, 100, 10, 0, 7);
    Split sp = syn.data().split(0.8, 1);
    Model net = Models.mlp(64, 64).epochs(5).seed(1).progress(e -> {}).fit(sp.train());
    Differentiable dn = net.as(Differentiable.class).orElseThrow();
    Dataset rows = sp.test().head(400);
    float[][] x = rows.x();
    int n = x.length;
    int d = x[0].length;
    int[] targets = new int[n];
    java.util.Arrays.fill(targets, 1); // the default target of a binary model: class 1 for every row
    double[] alpha = IntegratedGradients.quadrature(IntegratedGradients.Method.GAUSS_LEGENDRE, steps)[0];
    int per = Math.max(1, internalBatch / steps);
    List<float[][]> calls = new ArrayList<>();
    List<int[]> callTargets = new ArrayList<>();
    for (int s = 0; s < n; s += per) {
      int e = Math.min(n, s + per);
      float[][] pts = new float[(e - s) * steps][d];
      int[] t = new int[pts.length];
      for (int i = s; i < e; i++) {
        for (int k = 0; k < steps; k++) {
          for (int j = 0; j < d; j++) {
            pts[(i - s) * steps + k][j] = (float) (alpha[k] * x[i][j]); // zero baseline
          }
          t[(i - s) * steps + k] = targets[i];
        }
      }
      calls.add(pts);
      callTargets.add(t);
    }
    var ig = Explain.integratedGradients(net).steps(steps).internalBatchSize(internalBatch);
    long points = ig.explain(x).evaluations();
    if (points != (long) n * steps) {
      throw new IllegalStateException("integrated gradients evaluated " + points + " points, expected " + n * steps);
    }
    double[] t = pairedMedians(() -> ig.explain(x), () -> {
      for (int c = 0; c < calls.size(); c++) {
        float[][] g = dn.inputGradients(calls.get(c), callTargets.get(c), Differentiable.Output.LOGIT);
        if (g.length != calls.get(c).length) {
          throw new IllegalStateException();
        }
      }
    });
    System.out.printf(Locale.ROOT, "integrated gradients (DJL MLP 100-64-64-2, %d rows x %d steps, %d points per "
        + "call): median %.1f ms; bare input gradients %.1f ms%n", n, steps, per * steps, t[0], t[1]);
    return t;
  }

  /** The call sizes of {@code rows} model rows in batches of {@code batch} (as CoalitionEvaluator makes them). */
  static int[] callSizes(long rows, int batch) {
    int calls = (int) ((rows + batch - 1) / batch);
    int[] s = new int[calls];
    for (int c = 0; c < calls; c++) {
      s[c] = (int) Math.min(batch, rows - (long) c * batch);
    }
    return s;
  }
}
