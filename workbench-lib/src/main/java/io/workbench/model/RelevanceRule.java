package io.workbench.model;

import java.util.Arrays;

/**
 * How layer-wise relevance propagation (LRP; Bach et al. 2015, Montavon et al. 2019 "Layer-wise relevance
 * propagation: an overview") hands the relevance {@code R_k} of a stage's outputs down to its inputs {@code
 * x_j}. For a dense or convolution stage {@code z_k = sum_j x_j w_jk + b_k} (batch norm folded in):
 *
 * <ul>
 *   <li>{@link #epsilon(double)}: {@code R_j = sum_k x_j w_jk / (z_k + eps sign(z_k)) R_k}; {@code eps = 0} is
 *       LRP-0, which on a bias-free ReLU network equals gradient x input;
 *   <li>{@link #gamma(double)}: the weights {@code w + gamma w+} favour positive contributions (biases {@code b +
 *       gamma b+});
 *   <li>{@link #alphaBeta(double, double)}: {@code R_j = sum_k (alpha (x_j w_jk)+ / z+_k - beta (x_j w_jk)- /
 *       z-_k) R_k} with {@code alpha - beta = 1} (positive and negative parts of the bias included);
 *   <li>{@link #zPlus()}: the positive contributions only, {@code (x_j w_jk)+ / sum_j (x_j w_jk)+}, no bias
 *       (alpha 1, beta 0 of deep Taylor decomposition);
 *   <li>{@link #zBox(float[], float[])}: the z^B rule for inputs bounded by {@code low <= x <= high}
 *       (Montavon et al. 2017): {@code (x_j w_jk - l_j w+_jk - h_j w-_jk) / sum_j (...)}, for the first layer;
 *   <li>{@link #flat()} and {@link #wSquare()}: the relevance spread uniformly over, or in proportion to the
 *       squared weights of, each output's inputs (for the first layer, ignoring the input values).
 * </ul>
 *
 * Other stages: activations, flattening and dropout pass relevance on unchanged ({@link #pass()}); a max-pool
 * gives each window's relevance to its maximum ({@link #winnerTakesAll()}); the global average pool uses the
 * epsilon rule. Rules never create relevance; the biases absorb some (a bias-free network with LRP-0, z+ or
 * alpha-beta with non-zero denominators conserves it stage by stage). Which stage takes which rule is decided by
 * a composite ({@code explain.LrpComposite}).
 *
 * <pre>{@code
 * RelevanceRule.epsilon(0.25);
 * RelevanceRule.gamma(0.25);
 * RelevanceRule.alphaBeta(2, 1);
 * RelevanceRule.zBox(new float[] {0}, new float[] {1});   // one bound for every input, in raw units
 * }</pre>
 *
 * @param kind the rule
 * @param a its first parameter (epsilon, gamma or alpha; 0 when unused)
 * @param b its second parameter (beta; 0 when unused)
 * @param low z^B lower bounds in raw input units, one per feature or one for all (empty when unused)
 * @param high z^B upper bounds in raw input units, one per feature or one for all (empty when unused)
 */
public record RelevanceRule(Kind kind, double a, double b, float[] low, float[] high)
    implements java.io.Serializable {

  /** The rules. */
  public enum Kind {
    /** LRP-epsilon (epsilon 0: LRP-0). */
    EPSILON,
    /** LRP-gamma. */
    GAMMA,
    /** LRP-alpha-beta. */
    ALPHA_BETA,
    /** LRP-z+ (alpha 1, beta 0, no bias). */
    Z_PLUS,
    /** The z^B (box) rule for bounded inputs. */
    Z_BOX,
    /** The flat rule. */
    FLAT,
    /** The w^2 rule. */
    W_SQUARE,
    /** Relevance passed on unchanged (activations, flattening, dropout, standardisation). */
    PASS,
    /** A max-pool window's relevance goes to its maximum. */
    WINNER_TAKES_ALL
  }

  /** Checks the parameters and copies the bounds. */
  public RelevanceRule {
    if (kind == null) {
      throw new IllegalArgumentException("RelevanceRule: kind is null; valid kinds are " + Arrays.toString(Kind.values()));
    }
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      throw new IllegalArgumentException("RelevanceRule " + kind + ": parameters must be finite, got " + a + " and " + b);
    }
    low = low == null ? new float[0] : low.clone();
    high = high == null ? new float[0] : high.clone();
  }

  /** LRP-epsilon: {@code eps >= 0} (0 is LRP-0). */
  public static RelevanceRule epsilon(double eps) {
    if (!(eps >= 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("epsilon must be finite and >= 0, got " + eps);
    }
    return new RelevanceRule(Kind.EPSILON, eps, 0, null, null);
  }

  /** LRP-0: the epsilon rule with {@code eps = 0}. */
  public static RelevanceRule zero() {
    return epsilon(0);
  }

  /** LRP-gamma: {@code gamma >= 0} (0 is LRP-0; zennit's default 0.25). */
  public static RelevanceRule gamma(double gamma) {
    if (!(gamma >= 0) || Double.isInfinite(gamma)) {
      throw new IllegalArgumentException("gamma must be finite and >= 0, got " + gamma);
    }
    return new RelevanceRule(Kind.GAMMA, gamma, 0, null, null);
  }

  /** LRP-alpha-beta: {@code alpha - beta = 1}, {@code beta >= 0} (for example 2 and 1, or 1 and 0). */
  public static RelevanceRule alphaBeta(double alpha, double beta) {
    if (!(beta >= 0) || !Double.isFinite(alpha) || !Double.isFinite(beta) || Math.abs(alpha - beta - 1) > 1e-12) {
      throw new IllegalArgumentException("alphaBeta needs alpha - beta = 1 and beta >= 0 (relevance is conserved), got "
          + "alpha " + alpha + " and beta " + beta);
    }
    return new RelevanceRule(Kind.ALPHA_BETA, alpha, beta, null, null);
  }

  /** LRP-z+ (positive contributions only, no bias). */
  public static RelevanceRule zPlus() {
    return new RelevanceRule(Kind.Z_PLUS, 0, 0, null, null);
  }

  /**
   * The z^B rule for inputs within {@code [low, high]}, given in raw input units: one value per input feature, or
   * a single value for every feature. Only for the first dense or convolution stage.
   */
  public static RelevanceRule zBox(float[] low, float[] high) {
    if (low == null || high == null || low.length == 0 || low.length != high.length) {
      throw new IllegalArgumentException("zBox needs low and high bounds of the same non-zero length (one per feature,"
          + " or one for all), got " + (low == null ? "null" : low.length) + " and "
          + (high == null ? "null" : high.length));
    }
    for (int j = 0; j < low.length; j++) {
      if (!Float.isFinite(low[j]) || !Float.isFinite(high[j]) || low[j] > high[j]) {
        throw new IllegalArgumentException("zBox bound " + j + " must be finite with low <= high, got [" + low[j] + ", "
            + high[j] + "]");
      }
    }
    return new RelevanceRule(Kind.Z_BOX, 0, 0, low, high);
  }

  /** The z^B rule with one lower and one upper bound for every input (for example 0 and 1 for pixels). */
  public static RelevanceRule zBox(double low, double high) {
    return zBox(new float[] {(float) low}, new float[] {(float) high});
  }

  /** The flat rule: each output's relevance spread uniformly over its inputs. */
  public static RelevanceRule flat() {
    return new RelevanceRule(Kind.FLAT, 0, 0, null, null);
  }

  /** The w^2 rule: each output's relevance spread in proportion to the squared weights. */
  public static RelevanceRule wSquare() {
    return new RelevanceRule(Kind.W_SQUARE, 0, 0, null, null);
  }

  /** Relevance passed on unchanged. */
  public static RelevanceRule pass() {
    return new RelevanceRule(Kind.PASS, 0, 0, null, null);
  }

  /** A max-pool window's relevance to its maximum. */
  public static RelevanceRule winnerTakesAll() {
    return new RelevanceRule(Kind.WINNER_TAKES_ALL, 0, 0, null, null);
  }

  /** Whether the rule redistributes through weights (dense and convolution stages). */
  public boolean isLinearRule() {
    return switch (kind) {
      case PASS, WINNER_TAKES_ALL -> false;
      default -> true;
    };
  }

  @Override
  public float[] low() {
    return low.clone();
  }

  @Override
  public float[] high() {
    return high.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RelevanceRule r && kind == r.kind && a == r.a && b == r.b && Arrays.equals(low, r.low)
        && Arrays.equals(high, r.high);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + Double.hashCode(a) * 7 + Double.hashCode(b);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case EPSILON -> a == 0 ? "LRP-0" : "epsilon(" + a + ")";
      case GAMMA -> "gamma(" + a + ")";
      case ALPHA_BETA -> "alpha" + fmt(a) + "beta" + fmt(b);
      case Z_PLUS -> "z+";
      case Z_BOX -> "zB";
      case FLAT -> "flat";
      case W_SQUARE -> "w^2";
      case PASS -> "pass";
      case WINNER_TAKES_ALL -> "winner-takes-all";
    };
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
