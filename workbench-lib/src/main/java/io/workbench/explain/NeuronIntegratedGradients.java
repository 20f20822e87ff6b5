package io.workbench.explain;

import io.workbench.model.Model;
import io.workbench.model.Propagation;

/**
 * Neuron integrated gradients (Captum's {@code NeuronIntegratedGradients}): which raw inputs drive one hidden
 * unit, as integrated gradients of the unit's activation {@code h_u} along the straight input path from the
 * baseline {@code b}: {@code NIG_j(x) = (x_j - b_j) * integral_0^1 dh_u(b + a (x - b)) / dx_j da}, with the
 * quadrature of {@link IntegratedGradients.Method} (Gauss-Legendre with 50 points by default, as Captum).
 * Completeness: a row's values sum to {@code h_u(x) - h_u(b)} up to the quadrature's error ({@link
 * Attribution#convergenceDelta()}); its {@link Attribution#outputs()} are {@code h_u(x)}, its base values
 * {@code h_u(b)} ({@link Attribution#outputSpace()} {@code "activation"}). The target is resolved and recorded as
 * for every explainer, but the values do not depend on it. All path points of as many rows as {@link
 * #internalBatchSize(int)} allows go into one gradient call. Needs {@link Propagation} (the DJL networks).
 *
 * <pre>{@code
 * Attribution nig = Explain.neuronIntegratedGradients(mlp, "dense1", 7).baseline(Baseline.mean(train))
 *     .explain(test.head(10));     // which features switch hidden unit 7 on
 * }</pre>
 */
public final class NeuronIntegratedGradients extends LayerPathExplainer<NeuronIntegratedGradients> {

  private final Neuron neuron;

  NeuronIntegratedGradients(Model model, String layer, int[] index) {
    super(model, "neuronIntegratedGradients", layer);
    this.neuron = Neuron.of(propagation, net.layerNames(), layer, index, "neuronIntegratedGradients");
  }

  @Override
  String methodName() {
    return "neuron integrated gradients";
  }

  @Override
  String outputSpace() {
    return "activation";
  }

  @Override
  double[][] attribute(float[][] x, int[] targets, Pass pass) {
    float[] selector = neuron.selector(propagation);
    return pathIntegral(x, baseline.resolve(model, x.length), targets, pass, method, steps, (pts, t) -> {
      float[][] g = propagation.neuronGradients(neuron.layer(), selector, pts);
      pass.evaluations += pts.length;
      return g;
    });
  }

  @Override
  Attribution compute(Context ctx) {
    Pass pass = new Pass(internalBatchSize, ctx.work());
    double[][] v = attribute(ctx.x(), ctx.targets(), pass);
    double[] hx = neuron.values(propagation, ctx.x());
    double[] hb = neuron.values(propagation, baseline.resolve(model, ctx.x().length));
    return startGradient(ctx, hx).values(v).baseValues(hb).convergenceDelta(completenessGap(v, hx, hb))
        .additive(true).setting("layer", neuron.layer()).setting("unit", neuron.unit())
        .setting("neuron", neuron.name()).setting("baseline", baseline.toString()).setting("steps", steps)
        .setting("method", method.name().toLowerCase(java.util.Locale.ROOT)).evaluations(pass.evaluations).build();
  }
}
