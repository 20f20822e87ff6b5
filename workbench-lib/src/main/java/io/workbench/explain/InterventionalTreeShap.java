package io.workbench.explain;

/**
 * Interventional TreeSHAP (Lundberg et al. 2020; shap's {@code feature_perturbation="interventional"}): the exact
 * Shapley values of {@code v(S) = f(x_S, b_rest)} for one reference row {@code b}, averaged over the background.
 * For one tree and one reference, a walk follows {@code x} and {@code b} together where they agree and splits
 * where they differ, recording the features that must be in {@code S} (the {@code x} side, set {@code A}) or out
 * of it ({@code b} side, set {@code B}); a leaf reached with {@code |A| = a, |B| = c} is the game
 * {@code 1[A in S, B out of S]} times its value, whose Shapley values are {@code (a-1)! c! / (a+c)!} for each
 * feature of {@code A} and {@code -a! (c-1)! / (a+c)!} for each of {@code B}. Values are in margin space; in
 * probability space each reference's values are scaled to sum to {@code sigmoid(m(x)) - sigmoid(m(b))} (shap's
 * rescaling for the logistic link), so they add up to {@code P(x) - E_b P(b)}.
 */
final class InterventionalTreeShap {

  private final TreeForest forest;
  /** {@code pos[a][c] = (a-1)! c! / (a+c)!}, {@code neg[a][c] = a! (c-1)! / (a+c)!}. */
  private final double[][] pos;
  private final double[][] neg;

  InterventionalTreeShap(TreeForest forest) {
    this.forest = forest;
    int n = Math.min(forest.features, 64) + 1;
    pos = new double[n + 1][n + 1];
    neg = new double[n + 1][n + 1];
    for (int a = 0; a <= n; a++) {
      for (int c = 0; c <= n; c++) {
        if (a > 0) {
          pos[a][c] = 1.0 / (a * binomial(a + c, a));
        }
        if (c > 0) {
          neg[a][c] = 1.0 / (c * binomial(a + c, c));
        }
      }
    }
  }

  private static double binomial(int n, int k) {
    return KernelShap.binomial(n, k);
  }

  /** The child each split sends {@code x} to, per tree and node id (computed once per row and reference). */
  int[][] routes(float[] x) {
    int[][] out = new int[forest.trees.length][];
    for (int t = 0; t < out.length; t++) {
      TreeForest.Tree tree = forest.trees[t];
      int[] go = new int[tree.feature.length];
      for (int node = 0; node < go.length; node++) {
        if (tree.feature[node] >= 0) {
          go[node] = tree.next(node, x);
        }
      }
      out[t] = go;
    }
    return out;
  }

  /**
   * Adds the margin-space values of output {@code k} for a row against a reference (their {@link #routes}),
   * times {@code scale}, into {@code phi}.
   */
  void add(int k, int[][] rx, int[][] rb, double scale, double[] phi, Scratch s) {
    for (int t = 0; t < forest.trees.length; t++) {
      if (forest.output[t] == k) {
        walk(forest.trees[t], 0, rx[t], rb[t], scale, phi, s, 0, 0);
      }
    }
  }

  /** Per-thread scratch: the state of each feature on the walk (1 in A, -1 in B) and the two stacks. */
  static final class Scratch {
    final byte[] state;
    final int[] inA;
    final int[] inB;

    Scratch(int features) {
      state = new byte[features];
      inA = new int[Math.min(features, 64) + 1];
      inB = new int[Math.min(features, 64) + 1];
    }
  }

  private void walk(TreeForest.Tree tree, int node, int[] x, int[] b, double scale, double[] phi, Scratch s,
      int a, int c) {
    while (tree.feature[node] >= 0) {
      int f = tree.feature[node];
      int nx = x[node];
      int nb = b[node];
      if (nx == nb) {
        node = nx;
      } else if (s.state[f] == 1) {
        node = nx;
      } else if (s.state[f] == -1) {
        node = nb;
      } else if (a >= s.inA.length - 1 || c >= s.inB.length - 1) {
        throw new IllegalStateException("interventional TreeSHAP: a path with more than 64 deciding features");
      } else {
        s.state[f] = 1;
        s.inA[a] = f;
        walk(tree, nx, x, b, scale, phi, s, a + 1, c);
        s.state[f] = -1;
        s.inB[c] = f;
        walk(tree, nb, x, b, scale, phi, s, a, c + 1);
        s.state[f] = 0;
        return;
      }
    }
    double v = tree.value[node] * scale;
    if (a > 0) {
      double wp = v * pos[a][c];
      for (int q = 0; q < a; q++) {
        phi[s.inA[q]] += wp;
      }
    }
    if (c > 0) {
      double wn = v * neg[a][c];
      for (int q = 0; q < c; q++) {
        phi[s.inB[q]] -= wn;
      }
    }
  }
}
