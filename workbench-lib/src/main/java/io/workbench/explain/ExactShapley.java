package io.workbench.explain;

import io.workbench.model.Model;

/**
 * Exact interventional Shapley values for few features (at most {@value #MAX_FEATURES} that differ from the
 * background): all {@code 2^M} coalitions are evaluated against every background row, in Gray-code order
 * (consecutive coalitions differ by one feature, so each masked row is updated in place rather than
 * rebuilt), then {@code phi_i = sum_{S not containing i} |S|!(M-|S|-1)!/M! (v(S+i) - v(S))}. Features equal
 * to every background row's value get exactly 0 and are left out of {@code M}.
 *
 * <pre>{@code
 * Attribution a = Explain.exactShapley(model, Background.of(train.head(50))).explain(test.head(5));
 * a.additivityGap();   // ~1e-7: exact efficiency
 * }</pre>
 */
public final class ExactShapley extends BackgroundExplainer<ExactShapley> {

  /** The largest number of varying features enumerated. */
  public static final int MAX_FEATURES = 20;

  ExactShapley(Model model, Background background) {
    super(model, background);
  }

  @Override
  String methodName() {
    return "exact Shapley";
  }

  @Override
  Attribution compute(Context ctx) {
    int n = ctx.x().length;
    double[] expected = expectedOutputs();
    double[][] values = new double[n][];
    double[] base = new double[n];
    double[] delta = new double[n];
    CoalitionEvaluator[] ev = evaluators(ctx.work(), n);
    float[][] bg = background.rowsView();
    int[][] players = players();
    for (int i = 0; i < n; i++) {
      int m = varying(ctx.x()[i], players).length;
      if (m > MAX_FEATURES) {
        throw new IllegalArgumentException("exact Shapley enumerates 2^M coalitions; row " + i + " has M = " + m
            + " features that differ from the background (at most " + MAX_FEATURES
            + "); use Explain.kernelShap or Explain.samplingShapley");
      }
    }
    ctx.work().parallel(n, threads(), (i, w) -> {
      float[] x = ctx.x()[i];
      int t = ctx.targets()[i];
      int[] feat = varying(x, players);
      int m = feat.length;
      double[] phi = new double[players.length];
      double[] vEmpty = {Double.NaN};
      if (m > 0) {
        int size = 1 << m;
        int nb = bg.length;
        float[][] cur = new float[nb][];
        int[] fixed = fixedFeatures(players, x.length);
        for (int b = 0; b < nb; b++) {
          cur[b] = bg[b].clone();
          for (int j : fixed) {
            cur[b][j] = x[j];
          }
        }
        int[] state = {0};
        double[] byGray = ev[w].evaluate(size, k -> t, (k, b, row) -> {
          if (b == 0 && k > 0) {
            int g = k ^ (k >>> 1);
            int bit = Integer.numberOfTrailingZeros(g ^ state[0]);
            boolean in = ((g >>> bit) & 1) == 1;
            for (int j : players[feat[bit]]) {
              for (int bb = 0; bb < nb; bb++) {
                cur[bb][j] = in ? x[j] : bg[bb][j];
              }
            }
            state[0] = g;
          }
          System.arraycopy(cur[b], 0, row, 0, row.length);
        });
        double[] v = new double[size];
        for (int k = 0; k < size; k++) {
          v[k ^ (k >>> 1)] = byGray[k];
        }
        vEmpty[0] = v[0];
        double[] weight = shapleyWeights(m);
        for (int q = 0; q < m; q++) {
          int bitQ = 1 << q;
          double s = 0;
          for (int set = 0; set < size; set++) {
            if ((set & bitQ) == 0) {
              s += weight[Integer.bitCount(set)] * (v[set | bitQ] - v[set]);
            }
          }
          phi[feat[q]] = s;
        }
      }
      values[i] = phi;
      base[i] = m > 0 ? vEmpty[0] : baseFor(ev[w], x, t, fixedFeatures(players, x.length), expected);
      double sum = 0;
      for (double p : phi) {
        sum += p;
      }
      delta[i] = sum - (ctx.fx()[i][t] - base[i]);
      ctx.work().advance(1);
    });
    return start(ctx).values(values).baseValues(base).convergenceDelta(delta).additive(true)
        .evaluations(sum(ev)).setting("background", background.size()).build();
  }

  /** {@code w[s] = s! (m - s - 1)! / m!} for coalition sizes {@code s = 0..m-1}. */
  static double[] shapleyWeights(int m) {
    double[] w = new double[m];
    for (int s = 0; s < m; s++) {
      // 1 / (m * C(m-1, s))
      double c = 1;
      for (int q = 1; q <= s; q++) {
        c = c * (m - 1 - s + q) / q;
      }
      w[s] = 1.0 / (m * c);
    }
    return w;
  }
}
