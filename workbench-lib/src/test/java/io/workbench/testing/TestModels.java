package io.workbench.testing;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.LinearInput;
import io.workbench.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Hand-written models for tests, with known structure and closed-form answers: a regression or a binary
 * classifier computing a given function (counting their calls), linear and logistic models with the
 * {@link LinearInput} capability, and the helpers tests build them with (feature names, Gaussian rows, grids,
 * brute-force Shapley values). Every model here keeps the {@link Model} input rules ({@link
 * Model#checkInput}). The softmax model is {@link SoftmaxModel}; trained logistic regressions come from
 * {@link LogisticRegression} and {@link SoftmaxRegression}.
 *
 * <pre>{@code
 * Model f = TestModels.regression(3, r -> r[0] * r[1]);
 * TestModels.Logistic lr = new TestModels.Logistic(new double[] {1, -1, 0.5}, 0);
 * double[] phi = TestModels.bruteForceShapley(f, x[0], background, 0);
 * }</pre>
 */
public final class TestModels {

  private TestModels() {}

  /** {@code o} written with Java serialisation and read back (settings that travel to Spark executors). */
  @SuppressWarnings("unchecked")
  public static <T extends java.io.Serializable> T roundTrip(T o) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  /** Feature names {@code x0..x(d-1)}. */
  public static List<String> names(int d) {
    List<String> n = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      n.add("x" + j);
    }
    return n;
  }

  /** A regression model computing {@code f} per row; counts rows and calls. */
  public static final class Fn implements Model {
    /** Feature names. */
    public final List<String> names;
    /** The function. */
    public final ToDoubleFunction<float[]> f;
    /** Rows predicted so far. */
    public long rows;
    /** Calls so far. */
    public int calls;
    /** The largest batch so far. */
    public int maxBatch;

    /** A model of {@code f} over the features {@code names}. */
    public Fn(List<String> names, ToDoubleFunction<float[]> f) {
      this.names = names;
      this.f = f;
    }

    @Override
    public Task task() {
      return Task.REGRESSION;
    }

    @Override
    public List<String> featureNames() {
      return names;
    }

    @Override
    public List<String> classNames() {
      return List.of();
    }

    @Override
    public synchronized float[][] predictProba(float[][] x) {
      Model.checkInput(this, x);
      calls++;
      rows += x.length;
      maxBatch = Math.max(maxBatch, x.length);
      float[][] out = new float[x.length][1];
      for (int i = 0; i < x.length; i++) {
        out[i][0] = (float) f.applyAsDouble(x[i]);
      }
      return out;
    }
  }

  /** A regression model {@code f(x) = fn(x)} over {@code d} features {@code x0..}. */
  public static Fn regression(int d, ToDoubleFunction<float[]> fn) {
    return new Fn(names(d), fn);
  }

  /** A binary classifier: P(class 1) = sigmoid(score(x)); counts rows and calls. */
  public static final class Logit implements Model {
    /** Feature names. */
    public final List<String> names;
    /** The log-odds of class 1. */
    public final ToDoubleFunction<float[]> score;
    /** Rows predicted so far. */
    public long rows;
    /** Calls so far. */
    public int calls;
    /** The largest batch so far. */
    public int maxBatch;

    /** A classifier whose log-odds are {@code score}. */
    public Logit(List<String> names, ToDoubleFunction<float[]> score) {
      this.names = names;
      this.score = score;
    }

    @Override
    public Task task() {
      return Task.CLASSIFICATION;
    }

    @Override
    public List<String> featureNames() {
      return names;
    }

    @Override
    public List<String> classNames() {
      return List.of("0", "1");
    }

    @Override
    public synchronized float[][] predictProba(float[][] x) {
      Model.checkInput(this, x);
      calls++;
      rows += x.length;
      maxBatch = Math.max(maxBatch, x.length);
      float[][] out = new float[x.length][2];
      for (int i = 0; i < x.length; i++) {
        double p = 1 / (1 + Math.exp(-score.applyAsDouble(x[i])));
        out[i][0] = (float) (1 - p);
        out[i][1] = (float) p;
      }
      return out;
    }
  }

  /** f(x) = w.x + b (regression), with the LinearInput capability. */
  public static final class Linear implements Model, LinearInput {
    final double[] w;
    final double b;
    final List<String> names;

    /** Weights and intercept; features {@code x0..}. */
    public Linear(double[] w, double b) {
      this.w = w.clone();
      this.b = b;
      this.names = names(w.length);
    }

    @Override
    public Task task() {
      return Task.REGRESSION;
    }

    @Override
    public List<String> featureNames() {
      return names;
    }

    @Override
    public List<String> classNames() {
      return List.of();
    }

    @Override
    public float[][] predictProba(float[][] x) {
      Model.checkInput(this, x);
      float[][] out = new float[x.length][1];
      for (int i = 0; i < x.length; i++) {
        double s = b;
        for (int j = 0; j < w.length; j++) {
          s += w[j] * x[i][j];
        }
        out[i][0] = (float) s;
      }
      return out;
    }

    @Override
    public float[][] inputWeights() {
      return new float[][] {toFloats(w)};
    }

    @Override
    public float[] inputBias() {
      return new float[] {(float) b};
    }

    @Override
    public float[][] predictFromPreActivation(float[][] z) {
      float[][] out = new float[z.length][1];
      for (int i = 0; i < z.length; i++) {
        out[i][0] = z[i][0];
      }
      return out;
    }
  }

  /** Binary logistic model p(1) = sigmoid(w.x + b), classes "neg", "pos"; LinearInput with one unit. */
  public static class Logistic implements Model, LinearInput {
    /** The weights on raw features. */
    public final double[] w;
    /** The intercept. */
    public final double b;
    final List<String> names;

    /** Weights and intercept; features {@code x0..}. */
    public Logistic(double[] w, double b) {
      this(w, b, names(w.length));
    }

    /** Weights and intercept over the named features. */
    public Logistic(double[] w, double b, List<String> names) {
      this.w = w.clone();
      this.b = b;
      this.names = List.copyOf(names);
    }

    @Override
    public Task task() {
      return Task.CLASSIFICATION;
    }

    @Override
    public List<String> featureNames() {
      return names;
    }

    @Override
    public List<String> classNames() {
      return List.of("neg", "pos");
    }

    @Override
    public float[][] predictProba(float[][] x) {
      Model.checkInput(this, x);
      float[][] z = new float[x.length][1];
      for (int i = 0; i < x.length; i++) {
        double s = b;
        for (int j = 0; j < w.length; j++) {
          s += w[j] * x[i][j];
        }
        z[i][0] = (float) s;
      }
      return predictFromPreActivation(z);
    }

    @Override
    public float[][] inputWeights() {
      return new float[][] {toFloats(w)};
    }

    @Override
    public float[] inputBias() {
      return new float[] {(float) b};
    }

    @Override
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

  /** The same model without its capabilities (forces the generic paths of explainers). */
  public static Model withoutLinearInput(Model m) {
    return new Model() {
      @Override
      public Task task() {
        return m.task();
      }

      @Override
      public List<String> featureNames() {
        return m.featureNames();
      }

      @Override
      public List<String> classNames() {
        return m.classNames();
      }

      @Override
      public float[][] predictProba(float[][] x) {
        return m.predictProba(x);
      }
    };
  }

  /**
   * A binary logistic regression trainer (see {@link LogisticRegression#trainer(int, Long)}): L2 penalty 1e-3
   * on standardised features; with a seed it trains on a bootstrap sample of the rows, so seeds give different
   * models.
   */
  public static io.workbench.model.Trainer logisticRegression(int iterations, Long bootstrapSeed) {
    return LogisticRegression.trainer(iterations, bootstrapSeed);
  }

  /**
   * Brute-force interventional Shapley values written independently of the library: every coalition S,
   * v(S) = sum_b w_b f(x_S, b_rest) evaluated row by row, phi_i = sum_S |S|!(M-|S|-1)!/M! (v(S+i) - v(S)).
   */
  public static double[] bruteForceShapley(Model model, float[] x, float[][] bg, int target) {
    int m = x.length;
    int size = 1 << m;
    double[] v = new double[size];
    for (int s = 0; s < size; s++) {
      double acc = 0;
      for (float[] b : bg) {
        float[] row = b.clone();
        for (int j = 0; j < m; j++) {
          if ((s >> j & 1) == 1) {
            row[j] = x[j];
          }
        }
        acc += model.predictProba(new float[][] {row})[0][target];
      }
      v[s] = acc / bg.length;
    }
    double[] phi = new double[m];
    for (int i = 0; i < m; i++) {
      for (int s = 0; s < size; s++) {
        if ((s >> i & 1) == 0) {
          int k = Integer.bitCount(s);
          double weight = factorial(k) * factorial(m - k - 1) / factorial(m);
          phi[i] += weight * (v[s | (1 << i)] - v[s]);
        }
      }
    }
    return phi;
  }

  /** {@link #bruteForceShapley(Model, float[], float[][], int)} for each row of {@code x}. */
  public static double[][] bruteForceShapley(Model model, float[][] x, float[][] bg, int target) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = bruteForceShapley(model, x[i], bg, target);
    }
    return out;
  }

  /** {@code n!} as a double. */
  public static double factorial(int n) {
    double f = 1;
    for (int q = 2; q <= n; q++) {
      f *= q;
    }
    return f;
  }

  /** {@code n x d} standard normal values from {@code seed}. */
  public static float[][] gaussian(int n, int d, long seed) {
    Random r = new Random(seed);
    float[][] x = new float[n][d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) r.nextGaussian();
      }
    }
    return x;
  }

  /** The largest absolute difference between two vectors. */
  public static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int j = 0; j < a.length; j++) {
      m = Math.max(m, Math.abs(a[j] - b[j]));
    }
    return m;
  }

  /** Every combination of {@code values} over {@code d} features (a full grid), as a matrix. */
  public static float[][] grid(float[] values, int d) {
    int n = (int) Math.pow(values.length, d);
    float[][] x = new float[n][d];
    for (int i = 0; i < n; i++) {
      int c = i;
      for (int j = d - 1; j >= 0; j--) {
        x[i][j] = values[c % values.length];
        c /= values.length;
      }
    }
    return x;
  }

  /** A regression dataset over {@code x} (features {@code x0..}) with all targets 0. */
  public static Dataset regressionData(float[][] x) {
    return Dataset.of(x, names(x[0].length), new double[x.length]);
  }

  private static float[] toFloats(double[] w) {
    float[] f = new float[w.length];
    for (int j = 0; j < w.length; j++) {
      f[j] = (float) w[j];
    }
    return f;
  }
}
