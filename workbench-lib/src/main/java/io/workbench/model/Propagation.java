package io.workbench.model;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Optional capability of a network that opens its computation to the propagation methods: the stages it runs
 * (standardisation, dense and convolution stages with batch norm folded in, activations, pools, flattening),
 * DeepLIFT's multipliers and LRP's relevance passed backwards through them by rule, and its hidden layers
 * entered and read from either side (layer and neuron attributions). Asked for with {@code
 * model.as(Propagation.class)}; the DJL networks of {@code Models.mlp/cnn1d/cnn2d/logistic/linear} offer it.
 * The methods themselves (which rule where, baselines, averaging) live in {@code explain}: {@code DeepLift},
 * {@code DeepLiftShap}, {@code Lrp}, {@code LayerIntegratedGradients}, {@code NeuronGradient}, {@code
 * NeuronIntegratedGradients} ({@code LayerConductance} needs only {@link Differentiable#layerGradients}).
 *
 * <p>Every method takes raw rows ({@code rows x features}) and works in batches; implementations serialise the
 * calls like the gradient calls of {@link Differentiable}.
 *
 * <pre>{@code
 * Propagation p = model.as(Propagation.class).orElseThrow();
 * p.stages();                                          // [standardize, dense1: dense, dense1: relu, ..., output: dense]
 * Propagation.Contributions c = p.deepLift(x, ref, targets, Differentiable.Output.LOGIT, Set.of());
 * Propagation.Relevance r = p.relevance(x, targets, rules);   // one RelevanceRule per stage
 * }</pre>
 */
public interface Propagation {

  /** What a stage computes. */
  enum Kind {
    /** The model's input standardisation {@code (x - mean) / scale}, per feature. */
    STANDARDIZE,
    /** A dense layer {@code W x + b} (batch norm after it folded in). */
    DENSE,
    /** A same-padded 1D or 2D convolution (batch norm after it folded in). */
    CONV,
    /** An elementwise activation ({@link Stage#function()}: relu, tanh, sigmoid or gelu). */
    ACTIVATION,
    /** A max pool (2 or 2 x 2, stride as large). */
    MAX_POOL,
    /** Global average pooling over positions. */
    AVG_POOL,
    /** Flattening to {@code [rows, values]}. */
    FLATTEN,
    /** An identity at inference (dropout). */
    IDENTITY
  }

  /**
   * One stage of the network.
   *
   * @param index position, input to output
   * @param layer the named layer it belongs to ({@code input} for the standardisation)
   * @param kind what it computes
   * @param function the activation's name ({@code relu}, {@code tanh}, {@code sigmoid}, {@code gelu}); empty for
   *     other kinds
   * @param inputShape shape of one row's input to the stage
   * @param outputShape shape of one row's output
   */
  record Stage(int index, String layer, Kind kind, String function, int[] inputShape, int[] outputShape) {

    /** Copies the shapes. */
    public Stage {
      inputShape = inputShape.clone();
      outputShape = outputShape.clone();
    }

    @Override
    public int[] inputShape() {
      return inputShape.clone();
    }

    @Override
    public int[] outputShape() {
      return outputShape.clone();
    }

    /** Whether the stage has weights (dense or convolution). */
    public boolean weighted() {
      return kind == Kind.DENSE || kind == Kind.CONV;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Stage s && index == s.index && layer.equals(s.layer) && kind == s.kind
          && function.equals(s.function) && Arrays.equals(inputShape, s.inputShape)
          && Arrays.equals(outputShape, s.outputShape);
    }

    @Override
    public int hashCode() {
      return index * 31 + kind.hashCode();
    }

    @Override
    public String toString() {
      return layer + ": " + (kind == Kind.ACTIVATION ? function : kind.name().toLowerCase(java.util.Locale.ROOT))
          + " " + Arrays.toString(inputShape) + " -> " + Arrays.toString(outputShape);
    }
  }

  /**
   * DeepLIFT's result for a batch: per row the contributions of the raw features to {@code f(x) - f(reference)}
   * (they sum to it), and both outputs in the explained units.
   *
   * @param values contributions, {@code rows x features}
   * @param outputs {@code f(x)} of each row's target
   * @param referenceOutputs {@code f(reference)} of each row's target
   */
  record Contributions(float[][] values, double[] outputs, double[] referenceOutputs) {}

  /**
   * LRP's result for a batch.
   *
   * @param values the relevance of each raw feature, {@code rows x features}
   * @param stageTotals per row, the total relevance entering each stage from above: index {@code s} holds the sum
   *     at the input of stage {@code s}, index {@code stages().size()} the relevance the propagation started from
   *     (the target's logit)
   * @param outputs the target's logit (for regression, the prediction minus the training target's mean)
   */
  record Relevance(float[][] values, double[][] stageTotals, double[] outputs) {}

  /** The stages, input to output. */
  List<Stage> stages();

  /**
   * DeepLIFT (Shrikumar et al. 2017): multipliers of the explained output with respect to each stage's input,
   * passed backwards with the rescale rule {@code (f(z) - f(z')) / (z - z')} at activations (the reveal-cancel
   * rule at the activation stages listed in {@code revealCancel}), the stages' own linear maps at dense,
   * convolution, standardisation and pooling stages, and a delta-preserving rule at max pools; the
   * contributions are the input multipliers times {@code x - reference}, and sum to {@code f(x) - f(reference)}.
   *
   * @param x raw rows
   * @param reference one raw reference row per row of {@code x}
   * @param targets one output index per row
   * @param output logit or probability (for regression both are the predicted value)
   * @param revealCancel indices of activation stages that use the reveal-cancel rule (empty: rescale everywhere)
   * @throws IllegalArgumentException for rows of the wrong width, non-finite values, bad targets, or an index in
   *     {@code revealCancel} that is not an activation stage
   */
  Contributions deepLift(float[][] x, float[][] reference, int[] targets, Differentiable.Output output,
      Set<Integer> revealCancel);

  /**
   * Layer-wise relevance propagation from the target's logit, one rule per stage ({@code rules.get(s)} for
   * stage {@code s}): a weight rule for dense and convolution stages, {@link RelevanceRule#pass()} for
   * standardisation, activations, flattening and identities, {@link RelevanceRule#winnerTakesAll()} for max
   * pools, the epsilon rule for average pools.
   *
   * @throws IllegalArgumentException when the number of rules differs from the number of stages, or a rule does
   *     not fit its stage (the message names both)
   */
  Relevance relevance(float[][] x, int[] targets, List<RelevanceRule> rules);

  /** Shape of one row's activations of a named layer (for example {@code [16, 90]} after {@code conv1}). */
  int[] layerShape(String layer);

  /** Activations of a named layer, one flattened row per input row. */
  float[][] layerActivations(String layer, float[][] x);

  /**
   * The network from a named layer onward: for given activations of the layer (flattened rows), the gradients of
   * the chosen output of {@code targets[i]} with respect to them.
   */
  LayerGradients gradientsFromLayer(String layer, float[][] activations, int[] targets, Differentiable.Output output);

  /**
   * Gradients, with respect to the raw inputs, of a weighted sum of one layer's activations {@code sum_u w_u
   * a_u(x)} (one weight per flattened unit: a single 1 selects one neuron; ones over a channel select the
   * channel's total).
   */
  float[][] neuronGradients(String layer, float[] unitWeights, float[][] x);
}
