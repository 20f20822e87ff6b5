package io.workbench.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import java.util.List;

/**
 * Building blocks of the published signal networks ({@link EegNet}, {@link ShallowFbcspNet}, {@link Deep4Net},
 * {@link ResNet1d}): the reshapes between {@code [channels, time]} samples and 2D convolutions over
 * {@code [1, channels, time]}, convolutions without bias and with groups, ELU, square and safe log, the residual
 * block and the concatenated max/average pooling.
 *
 * <pre>{@code
 * SequentialBlock s = new SequentialBlock().add(SignalLayers.conv2d(8, 1, 64, 32, 1)).add(SignalLayers.batchNorm());
 * }</pre>
 */
final class SignalLayers {

  private SignalLayers() {}

  /** {@code [N, C, T] -> [N, 1, C, T]}: the input as a one-plane image for the 2D temporal and spatial convolutions. */
  static Architecture.Layer toPlane() {
    return new Architecture.Layer("to_plane", LambdaBlock.singleton(x -> x.expandDims(1), "to_plane"), false);
  }

  /** {@code [N, F, 1, T] -> [N, F, T]} once a spatial convolution has collapsed the electrodes. */
  static Block dropHeight() {
    return LambdaBlock.singleton(x -> x.squeeze(2), "drop_height");
  }

  /** A 2D convolution without bias unless asked, {@code kh x kw}, zero padding {@code padW} on the time axis. */
  static Block conv2d(int filters, int kh, int kw, int padW, int groups, boolean bias) {
    return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kh, kw)).optPadding(new Shape(0, padW))
        .optGroups(groups).optBias(bias).build();
  }

  /** A 1D convolution of {@code k} taps with zero padding {@code pad}, the given stride and groups. */
  static Block conv1d(int filters, int k, int pad, int stride, int groups, boolean bias) {
    return Conv1d.builder().setFilters(filters).setKernelShape(new Shape(k)).optPadding(new Shape(pad))
        .optStride(new Shape(stride)).optGroups(groups).optBias(bias).build();
  }

  /** Batch normalisation over axis 1 (filters). */
  static Block batchNorm() {
    return BatchNorm.builder().build();
  }

  /** ELU with alpha 1. */
  static Block elu() {
    return Activation.eluBlock(1f);
  }

  /** Dropout at {@code rate}, or an identity when the rate is 0. */
  static Block dropout(double rate) {
    return rate > 0 ? Dropout.builder().optRate((float) rate).build()
        : LambdaBlock.singleton(x -> x, "identity");
  }

  /** Square, ShallowFBCSPNet's nonlinearity before the average pool (the band power). */
  static Block square() {
    return LambdaBlock.singleton(NDArray::square, "square");
  }

  /** {@code log(max(x, 1e-6))}, ShallowFBCSPNet's nonlinearity after the pool. */
  static Block safeLog() {
    return LambdaBlock.singleton(x -> x.maximum(1e-6f).log(), "safe_log");
  }

  /** Average pool over time, {@code k} wide, stride {@code stride}, no padding, floor. */
  static Block avgPool(int k, int stride) {
    return ai.djl.nn.pooling.Pool.avgPool1dBlock(new Shape(k), new Shape(stride));
  }

  /** Max pool over time, {@code k} wide, stride {@code stride}, no padding, floor. */
  static Block maxPool(int k, int stride) {
    return ai.djl.nn.pooling.Pool.maxPool1dBlock(new Shape(k), new Shape(stride));
  }

  /** {@code [N, F, T] -> [N, 2F]}: max over time then mean over time, side by side (fastai's concat pooling). */
  static Block concatPool() {
    return new LambdaBlock(in -> {
      NDArray x = in.singletonOrThrow();
      return new NDList(NDArrays.concat(new NDList(x.max(new int[] {2}), x.mean(new int[] {2})), 1));
    }, "concat_pool");
  }

  /**
   * A basic residual block (He et al. 2016, 1D): {@code relu(bn(conv_k2(relu(bn(conv_k1, stride)))) + shortcut)},
   * convolutions without bias and same-padded; the shortcut is the input itself, or a 1x1 convolution with the
   * stride and batch norm when the stride or the width changes.
   */
  static Block residual(int planes, int k1, int k2, int stride, boolean project) {
    SequentialBlock main = new SequentialBlock()
        .add(conv1d(planes, k1, (k1 - 1) / 2, stride, 1, false)).add(batchNorm()).add(Activation.reluBlock())
        .add(conv1d(planes, k2, (k2 - 1) / 2, 1, 1, false)).add(batchNorm());
    Block shortcut = project
        ? new SequentialBlock().add(conv1d(planes, 1, 0, stride, 1, false)).add(batchNorm())
        : LambdaBlock.singleton(x -> x, "identity");
    ParallelBlock sum = new ParallelBlock(
        outs -> new NDList(outs.get(0).singletonOrThrow().add(outs.get(1).singletonOrThrow())),
        List.of(main, shortcut));
    return new SequentialBlock().add(sum).add(Activation.reluBlock());
  }

  /** Output length of an unpadded window of {@code k} taps at {@code stride} over {@code n} positions. */
  static int windows(int n, int k, int stride) {
    return n < k ? 0 : (n - k) / stride + 1;
  }
}
