package io.workbench.explain;

import io.workbench.display.Numbers;
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

  /**
   * How Kernel SHAP draws its coalitions.
   *
   * <ul>
   *   <li>{@link #LEVERAGE} (default): complementary pairs stratified by size, drawn without replacement, the same
   *       number of draws per coalition size (leverage-score sampling, Musco and Witter 2024), each stratum keeping
   *       its exact Shapley-kernel weight; grown in rounds until the standard errors fall below the
   *       {@link #tolerance(double) tolerance} (Covert and Lee 2021) or the budget is spent. Reports standard
   *       errors.</li>
   *   <li>{@link #CUBIC}: the same sample, but the values are those of a third-order surrogate of the coalition game
   *       fitted to it (polynomial Kernel SHAP, Fumagalli, Witter, Musco et al. 2025; see {@code ThirdOrderShapley}):
   *       exact for games whose interactions involve at most three players, and on the bench models several
   *       times more accurate than {@link #LEVERAGE} at equal budget. Its fit grows with {@code M^3} (at most 600
   *       coefficients: past 16 players the third-order terms cover the players with the largest first-order
   *       values; from 600 players on there is room for none and it is {@link #LEVERAGE}), and its standard errors
   *       are known (so that the stopping rule can stop) only once the sample holds more pairs than coefficients;
   *       before that they are {@code NaN}. Best with a fixed {@code samples(n)} and {@code tolerance(0)}.</li>
   *   <li>{@link #SHAP}: the design of shap's {@code KernelExplainer} and of earlier workbench versions (sizes
   *       from the outside in, each enumerated when the budget covers it, the rest drawn in proportion to the
   *       Shapley kernel); a fixed budget and no standard errors.</li>
   * </ul>
   */
  public enum Design {
    /** Paired, size-stratified, leverage-allocated sampling with standard errors and a stopping rule. */
    LEVERAGE,
    /** The {@link #LEVERAGE} sample with a third-order surrogate's Shapley values and standard errors. */
    CUBIC,
    /** shap's design, the previous default. */
    SHAP
  }

  /** Default {@link #tolerance(double)}: standard errors below 1 % of the range of the row's values. */
  public static final double DEFAULT_TOLERANCE = 0.003;

  private long samples;
  private int numFeatures;
  private Design design = Design.LEVERAGE;
  private double tolerance = Double.NaN;

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

  /**
   * The coalition design (default {@link Design#LEVERAGE}); {@link Design#SHAP} gives shap's and the previous
   * default's numbers.
   */
  public KernelShap design(Design d) {
    if (d == null) {
      throw new IllegalArgumentException("design is null; use KernelShap.Design.LEVERAGE, CUBIC or SHAP");
    }
    KernelShap c = copy();
    c.design = d;
    return c;
  }

  /**
   * Stopping rule of the {@link Design#LEVERAGE} and {@link Design#CUBIC} designs: a row's sampling stops once every
   * feature's standard error is at most {@code t} times the range of its values ({@code max phi - min phi}), or when
   * the {@link #samples(long) budget} is spent. Default {@value #DEFAULT_TOLERANCE}; 0 spends the whole budget.
   */
  public KernelShap tolerance(double t) {
    if (!(t >= 0) || Double.isInfinite(t)) {
      throw new IllegalArgumentException("tolerance must be a finite number >= 0, got " + t);
    }
    KernelShap c = copy();
    c.tolerance = t;
    return c;
  }

  @Override
  void validate(int[] shape) {
    if (design == Design.SHAP && tolerance > 0) {
      throw new IllegalArgumentException("tolerance " + tolerance + " needs Design.LEVERAGE (it estimates standard"
          + " errors); Design.SHAP spends a fixed budget: set samples(n) instead");
    }
    if (design == Design.CUBIC && numFeatures > 0) {
      throw new IllegalArgumentException("numFeatures " + numFeatures + " (lasso selection) works with"
          + " Design.LEVERAGE or Design.SHAP, not Design.CUBIC (which fits every player's third-order terms)");
    }
  }

  @Override
  String methodName() {
    return "kernel SHAP";
  }

  @Override
  Attribution compute(Context ctx) {
    int n = ctx.x().length;
    double[] expected = expectedOutputs();
    float[][] bgPredictions = backgroundOutputs();
    double[][] values = new double[n][];
    double[][] errors = design != Design.SHAP ? new double[n][] : null;
    double[] base = new double[n];
    double[] delta = new double[n];
    long[] used = new long[n];
    CoalitionEvaluator[] ev = evaluators(ctx.work(), n);
    int[][] players = players();
    int[] fixed = fixedFeatures(players, model.featureNames().size());
    double tol = Double.isNaN(tolerance) ? DEFAULT_TOLERANCE : tolerance;
    ctx.work().parallel(n, threads(), (i, w) -> {
      float[] x = ctx.x()[i];
      int t = ctx.targets()[i];
      double fx = ctx.fx()[i][t];
      double b0 = baseFor(ev[w], x, t, fixed, expected);
      int[] feat = varying(x, players);
      int m = feat.length;
      double[] phi = new double[players.length];
      double[] se = new double[players.length];
      if (m == 1) {
        phi[feat[0]] = fx - b0;
      } else if (m > 1) {
        long budget = samples > 0 ? samples : 2L * m + 2048;
        SplittableRandom rnd = new SplittableRandom(Work.seedFor(seed(), ctx.rowId(i)));
        Row row = new Row(ev[w], x, t, feat, players, fixed, b0, fx, bgPredictions);
        double[] local;
        double[] localSe = null;
        if (design == Design.SHAP || Math.pow(2, m) - 2 <= budget) {
          Coalitions cs = coalitions(m, budget, rnd);
          local = solve(cs, row.values(cs.masks(), 0), m, fx - b0);
          used[i] = cs.masks().size();
        } else {
          PairedStrata sample = new PairedStrata(m);
          // rounds growing by half until the standard errors meet the tolerance or the budget is spent
          long target = tol > 0 ? Math.min(budget, Math.max(8L * m, 64)) : budget;
          double[] y = new double[0];
          while (true) {
            int before = sample.size();
            sample.growTo(target, rnd);
            double[] more = row.values(sample.masks, before);
            y = java.util.Arrays.copyOf(y, sample.size());
            System.arraycopy(more, 0, y, before, more.length);
            Coalitions cs = new Coalitions(sample.masks, sample.weights(), sample.complete());
            local = solve(cs, y, m, fx - b0);
            boolean last = target >= budget || sample.complete();
            if (design == Design.LEVERAGE || !ThirdOrderShapley.fitsTriples(m)) {
              localSe = KernelShapErrors.of(sample, y, fx - b0, local, active(cs, y, m, fx - b0), m);
            } else if (last || tol > 0 && ThirdOrderShapley.identified(m, sample.unitStratum.size())) {
              ThirdOrderShapley.Estimate e = ThirdOrderShapley.fit(sample, y, fx - b0, m, local, true);
              local = e.phi();
              localSe = e.se();
            } else {
              localSe = null; // not identified yet: keep sampling
            }
            if (last || converged(local, localSe, tol)) {
              break;
            }
            target = Math.min(budget, Math.max(target + 2L * sample.strata.length, (long) Math.ceil(target * 1.5)));
          }
          used[i] = sample.size();
        }
        for (int p = 0; p < m; p++) {
          phi[feat[p]] = local[p];
          se[feat[p]] = localSe == null ? 0 : localSe[p];
        }
      }
      values[i] = phi;
      if (errors != null) {
        errors[i] = se;
      }
      base[i] = b0;
      double sum = 0;
      for (double p : phi) {
        sum += p;
      }
      delta[i] = sum - (fx - b0);
      ctx.work().advance(1);
    });
    long total = 0;
    for (long u : used) {
      total += u;
    }
    Attribution.Builder b = start(ctx).values(values).baseValues(base).convergenceDelta(delta).additive(true)
        .evaluations(sum(ev)).setting("design", design.name().toLowerCase(java.util.Locale.ROOT))
        .setting("samples", samples > 0 ? String.valueOf(samples) : "2M+2048")
        .setting("numFeatures", numFeatures > 0 ? String.valueOf(numFeatures) : "all")
        .setting("background", background.size()).setting("coalitions per row", Numbers.format((double) total / n));
    if (design != Design.SHAP) {
      b.setting("tolerance", tol).standardErrors(errors);
    }
    return b.build();
  }

  /** Every feature's standard error is known and at most {@code tol} times the range of the values. */
  private static boolean converged(double[] phi, double[] se, double tol) {
    if (se == null || !(tol > 0)) {
      return false;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double p : phi) {
      lo = Math.min(lo, p);
      hi = Math.max(hi, p);
    }
    double bound = tol * (hi - lo);
    for (double e : se) {
      if (!(e <= bound)) {
        return false;
      }
    }
    return true;
  }

  /** The players the regression keeps (all, or the lasso's choice with {@link #numFeatures(int)}). */
  private int[] active(Coalitions cs, double[] y, int m, double total) {
    if (numFeatures > 0 && numFeatures < m) {
      return lassoSelect(cs.masks(), cs.weights(), y, m, total, numFeatures);
    }
    int[] all = new int[m];
    for (int p = 0; p < m; p++) {
      all[p] = p;
    }
    return all;
  }

  /**
   * One explained row: evaluates coalitions of its varying players against the background. For a background row
   * {@code b}, the masked row of a coalition {@code S} depends only on {@code S} and the players where {@code b}
   * differs from {@code x} ({@code D_b}); when many players agree with many background rows (categorical or
   * discrete data), each distinct pair ({@code b}, {@code S} and {@code D_b}) is evaluated once, {@code S} covering
   * {@code D_b} is the row itself ({@code f(x)}), and, without fixed features, {@code S} missing {@code D_b} is
   * {@code b} itself (its prediction, made once per call).
   */
  private final class Row {
    private final CoalitionEvaluator ev;
    private final float[] x;
    private final int target;
    private final int[] feat;
    private final int[][] players;
    private final int[] fixed;
    private final double b0;
    private final double fx;
    /** Per background row, the local players where it differs from {@code x}; null: evaluate every pair. */
    private final long[] differs;
    private final double[] bgOut;
    private final java.util.Map<Long, Double>[] seen;

    @SuppressWarnings("unchecked")
    Row(CoalitionEvaluator ev, float[] x, int target, int[] feat, int[][] players, int[] fixed, double b0, double fx,
        float[][] bgPredictions) {
      this.ev = ev;
      this.x = x;
      this.target = target;
      this.feat = feat;
      this.players = players;
      this.fixed = fixed;
      this.b0 = b0;
      this.fx = fx;
      float[][] bg = background.rowsView();
      long[] diff = null;
      // a link applies to the background mean of the raw outputs, which the reuse below does not keep apart
      if (feat.length <= 63 && link == Link.IDENTITY) {
        diff = new long[bg.length];
        long count = 0;
        for (int b = 0; b < bg.length; b++) {
          for (int p = 0; p < feat.length; p++) {
            for (int j : players[feat[p]]) {
              if (bg[b][j] != x[j]) {
                diff[b] |= 1L << p;
                count++;
                break;
              }
            }
          }
        }
        // continuous data: nearly every pair is distinct, so checking for repeats would only cost time
        if (count > 0.9 * bg.length * feat.length) {
          diff = null;
        }
      }
      this.differs = diff;
      this.bgOut = new double[bg.length];
      if (diff != null && fixed.length == 0) {
        for (int b = 0; b < bg.length; b++) {
          bgOut[b] = bgPredictions[b][target];
        }
      }
      this.seen = diff == null ? null : new java.util.Map[bg.length];
    }

    /** {@code v(S) - v(empty)} for the coalitions {@code masks[from..]}. */
    double[] values(List<BitSet> masks, int from) {
      int k = masks.size() - from;
      if (k == 0) {
        return new double[0];
      }
      int[][] members = new int[k][];
      int[] chosen = new int[feat.length + 1];
      for (int q = 0; q < k; q++) {
        BitSet s = masks.get(from + q);
        int c = 0;
        for (int p = s.nextSetBit(0); p >= 0; p = s.nextSetBit(p + 1)) {
          chosen[c++] = feat[p];
        }
        int[] f = featuresOf(players, chosen, c);
        members[q] = new int[fixed.length + f.length];
        System.arraycopy(fixed, 0, members[q], 0, fixed.length);
        System.arraycopy(f, 0, members[q], fixed.length, f.length);
      }
      float[][] bg = background.rowsView();
      double[] v = differs == null ? ev.evaluate(k, q -> target, (q, b, row) -> CoalitionEvaluator.masked(row,
          bg[b], x, members[q], members[q].length), true) : distinct(masks, from, members);
      for (int q = 0; q < k; q++) {
        v[q] -= b0;
      }
      return v;
    }

    /** The coalition values with each distinct masked row evaluated once (see the class comment). */
    private double[] distinct(List<BitSet> masks, int from, int[][] members) {
      int k = masks.size() - from;
      int nb = differs.length;
      double[] w = background.weightsView();
      float[][] bg = background.rowsView();
      // value source per (coalition, background row): >= 0 a new evaluation, -1 f(x), -2 f(b), <= -3 a repeat
      int[] source = new int[k * nb];
      double[] known = new double[k * nb];
      int[] newQ = new int[k * nb];
      int[] newB = new int[k * nb];
      int fresh = 0;
      long[] bits = new long[k];
      for (int q = 0; q < k; q++) {
        long[] words = masks.get(from + q).toLongArray();
        bits[q] = words.length == 0 ? 0 : words[0];
      }
      for (int q = 0; q < k; q++) {
        long s = bits[q];
        for (int b = 0; b < nb; b++) {
          long key = s & differs[b];
          int at = q * nb + b;
          if (key == differs[b]) {
            source[at] = -1;
            known[at] = fx;
          } else if (key == 0 && fixed.length == 0) {
            source[at] = -2;
            known[at] = bgOut[b];
          } else {
            if (seen[b] == null) {
              seen[b] = new java.util.HashMap<>();
            }
            Double prior = seen[b].get(key);
            if (prior != null) {
              source[at] = -3;
              known[at] = prior;
            } else {
              seen[b].put(key, Double.NaN); // evaluated below
              source[at] = fresh;
              newQ[fresh] = q;
              newB[fresh] = b;
              fresh++;
            }
          }
        }
      }
      double[] out = ev.each(fresh, r -> target, (r, unused, row) -> CoalitionEvaluator.masked(row, bg[newB[r]], x,
          members[newQ[r]], members[newQ[r]].length));
      for (int r = 0; r < fresh; r++) {
        seen[newB[r]].put(bits[newQ[r]] & differs[newB[r]], out[r]);
      }
      double[] v = new double[k];
      for (int q = 0; q < k; q++) {
        double sum = 0;
        for (int b = 0; b < nb; b++) {
          int at = q * nb + b;
          double val;
          if (source[at] >= 0) {
            val = out[source[at]];
          } else if (source[at] == -3 && Double.isNaN(known[at])) {
            val = seen[b].get(bits[q] & differs[b]); // first met earlier in this same batch
          } else {
            val = known[at];
          }
          sum += w[b] * val;
        }
        v[q] = sum;
      }
      return v;
    }
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
    return Linalg.largestMagnitudes(beta, k);
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
