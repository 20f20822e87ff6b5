package io.workbench.explain;

import io.workbench.data.Task;

/**
 * A score of model outputs against true targets, used by permutation importance. {@code y} holds class
 * indices (classification) or values (regression); {@code output} is what {@code predictProba} returns.
 *
 * <pre>{@code
 * Metric auc = Metric.rocAuc();
 * Metric mine = Metric.of("top-class prob", true, (y, p) -> ...);
 * Explain.permutationImportance(model, test).metric(Metric.logLoss()).explain();
 * }</pre>
 */
@FunctionalInterface
public interface Metric {

  /** The score of {@code output} (rows x outputs) against {@code y} (one target per row). */
  double score(double[] y, float[][] output);

  /** Whether a larger score is better (accuracy, R2) or worse (log loss, MSE). */
  default boolean higherIsBetter() {
    return true;
  }

  /** A short name for tables. */
  default String name() {
    return "custom";
  }

  /** A named metric from a function. */
  static Metric of(String name, boolean higherIsBetter, Metric fn) {
    return new Metric() {
      @Override
      public double score(double[] y, float[][] output) {
        return fn.score(y, output);
      }

      @Override
      public boolean higherIsBetter() {
        return higherIsBetter;
      }

      @Override
      public String name() {
        return name;
      }
    };
  }

  /** The default for a task: accuracy for classification, R2 for regression. */
  static Metric defaultFor(Task task) {
    return task == Task.REGRESSION ? r2() : accuracy();
  }

  /** Share of rows whose argmax output equals the class. */
  static Metric accuracy() {
    return of("accuracy", true, (y, p) -> {
      int hits = 0;
      for (int i = 0; i < y.length; i++) {
        if (Target.argmax(p[i]) == (int) y[i]) {
          hits++;
        }
      }
      return (double) hits / y.length;
    });
  }

  /** Mean negative log-likelihood of the true class (probabilities clipped at 1e-15); lower is better. */
  static Metric logLoss() {
    return of("log loss", false, (y, p) -> {
      double s = 0;
      for (int i = 0; i < y.length; i++) {
        s -= Math.log(Math.max(1e-15, Math.min(1.0, p[i][(int) y[i]])));
      }
      return s / y.length;
    });
  }

  /** Coefficient of determination of output column 0; 1 is perfect. */
  static Metric r2() {
    return of("R2", true, (y, p) -> {
      double mean = 0;
      for (double v : y) {
        mean += v;
      }
      mean /= y.length;
      double ssRes = 0;
      double ssTot = 0;
      for (int i = 0; i < y.length; i++) {
        double r = y[i] - p[i][0];
        ssRes += r * r;
        ssTot += (y[i] - mean) * (y[i] - mean);
      }
      return ssTot == 0 ? (ssRes == 0 ? 1 : 0) : 1 - ssRes / ssTot;
    });
  }

  /** Mean squared error of output column 0; lower is better. */
  static Metric mse() {
    return of("MSE", false, (y, p) -> {
      double s = 0;
      for (int i = 0; i < y.length; i++) {
        double r = y[i] - p[i][0];
        s += r * r;
      }
      return s / y.length;
    });
  }

  /** Binary ROC AUC of the probability of class 1 (ties count one half). */
  static Metric rocAuc() {
    return of("ROC AUC", true, (y, p) -> {
      int n = y.length;
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (a, b) -> Float.compare(p[a][1], p[b][1]));
      double rankSumPos = 0;
      long pos = 0;
      int i = 0;
      while (i < n) {
        int j = i;
        while (j + 1 < n && p[order[j + 1]][1] == p[order[i]][1]) {
          j++;
        }
        double avgRank = (i + j) / 2.0 + 1;
        for (int k = i; k <= j; k++) {
          if (y[order[k]] == 1) {
            rankSumPos += avgRank;
            pos++;
          }
        }
        i = j + 1;
      }
      long neg = n - pos;
      if (pos == 0 || neg == 0) {
        throw new IllegalArgumentException("ROC AUC needs both classes in y; got only " + (pos == 0 ? "0" : "1"));
      }
      return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    });
  }
}
