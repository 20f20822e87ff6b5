package io.workbench.eval;

import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.data.Task;
import io.workbench.display.Numbers;
import io.workbench.model.Model;
import io.workbench.stats.Stats;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Paired comparisons of two models scored on the same test rows, each with a two-sided p-value.
 *
 * <ul>
 *   <li>{@link #delong}: DeLong, DeLong and Clarke-Pearson (1988) test of two correlated AUROCs, with the
 *       variance of the difference from the structural components (computed with midranks, O(n log n)).
 *       The interval is {@code difference +- 1.96 se}.
 *   <li>{@link #mcnemar}: McNemar's test of accuracy on the discordant rows ({@code b}: A right, B wrong;
 *       {@code c}: A wrong, B right). With {@code b + c < 25} the exact binomial test {@code min(1, 2
 *       P(X <= min(b, c)))}, {@code X ~ Binomial(b + c, 1/2)}; otherwise the chi-square statistic with
 *       continuity correction {@code (|b - c| - 1)^2 / (b + c)} on one degree of freedom.
 *   <li>{@link #pairedBootstrap}: any metric, see {@link Bootstrap#compare}.
 * </ul>
 *
 * <pre>{@code
 * Comparison.delong(modelA, modelB, test);                 // models predict once each
 * Predictions a = Evaluation.predictions(modelA, test);
 * Predictions b = Evaluation.predictions(modelB, test);
 * Comparison.delong(a, b).pValue();
 * Comparison.mcnemar(a, b);
 * Comparison.pairedBootstrap(a, b, Metric.LOG_LOSS, 1000, 42);
 * }</pre>
 */
public final class Comparison {

  /** Below this many discordant rows McNemar's test is exact. */
  public static final int MCNEMAR_EXACT_BELOW = 25;

  private Comparison() {}

  /** DeLong's test on binary predictions (class 1 probabilities) of two models on the same rows. */
  public static TestResult delong(Predictions a, Predictions b) {
    requireSameRows(a, b);
    if (a.task() != Task.CLASSIFICATION || a.numClasses() != 2) {
      throw new IllegalArgumentException(
          "DeLong's test compares binary classifiers; these predictions have classes " + a.classNames());
    }
    return delong(a.labelsView(), ClassificationMetrics.column(a.probaView(), 1),
        ClassificationMetrics.column(b.probaView(), 1));
  }

  /** DeLong's test of {@code AUROC(scoreA) - AUROC(scoreB)} against labels 0/1. */
  public static TestResult delong(int[] y01, double[] scoreA, double[] scoreB) {
    if (y01 == null || scoreA == null || scoreB == null) {
      throw new IllegalArgumentException("labels and both score arrays must not be null");
    }
    Checks.sameLength("labels", y01.length, "scores of model A", scoreA.length);
    Checks.sameLength("labels", y01.length, "scores of model B", scoreB.length);
    RocCurve.of(y01, scoreA); // checks labels, finiteness and that both classes are present
    Checks.finite(scoreB, "score of model B");
    int[] pos = IntStream.range(0, y01.length).filter(i -> y01[i] == 1).toArray();
    int[] neg = IntStream.range(0, y01.length).filter(i -> y01[i] == 0).toArray();
    int m = pos.length;
    int n = neg.length;
    double[][] v10 = new double[2][];
    double[][] v01 = new double[2][];
    double[] auc = new double[2];
    double[][] scores = {scoreA, scoreB};
    for (int r = 0; r < 2; r++) {
      double[] s = scores[r];
      double[] x = Arrays.stream(pos).mapToDouble(i -> s[i]).toArray();
      double[] yv = Arrays.stream(neg).mapToDouble(i -> s[i]).toArray();
      double[] all = new double[m + n];
      System.arraycopy(x, 0, all, 0, m);
      System.arraycopy(yv, 0, all, m, n);
      double[] tz = midranks(all);
      double[] tx = midranks(x);
      double[] ty = midranks(yv);
      v10[r] = new double[m];
      v01[r] = new double[n];
      double sumPos = 0;
      for (int i = 0; i < m; i++) {
        v10[r][i] = (tz[i] - tx[i]) / n;
        sumPos += tz[i];
      }
      for (int j = 0; j < n; j++) {
        v01[r][j] = 1 - (tz[m + j] - ty[j]) / m;
      }
      auc[r] = (sumPos - m * (m + 1) / 2.0) / ((double) m * n);
    }
    double var = (cov(v10[0], v10[0]) + cov(v10[1], v10[1]) - 2 * cov(v10[0], v10[1])) / m
        + (cov(v01[0], v01[0]) + cov(v01[1], v01[1]) - 2 * cov(v01[0], v01[1])) / n;
    double diff = auc[0] - auc[1];
    double se = Math.sqrt(Math.max(0, var));
    double z;
    double p;
    if (se == 0) {
      z = diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
      p = diff == 0 ? 1 : 0;
    } else {
      z = diff / se;
      p = Stats.normalTwoSided(z);
    }
    return new TestResult("DeLong", "auroc", auc[0], auc[1], diff, z, p, diff - 1.959963984540054 * se,
        diff + 1.959963984540054 * se, m + " positive, " + n + " negative rows; statistic = z, se "
            + Numbers.format(se) + "; interval = difference +- 1.96 se");
  }

  /** McNemar's test on the argmax predictions of two classifiers on the same rows. */
  public static TestResult mcnemar(Predictions a, Predictions b) {
    requireSameRows(a, b);
    if (a.task() != Task.CLASSIFICATION) {
      throw new IllegalArgumentException("McNemar's test compares classifiers; these predictions are regression");
    }
    return mcnemar(a.labelsView(), a.predictedClasses(), b.predictedClasses());
  }

  /** McNemar's test of accuracy(A) against accuracy(B) from labels and predicted classes. */
  public static TestResult mcnemar(int[] y, int[] predA, int[] predB) {
    if (y == null || predA == null || predB == null) {
      throw new IllegalArgumentException("labels and both prediction arrays must not be null");
    }
    Checks.sameLength("labels", y.length, "predictions of model A", predA.length);
    Checks.sameLength("labels", y.length, "predictions of model B", predB.length);
    Checks.nonEmpty(y.length, "labels");
    int b = 0;
    int c = 0;
    int rightA = 0;
    int rightB = 0;
    for (int i = 0; i < y.length; i++) {
      boolean okA = predA[i] == y[i];
      boolean okB = predB[i] == y[i];
      rightA += okA ? 1 : 0;
      rightB += okB ? 1 : 0;
      if (okA && !okB) {
        b++;
      } else if (!okA && okB) {
        c++;
      }
    }
    double accA = (double) rightA / y.length;
    double accB = (double) rightB / y.length;
    int discordant = b + c;
    String counts = "b = " + b + " (A right, B wrong), c = " + c + " (A wrong, B right)";
    if (discordant < MCNEMAR_EXACT_BELOW) {
      double p = discordant == 0 ? 1 : Math.min(1, 2 * Stats.binomialHalfCdf(Math.min(b, c), discordant));
      return new TestResult("McNemar exact", "accuracy", accA, accB, accA - accB, Math.min(b, c), p,
          Double.NaN, Double.NaN, counts + "; exact binomial, statistic = min(b, c)");
    }
    double chi2 = Math.pow(Math.abs(b - c) - 1, 2) / discordant;
    return new TestResult("McNemar chi-square", "accuracy", accA, accB, accA - accB, chi2,
        Stats.chiSquare1Survival(chi2), Double.NaN, Double.NaN,
        counts + "; chi-square with continuity correction, 1 degree of freedom");
  }

  /** DeLong's test of two binary classifiers on a labelled test set (each model predicts once). */
  public static TestResult delong(Model a, Model b, Dataset test) {
    return delong(Evaluation.predictions(a, test), Evaluation.predictions(b, test));
  }

  /** McNemar's test of two classifiers on a labelled test set (each model predicts once). */
  public static TestResult mcnemar(Model a, Model b, Dataset test) {
    return mcnemar(Evaluation.predictions(a, test), Evaluation.predictions(b, test));
  }

  /** Paired bootstrap of any metric for two models on a labelled test set, 1000 resamples. */
  public static TestResult pairedBootstrap(Model a, Model b, Dataset test, Metric metric, long seed) {
    return pairedBootstrap(Evaluation.predictions(a, test), Evaluation.predictions(b, test), metric, 1000, seed);
  }

  /** Paired bootstrap of any metric: {@code Bootstrap.of(metric).resamples(n).seed(seed).compare(a, b)}. */
  public static TestResult pairedBootstrap(Predictions a, Predictions b, Metric metric, int resamples, long seed) {
    return Bootstrap.of(metric).resamples(resamples).seed(seed).compare(a, b);
  }

  /** Fails unless both predictions are of the same task and hold the same labels or targets. */
  static void requireSameRows(Predictions a, Predictions b) {
    if (a == null || b == null) {
      throw new IllegalArgumentException("both predictions must not be null");
    }
    if (a.task() != b.task()) {
      throw new IllegalArgumentException("Predictions A are " + a.task() + " but B are " + b.task());
    }
    Checks.sameLength("predictions A", a.size(), "predictions B", b.size());
    boolean same = a.task() == Task.CLASSIFICATION
        ? Arrays.equals(a.labelsView(), b.labelsView()) && a.classNames().equals(b.classNames())
        : Arrays.equals(a.targetView(), b.targetView());
    if (!same) {
      throw new IllegalArgumentException(
          "Paired comparisons need both models scored on the same rows, but the labels of A and B differ");
    }
  }

  /** Midranks (1-based; ties share their mean rank): (values below) + (ties + 1) / 2. */
  static double[] midranks(double[] v) {
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    double[] rank = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      int below = firstAtLeast(sorted, v[i]);
      int upTo = firstAbove(sorted, v[i]);
      rank[i] = (below + upTo + 1) / 2.0;
    }
    return rank;
  }

  private static int firstAtLeast(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int firstAbove(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double cov(double[] a, double[] b) {
    if (a.length < 2) {
      return 0;
    }
    double ma = Stats.mean(a);
    double mb = Stats.mean(b);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - ma) * (b[i] - mb);
    }
    return s / (a.length - 1);
  }
}
