package io.workbench.analysis.effects;

import io.workbench.analysis.Batches;
import io.workbench.analysis.Outputs;
import io.workbench.check.Checks;
import io.workbench.data.Dataset;
import io.workbench.model.Model;
import io.workbench.stats.Stats;

/**
 * Partial dependence (Friedman 2001) and individual conditional expectation (ICE, Goldstein et al.
 * 2015) for one feature or a pair, on a quantile or uniform grid over the feature's range. Every row of
 * the (sampled) data is evaluated at every grid point in batched calls; PD is the mean of the ICE
 * curves. Centred ICE subtracts each curve's value at the first grid point.
 *
 * <pre>{@code
 * PartialDependence pd = PartialDependence.create().gridSize(20).rows(500).seed(42);
 * PdCurve c = pd.oneWay(model, test, "bmi");          // c.grid(), c.pd(), c.ice()
 * PdSurface s = pd.twoWay(model, test, "bmi", "age");  // s.pd()[i][j]
 * PdCurve centred = pd.centered(true).output("malignant").oneWay(model, test, "radius");
 * }</pre>
 */
public final class PartialDependence {

  private final int gridSize;
  private final GridType grid;
  private final int rows;
  private final long seed;
  private final boolean centered;
  private final String output;
  private final int batchRows;

  private PartialDependence(int gridSize, GridType grid, int rows, long seed, boolean centered, String output,
      int batchRows) {
    this.gridSize = gridSize;
    this.grid = grid;
    this.rows = rows;
    this.seed = seed;
    this.centered = centered;
    this.output = output;
    this.batchRows = batchRows;
  }

  /** 20 quantile grid points, up to 1000 rows (seed 42), not centred, 4096 rows per model call. */
  public static PartialDependence create() {
    return new PartialDependence(20, GridType.QUANTILE, 1000, 42, false, null, 4096);
  }

  /** Grid points per feature, at least 2 (fewer when a quantile grid repeats values). */
  public PartialDependence gridSize(int points) {
    if (points < 2) {
      throw new IllegalArgumentException("gridSize must be >= 2, got " + points);
    }
    return new PartialDependence(points, grid, rows, seed, centered, output, batchRows);
  }

  /** Quantile or uniform grid. */
  public PartialDependence grid(GridType type) {
    return new PartialDependence(gridSize, java.util.Objects.requireNonNull(type, "type"), rows, seed, centered,
        output, batchRows);
  }

  /** At most this many rows (ICE curves), drawn without replacement with {@link #seed(long)}. */
  public PartialDependence rows(int max) {
    Checks.positive(max, "rows");
    return new PartialDependence(gridSize, grid, max, seed, centered, output, batchRows);
  }

  /** Seed of the row sample. */
  public PartialDependence seed(long seed) {
    return new PartialDependence(gridSize, grid, rows, seed, centered, output, batchRows);
  }

  /** Centred ICE: each curve minus its value at the first grid point (PD is centred the same way). */
  public PartialDependence centered(boolean centered) {
    return new PartialDependence(gridSize, grid, rows, seed, centered, output, batchRows);
  }

  /**
   * The class whose probability is followed (classification); by default the second class of a binary
   * model. Not allowed for regression.
   */
  public PartialDependence output(String className) {
    return new PartialDependence(gridSize, grid, rows, seed, centered, className, batchRows);
  }

  /** Rows per model call, at least 1. */
  public PartialDependence batchRows(int n) {
    Checks.positive(n, "batchRows");
    return new PartialDependence(gridSize, grid, rows, seed, centered, output, n);
  }

  /** PD and ICE curves of one feature. */
  public PdCurve oneWay(Model model, Dataset data, String feature) {
    Model.checkFeatures(model, data.features());
    int j = Checks.indices(data.features(), java.util.List.of(feature), "oneWay")[0];
    int o = Outputs.resolve(model, output);
    double[] g = grid.grid(data.column(feature), gridSize);
    int[] sample = Stats.sampleIndices(data.rows(), rows, seed);
    float[][] x = data.x(sample);
    int n = x.length;
    int d = x[0].length;
    int gs = g.length;
    double[][] ice = new double[n][gs];
    Batches.run(model, (long) n * gs, d, batchRows, Batches.DEFAULT_MAX_CELLS, (v, dest) -> {
      int i = (int) (v / gs);
      System.arraycopy(x[i], 0, dest, 0, d);
      dest[j] = (float) g[(int) (v % gs)];
    }, (v, out) -> ice[(int) (v / gs)][(int) (v % gs)] = out[o]);
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
    return new PdCurve(feature, Outputs.label(model, o), g, pd, ice, centered);
  }

  /** PD surface (and ICE surfaces) of a pair of features. */
  public PdSurface twoWay(Model model, Dataset data, String first, String second) {
    Model.checkFeatures(model, data.features());
    int[] jk = Checks.indices(data.features(), java.util.List.of(first, second), "twoWay");
    int o = Outputs.resolve(model, output);
    double[] ga = grid.grid(data.column(first), gridSize);
    double[] gb = grid.grid(data.column(second), gridSize);
    int[] sample = Stats.sampleIndices(data.rows(), rows, seed);
    float[][] x = data.x(sample);
    int n = x.length;
    int d = x[0].length;
    int na = ga.length;
    int nb = gb.length;
    int cells = na * nb;
    float[][][] ice = new float[n][na][nb];
    Batches.run(model, (long) n * cells, d, batchRows, Batches.DEFAULT_MAX_CELLS, (v, dest) -> {
      int i = (int) (v / cells);
      int c = (int) (v % cells);
      System.arraycopy(x[i], 0, dest, 0, d);
      dest[jk[0]] = (float) ga[c / nb];
      dest[jk[1]] = (float) gb[c % nb];
    }, (v, out) -> {
      int c = (int) (v % cells);
      ice[(int) (v / cells)][c / nb][c % nb] = out[o];
    });
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
    return new PdSurface(first, second, Outputs.label(model, o), ga, gb, pd, ice, centered);
  }
}
