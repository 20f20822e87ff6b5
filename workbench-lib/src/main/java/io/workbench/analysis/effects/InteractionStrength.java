package io.workbench.analysis.effects;

import io.workbench.analysis.AnalysisRun;
import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.explain.Target;
import io.workbench.model.Model;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import io.workbench.stats.Stats;
import java.util.ArrayList;
import java.util.List;

/**
 * Friedman's H statistic for pairwise interactions (Friedman &amp; Popescu 2008, eq. 44): with partial
 * dependences centred over the data,
 * {@code H^2_jk = sum_i (PD_jk(x_ij, x_ik) - PD_j(x_ij) - PD_k(x_ik))^2 / sum_i PD_jk(x_ij, x_ik)^2},
 * evaluated at the (sampled) data points, each PD averaging over the same points. H<sup>2</sup> is the
 * share of the pair's joint effect variance that is not additive: 0 for {@code f = g(x_j) + h(x_k)}.
 * Costs {@code n^2} model rows per feature and per pair, in batched calls; keep {@link #rows(int)} modest.
 *
 * <pre>{@code
 * Interactions h = InteractionStrength.create().rows(200).seed(1)
 *     .pairwise(model, data, List.of("x1", "x2", "x3"));
 * h.toTable();          // pairs sorted by H^2
 * h.h2("x1", "x2");
 * }</pre>
 */
public final class InteractionStrength implements RunSettings<InteractionStrength> {

  private final int rows;
  private final Target target;
  private final RunOptions options;

  private InteractionStrength(int rows, Target target, RunOptions options) {
    this.rows = rows;
    this.target = target;
    this.options = options;
  }

  /**
   * Up to 200 data points (drawn with the options' seed, default 42), the positive class of a binary model
   * (the value of a regression model), {@link RunOptions#defaults()}.
   */
  public static InteractionStrength create() {
    return new InteractionStrength(200, Target.auto(), RunOptions.defaults());
  }

  /** At most this many data points, drawn without replacement. */
  public InteractionStrength rows(int max) {
    if (max < 2) {
      throw new IllegalArgumentException("rows must be >= 2, got " + max);
    }
    return new InteractionStrength(max, target, options);
  }

  /**
   * The output analysed for every row: {@link Target#auto()} by default; multi-class models name a
   * class with {@link Target#of(String)}.
   */
  public InteractionStrength target(Target t) {
    Checks.notNull(t, "target");
    return new InteractionStrength(rows, t, options);
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public InteractionStrength withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    return new InteractionStrength(rows, target, o);
  }

  /** H<sup>2</sup> and H for every pair of the given features (at least two). */
  public Interactions pairwise(Model model, Dataset data, List<String> features) {
    Model.checkFeatures(model, data.features());
    if (features.size() < 2) {
      throw new IllegalArgumentException("pairwise needs at least 2 features, got " + features);
    }
    int[] idx = Checks.indices(data.features(), features, "pairwise");
    int o = target.outputIndex(model);
    int[] sample = Stats.sampleIndices(data.rows(), rows, options.seed());
    float[][] x = data.x(sample);
    int n = x.length;
    int pairs = idx.length * (idx.length - 1) / 2;
    double[][] single = new double[idx.length][];
    List<String> fa = new ArrayList<>();
    List<String> fb = new ArrayList<>();
    List<Double> h2 = new ArrayList<>();
    try (AnalysisRun run = AnalysisRun.start("Friedman's H", (long) (idx.length + pairs) * n * n, options)) {
      for (int a = 0; a < idx.length; a++) {
        single[a] = centred(pd(run, model, x, new int[] {idx[a]}, o));
      }
      for (int a = 0; a < idx.length; a++) {
        for (int b = a + 1; b < idx.length; b++) {
          double[] joint = centred(pd(run, model, x, new int[] {idx[a], idx[b]}, o));
          double num = 0;
          double den = 0;
          for (int i = 0; i < joint.length; i++) {
            double r = joint[i] - single[a][i] - single[b][i];
            num += r * r;
            den += joint[i] * joint[i];
          }
          fa.add(features.get(a));
          fb.add(features.get(b));
          h2.add(den == 0 ? 0.0 : num / den);
        }
      }
    }
    return new Interactions(fa, fb, h2.stream().mapToDouble(Double::doubleValue).toArray(), Target.outputName(model, o),
        x.length);
  }

  /** H<sup>2</sup> of one pair. */
  public double h2(Model model, Dataset data, String first, String second) {
    return pairwise(model, data, List.of(first, second)).h2(first, second);
  }

  /** PD of the features {@code cols} at each data point's own values, averaged over all data points. */
  private static double[] pd(AnalysisRun run, Model model, float[][] x, int[] cols, int o) {
    int n = x.length;
    int d = x[0].length;
    float[][] f = new float[n][n];
    run.evaluate(model, (long) n * n, d, (v, dest) -> {
      int i = (int) (v / n);
      int r = (int) (v % n);
      System.arraycopy(x[r], 0, dest, 0, d);
      for (int c : cols) {
        dest[c] = x[i][c];
      }
    }, (v, res) -> f[(int) (v / n)][(int) (v % n)] = res[o]);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < n; r++) {
        out[i] += f[i][r];
      }
      out[i] /= n;
    }
    return out;
  }

  private static double[] centred(double[] v) {
    double m = Stats.mean(v);
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] - m;
    }
    return out;
  }
}
