package io.workbench.explain;

import io.workbench.data.Task;
import io.workbench.model.LinearInput;
import io.workbench.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Tiny test-only models with known structure. */
final class TestModels {

  private TestModels() {}

  static List<String> names(int d) {
    List<String> n = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      n.add("x" + j);
    }
    return n;
  }

  /** {@code o} written with Java serialisation and read back. */
  @SuppressWarnings("unchecked")
  static <T extends java.io.Serializable> T roundTrip(T o) throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  /** A regression model f(x) = fn(x). */
  static Model regression(int d, ToDoubleFunction<float[]> fn) {
    List<String> names = names(d);
    return new Model() {
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
        float[][] out = new float[x.length][1];
        for (int i = 0; i < x.length; i++) {
          if (x[i].length != d) {
            throw new IllegalArgumentException("bad width");
          }
          out[i][0] = (float) fn.applyAsDouble(x[i]);
        }
        return out;
      }
    };
  }

  /** f(x) = w.x + b (regression), with the LinearInput capability. */
  static final class Linear implements Model, LinearInput {
    final double[] w;
    final double b;
    final List<String> names;

    Linear(double[] w, double b) {
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
      float[][] m = new float[1][w.length];
      for (int j = 0; j < w.length; j++) {
        m[0][j] = (float) w[j];
      }
      return m;
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
  static class Logistic implements Model, LinearInput {
    final double[] w;
    final double b;
    final List<String> names;

    Logistic(double[] w, double b) {
      this(w, b, names(w.length));
    }

    Logistic(double[] w, double b, List<String> names) {
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
      float[][] m = new float[1][w.length];
      for (int j = 0; j < w.length; j++) {
        m[0][j] = (float) w[j];
      }
      return m;
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

  /** The same logistic model without the LinearInput capability (forces the generic paths). */
  static Model withoutLinearInput(Model m) {
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
   * Brute-force interventional Shapley values written independently of the library: every coalition S,
   * v(S) = sum_b w_b f(x_S, b_rest) evaluated row by row, phi_i = sum_S |S|!(M-|S|-1)!/M! (v(S+i) - v(S)).
   */
  static double[] bruteForceShapley(Model model, float[] x, float[][] bg, int target) {
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

  static double factorial(int n) {
    double f = 1;
    for (int q = 2; q <= n; q++) {
      f *= q;
    }
    return f;
  }

  static float[][] gaussian(int n, int d, long seed) {
    java.util.Random r = new java.util.Random(seed);
    float[][] x = new float[n][d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) r.nextGaussian();
      }
    }
    return x;
  }

  static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int j = 0; j < a.length; j++) {
      m = Math.max(m, Math.abs(a[j] - b[j]));
    }
    return m;
  }
}
