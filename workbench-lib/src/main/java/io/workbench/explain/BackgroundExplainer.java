package io.workbench.explain;

import io.workbench.model.Model;

/**
 * An explainer whose absent features are taken from a {@link Background} (interventional Shapley values):
 * {@code v(S) = sum_b w_b f(x_S, b_rest)}. The base value is {@code v(empty) = E_b f(b)}.
 *
 * @param <B> the concrete explainer type
 */
public abstract class BackgroundExplainer<B extends BackgroundExplainer<B>> extends Explainer<B> {

  final Background background;

  BackgroundExplainer(Model model, Background background) {
    super(model);
    if (background == null) {
      throw new IllegalArgumentException("background is null");
    }
    background.checkAgainst(model);
    this.background = background;
  }

  /** The background distribution. */
  public Background background() {
    return background;
  }

  /** {@code E_b f(b)} per output index. */
  double[] expectedOutputs() {
    float[][] fb = predict(model, background.rowsView(), batchRows);
    double[] w = background.weightsView();
    double[] e = new double[fb[0].length];
    for (int b = 0; b < fb.length; b++) {
      for (int k = 0; k < e.length; k++) {
        e[k] += w[b] * fb[b][k];
      }
    }
    return e;
  }

  /** Indices of features where some background row differs from {@code x}; the others get exactly 0. */
  int[] varying(float[] x) {
    float[][] bg = background.rowsView();
    int d = x.length;
    int[] out = new int[d];
    int n = 0;
    for (int j = 0; j < d; j++) {
      for (float[] row : bg) {
        if (row[j] != x[j]) {
          out[n++] = j;
          break;
        }
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** One evaluator per worker. */
  CoalitionEvaluator[] evaluators(Work work) {
    CoalitionEvaluator[] ev = new CoalitionEvaluator[threads];
    for (int w = 0; w < threads; w++) {
      ev[w] = new CoalitionEvaluator(model, background.weightsView(), model.featureNames().size(), batchRows, work);
    }
    return ev;
  }

  static long sum(CoalitionEvaluator[] ev) {
    long s = 0;
    for (CoalitionEvaluator e : ev) {
      s += e.evaluations;
    }
    return s;
  }
}
