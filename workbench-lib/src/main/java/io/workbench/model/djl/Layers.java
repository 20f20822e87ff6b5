package io.workbench.model.djl;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;
import java.util.List;

/**
 * Building blocks the network kinds share: the activation, the dense stack ({@code dense1..denseH}), the
 * convolution stack ({@code conv1, pool1, ...}) and the output layer, and the usual input-shape rules.
 *
 * <pre>{@code
 * List<Architecture.Layer> out = new ArrayList<>();
 * Layers.convolutions(a, false, out);
 * out.add(new Architecture.Layer("global_pool", Pool.globalAvgPool1dBlock(), false));
 * Layers.dense(a, out);
 * out.add(Layers.output(a));
 * }</pre>
 */
final class Layers {

  /** Activations a network may use. */
  static final List<String> ACTIVATIONS = List.of("relu", "tanh", "gelu");

  private Layers() {}

  /** The architecture's activation as a block. */
  static Block activation(Architecture a) {
    switch (a.activation()) {
      case "tanh":
        return Activation.tanhBlock();
      case "gelu":
        return Activation.geluBlock();
      default:
        return Activation.reluBlock();
    }
  }

  /** Appends {@code dense1..denseH}: linear, optional batch norm, activation, optional dropout. */
  static void dense(Architecture a, List<Architecture.Layer> out) {
    int[] hidden = a.hidden();
    for (int i = 0; i < hidden.length; i++) {
      SequentialBlock dense = new SequentialBlock();
      dense.add(Linear.builder().setUnits(hidden[i]).build());
      if (a.batchNorm()) {
        dense.add(BatchNorm.builder().build());
      }
      dense.add(activation(a));
      if (a.dropout() > 0) {
        dense.add(Dropout.builder().optRate((float) a.dropout()).build());
      }
      out.add(new Architecture.Layer("dense" + (i + 1), dense, false));
    }
  }

  /**
   * Appends per filter count a same-padded {@code convI} (convolution, optional batch norm, activation) and a
   * {@code poolI} (max pool 2, while every spatial size is at least 2).
   *
   * @param twoD 2D convolutions over {@code [c, h, w]} samples, else 1D over {@code [channels, length]}
   */
  static void convolutions(Architecture a, boolean twoD, List<Architecture.Layer> out) {
    int k = a.kernelSize();
    int pad = k / 2;
    int[] filters = a.filters();
    int[] inputShape = a.inputShape();
    int[] spatial = Arrays.copyOfRange(inputShape, 1, inputShape.length);
    for (int i = 0; i < filters.length; i++) {
      SequentialBlock conv = new SequentialBlock();
      conv.add(twoD
          ? Conv2d.builder().setKernelShape(new Shape(k, k)).optPadding(new Shape(pad, pad))
              .setFilters(filters[i]).build()
          : Conv1d.builder().setKernelShape(new Shape(k)).optPadding(new Shape(pad))
              .setFilters(filters[i]).build());
      if (a.batchNorm()) {
        conv.add(BatchNorm.builder().build());
      }
      conv.add(activation(a));
      out.add(new Architecture.Layer("conv" + (i + 1), conv, true));
      boolean canPool = true;
      for (int s : spatial) {
        canPool &= s >= 2;
      }
      if (canPool) {
        out.add(new Architecture.Layer("pool" + (i + 1),
            twoD ? Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)) : Pool.maxPool1dBlock(new Shape(2), new Shape(2)),
            false));
        for (int d = 0; d < spatial.length; d++) {
          spatial[d] /= 2;
        }
      }
    }
  }

  /** A {@code flatten} layer (batch x everything). */
  static Architecture.Layer flatten() {
    return new Architecture.Layer("flatten", Blocks.batchFlattenBlock(), false);
  }

  /** The {@code output} layer: one linear unit per output. */
  static Architecture.Layer output(Architecture a) {
    return new Architecture.Layer("output", Linear.builder().setUnits(a.outputs()).build(), false);
  }

  /** The activation's name in lower case, or an error listing the known ones. */
  static String checkActivation(String activation) {
    String a = activation == null ? "" : activation.toLowerCase(java.util.Locale.ROOT);
    if (!ACTIVATIONS.contains(a)) {
      throw new IllegalArgumentException("Unknown activation '" + activation + "'; expected one of " + ACTIVATIONS);
    }
    return a;
  }

  /** A dropout rate in [0, 1), or an error. */
  static double checkDropout(double rate) {
    if (!(rate >= 0 && rate < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + rate);
    }
    return rate;
  }

  /** Checks convolution settings: an odd kernel size and at least one filter count. */
  static void checkConvolutions(int[] filters, int kernelSize) {
    if (kernelSize < 1 || kernelSize % 2 == 0) {
      throw new IllegalArgumentException("Kernel size must be odd and >= 1, got " + kernelSize);
    }
    if (filters.length == 0) {
      throw new IllegalArgumentException("A CNN needs at least one convolution layer (filters)");
    }
  }

  /** The number of values in a shape. */
  static int size(int[] shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }

  /**
   * The sample shape itself when it has {@code dims} axes, else an error naming the expected shape.
   *
   * @param what the expected shape in words, for example {@code [channels, length]}
   */
  static int[] shapeWithAxes(String kind, int[] sampleShape, int features, int dims, String what) {
    int prod = size(sampleShape);
    if (prod != features) {
      throw new IllegalArgumentException(
          "sampleShape " + Arrays.toString(sampleShape) + " holds " + prod + " values but the data has " + features
              + " features");
    }
    if (sampleShape.length != dims) {
      throw new IllegalArgumentException(
          kind + " needs samples of shape " + what + ", the data has sampleShape " + Arrays.toString(sampleShape)
              + "; set it with Dataset.builder(..).sampleShape(..)");
    }
    return sampleShape.clone();
  }
}
