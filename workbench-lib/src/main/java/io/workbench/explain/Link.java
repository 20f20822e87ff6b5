package io.workbench.explain;

/**
 * The space in which Shapley values explain a classifier (shap's {@code link}): the model's probabilities
 * ({@link #IDENTITY}, the default) or their log-odds ({@link #LOGIT}, the margin space of logistic models and
 * gradient-boosted trees, where TreeSHAP's values live). The link is applied to the expected output over the
 * background, as shap does: {@code v(S) = link(E_b f(x_S, b))}, the base value is {@code link(E_b f(b))} and the
 * explained output {@code link(f(x))}; efficiency holds in the linked space. So with one background row the logit
 * link gives the interventional Shapley values of the margin {@code logit f}; with more rows it is not the
 * average of margins (a log of a mean is not a mean of logs).
 *
 * <pre>{@code
 * Attribution margin = Explain.kernelShap(xgb, Background.of(train.head(1))).link(Link.LOGIT).explain(test.head(5));
 * }</pre>
 */
public enum Link {
  /** The probabilities (or values) themselves. */
  IDENTITY,
  /**
   * {@code log(p / (1 - p))}. Float probabilities saturate: {@code p} is clamped to {@code [2^-24, 1 - 2^-24]}
   * (log-odds within about ±16.6), the resolution of a float near 1.
   */
  LOGIT;

  /** Smallest probability distance from 0 and 1 that the logit link takes (a float's resolution below 1). */
  static final double CLAMP = 0x1p-24;

  /** The linked value. */
  public double apply(double p) {
    if (this == IDENTITY) {
      return p;
    }
    double q = Math.min(1 - CLAMP, Math.max(CLAMP, p));
    return Math.log(q / (1 - q));
  }
}
