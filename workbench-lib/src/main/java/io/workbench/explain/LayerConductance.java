package io.workbench.explain;

import io.workbench.model.LayerGradients;
import io.workbench.model.Model;
import java.util.Arrays;

/**
 * Conductance of a hidden layer's units (Dhamdhere, Sundararajan and Yan 2018, "How important is a neuron?";
 * Captum's {@code LayerConductance}): the flow of integrated gradients through each unit {@code u} of a named
 * layer on the straight input path {@code p(a) = b + a (x - b)}, {@code Cond_u(x) = integral_0^1 dF/dh_u(p(a))
 * * dh_u(p(a))/da da}. It is evaluated on {@code steps + 1} equally spaced points {@code a_k = k / steps}: {@code
 * Cond_u = sum_{k<steps} dF/dh_u(p(a_k)) * (h_u(p(a_{k+1})) - h_u(p(a_k)))}, the same sum as Captum's {@code
 * LayerConductance(method="riemann_trapezoid")}. Summed over the layer, the values of a row approach {@code f(x) -
 * f(b)} as the steps grow (exactly when the rest of the network is linear in the layer's activations): {@link
 * Attribution#convergenceDelta()} holds the gap, the base value is {@code f(b)}.
 *
 * <p>The attribution has one value per unit of the layer ({@link Attribution#sampleShape()} is the layer's shape),
 * and its {@link Attribution#inputs()} are the layer's activations at the explained rows. The {@code steps + 1}
 * points of as many rows as {@link #internalBatchSize(int)} allows go into one gradient call. Needs only {@link
 * io.workbench.model.Differentiable}.
 *
 * <pre>{@code
 * Attribution cond = Explain.conductance(mlp, "dense1").steps(100).explain(test.head(20));
 * cond.topFeatures(5);               // the hidden units that carry most of the prediction
 * }</pre>
 */
public final class LayerConductance extends LayerExplainer<LayerConductance> {

  private int steps = 50;

  LayerConductance(Model model, String layer) {
    super(model, "conductance", layer);
  }

  /** Intervals on the path (Captum's {@code n_steps}, default 50; {@code steps + 1} points are evaluated). */
  public LayerConductance steps(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("steps (n_steps) must be >= 1, got " + n);
    }
    LayerConductance c = copy();
    c.steps = n;
    return c;
  }

  @Override
  String methodName() {
    return "conductance";
  }

  @Override
  int pointsPerRow() {
    return steps + 1;
  }

  /** Conductance per explained row, the layer's activations at the rows, and the layer's shape. */
  private record Flow(double[][] values, float[][] activations, int[] shape) {}

  @Override
  double[][] attribute(float[][] x, int[] targets, Pass pass) {
    return flow(x, targets, pass).values;
  }

  private Flow flow(float[][] x, int[] targets, Pass pass) {
    int n = x.length;
    int d = x[0].length;
    int pts = steps + 1;
    float[][] base = baseline.resolve(model, n);
    double[][] out = new double[n][];
    float[][] acts = new float[n][];
    int[] shape = null;
    int per = pass.rowsPerCall(pts);
    for (int s = 0; s < n; s += per) {
      int e = Math.min(n, s + per);
      pass.check();
      float[][] path = new float[(e - s) * pts][d];
      for (int i = s; i < e; i++) {
        float[] b = base[i];
        for (int k = 0; k < pts; k++) {
          float[] p = path[(i - s) * pts + k];
          double a = (double) k / steps;
          for (int j = 0; j < d; j++) {
            p[j] = (float) (b[j] + a * ((double) x[i][j] - b[j]));
          }
        }
      }
      LayerGradients lg = net.layerGradients(layer, path, repeat(targets, s, e, pts), output);
      pass.evaluations += path.length;
      int[] ls = lg.shape();
      shape = Arrays.copyOfRange(ls, 1, ls.length);
      int units = lg.valuesPerRow();
      float[] h = lg.activations();
      float[] g = lg.gradients();
      for (int i = 0; i < e - s; i++) {
        double[] v = new double[units];
        for (int k = 0; k < steps; k++) {
          int at = (i * pts + k) * units;
          int next = at + units;
          for (int u = 0; u < units; u++) {
            v[u] += (double) g[at + u] * ((double) h[next + u] - h[at + u]);
          }
        }
        int last = (i * pts + steps) * units;
        out[s + i] = v;
        acts[s + i] = Arrays.copyOfRange(h, last, last + units);
      }
      pass.advance(e - s);
    }
    return new Flow(out, acts, shape);
  }

  @Override
  Attribution compute(Context ctx) {
    Pass pass = new Pass(internalBatchSize, ctx.work());
    Flow f = flow(ctx.x(), ctx.targets(), pass);
    double[] fx = selectedOutput(ctx.x(), ctx.targets());
    double[] fb = baselineOutputs(baseline, ctx.targets());
    return startLayer(ctx, f.shape, f.activations, fx).values(f.values).baseValues(fb)
        .convergenceDelta(completenessGap(f.values, fx, fb)).additive(true).setting("steps", steps)
        .evaluations(pass.evaluations).build();
  }
}
