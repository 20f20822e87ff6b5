package io.workbench.explain.rules;

/**
 * Confidence bounds on a Bernoulli mean from the Kullback-Leibler divergence, as KL-LUCB uses them (Kaufmann
 * and Kalyanakrishnan 2013): the largest (smallest) {@code q} with {@code n * KL(p || q) <= beta}, found by
 * bisection.
 */
final class KlBounds {

  private static final int STEPS = 20;

  private KlBounds() {}

  /** {@code KL(p || q)} of two Bernoulli distributions, with {@code q} kept inside (0, 1). */
  static double kl(double p, double q) {
    double qq = Math.min(Math.max(q, 1e-12), 1 - 1e-12);
    double a = p > 0 ? p * Math.log(p / qq) : 0;
    double b = p < 1 ? (1 - p) * Math.log((1 - p) / (1 - qq)) : 0;
    return a + b;
  }

  /** The upper bound: the largest {@code q >= p} with {@code KL(p || q) <= level}. */
  static double upper(double p, double level) {
    double lo = p;
    double hi = Math.min(1, p + Math.sqrt(level / 2));
    for (int s = 0; s < STEPS; s++) {
      double mid = (lo + hi) / 2;
      if (kl(p, mid) > level) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** The lower bound: the smallest {@code q <= p} with {@code KL(p || q) <= level}. */
  static double lower(double p, double level) {
    double hi = p;
    double lo = Math.max(0, p - Math.sqrt(level / 2));
    for (int s = 0; s < STEPS; s++) {
      double mid = (lo + hi) / 2;
      if (kl(p, mid) > level) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The exploration rate of KL-LUCB at round {@code t} over {@code arms} arms (the anchor paper's constants). */
  static double beta(int arms, int t, double delta) {
    double temp = Math.log(405.5 * arms * Math.pow(t, 1.1) / delta);
    return temp + Math.log(temp);
  }
}
