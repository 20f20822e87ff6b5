package io.workbench.explain;

import io.workbench.model.LayerGradients;
import io.workbench.model.Model;
import io.workbench.model.Propagation;

/**
 * Layer integrated gradients (Captum's {@code LayerIntegratedGradients} with its default {@code
 * attribute_to_layer_input=False}): integrated gradients of the explained output with respect to the
 * <em>activations</em> {@code h} of a named hidden layer. The path runs in the layer's space, from the
 * baseline's activations {@code h(b)} to the row's {@code h(x)}, and the network is evaluated from the layer
 * onward on each point: {@code LIG_u(x) = (h_u(x) - h_u(b)) * integral_0^1 dF(h(b) + a (h(x) - h(b))) / dh_u da},
 * where {@code F} is the rest of the network, approximated by the quadrature of {@link
 * IntegratedGradients.Method} (Gauss-Legendre with 50 points by default, as Captum). Completeness: the values
 * of a row sum to {@code f(x) - f(b)} up to the quadrature's error ({@link Attribution#convergenceDelta()}); the
 * base value is {@code f(b)}.
 *
 * <p>The attribution has one value per unit of the layer (its {@link Attribution#sampleShape()} is the layer's
 * shape, names such as {@code conv1[2,17]}), and its {@link Attribution#inputs()} are the layer's activations at
 * the explained rows. All path points of as many rows as {@link #internalBatchSize(int)} allows go into one
 * gradient call. Needs {@link Propagation} (the DJL networks).
 *
 * <pre>{@code
 * Attribution lig = Explain.layerIntegratedGradients(cnn, "conv2").baseline(Baseline.mean(train))
 *     .target(Target.of("MI")).explain(test.head(8));
 * lig.sumOver("time");          // one value per filter of conv2
 * }</pre>
 */
public final class LayerIntegratedGradients extends LayerPathExplainer<LayerIntegratedGradients> {


  LayerIntegratedGradients(Model model, String layer) {
    super(model, "layerIntegratedGradients", layer);
  }

  @Override
  String methodName() {
    return "layer integrated gradients";
  }

  @Override
  double[][] attribute(float[][] x, int[] targets, Pass pass) {
    double[][] q = IntegratedGradients.quadrature(method, steps);
    double[] alpha = q[0];
    double[] weight = q[1];
    int n = x.length;
    float[][] base = baseline.resolve(model, n);
    double[][] out = new double[n][];
    int per = pass.rowsPerCall(steps);
    for (int s = 0; s < n; s += per) {
      int e = Math.min(n, s + per);
      pass.check();
      float[][] ends = new float[2 * (e - s)][];
      System.arraycopy(x, s, ends, 0, e - s);
      System.arraycopy(base, s, ends, e - s, e - s);
      float[][] h = propagation.layerActivations(layer, ends);
      int units = h[0].length;
      float[][] pts = new float[(e - s) * steps][units];
      for (int i = 0; i < e - s; i++) {
        float[] hx = h[i];
        float[] hb = h[e - s + i];
        for (int k = 0; k < steps; k++) {
          float[] p = pts[i * steps + k];
          for (int u = 0; u < units; u++) {
            p[u] = (float) (hb[u] + alpha[k] * ((double) hx[u] - hb[u]));
          }
        }
      }
      LayerGradients g = propagation.gradientsFromLayer(layer, pts, repeat(targets, s, e, steps), output);
      pass.evaluations += pts.length;
      float[] grads = g.gradients();
      for (int i = 0; i < e - s; i++) {
        float[] hx = h[i];
        float[] hb = h[e - s + i];
        double[] v = new double[units];
        for (int k = 0; k < steps; k++) {
          int off = (i * steps + k) * units;
          for (int u = 0; u < units; u++) {
            v[u] += weight[k] * grads[off + u];
          }
        }
        for (int u = 0; u < units; u++) {
          v[u] *= (double) hx[u] - hb[u];
        }
        out[s + i] = v;
      }
      pass.advance(e - s);
    }
    return out;
  }

  @Override
  Attribution compute(Context ctx) {
    Pass pass = new Pass(internalBatchSize, ctx.work());
    double[][] v = attribute(ctx.x(), ctx.targets(), pass);
    double[] fx = selectedOutput(ctx.x(), ctx.targets());
    double[] fb = baselineOutputs(baseline, ctx.targets());
    return startLayer(ctx, propagation.layerShape(layer), propagation.layerActivations(layer, ctx.x()), fx)
        .values(v).baseValues(fb).convergenceDelta(completenessGap(v, fx, fb)).additive(true)
        .setting("steps", steps).setting("method", method.name().toLowerCase(java.util.Locale.ROOT))
        .evaluations(pass.evaluations).build();
  }
}
