package io.workbench.testing;

import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.model.Model;
import io.workbench.model.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Hand-written models for tests: closed-form functions and an honest logistic regression. */
public final class TestModels {

  private TestModels() {}

  public static List<String> names(int d) {
    List<String> n = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      n.add("x" + j);
    }
    return n;
  }

  /** A regression model computing {@code f} per row; counts rows and calls. */
  public static final class Fn implements Model {
    public final List<String> names;
    public final ToDoubleFunction<float[]> f;
    public long rows;
    public int calls;
    public int maxBatch;

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
      calls++;
      rows += x.length;
      maxBatch = Math.max(maxBatch, x.length);
      float[][] out = new float[x.length][1];
      for (int i = 0; i < x.length; i++) {
        if (x[i].length != names.size()) {
          throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features");
        }
        out[i][0] = (float) f.applyAsDouble(x[i]);
      }
      return out;
    }
  }

  /** A binary classifier: P(class 1) = sigmoid(score(x)). */
  public static final class Logit implements Model {
    public final List<String> names;
    public final ToDoubleFunction<float[]> score;
    public long rows;
    public int calls;
    public int maxBatch;

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

  /**
   * Binary logistic regression by full-batch gradient descent on standardised features (L2 penalty
   * 1e-3). With a seed, it trains on a bootstrap sample of the rows, so seeds give different models.
   */
  public static Trainer logisticRegression(int iterations, Long bootstrapSeed) {
    return train -> {
      float[][] x = train.x();
      int[] y = train.y();
      int n = x.length;
      int d = x[0].length;
      int[] rows = new int[n];
      Random rnd = bootstrapSeed == null ? null : new Random(bootstrapSeed);
      for (int i = 0; i < n; i++) {
        rows[i] = rnd == null ? i : rnd.nextInt(n);
      }
      double[] mean = new double[d];
      double[] sd = new double[d];
      for (int j = 0; j < d; j++) {
        for (float[] r : x) {
          mean[j] += r[j];
        }
        mean[j] /= n;
        for (float[] r : x) {
          sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
        }
        sd[j] = Math.sqrt(sd[j] / n);
        if (sd[j] == 0) {
          sd[j] = 1;
        }
      }
      double[] w = new double[d];
      double b = 0;
      double lr = 0.5;
      double[] g = new double[d];
      for (int it = 0; it < iterations; it++) {
        java.util.Arrays.fill(g, 0);
        double gb = 0;
        for (int r : rows) {
          double s = b;
          for (int j = 0; j < d; j++) {
            s += w[j] * (x[r][j] - mean[j]) / sd[j];
          }
          double e = 1 / (1 + Math.exp(-s)) - y[r];
          for (int j = 0; j < d; j++) {
            g[j] += e * (x[r][j] - mean[j]) / sd[j];
          }
          gb += e;
        }
        for (int j = 0; j < d; j++) {
          w[j] -= lr * (g[j] / n + 1e-3 * w[j]);
        }
        b -= lr * gb / n;
      }
      final double bias = b;
      List<String> names = train.features();
      return new Logit(names, row -> {
        double s = bias;
        for (int j = 0; j < w.length; j++) {
          s += w[j] * (row[j] - mean[j]) / sd[j];
        }
        return s;
      });
    };
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

  public static Dataset regressionData(float[][] x) {
    return Dataset.of(x, names(x[0].length), new double[x.length]);
  }
}
