package io.workbench.explain;

import io.workbench.model.Model;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Kernel SHAP (Lundberg and Lee, 2017): a weighted linear regression over sampled coalitions whose solution
 * is the Shapley values, with the efficiency constraint {@code sum phi = f(x) - E f} built in (one unknown is
 * eliminated). Coalitions: subset sizes are visited from the outside in ({@code 1} and {@code M-1}, then
 * {@code 2} and {@code M-2}, ...); a size is enumerated completely when the budget covers all its subsets with
 * their Shapley-kernel weight, the rest is filled by random paired (antithetic: a subset and its complement)
 * draws. When {@code 2^M - 2 <= samples} every coalition is enumerated and the result is exact.
 * Optional L1 selection ({@link #numFeatures(int)}) keeps the {@code k} features a weighted lasso path
 * selects first and solves the constrained regression on those only.
 *
 * <p>Default samples: {@code 2M + 2048} coalitions per row (shap's default), each evaluated against every
 * background row. Features equal to all background rows get exactly 0.
 *
 * <pre>{@code
 * Attribution a = Explain.kernelShap(model, Background.kmeans(train, 20, 1))
 *     .samples(4096).seed(1).explain(test.head(10));
 * }</pre>
 */
public final class KernelShap extends BackgroundExplainer<KernelShap> {

  private long samples;
  private int numFeatures;

  KernelShap(Model model, Background background) {
    super(model, background);
  }

  /** Coalitions per explained row (default {@code 2M + 2048}); at least 1. */
  public KernelShap samples(long n) {
    if (n < 1) {
      throw new IllegalArgumentException("samples must be >= 1, got " + n);
    }
    KernelShap c = copy();
    c.samples = n;
    return c;
  }

  /** Keep only the {@code k} features an L1 (lasso) path selects; the others get 0. 0 = all (default). */
  public KernelShap numFeatures(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("numFeatures must be >= 1, got " + k);
    }
    KernelShap c = copy();
    c.numFeatures = k;
    return c;
  }

  @Override
  String methodName() {
    return "kernel SHAP";
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
        long budget = samples > 0 ? samples : 2L * m + 2048;
        Coalitions cs = coalitions(m, budget, new SplittableRandom(Work.seedFor(seed(), ctx.rowId(i))));
        int k = cs.masks.size();
        int[][] members = new int[k][];
        int[] counts = new int[k];
        int[] chosen = new int[m + 1];
        for (int q = 0; q < k; q++) {
          BitSet s = cs.masks.get(q);
          int c = 0;
          for (int p = s.nextSetBit(0); p >= 0; p = s.nextSetBit(p + 1)) {
            chosen[c++] = feat[p];
          }
          int[] f = featuresOf(players, chosen, c);
          members[q] = new int[fixed.length + f.length];
          System.arraycopy(fixed, 0, members[q], 0, fixed.length);
          System.arraycopy(f, 0, members[q], fixed.length, f.length);
          counts[q] = members[q].length;
        }
        double[] v = ev[w].evaluate(k, q -> t, (q, b, row) -> CoalitionEvaluator.masked(row, bg[b], x, members[q],
            counts[q]), true);
        double[] y = new double[k];
        for (int q = 0; q < k; q++) {
          y[q] = v[q] - b0;
        }
        double[] local = solve(cs, y, m, fx - b0);
        for (int p = 0; p < m; p++) {
          phi[feat[p]] = local[p];
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
        .evaluations(sum(ev)).setting("samples", samples > 0 ? String.valueOf(samples) : "2M+2048")
        .setting("numFeatures", numFeatures > 0 ? String.valueOf(numFeatures) : "all")
        .setting("background", background.size()).build();
  }

  /** Sampled coalitions over {@code m} features with their regression weights. */
  record Coalitions(List<BitSet> masks, double[] weights, boolean exact) {}

  /** Coalition design (see the class comment). Weights sum to one. */
  static Coalitions coalitions(int m, long budget, SplittableRandom rnd) {
    List<BitSet> masks = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    double all = m < 62 ? Math.pow(2, m) - 2 : Double.POSITIVE_INFINITY;
    if (all <= budget) {
      for (int s = 1; s < m; s++) {
        double w = (m - 1) / (binomial(m, s) * s * (m - s));
        final double ws = w;
        forEachSubset(m, s, set -> {
          masks.add(set);
          weights.add(ws);
        });
      }
      return new Coalitions(masks, normalise(weights), true);
    }
    int sizes = (m - 1 + 1) / 2; // ceil((m - 1) / 2)
    int paired = (m - 1) / 2;
    double[] wv = new double[sizes];
    double tot = 0;
    for (int s = 1; s <= sizes; s++) {
      wv[s - 1] = (m - 1.0) / (s * (double) (m - s)) * (s <= paired ? 2 : 1);
      tot += wv[s - 1];
    }
    for (int s = 0; s < sizes; s++) {
      wv[s] /= tot;
    }
    double[] rem = wv.clone();
    double left = budget;
    int full = 0;
    for (int s = 1; s <= sizes; s++) {
      double nsub = binomial(m, s) * (s <= paired ? 2 : 1);
      if (left * rem[s - 1] / nsub < 1 - 1e-8) {
        break;
      }
      full++;
      left -= nsub;
      if (rem[s - 1] < 1) {
        double r = rem[s - 1];
        for (int q = 0; q < sizes; q++) {
          rem[q] /= (1 - r);
        }
      }
      double w = wv[s - 1] / binomial(m, s) / (s <= paired ? 2 : 1);
      boolean pair = s <= paired;
      forEachSubset(m, s, set -> {
        masks.add(set);
        weights.add(w);
        if (pair) {
          BitSet c = (BitSet) set.clone();
          c.flip(0, m);
          masks.add(c);
          weights.add(w);
        }
      });
    }
    int fixed = masks.size();
    if (full < sizes && left >= 1) {
      double[] p = new double[sizes - full];
      double weightLeft = 0;
      for (int s = full; s < sizes; s++) {
        p[s - full] = wv[s];
        weightLeft += wv[s];
      }
      double[] cum = new double[p.length];
      double acc = 0;
      for (int q = 0; q < p.length; q++) {
        acc += p[q] / weightLeft;
        cum[q] = acc;
      }
      Map<BitSet, Integer> index = new HashMap<>();
      List<double[]> count = new ArrayList<>();
      long samplesLeft = (long) left;
      long attempts = 0;
      long maxAttempts = 8 * samplesLeft + 100;
      int[] perm = new int[m];
      while (samplesLeft > 0 && attempts++ < maxAttempts) {
        double u = rnd.nextDouble();
        int q = 0;
        while (q < cum.length - 1 && u >= cum[q]) {
          q++;
        }
        int s = full + 1 + q;
        for (int a = 0; a < m; a++) {
          perm[a] = a;
        }
        BitSet set = new BitSet(m);
        for (int a = 0; a < s; a++) {
          int r = a + rnd.nextInt(m - a);
          int tmp = perm[a];
          perm[a] = perm[r];
          perm[r] = tmp;
          set.set(perm[a]);
        }
        samplesLeft -= add(set, index, masks, count);
        if (s <= paired) {
          BitSet c = (BitSet) set.clone();
          c.flip(0, m);
          samplesLeft -= add(c, index, masks, count);
        }
      }
      double totalCount = 0;
      for (double[] c : count) {
        totalCount += c[0];
      }
      for (double[] c : count) {
        weights.add(c[0] * weightLeft / totalCount);
      }
    }
    if (masks.size() != weights.size() || fixed > masks.size()) {
      throw new IllegalStateException("coalition bookkeeping");
    }
    return new Coalitions(masks, normalise(weights), false);
  }

  private static int add(BitSet set, Map<BitSet, Integer> index, List<BitSet> masks, List<double[]> count) {
    Integer at = index.get(set);
    if (at != null) {
      count.get(at)[0] += 1;
      return 0;
    }
    index.put(set, count.size());
    count.add(new double[] {1});
    masks.add(set);
    return 1;
  }

  private static double[] normalise(List<Double> w) {
    double s = 0;
    for (double v : w) {
      s += v;
    }
    double[] out = new double[w.size()];
    for (int q = 0; q < out.length; q++) {
      out[q] = w.get(q) / s;
    }
    return out;
  }

  /** The constrained weighted least-squares solution over the coalitions (after optional L1 selection). */
  double[] solve(Coalitions cs, double[] y, int m, double total) {
    List<BitSet> masks = cs.masks();
    double[] w = cs.weights();
    int[] active;
    if (numFeatures > 0 && numFeatures < m) {
      active = lassoSelect(masks, w, y, m, total, numFeatures);
    } else {
      active = new int[m];
      for (int p = 0; p < m; p++) {
        active[p] = p;
      }
    }
    double[] phi = new double[m];
    int a = active.length;
    if (a == 1) {
      phi[active[0]] = total;
      return phi;
    }
    int last = active[a - 1];
    int k = masks.size();
    double[][] design = new double[k][a - 1];
    double[] target = new double[k];
    for (int q = 0; q < k; q++) {
      BitSet s = masks.get(q);
      double zl = s.get(last) ? 1 : 0;
      for (int p = 0; p < a - 1; p++) {
        design[q][p] = (s.get(active[p]) ? 1 : 0) - zl;
      }
      target[q] = y[q] - zl * total;
    }
    double[] beta = Linalg.weightedLeastSquares(design, target, w, 0);
    double rest = total;
    for (int p = 0; p < a - 1; p++) {
      phi[active[p]] = beta[p];
      rest -= beta[p];
    }
    phi[last] = rest;
    return phi;
  }

  /**
   * Weighted lasso path (coordinate descent, warm starts, lambda from its maximum down) on
   * {@code y ~ z} plus one heavily weighted row {@code 1 -> total} standing for the efficiency constraint;
   * returns the {@code k} features with the largest |coefficient| once at least {@code k} are non-zero.
   */
  static int[] lassoSelect(List<BitSet> masks, double[] w, double[] y, int m, double total, int k) {
    int rows = masks.size() + 1;
    double[][] z = new double[rows][m];
    double[] yy = new double[rows];
    double[] ww = new double[rows];
    for (int q = 0; q < masks.size(); q++) {
      BitSet s = masks.get(q);
      for (int p = s.nextSetBit(0); p >= 0; p = s.nextSetBit(p + 1)) {
        z[q][p] = 1;
      }
      yy[q] = y[q];
      ww[q] = w[q];
    }
    java.util.Arrays.fill(z[rows - 1], 1);
    yy[rows - 1] = total;
    ww[rows - 1] = 1.0; // the data weights sum to one: the constraint weighs as much as all coalitions
    double[] norm = new double[m];
    double lambdaMax = 0;
    for (int p = 0; p < m; p++) {
      double g = 0;
      for (int q = 0; q < rows; q++) {
        norm[p] += ww[q] * z[q][p] * z[q][p];
        g += ww[q] * z[q][p] * yy[q];
      }
      lambdaMax = Math.max(lambdaMax, Math.abs(g));
    }
    double[] beta = new double[m];
    double[] r = yy.clone();
    for (int step = 1; step <= 100; step++) {
      double lambda = lambdaMax * Math.pow(1e-4, step / 100.0);
      for (int sweep = 0; sweep < 200; sweep++) {
        double maxChange = 0;
        for (int p = 0; p < m; p++) {
          if (norm[p] == 0) {
            continue;
          }
          double rho = 0;
          for (int q = 0; q < rows; q++) {
            if (z[q][p] != 0) {
              rho += ww[q] * (r[q] + beta[p]);
            }
          }
          double nb = Math.signum(rho) * Math.max(0, Math.abs(rho) - lambda) / norm[p];
          double change = nb - beta[p];
          if (change != 0) {
            for (int q = 0; q < rows; q++) {
              if (z[q][p] != 0) {
                r[q] -= change;
              }
            }
            beta[p] = nb;
            maxChange = Math.max(maxChange, Math.abs(change));
          }
        }
        if (maxChange < 1e-9 * (1 + Math.abs(total))) {
          break;
        }
      }
      int nonzero = 0;
      for (double b : beta) {
        if (b != 0) {
          nonzero++;
        }
      }
      if (nonzero >= k) {
        break;
      }
    }
    Integer[] order = new Integer[m];
    for (int p = 0; p < m; p++) {
      order[p] = p;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(beta[b]), Math.abs(beta[a])));
    int[] sel = new int[k];
    for (int p = 0; p < k; p++) {
      sel[p] = order[p];
    }
    java.util.Arrays.sort(sel);
    return sel;
  }

  static double binomial(int n, int k) {
    double c = 1;
    for (int q = 1; q <= k; q++) {
      c = c * (n - k + q) / q;
    }
    return c;
  }

  /** Calls {@code sink} with every subset of {@code 0..m-1} of size {@code s} (fresh BitSets). */
  static void forEachSubset(int m, int s, java.util.function.Consumer<BitSet> sink) {
    int[] idx = new int[s];
    for (int q = 0; q < s; q++) {
      idx[q] = q;
    }
    while (true) {
      BitSet set = new BitSet(m);
      for (int q : idx) {
        set.set(q);
      }
      sink.accept(set);
      int q = s - 1;
      while (q >= 0 && idx[q] == m - s + q) {
        q--;
      }
      if (q < 0) {
        return;
      }
      idx[q]++;
      for (int r = q + 1; r < s; r++) {
        idx[r] = idx[r - 1] + 1;
      }
    }
  }
}
