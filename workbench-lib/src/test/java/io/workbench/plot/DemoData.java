package io.workbench.plot;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Realistic inputs for the chart tests and the gallery, computed here independently of the chart code: a
 * logistic regression on standardised breast-cancer features trained by full-batch gradient descent
 * (its per-epoch loss/accuracy is the training history), linear attributions {@code w_i * (z_i - mean_i)}
 * (exact SHAP values of a linear model in log-odds), ROC/PR/calibration points, permutation-free
 * importances, partial dependence by substitution, deletion/insertion curves, a digits nearest-centroid
 * confusion matrix and image attributions, and a synthetic ECG.
 */
final class DemoData {

  final List<String> names;
  final double[][] z;        // standardised features, all rows
  final int[] y;             // 1 = benign
  final int[] train;
  final int[] test;
  final double[] w;
  final double b;
  final Map<String, double[]> historyTrain = new LinkedHashMap<>();
  final Map<String, double[]> historyValidation = new LinkedHashMap<>();
  final double[][] attributions; // test rows x features, log-odds
  final double[][] values;       // raw feature values of the test rows
  final double base;             // mean logit over train rows

  private static DemoData cached;

  static synchronized DemoData get() {
    if (cached == null) {
      cached = new DemoData();
    }
    return cached;
  }

  private DemoData() {
    Dataset ds = Datasets.breastCancer();
    names = ds.features();
    float[][] x = ds.x();
    y = ds.y();
    Split s = ds.split(0.7, 42);
    train = s.trainRows();
    test = s.testRows();
    int d = names.size();
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (int j = 0; j < d; j++) {
      for (int i : train) {
        mean[j] += x[i][j] / train.length;
      }
      for (int i : train) {
        sd[j] += (x[i][j] - mean[j]) * (x[i][j] - mean[j]) / (train.length - 1);
      }
      sd[j] = Math.sqrt(sd[j]);
    }
    z = new double[x.length][d];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        z[i][j] = (x[i][j] - mean[j]) / sd[j];
      }
    }
    double[] wt = new double[d];
    double bt = 0;
    int epochs = 40;
    double[] trLoss = new double[epochs];
    double[] trAcc = new double[epochs];
    double[] vaLoss = new double[epochs];
    double[] vaAcc = new double[epochs];
    double lr = 0.5;
    double l2 = 1e-2;
    for (int e = 0; e < epochs; e++) {
      double[] gw = new double[d];
      double gb = 0;
      for (int i : train) {
        double p = sigmoid(dot(wt, z[i]) + bt);
        double err = p - y[i];
        for (int j = 0; j < d; j++) {
          gw[j] += err * z[i][j] / train.length;
        }
        gb += err / train.length;
      }
      for (int j = 0; j < d; j++) {
        wt[j] -= lr * (gw[j] + l2 * wt[j]);
      }
      bt -= lr * gb;
      trLoss[e] = logLoss(wt, bt, train);
      trAcc[e] = accuracy(wt, bt, train);
      vaLoss[e] = logLoss(wt, bt, test);
      vaAcc[e] = accuracy(wt, bt, test);
    }
    w = wt;
    b = bt;
    historyTrain.put("loss", trLoss);
    historyTrain.put("accuracy", trAcc);
    historyValidation.put("loss", vaLoss);
    historyValidation.put("accuracy", vaAcc);
    double[] zMean = new double[d];
    for (int i : train) {
      for (int j = 0; j < d; j++) {
        zMean[j] += z[i][j] / train.length;
      }
    }
    double baseLogit = 0;
    for (int i : train) {
      baseLogit += (dot(w, z[i]) + b) / train.length;
    }
    base = baseLogit;
    attributions = new double[test.length][d];
    values = new double[test.length][d];
    for (int r = 0; r < test.length; r++) {
      for (int j = 0; j < d; j++) {
        attributions[r][j] = w[j] * (z[test[r]][j] - zMean[j]);
        values[r][j] = x[test[r]][j];
      }
    }
  }

  double logit(double[] zi) {
    return dot(w, zi) + b;
  }

  double[] testScores(double[] weights, double bias) {
    return Arrays.stream(test).mapToDouble(i -> sigmoid(dot(weights, z[i]) + bias)).toArray();
  }

  int[] testLabels() {
    return Arrays.stream(test).map(i -> y[i]).toArray();
  }

  /** A weaker model: the full model's weights on "mean radius" and "mean texture" only. */
  double[] weakWeights() {
    double[] ww = new double[w.length];
    ww[names.indexOf("mean radius")] = w[names.indexOf("worst radius")] + w[names.indexOf("mean radius")];
    ww[names.indexOf("mean texture")] = w[names.indexOf("mean texture")] + w[names.indexOf("worst texture")];
    return ww;
  }

  /** ROC points (fpr, tpr) sweeping the threshold over every distinct score, and the trapezoid AUC. */
  static Curve roc(String name, double[] score, int[] label) {
    Integer[] idx = order(score);
    int pos = (int) Arrays.stream(label).filter(v -> v == 1).count();
    int neg = label.length - pos;
    List<double[]> pts = new ArrayList<>();
    pts.add(new double[] {0, 0});
    int tp = 0;
    int fp = 0;
    for (int k = 0; k < idx.length; k++) {
      if (label[idx[k]] == 1) {
        tp++;
      } else {
        fp++;
      }
      if (k + 1 == idx.length || score[idx[k + 1]] != score[idx[k]]) {
        pts.add(new double[] {fp / (double) neg, tp / (double) pos});
      }
    }
    double[] fx = pts.stream().mapToDouble(p -> p[0]).toArray();
    double[] ty = pts.stream().mapToDouble(p -> p[1]).toArray();
    return new Curve(name, fx, ty, trapezoid(fx, ty));
  }

  /** Precision-recall points and average precision (sum of precision times recall increments). */
  static Curve pr(String name, double[] score, int[] label) {
    Integer[] idx = order(score);
    int pos = (int) Arrays.stream(label).filter(v -> v == 1).count();
    List<double[]> pts = new ArrayList<>();
    int tp = 0;
    double ap = 0;
    double prevRecall = 0;
    for (int k = 0; k < idx.length; k++) {
      if (label[idx[k]] == 1) {
        tp++;
      }
      if (k + 1 == idx.length || score[idx[k + 1]] != score[idx[k]]) {
        double recall = tp / (double) pos;
        double precision = tp / (double) (k + 1);
        ap += (recall - prevRecall) * precision;
        prevRecall = recall;
        pts.add(new double[] {recall, precision});
      }
    }
    return new Curve(name, pts.stream().mapToDouble(p -> p[0]).toArray(),
        pts.stream().mapToDouble(p -> p[1]).toArray(), ap);
  }

  /** Reliability points over ten equal-width bins (empty bins skipped) and the Brier score. */
  static Curve calibration(String name, double[] p, int[] label) {
    double[] sumP = new double[10];
    double[] sumY = new double[10];
    int[] n = new int[10];
    double brier = 0;
    for (int i = 0; i < p.length; i++) {
      int bin = Math.min(9, (int) (p[i] * 10));
      sumP[bin] += p[i];
      sumY[bin] += label[i];
      n[bin]++;
      brier += (p[i] - label[i]) * (p[i] - label[i]) / p.length;
    }
    int[] used = IntStream.range(0, 10).filter(k -> n[k] > 0).toArray();
    return new Curve(name, Arrays.stream(used).mapToDouble(k -> sumP[k] / n[k]).toArray(),
        Arrays.stream(used).mapToDouble(k -> sumY[k] / n[k]).toArray(), brier);
  }

  /** Deletion (remove most important first) or insertion curves averaged over the test rows. */
  Curve deletionInsertion(String name, boolean deletion, boolean randomOrder, long seed) {
    int d = w.length;
    double[] curve = new double[d + 1];
    Random rnd = new Random(seed);
    for (int r = 0; r < test.length; r++) {
      double[] a = attributions[r];
      Integer[] ord = IntStream.range(0, d).boxed().toArray(Integer[]::new);
      if (randomOrder) {
        for (int i = d - 1; i > 0; i--) {
          int k = rnd.nextInt(i + 1);
          Integer t = ord[i];
          ord[i] = ord[k];
          ord[k] = t;
        }
      } else {
        Arrays.sort(ord, Comparator.comparingDouble(j -> -a[j]));
      }
      double[] zi = deletion ? z[test[r]].clone() : new double[d];
      curve[0] += sigmoid(logit(zi)) / test.length;
      for (int k = 0; k < d; k++) {
        zi[ord[k]] = deletion ? 0 : z[test[r]][ord[k]];
        curve[k + 1] += sigmoid(logit(zi)) / test.length;
      }
    }
    double[] frac = IntStream.rangeClosed(0, d).mapToDouble(k -> k / (double) d).toArray();
    return new Curve(name, frac, curve, trapezoid(frac, curve));
  }

  /** Digits: nearest-centroid confusion matrix on a 30 % test split. */
  static int[][] digitsConfusion() {
    Dataset ds = Datasets.digits();
    Split s = ds.split(0.7, 7);
    double[][] centroids = centroids(ds.x(s.trainRows()), s.train().y());
    float[][] xt = ds.x(s.testRows());
    int[] yt = s.test().y();
    int[][] cm = new int[10][10];
    for (int i = 0; i < xt.length; i++) {
      cm[yt[i]][nearest(centroids, xt[i])]++;
    }
    return cm;
  }

  static double[][] centroids(float[][] x, int[] y) {
    double[][] c = new double[10][x[0].length];
    int[] n = new int[10];
    for (int i = 0; i < x.length; i++) {
      n[y[i]]++;
      for (int j = 0; j < x[i].length; j++) {
        c[y[i]][j] += x[i][j];
      }
    }
    for (int k = 0; k < 10; k++) {
      for (int j = 0; j < c[k].length; j++) {
        c[k][j] /= Math.max(1, n[k]);
      }
    }
    return c;
  }

  static int nearest(double[][] c, float[] v) {
    int best = 0;
    double bestD = Double.POSITIVE_INFINITY;
    for (int k = 0; k < c.length; k++) {
      double dd = 0;
      for (int j = 0; j < v.length; j++) {
        dd += (v[j] - c[k][j]) * (v[j] - c[k][j]);
      }
      if (dd < bestD) {
        bestD = dd;
        best = k;
      }
    }
    return best;
  }

  /** Synthetic ECG-like signal (P, QRS, T bumps per beat) for two leads at 360 Hz, 3 seconds. */
  static double[][] ecg(double rate, double seconds) {
    int n = (int) (rate * seconds);
    double[][] s = new double[2][n];
    double rr = 0.8;
    for (int i = 0; i < n; i++) {
      double t = i / rate;
      double phase = t % rr;
      double v = 0.12 * bump(phase, 0.16, 0.025) - 0.12 * bump(phase, 0.255, 0.008)
          + 1.1 * bump(phase, 0.28, 0.011) - 0.22 * bump(phase, 0.305, 0.009) + 0.3 * bump(phase, 0.52, 0.04);
      s[0][i] = v + 0.02 * Math.sin(2 * Math.PI * 0.3 * t);
      s[1][i] = 0.6 * v - 0.25 * bump(phase, 0.28, 0.02) + 0.015 * Math.sin(2 * Math.PI * 0.5 * t);
    }
    return s;
  }

  /** A plausible attribution for the ECG: positive on the QRS upstroke, negative on the T wave. */
  static double[][] ecgAttribution(double[][] s, double rate) {
    double[][] a = new double[s.length][s[0].length];
    for (int c = 0; c < s.length; c++) {
      for (int i = 0; i < s[c].length; i++) {
        double phase = (i / rate) % 0.8;
        a[c][i] = (c == 0 ? 1.0 : 0.5) * (0.9 * bump(phase, 0.28, 0.015) - 0.35 * bump(phase, 0.52, 0.03));
      }
    }
    return a;
  }

  private static double bump(double t, double mu, double sigma) {
    return Math.exp(-0.5 * (t - mu) * (t - mu) / (sigma * sigma));
  }

  static double trapezoid(double[] x, double[] y) {
    double a = 0;
    for (int i = 1; i < x.length; i++) {
      a += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
    }
    return a;
  }

  private static Integer[] order(double[] score) {
    Integer[] idx = IntStream.range(0, score.length).boxed().toArray(Integer[]::new);
    Arrays.sort(idx, Comparator.comparingDouble(i -> -score[i]));
    return idx;
  }

  private double logLoss(double[] wt, double bt, int[] rows) {
    double l = 0;
    for (int i : rows) {
      double p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(dot(wt, z[i]) + bt)));
      l -= (y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p)) / rows.length;
    }
    return l;
  }

  private double accuracy(double[] wt, double bt, int[] rows) {
    int ok = 0;
    for (int i : rows) {
      ok += ((dot(wt, z[i]) + bt > 0) ? 1 : 0) == y[i] ? 1 : 0;
    }
    return ok / (double) rows.length;
  }

  static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
