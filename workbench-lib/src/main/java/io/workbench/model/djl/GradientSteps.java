package io.workbench.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import java.util.List;

/**
 * The gradient half of a training step on a network's own parameters: the backward pass of a scalar loss and
 * the optimiser's update of every trainable parameter (DJL's native Adam or SGD update, which also sets the
 * parameter's gradient back to zero for the next step, as PyTorch's {@code optimizer.zero_grad()}).
 *
 * <p>Why not DJL's collector's own {@code backward}: it allocates a new seed gradient (a {@code ones} array of
 * the loss's shape) on every step; this reuses one scalar {@code 1}, a native call and an allocation fewer per
 * batch. The caller holds the engine's gradient lock and records the forward pass in a {@link
 * ai.djl.training.GradientCollector}; the loss must be a float32 scalar.
 *
 * <pre>{@code
 * GradientSteps steps = new GradientSteps(net.manager, net.trainableParameters(), optimizer);
 * try (GradientCollector gc = engine.newGradientCollector()) {
 *   steps.backward(loss(net.forward(ps, xb, true), yb));
 * }
 * steps.update();
 * }</pre>
 */
final class GradientSteps {

  private final List<Parameter> params;
  private final Optimizer optimizer;
  private final PtNDArray seed;

  /** Steps over {@code params} with {@code optimizer}; the seed gradient lives in {@code manager}. */
  GradientSteps(NDManager manager, List<Parameter> params, Optimizer optimizer) {
    this.params = List.copyOf(params);
    this.optimizer = optimizer;
    this.seed = (PtNDArray) manager.ones(new Shape(), DataType.FLOAT32);
  }

  /** Back-propagates the scalar {@code loss} (float32) into the parameters' gradients. */
  void backward(NDArray loss) {
    JniUtils.backward((PtNDArray) loss, seed, false, false);
  }

  /** Updates every parameter with its gradient (the update zeroes the gradient). */
  void update() {
    for (Parameter param : params) {
      NDArray w = param.getArray();
      try (NDArray g = w.getGradient()) {
        optimizer.update(param.getId(), w, g);
      }
    }
  }
}
