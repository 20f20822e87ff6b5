package io.workbench.explain;

import io.workbench.model.Model;
import io.workbench.model.Propagation;
import java.util.Arrays;

/**
 * Neuron gradient (Captum's {@code NeuronGradient}): which raw inputs drive one hidden unit, as the gradient of
 * the unit's activation {@code h_u(x)} with respect to the raw features. The unit is chosen by layer name and
 * index (see {@link Explain#neuronGradient(Model, String, int...)}). The attribution has the input's shape;
 * its {@link Attribution#outputs()} are the unit's activations ({@link Attribution#outputSpace()} {@code
 * "activation"}), base values 0, not additive. The target is resolved and recorded as for every explainer, but
 * a unit's gradient does not depend on it. One gradient call per {@link #internalBatchSize(int)} rows. Needs
 * {@link Propagation} (the DJL networks).
 *
 * <pre>{@code
 * Attribution g = Explain.neuronGradient(cnn, "conv1", 3, 40).explain(test.head(8));  // filter 3, position 40
 * }</pre>
 */
public final class NeuronGradient extends GradientExplainer<NeuronGradient> {

  transient Propagation propagation;
  private final Neuron neuron;

  NeuronGradient(Model model, String layer, int[] index) {
    super(model, "neuronGradient");
    this.propagation = DeepLift.propagation(model, "neuronGradient");
    this.neuron = Neuron.of(propagation, net.layerNames(), layer, index, "neuronGradient");
  }

  @Override
  void bind() {
    super.bind();
    propagation = DeepLift.propagation(model, "neuronGradient");
  }

  @Override
  String methodName() {
    return "neuron gradient";
  }

  @Override
  String outputSpace() {
    return "activation";
  }

  @Override
  int pointsPerRow() {
    return 1;
  }

  @Override
  double[][] attribute(float[][] x, int[] targets, Pass pass) {
    int n = x.length;
    double[][] out = new double[n][];
    float[] selector = neuron.selector(propagation);
    int per = pass.rowsPerCall(1);
    for (int s = 0; s < n; s += per) {
      int e = Math.min(n, s + per);
      pass.check();
      float[][] g = propagation.neuronGradients(neuron.layer(), selector, Arrays.copyOfRange(x, s, e));
      pass.evaluations += e - s;
      for (int i = s; i < e; i++) {
        double[] v = new double[g[i - s].length];
        for (int j = 0; j < v.length; j++) {
          v[j] = g[i - s][j];
        }
        out[i] = v;
      }
      pass.advance(e - s);
    }
    return out;
  }

  @Override
  Attribution compute(Context ctx) {
    Pass pass = new Pass(internalBatchSize, ctx.work());
    double[][] v = attribute(ctx.x(), ctx.targets(), pass);
    return startGradient(ctx, neuron.values(propagation, ctx.x())).values(v).baseValues(new double[v.length])
        .setting("layer", neuron.layer()).setting("unit", neuron.unit()).setting("neuron", neuron.name())
        .evaluations(pass.evaluations).build();
  }
}
