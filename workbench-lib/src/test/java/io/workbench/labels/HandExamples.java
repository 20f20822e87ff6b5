package io.workbench.labels;

/** Small probability matrices whose confident-learning quantities are worked out by hand in the tests. */
final class HandExamples {

  private HandExamples() {}

  /**
   * Example A: 12 rows, 3 classes, labels 0,0,0,0,1,1,1,1,2,2,2,2.
   *
   * <pre>
   * row given  p0    p1    p2     confident class (t = 0.6, 0.6, 0.4)
   *  0   0    0.9   0.05  0.05    0
   *  1   0    0.8   0.1   0.1     0
   *  2   0    0.1   0.8   0.1     1   (off-diagonal)
   *  3   0    0.6   0.3   0.1     0   (p0 = 0.6 equals t0 = 2.4/4 up to rounding)
   *  4   1    0.1   0.7   0.2     1
   *  5   1    0.2   0.6   0.2     1   (equal to t1)
   *  6   1    0.05  0.9   0.05    1
   *  7   1    0.7   0.2   0.1     0   (off-diagonal)
   *  8   2    0.1   0.2   0.7     2
   *  9   2    0.2   0.3   0.5     2
   * 10   2    0.3   0.4   0.3     none (0.3 < 0.6, 0.4 < 0.6, 0.3 < 0.4)
   * 11   2    0.1   0.8   0.1     1   (off-diagonal)
   * </pre>
   */
  static final double[][] A_PROBS = {
    {0.9, 0.05, 0.05}, {0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.6, 0.3, 0.1},
    {0.1, 0.7, 0.2}, {0.2, 0.6, 0.2}, {0.05, 0.9, 0.05}, {0.7, 0.2, 0.1},
    {0.1, 0.2, 0.7}, {0.2, 0.3, 0.5}, {0.3, 0.4, 0.3}, {0.1, 0.8, 0.1}
  };

  static final int[] A_LABELS = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};

  /**
   * Example B: 7 rows, 3 classes, labels 0,0,0,1,1,2,2. Thresholds t0 = (1.0 + 0.9 + 0.5) / 3 = 0.8,
   * t1 = (0.3 + 0.1) / 2 = 0.2, t2 = (0.3 + 0.1) / 2 = 0.2.
   *
   * <pre>
   * row given  p0    p1    p2     confident classes -> counted as
   *  0   0    1.0   0     0       {0}      -> 0
   *  1   0    0.9   0.05  0.05    {0}      -> 0
   *  2   0    0.5   0.25  0.25    {1, 2}   -> 1 (argmax among the confident ones, tie to the lower
   *                                              index; cleanlab's code would use the overall argmax 0)
   *  3   1    0.6   0.3   0.1     {1}      -> 1
   *  4   1    0.8   0.1   0.1     {0}      -> 0 (0.8 equals t0 up to rounding)
   *  5   2    0.6   0.1   0.3     {2}      -> 2
   *  6   2    0.8   0.1   0.1     {0}      -> 0
   * </pre>
   */
  static final double[][] B_PROBS = {
    {1.0, 0.0, 0.0}, {0.9, 0.05, 0.05}, {0.5, 0.25, 0.25},
    {0.6, 0.3, 0.1}, {0.8, 0.1, 0.1},
    {0.6, 0.1, 0.3}, {0.8, 0.1, 0.1}
  };

  static final int[] B_LABELS = {0, 0, 0, 1, 1, 2, 2};
}
