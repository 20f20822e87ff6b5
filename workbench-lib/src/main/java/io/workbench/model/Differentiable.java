package io.workbench.model;

import java.util.List;

/**
 * A model whose outputs can be differentiated with respect to its raw inputs and its named layers: the
 * capability gradient explainers (saliency, integrated gradients, Grad-CAM, SmoothGrad) ask for. Any
 * preprocessing the model applies inside (standardisation) is part of the differentiated function, so
 * gradients are with respect to the <em>raw</em> features given to {@link #predictProba(float[][])}.
 *
 * <p>Every method works on whole batches (evaluated internally in chunks); implementations serialise
 * gradient computations, so concurrent callers wait rather than fail.
 *
 * <pre>{@code
 * Differentiable net = model.as(Differentiable.class).orElseThrow();
 * float[][] g = net.inputGradients(x, targets, Differentiable.Output.LOGIT);
 * LayerGradients cam = net.layerGradients("conv2", x, targets, Differentiable.Output.LOGIT);
 * Differentiable random = net.withRandomizedLayers(List.of("output"), 7);  // sanity check
 * }</pre>
 */
public interface Differentiable extends Model {

  /**
   * Which output is differentiated. For regression both mean the predicted value; for a multi-label model
   * the target index names a label, and the probability is that label's sigmoid.
   */
  enum Output {
    /** The pre-softmax (multi-label: pre-sigmoid) score of the target class or label. */
    LOGIT,
    /** The softmax probability of the target class (multi-label: the sigmoid probability of the label). */
    PROBABILITY
  }

  /**
   * The differentiable output on a batch of raw inputs: logits or probabilities ({@code rows x classes}),
   * or predicted values ({@code rows x 1}) for regression.
   */
  float[][] output(float[][] x, Output output);

  /**
   * Gradients of the chosen output of class {@code targets[i]} for row i with respect to the raw features
   * of row i ({@code rows x features}).
   *
   * @param targets one class index per row; ignored (may be {@code null}) for regression
   * @throws IllegalArgumentException for a wrong feature count, a non-finite value or a bad target
   */
  float[][] inputGradients(float[][] x, int[] targets, Output output);

  /** Names of the layers, input to output, for example {@code [conv1, pool1, conv2, ..., output]}. */
  List<String> layerNames();

  /** Whether the named layer is a convolution (its activations have channels and positions). */
  boolean isConvolution(String layer);

  /** Shape of one input sample: {@code [d]}, {@code [channels, length]} or {@code [c, h, w]}. */
  int[] sampleShape();

  /**
   * Activations of a named layer and the gradients of the chosen output (of class {@code targets[i]} for
   * row i) with respect to them: what Grad-CAM needs.
   *
   * @throws IllegalArgumentException for an unknown layer (the message lists the valid names)
   */
  LayerGradients layerGradients(String layer, float[][] x, int[] targets, Output output);

  /**
   * Activations of a named layer for a batch of raw inputs, one flattened row per input (row-major over the
   * layer's shape without its first dimension, as in {@link LayerGradients}): what linear probes, concept
   * activation vectors and representation similarity read. The default runs {@link #layerGradients} and
   * drops the gradients; networks override it with a forward pass only.
   *
   * <pre>{@code
   * float[][] h = net.layerActivations("dense1", x);   // rows x units
   * }</pre>
   *
   * @throws IllegalArgumentException for an unknown layer (the message lists the valid names) or bad input
   */
  default float[][] layerActivations(String layer, float[][] x) {
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException("layerActivations needs at least one row, got "
          + (x == null ? "null" : "0 rows"));
    }
    int[] targets = task() == io.workbench.data.Task.REGRESSION ? null : new int[x.length];
    LayerGradients g = layerGradients(layer, x, targets, Output.LOGIT);
    float[][] out = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = g.activationsOfRow(i);
    }
    return out;
  }

  /**
   * A copy of this model whose named layers are re-initialised with fresh random weights (the cascading
   * randomisation sanity check of Adebayo et al. 2018); this model is unchanged.
   *
   * @throws IllegalArgumentException for an unknown layer (the message lists the valid names)
   */
  Differentiable withRandomizedLayers(List<String> layers, long seed);
}
