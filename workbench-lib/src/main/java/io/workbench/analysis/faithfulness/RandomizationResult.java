package io.workbench.analysis.faithfulness;

import io.workbench.display.Displayable;
import io.workbench.display.Numbers;
import io.workbench.display.Tables;
import io.workbench.plot.ChartOptions;
import io.workbench.plot.Charts;
import io.workbench.plot.Figure;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of a {@link ParameterRandomization} check: after each cumulative randomisation step (the named
 * layer and every layer above it re-initialised), the mean over explained rows of Spearman's rank correlation
 * between the original and the randomised attributions, of their magnitudes and of the signed values.
 * {@link #passed()} says whether the attributions decorrelated (final |attribution| correlation below the
 * threshold). {@link #layers()} and {@link #correlations()} are the axes of the usual cascade chart.
 *
 * <pre>{@code
 * RandomizationResult r = ParameterRandomization.create().run(net, m -> Explain.saliency(m).explain(rows));
 * r.layers();          // [output, dense2, dense1]: cumulative steps
 * r.correlations();    // e.g. [0.62, 0.21, 0.05]
 * r.passed();
 * r.toTable();
 * }</pre>
 */
public final class RandomizationResult implements Displayable {

  private final String method;
  private final List<String> layers;
  private final List<String> skipped;
  private final double[][] abs;
  private final double[][] signed;
  private final double threshold;
  private final int rows;
  private final long seed;

  RandomizationResult(String method, List<String> layers, List<String> skipped, List<double[]> abs,
      List<double[]> signed, double threshold, int rows, long seed) {
    this.method = method;
    this.layers = List.copyOf(layers);
    this.skipped = List.copyOf(skipped);
    this.abs = abs.toArray(new double[0][]);
    this.signed = signed.toArray(new double[0][]);
    this.threshold = threshold;
    this.rows = rows;
    this.seed = seed;
  }

  /** The explanation method's name. */
  public String method() {
    return method;
  }

  /** The randomisation steps, output side first: step k has this layer and all before it re-initialised. */
  public List<String> layers() {
    return layers;
  }

  /** Layers passed over because they hold no parameters (their randomisation changed no output). */
  public List<String> skippedLayers() {
    return skipped;
  }

  /** Mean (over rows) Spearman correlation of |attribution| with the original, per step. */
  public double[] correlations() {
    double[] out = new double[abs.length];
    for (int s = 0; s < out.length; s++) {
      out[s] = ParameterRandomization.mean(abs[s]);
    }
    return out;
  }

  /**
   * Per explained row, the Spearman correlation of |attribution| with the original after the last step ({@code NaN}
   * for rows whose original attribution was constant).
   */
  public double[] lastStepCorrelations() {
    return abs[abs.length - 1].clone();
  }

  /** Standard deviation over rows of the |attribution| correlation, per step. */
  public double[] correlationStd() {
    double[] out = new double[abs.length];
    for (int s = 0; s < out.length; s++) {
      double m = ParameterRandomization.mean(abs[s]);
      double ss = 0;
      int n = 0;
      for (double v : abs[s]) {
        if (!Double.isNaN(v)) {
          ss += (v - m) * (v - m);
          n++;
        }
      }
      out[s] = n < 2 ? 0 : Math.sqrt(ss / (n - 1));
    }
    return out;
  }

  /** Mean Spearman correlation of the signed attributions with the original, per step. */
  public double[] signedCorrelations() {
    double[] out = new double[signed.length];
    for (int s = 0; s < out.length; s++) {
      out[s] = ParameterRandomization.mean(signed[s]);
    }
    return out;
  }

  /** Per-row |attribution| correlations of one step (NaN for rows left out: constant original attribution). */
  public double[] rowCorrelations(int step) {
    if (step < 0 || step >= abs.length) {
      throw new IllegalArgumentException("step " + step + " is out of range; there are " + abs.length + " steps "
          + layers);
    }
    return abs[step].clone();
  }

  /** The |attribution| correlation after every layer is randomised (the last step). */
  public double finalCorrelation() {
    return ParameterRandomization.mean(abs[abs.length - 1]);
  }

  /** The pass threshold on {@link #finalCorrelation()}. */
  public double threshold() {
    return threshold;
  }

  /** Rows compared (rows with a non-constant original attribution). */
  public int rows() {
    return rows;
  }

  /** Whether the attributions decorrelated: final |attribution| correlation below the threshold. */
  public boolean passed() {
    return finalCorrelation() < threshold;
  }

  /** One row per step: {@code step, randomized_down_to, spearman_abs, spearman_abs_std, spearman_signed}. */
  public Table toTable() {
    int n = layers.size();
    int[] step = new int[n];
    for (int s = 0; s < n; s++) {
      step[s] = s + 1;
    }
    return Table.create("parameter randomisation: " + method, IntColumn.create("step", step),
        StringColumn.create("randomized_down_to", layers), DoubleColumn.create("spearman_abs", correlations()),
        DoubleColumn.create("spearman_abs_std", correlationStd()),
        DoubleColumn.create("spearman_signed", signedCorrelations()));
  }

  private String verdict() {
    return (passed() ? "PASSED" : "FAILED") + String.format(Locale.ROOT,
        ": after randomising every layer the mean Spearman correlation of |attributions| is %.3f (threshold %.2f,"
            + " %d rows, seed %d)", finalCorrelation(), threshold, rows, seed);
  }

  @Override
  public String toHtml() {
    return "<div class=\"wb-randomization\"><p><b>Parameter randomisation check</b> (" + Tables.escape(method) + "): "
        + Tables.escape(verdict()) + "</p>" + Tables.html(toTable(), null)
        + (skipped.isEmpty() ? "" : "<p>skipped (no parameters): " + Tables.escape(skipped.toString()) + "</p>")
        + "</div>";
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Parameter randomisation check (").append(method).append("): ")
        .append(verdict());
    double[] c = correlations();
    for (int s = 0; s < layers.size(); s++) {
      b.append(String.format(Locale.ROOT, "%n  %-14s %s", "-> " + layers.get(s), Numbers.format(c[s])));
    }
    return b.toString();
  }

  /** Rank correlation with the original attributions as layers are randomised, from the output down. */
  public Figure plot() {
    double[] corr = correlations();
    double[] step = new double[corr.length];
    for (int i = 0; i < step.length; i++) {
      step[i] = i + 1;
    }
    return Charts.deletionInsertion(java.util.List.of(
        new io.workbench.plot.Curve(method() + " (" + (passed() ? "passes" : "fails") + ")", step, corr, Double.NaN)),
        ChartOptions.defaults().title("Cascading randomisation: " + String.join(" > ", layers()))
            .xLabel("layers randomised").yLabel("Spearman correlation with original"));
  }
}
