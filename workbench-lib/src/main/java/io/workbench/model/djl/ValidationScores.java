package io.workbench.model.djl;

import io.workbench.eval.ClassificationMetrics;
import io.workbench.eval.RegressionMetrics;

/**
 * One epoch's validation scores from the network's outputs on the validation part, computed with the
 * evaluation package's metrics: loss (log loss; mean squared error of the standardised target; binary
 * cross-entropy summed over labels), accuracy (label-wise for multi-label), AUROC (binary; mean over labels
 * for multi-label; NaN when a class is absent) and RMSE in target units (regression). Metrics that do not
 * apply are NaN.
 *
 * <pre>{@code
 * ValidationScores v = ValidationScores.of(data, softmaxOutputs);
 * v.loss();
 * }</pre>
 *
 * @param loss validation loss
 * @param accuracy validation accuracy
 * @param auroc validation AUROC
 * @param rmse validation RMSE in target units
 */
record ValidationScores(double loss, double accuracy, double auroc, double rmse) {

  /**
   * Scores of the outputs for the validation rows of {@code data}: probabilities for classification, logits
   * for multi-label, the standardised prediction for regression ({@code rows x outputs}, row-major).
   */
  static ValidationScores of(TrainingData data, float[] out) {
    int k = data.outputs();
    return switch (data.task) {
      case MULTI_LABEL -> multiLabel(data.lVal, out, k);
      case REGRESSION -> regression(data, out);
      default -> classification(data.yVal, out, k);
    };
  }

  /** The score early stopping watches. */
  double monitored(io.workbench.model.EarlyStopping.Monitor m) {
    return switch (m) {
      case ACCURACY -> accuracy;
      case AUROC -> auroc;
      default -> loss;
    };
  }

  private static ValidationScores classification(int[] y, float[] out, int k) {
    int m = y.length;
    double[][] proba = new double[m][k];
    for (int i = 0; i < m; i++) {
      for (int c = 0; c < k; c++) {
        proba[i][c] = out[i * k + c];
      }
    }
    double loss = ClassificationMetrics.logLoss(y, proba);
    double accuracy = ClassificationMetrics.accuracy(y, ClassificationMetrics.argmax(proba));
    double auroc = k == 2 ? auroc(y, ClassificationMetrics.column(proba, 1)) : Double.NaN;
    return new ValidationScores(loss, accuracy, auroc, Double.NaN);
  }

  private static ValidationScores regression(TrainingData data, float[] out) {
    int m = data.rVal.length;
    double[] z = new double[m];
    double[] zHat = new double[m];
    double[] raw = new double[m];
    for (int i = 0; i < m; i++) {
      z[i] = (data.rVal[i] - data.targetMean) / data.targetScale;
      zHat[i] = out[i];
      raw[i] = out[i] * data.targetScale + data.targetMean;
    }
    return new ValidationScores(RegressionMetrics.mse(z, zHat), Double.NaN, Double.NaN,
        RegressionMetrics.rmse(data.rVal, raw));
  }

  /**
   * Binary cross-entropy on logits summed over labels and averaged over rows, label-wise accuracy at
   * probability 0.5 (logit 0), and the mean AUROC over the labels having both values.
   */
  private static ValidationScores multiLabel(int[][] y, float[] logits, int k) {
    int m = y.length;
    double loss = 0;
    int[] truth = new int[m * k];
    int[] predicted = new int[m * k];
    for (int i = 0; i < m; i++) {
      for (int c = 0; c < k; c++) {
        double z = logits[i * k + c];
        int t = y[i][c];
        loss += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
        truth[i * k + c] = t;
        predicted[i * k + c] = z >= 0 ? 1 : 0;
      }
    }
    double sum = 0;
    int count = 0;
    double[] score = new double[m];
    int[] yc = new int[m];
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < m; i++) {
        score[i] = logits[i * k + c];
        yc[i] = y[i][c];
      }
      double a = auroc(yc, score);
      if (!Double.isNaN(a)) {
        sum += a;
        count++;
      }
    }
    return new ValidationScores(loss / m, ClassificationMetrics.accuracy(truth, predicted),
        count == 0 ? Double.NaN : sum / count, Double.NaN);
  }

  /** AUROC, or NaN when the labels hold one class only. */
  private static double auroc(int[] y01, double[] score) {
    boolean pos = false;
    boolean neg = false;
    for (int v : y01) {
      pos |= v == 1;
      neg |= v == 0;
    }
    return pos && neg ? ClassificationMetrics.auroc(y01, score) : Double.NaN;
  }
}
