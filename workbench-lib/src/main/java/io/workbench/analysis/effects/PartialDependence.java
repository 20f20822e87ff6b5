package io.workbench.analysis.effects;

import io.workbench.analysis.AnalysisRun;
import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.explain.Target;
import io.workbench.model.Model;
import io.workbench.run.RunOptions;
import io.workbench.run.RunSettings;
import io.workbench.stats.Stats;

/**
 * Partial dependence (Friedman 2001) and individual conditional expectation (ICE, Goldstein et al.
 * 2015) for one feature or a pair, on a quantile or uniform grid over the feature's range. Every row of
 * the (sampled) data is evaluated at every grid point in batched calls; PD is the mean of the ICE
 * curves. Centred ICE subtracts each curve's value at the first grid point.
 *
 * <pre>{@code
 * PartialDependence pd = PartialDependence.create().gridSize(20).rows(500).seed(42).threads(2);
 * PdCurve c = pd.oneWay(model, test, "bmi");          // c.grid(), c.pd(), c.ice()
 * PdSurface s = pd.twoWay(model, test, "bmi", "age");  // s.pd()[i][j]
 * PdCurve centred = pd.centered(true).target(Target.of("malignant")).oneWay(model, test, "radius");
 * }</pre>
 */
public final class PartialDependence implements RunSettings<PartialDependence> {

  private int gridSize = 20;
  private GridType grid = GridType.QUANTILE;
  private int rows = 1000;
  private boolean centered;
  private Target target = Target.auto();
  private RunOptions options = RunOptions.defaults();

  private PartialDependence() {}

  /**
   * 20 quantile grid points, up to 1000 rows (drawn with the options' seed, default 42), not centred, the
   * positive class of a binary model (the value of a regression model), {@link RunOptions#defaults()}.
   */
  public static PartialDependence create() {
    return new PartialDependence();
  }

  private PartialDependence copy() {
    PartialDependence c = new PartialDependence();
    c.gridSize = gridSize;
    c.grid = grid;
    c.rows = rows;
    c.centered = centered;
    c.target = target;
    c.options = options;
    return c;
  }

  /** Grid points per feature, at least 2 (fewer when a quantile grid repeats values). */
  public PartialDependence gridSize(int points) {
    if (points < 2) {
      throw new IllegalArgumentException("gridSize must be >= 2, got " + points);
    }
    PartialDependence c = copy();
    c.gridSize = points;
    return c;
  }

  /** Quantile or uniform grid. */
  public PartialDependence grid(GridType type) {
    Checks.notNull(type, "grid type");
    PartialDependence c = copy();
    c.grid = type;
    return c;
  }

  /** At most this many rows (ICE curves), drawn without replacement with the options' seed. */
  public PartialDependence rows(int max) {
    Checks.positive(max, "rows");
    PartialDependence c = copy();
    c.rows = max;
    return c;
  }

  /** Centred ICE: each curve minus its value at the first grid point (PD is centred the same way). */
  public PartialDependence centered(boolean on) {
    PartialDependence c = copy();
    c.centered = on;
    return c;
  }

  /**
   * The output followed for every row: {@link Target#auto()} by default (class 1 of a binary model, the
   * value of a regression model); multi-class models name a class with {@link Target#of(String)}.
   */
  public PartialDependence target(Target t) {
    Checks.notNull(t, "target");
    PartialDependence c = copy();
    c.target = t;
    return c;
  }

  @Override
  public RunOptions options() {
    return options;
  }

  @Override
  public PartialDependence withOptions(RunOptions o) {
    Checks.notNull(o, "options");
    PartialDependence c = copy();
    c.options = o;
    return c;
  }

  /** PD and ICE curves of one feature. */
  public PdCurve oneWay(Model model, Dataset data, String feature) {
    Model.checkFeatures(model, data.features());
    int j = Checks.indices(data.features(), java.util.List.of(feature), "oneWay")[0];
    int o = target.outputIndex(model);
    double[] g = grid.grid(data.column(feature), gridSize);
    int[] sample = Stats.sampleIndices(data.rows(), rows, options.seed());
    float[][] x = data.x(sample);
    int n = x.length;
    int d = x[0].length;
    int gs = g.length;
    double[][] ice = new double[n][gs];
    try (AnalysisRun run = AnalysisRun.start("partial dependence", (long) n * gs, options)) {
      run.evaluate(model, (long) n * gs, d, (v, dest) -> {
        int i = (int) (v / gs);
        System.arraycopy(x[i], 0, dest, 0, d);
        dest[j] = (float) g[(int) (v % gs)];
      }, (v, out) -> ice[(int) (v / gs)][(int) (v % gs)] = out[o]);
    }
    if (centered) {
      for (double[] c : ice) {
        double base = c[0];
        for (int t = 0; t < gs; t++) {
          c[t] -= base;
        }
      }
    }
    double[] pd = new double[gs];
    for (double[] c : ice) {
      for (int t = 0; t < gs; t++) {
        pd[t] += c[t] / n;
      }
    }
    return new PdCurve(feature, Target.outputName(model, o), g, pd, ice, centered);
  }

  /** PD surface (and ICE surfaces) of a pair of features. */
  public PdSurface twoWay(Model model, Dataset data, String first, String second) {
    Model.checkFeatures(model, data.features());
    int[] jk = Checks.indices(data.features(), java.util.List.of(first, second), "twoWay");
    int o = target.outputIndex(model);
    double[] ga = grid.grid(data.column(first), gridSize);
    double[] gb = grid.grid(data.column(second), gridSize);
    int[] sample = Stats.sampleIndices(data.rows(), rows, options.seed());
    float[][] x = data.x(sample);
    int n = x.length;
    int d = x[0].length;
    int na = ga.length;
    int nb = gb.length;
    int cells = na * nb;
    float[][][] ice = new float[n][na][nb];
    try (AnalysisRun run = AnalysisRun.start("partial dependence", (long) n * cells, options)) {
      run.evaluate(model, (long) n * cells, d, (v, dest) -> {
        int i = (int) (v / cells);
        int c = (int) (v % cells);
        System.arraycopy(x[i], 0, dest, 0, d);
        dest[jk[0]] = (float) ga[c / nb];
        dest[jk[1]] = (float) gb[c % nb];
      }, (v, out) -> {
        int c = (int) (v % cells);
        ice[(int) (v / cells)][c / nb][c % nb] = out[o];
      });
    }
    double[][] pd = new double[na][nb];
    for (float[][] surface : ice) {
      float base = surface[0][0];
      for (int a = 0; a < na; a++) {
        for (int b = 0; b < nb; b++) {
          if (centered) {
            surface[a][b] -= base;
          }
          pd[a][b] += (double) surface[a][b] / n;
        }
      }
    }
    return new PdSurface(first, second, Target.outputName(model, o), ga, gb, pd, ice, centered);
  }
}
