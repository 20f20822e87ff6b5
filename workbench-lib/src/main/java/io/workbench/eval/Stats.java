package io.workbench.eval;

/** Distribution functions for the tests: normal, chi-square with one degree of freedom, binomial(n, 1/2). */
final class Stats {

  private static final double LN_SQRT_PI = 0.5 * Math.log(Math.PI);
  private static final double EPS = 1e-16;

  private Stats() {}

  /** Standard normal cumulative distribution function. */
  static double normalCdf(double x) {
    return x >= 0 ? 1 - 0.5 * erfc(x / Math.sqrt(2)) : 0.5 * erfc(-x / Math.sqrt(2));
  }

  /** Two-sided p-value of a standard normal statistic: {@code 2 P(Z > |z|)}. */
  static double normalTwoSided(double z) {
    return Math.min(1, erfc(Math.abs(z) / Math.sqrt(2)));
  }

  /** {@code P(X > x)} for a chi-square variable with one degree of freedom. */
  static double chiSquare1Survival(double x) {
    if (x <= 0) {
      return 1;
    }
    return upperGammaHalf(x / 2);
  }

  /** Complementary error function for {@code x >= 0}: {@code erfc(x) = Q(1/2, x^2)}. */
  static double erfc(double x) {
    if (x < 0) {
      return 2 - erfc(-x);
    }
    return upperGammaHalf(x * x);
  }

  /** Regularised upper incomplete gamma function {@code Q(1/2, x)}. */
  static double upperGammaHalf(double x) {
    final double a = 0.5;
    if (x == 0) {
      return 1;
    }
    double logPrefix = -x + a * Math.log(x) - LN_SQRT_PI;
    if (x < a + 1) {
      // series for the lower function P(a, x)
      double term = 1 / a;
      double sum = term;
      for (int n = 1; n < 1000; n++) {
        term *= x / (a + n);
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * EPS) {
          break;
        }
      }
      return 1 - sum * Math.exp(logPrefix);
    }
    // continued fraction for Q(a, x), evaluated with the modified Lentz method
    double tiny = 1e-300;
    double b = x + 1 - a;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 1000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < tiny) {
        d = tiny;
      }
      c = b + an / c;
      if (Math.abs(c) < tiny) {
        c = tiny;
      }
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPS) {
        break;
      }
    }
    return Math.exp(logPrefix) * h;
  }

  /** {@code P(X <= k)} for {@code X ~ Binomial(n, 1/2)}, summed in log space. */
  static double binomialHalfCdf(int k, int n) {
    if (k < 0) {
      return 0;
    }
    if (k >= n) {
      return 1;
    }
    double logHalfN = n * Math.log(0.5);
    double logC = 0;
    double sum = Math.exp(logHalfN);
    for (int i = 1; i <= k; i++) {
      logC += Math.log(n - i + 1) - Math.log(i);
      sum += Math.exp(logC + logHalfN);
    }
    return Math.min(1, sum);
  }

  /** Linear-interpolation quantile of sorted values (numpy's default, type 7). */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Sample standard deviation (divisor n - 1); 0 for a single value. */
  static double sd(double[] v) {
    if (v.length < 2) {
      return 0;
    }
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / (v.length - 1));
  }
}
