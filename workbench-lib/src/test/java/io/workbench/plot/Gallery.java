package io.workbench.plot;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** One figure per chart type, built from {@link DemoData}; shared by the gallery and the chart tests. */
final class Gallery {

  private Gallery() {}

  /** Chart type name to a function from options (size) to the figure. */
  static Map<String, Function<ChartOptions, Figure>> charts() {
    DemoData dd = DemoData.get();
    Map<String, Function<ChartOptions, Figure>> m = new LinkedHashMap<>();
    m.put("training-history", o -> Charts.trainingHistory(dd.historyTrain, dd.historyValidation,
        o.title("Logistic regression, breast cancer")));
    int[] yt = dd.testLabels();
    double[] full = dd.testScores(dd.w, dd.b);
    double[] weak = dd.testScores(dd.weakWeights(), dd.b);
    m.put("roc", o -> Charts.roc(List.of(DemoData.roc("all 30 features", full, yt),
        DemoData.roc("radius + texture", weak, yt)), o));
    m.put("precision-recall", o -> Charts.precisionRecall(List.of(DemoData.pr("all 30 features", full, yt),
        DemoData.pr("radius + texture", weak, yt)), o));
    m.put("calibration", o -> Charts.calibration(List.of(DemoData.calibration("all 30 features", full, yt),
        DemoData.calibration("radius + texture", weak, yt)), o));
    m.put("confusion-matrix", o -> Charts.confusionMatrix(DemoData.digitsConfusion(),
        Datasets.digits().classNames(), o));
    double[] meanAbs = meanAbs(dd.attributions);
    double[] ci = ci95(dd.attributions);
    m.put("importance", o -> Charts.importance(dd.names, meanAbs, ci,
        o.maxFeatures(12).title("Mean |attribution| (95% CI)").xLabel("Mean |attribution| (log-odds)")));
    m.put("beeswarm", o -> Charts.beeswarm(dd.names, dd.attributions, dd.values,
        o.maxFeatures(o.height() < 450 ? 8 : 12).xLabel("Attribution (log-odds)")));
    m.put("waterfall", o -> Charts.waterfall(dd.names, dd.attributions[3], dd.values[3], dd.base,
        o.maxFeatures(o.height() < 450 ? 7 : 9).xLabel("Log-odds of benign")));
    m.put("dependence", o -> Charts.dependence(dd.names, dd.attributions, dd.values, "worst concave points",
        "worst radius", o));
    double rate = 360;
    double[][] ecg = DemoData.ecg(rate, 3);
    m.put("signal-attribution", o -> Charts.signalAttribution(ecg, DemoData.ecgAttribution(ecg, rate), rate,
        List.of("MLII", "V1"), o.yUnit("mV").title("Attribution over a synthetic ECG")));
    m.put("image-attribution", o -> imageAttribution(o));
    m.put("partial-dependence", o -> partialDependence(dd, "worst texture", o));
    m.put("deletion-insertion", o -> Charts.deletionInsertion(List.of(
        dd.deletionInsertion("deletion", true, false, 1), dd.deletionInsertion("insertion", false, false, 1),
        dd.deletionInsertion("deletion, random order", true, true, 1)), o.yLabel("Mean P(benign)")));
    double[] corrImportance = new double[dd.names.size()];
    for (int j = 0; j < corrImportance.length; j++) {
      corrImportance[j] = Math.abs(correlation(column(dd.z, j), Arrays.stream(dd.y).asDoubleStream().toArray()));
    }
    m.put("rank-agreement", o -> Charts.rankAgreement(dd.names, meanAbs, corrImportance,
        "mean |attribution|", "|correlation with label|", o));
    m.put("correlation-matrix", o -> {
      List<String> first = dd.names.subList(0, 10);
      double[][] c = new double[10][10];
      for (int i = 0; i < 10; i++) {
        for (int j = 0; j < 10; j++) {
          c[i][j] = correlation(column(dd.z, i), column(dd.z, j));
        }
      }
      return Charts.correlationMatrix(first, c, o);
    });
    return m;
  }

  static Figure imageAttribution(ChartOptions o) {
    Dataset digits = Datasets.digits();
    float[][] x = digits.x();
    int[] y = digits.y();
    double[][] c = DemoData.centroids(x, y);
    int sample = 5;
    int k = y[sample];
    double[][] img = new double[8][8];
    double[][] gradInput = new double[8][8];
    double[][] contrast = new double[8][8];
    double[] mean = new double[64];
    for (int j = 0; j < 64; j++) {
      for (int q = 0; q < 10; q++) {
        mean[j] += c[q][j] / 10;
      }
    }
    for (int j = 0; j < 64; j++) {
      img[j / 8][j % 8] = x[sample][j];
      // template-matching score s_k(x) = sum_j x_j c_kj: gradient x input, and input minus the mean image
      gradInput[j / 8][j % 8] = x[sample][j] * c[k][j] / 16;
      contrast[j / 8][j % 8] = (x[sample][j] - mean[j]) * (c[k][j] - mean[j]) / 16;
    }
    Map<String, double[][]> methods = new LinkedHashMap<>();
    methods.put("gradient \u00d7 input", gradInput);
    methods.put("vs mean image", contrast);
    return Charts.imageAttribution(img, methods, o.title("Digit " + k + ": what the template match uses"));
  }

  static Figure partialDependence(DemoData dd, String feature, ChartOptions o) {
    int f = dd.names.indexOf(feature);
    double[] col = Arrays.stream(dd.test).mapToDouble(i -> dd.z[i][f]).toArray();
    double lo = Arrays.stream(col).min().orElseThrow();
    double hi = Arrays.stream(col).max().orElseThrow();
    int points = 25;
    double[] grid = new double[points];
    double[] rawGrid = new double[points];
    double[][] ice = new double[dd.test.length][points];
    double[] avg = new double[points];
    for (int g = 0; g < points; g++) {
      grid[g] = lo + (hi - lo) * g / (points - 1);
      for (int r = 0; r < dd.test.length; r++) {
        double[] zi = dd.z[dd.test[r]].clone();
        zi[f] = grid[g];
        ice[r][g] = DemoData.sigmoid(dd.logit(zi));
        avg[g] += ice[r][g] / dd.test.length;
      }
    }
    // map the standardised grid back to raw units with two test rows (the standardisation is affine)
    int r0 = 0;
    int r1 = 1;
    for (int r = 1; r < dd.test.length; r++) {
      if (dd.z[dd.test[r]][f] != dd.z[dd.test[r0]][f]) {
        r1 = r;
        break;
      }
    }
    double za = dd.z[dd.test[r0]][f];
    double zb = dd.z[dd.test[r1]][f];
    double scale = (dd.values[r1][f] - dd.values[r0][f]) / (zb - za);
    for (int g = 0; g < points; g++) {
      rawGrid[g] = dd.values[r0][f] + (grid[g] - za) * scale;
    }
    return Charts.partialDependence(feature, rawGrid, avg, Arrays.copyOf(ice, 60), o.yLabel("P(benign)"));
  }

  static double[] meanAbs(double[][] a) {
    double[] m = new double[a[0].length];
    for (double[] row : a) {
      for (int j = 0; j < m.length; j++) {
        m[j] += Math.abs(row[j]) / a.length;
      }
    }
    return m;
  }

  static double[] ci95(double[][] a) {
    double[] m = meanAbs(a);
    double[] ci = new double[m.length];
    for (int j = 0; j < m.length; j++) {
      double v = 0;
      for (double[] row : a) {
        v += (Math.abs(row[j]) - m[j]) * (Math.abs(row[j]) - m[j]) / (a.length - 1);
      }
      ci[j] = 1.96 * Math.sqrt(v / a.length);
    }
    return ci;
  }

  static double[] column(double[][] m, int j) {
    return Arrays.stream(m).mapToDouble(r -> r[j]).toArray();
  }

  static double correlation(double[] a, double[] b) {
    double ma = Arrays.stream(a).average().orElseThrow();
    double mb = Arrays.stream(b).average().orElseThrow();
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
