package io.workbench.analysis;

import io.workbench.explain.Attribution;
import io.workbench.model.Model;
import io.workbench.testing.TestModels;
import java.util.function.Function;

/** Hand-made attributions and explainers for the metric tests. */
public final class MetricFixtures {

  private MetricFixtures() {}

  /** An attribution of {@code values} for inputs {@code x}, target 0 on every row, outputs and base 0. */
  public static Attribution attribution(double[][] values, float[][] x, int... shape) {
    int n = values.length;
    Attribution.Builder b = Attribution.builder("hand-made", TestModels.names(values[0].length)).values(values)
        .inputs(x).baseValues(new double[n]).outputs(new double[n]).targets(new int[n]);
    if (shape.length > 0) {
      b = b.sampleShape(shape);
    }
    return b.build();
  }

  /** A re-explainer computing the attribution of each row as {@code fn(row, target)}. */
  public static MetricInput.Reexplainer explainer(RowExplainer fn) {
    return (Model m, float[][] rows, int[] targets) -> {
      double[][] v = new double[rows.length][];
      for (int i = 0; i < rows.length; i++) {
        v[i] = fn.explain(rows[i], targets[i]);
      }
      return Attribution.builder("fn", m.featureNames()).values(v).inputs(rows).baseValues(new double[rows.length])
          .outputs(new double[rows.length]).targets(targets.clone()).build();
    };
  }

  /** One row's attribution for one output. */
  @FunctionalInterface
  public interface RowExplainer {
    double[] explain(float[] row, int target);
  }

  /** {@code fn} applied to each row's values as doubles. */
  public static double[][] map(float[][] x, Function<double[], double[]> fn) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      double[] r = new double[x[i].length];
      for (int j = 0; j < r.length; j++) {
        r[j] = x[i][j];
      }
      out[i] = fn.apply(r);
    }
    return out;
  }
}
