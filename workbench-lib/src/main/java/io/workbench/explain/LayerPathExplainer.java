package io.workbench.explain;

import io.workbench.model.Model;
import io.workbench.model.Propagation;
import java.util.Arrays;

/**
 * What layer integrated gradients and neuron integrated gradients share: the network's {@link Propagation} view
 * (they enter or read a hidden layer through it), and the quadrature of their path integral ({@link
 * #steps(int)} points of an {@link IntegratedGradients.Method}, Gauss-Legendre with 50 points by default, as
 * Captum).
 *
 * @param <B> the concrete explainer type
 */
abstract class LayerPathExplainer<B extends LayerPathExplainer<B>> extends LayerExplainer<B> {

  transient Propagation propagation;
  int steps = 50;
  IntegratedGradients.Method method = IntegratedGradients.Method.GAUSS_LEGENDRE;
  private final String factory;

  LayerPathExplainer(Model model, String factory, String layer) {
    super(model, factory, layer);
    this.factory = factory;
    this.propagation = DeepLift.propagation(model, factory);
  }

  @Override
  void bind() {
    super.bind();
    propagation = DeepLift.propagation(model, factory);
  }

  /** Points on the path (Captum's {@code n_steps}, default 50); at least 1 (2 for the trapezoid rule). */
  public B steps(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("steps (n_steps) must be >= 1, got " + n);
    }
    B c = copy();
    c.steps = n;
    return c;
  }

  /** The quadrature rule (default {@link IntegratedGradients.Method#GAUSS_LEGENDRE}). */
  public B method(IntegratedGradients.Method m) {
    if (m == null) {
      throw new IllegalArgumentException("method is null; valid methods are "
          + Arrays.toString(IntegratedGradients.Method.values()));
    }
    B c = copy();
    c.method = m;
    return c;
  }

  @Override
  void validate(int[] shape) {
    IntegratedGradients.quadrature(method, steps);
  }

  @Override
  int pointsPerRow() {
    return steps;
  }
}
