package io.workbench.explain;

import io.workbench.model.Model;
import java.util.SplittableRandom;

/**
 * Permutation-sampling Shapley values (Castro et al., 2009; shap's PermutationExplainer, Captum's
 * ShapleyValueSampling) with antithetic permutations: each random feature order is walked forwards and
 * backwards, adding features one at a time (absent features from the background) and crediting each
 * feature with the change of the expected output. Efficiency holds exactly for every permutation; the
 * error falls like {@code 1/sqrt(samples)}.
 *
 * <p>Per row: {@code samples} permutations (rounded up to even; default 10), each costing
 * {@code (M - 1) x background} model rows.
 *
 * <pre>{@code
 * Attribution a = Explain.samplingShapley(model, Background.sample(train, 50, 1))
 *     .samples(100).seed(3).explain(test.head(20));
 * }</pre>
 */
public final class SamplingShapley extends BackgroundExplainer<SamplingShapley> {

  private int samples = 10;

  SamplingShapley(Model model, Background background) {
    super(model, background);
  }

  /** Permutations per row, rounded up to an even number (forward + reversed pairs); at least 1. */
  public SamplingShapley samples(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("samples must be >= 1, got " + n);
    }
    SamplingShapley c = copy();
    c.samples = n;
    return c;
  }

  @Override
  String methodName() {
    return "sampling Shapley";
  }

  @Override
  Attribution compute(Context ctx) {
    int n = ctx.x().length;
    int pairs = (samples + 1) / 2;
    double[] expected = expectedOutputs();
    double[][] values = new double[n][];
    double[] base = new double[n];
    double[] delta = new double[n];
    CoalitionEvaluator[] ev = evaluators(ctx.work(), n);
    float[][] bg = background.rowsView();
    int[][] players = players();
    int[] fixed = fixedFeatures(players, model.featureNames().size());
    ctx.work().parallel(n, threads(), (i, w) -> {
      float[] x = ctx.x()[i];
      int t = ctx.targets()[i];
      double fx = ctx.fx()[i][t];
      double b0 = baseFor(ev[w], x, t, fixed, expected);
      int[] feat = varying(x, players);
      int m = feat.length;
      double[] phi = new double[players.length];
      if (m == 1) {
        phi[feat[0]] = fx - b0;
      } else if (m > 1) {
        SplittableRandom rnd = new SplittableRandom(Work.seedFor(seed(), ctx.rowId(i)));
        int perms = 2 * pairs;
        int[][] order = new int[perms][];
        for (int p = 0; p < pairs; p++) {
          int[] o = feat.clone();
          for (int a = m - 1; a > 0; a--) {
            int r = rnd.nextInt(a + 1);
            int tmp = o[a];
            o[a] = o[r];
            o[r] = tmp;
          }
          int[] rev = new int[m];
          for (int a = 0; a < m; a++) {
            rev[a] = o[m - 1 - a];
          }
          order[2 * p] = o;
          order[2 * p + 1] = rev;
        }
        int steps = m - 1;
        // per permutation: the features in order (fixed ones first) and where each prefix of players ends
        int[][] featOrder = new int[perms][];
        int[][] ends = new int[perms][m];
        for (int p = 0; p < perms; p++) {
          int[] f = featuresOf(players, order[p], m);
          featOrder[p] = new int[fixed.length + f.length];
          System.arraycopy(fixed, 0, featOrder[p], 0, fixed.length);
          System.arraycopy(f, 0, featOrder[p], fixed.length, f.length);
          int end = fixed.length;
          for (int a = 0; a < m; a++) {
            end += players[order[p][a]].length;
            ends[p][a] = end;
          }
        }
        double[] v = ev[w].evaluate(perms * steps, q -> t, (q, b, row) -> CoalitionEvaluator.masked(row, bg[b], x,
            featOrder[q / steps], ends[q / steps][q % steps]), true);
        for (int p = 0; p < perms; p++) {
          double prev = b0;
          for (int a = 0; a < m; a++) {
            double cur = a == m - 1 ? fx : v[p * steps + a];
            phi[order[p][a]] += cur - prev;
            prev = cur;
          }
        }
        for (int j = 0; j < phi.length; j++) {
          phi[j] /= perms;
        }
      }
      values[i] = phi;
      base[i] = b0;
      double sum = 0;
      for (double p : phi) {
        sum += p;
      }
      delta[i] = sum - (fx - b0);
      ctx.work().advance(1);
    });
    return start(ctx).values(values).baseValues(base).convergenceDelta(delta).additive(true)
        .evaluations(sum(ev)).setting("permutations", 2 * pairs).setting("background", background.size()).build();
  }
}
