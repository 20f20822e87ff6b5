package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

/** What the Kernel SHAP stopping rule promises, checked on a result: the designs' tests share it. */
final class StoppingRuleAssertions {

  private StoppingRuleAssertions() {}

  /** Every feature's standard error of every row is at most {@code tol} times the range of that row's values. */
  static void standardErrorsWithin(Attribution a, double tol, int features) {
    double[][] se = a.standardErrors().orElseThrow();
    for (int i = 0; i < se.length; i++) {
      double[] v = a.values(i);
      double range = Arrays.stream(v).max().orElseThrow() - Arrays.stream(v).min().orElseThrow();
      for (int j = 0; j < features; j++) {
        assertTrue(se[i][j] <= tol * range, "row " + i + " feature " + j + ": " + se[i][j] + " > " + tol + " x "
            + range);
      }
    }
  }
}
