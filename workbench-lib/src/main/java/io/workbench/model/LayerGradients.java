package io.workbench.model;

import java.util.Arrays;

/**
 * Activations of one layer for a batch, and the gradients of a chosen output with respect to them, both
 * flattened in row-major order over {@link #shape()} (first dimension: the rows of the batch). For a 1D
 * convolution the shape is {@code [n, channels, length]}, for a 2D one {@code [n, channels, h, w]}, for a
 * dense layer {@code [n, units]}.
 *
 * <pre>{@code
 * LayerGradients lg = net.layerGradients("conv2", x, targets, Differentiable.Output.LOGIT);
 * float a = lg.activation(0, 3, 17);   // row 0, channel 3, position 17
 * float[] row0 = lg.gradientsOfRow(0);
 * }</pre>
 *
 * @param layer the layer's name
 * @param shape shape of the activations, first dimension = rows
 * @param activations the activations, flattened
 * @param gradients the gradients, flattened like {@code activations}
 */
public record LayerGradients(String layer, int[] shape, float[] activations, float[] gradients) {

  /** Checks sizes and copies the arrays. */
  public LayerGradients {
    long size = 1;
    for (int s : shape) {
      size *= s;
    }
    if (activations.length != size || gradients.length != size) {
      throw new IllegalArgumentException(
          "Layer '" + layer + "': shape " + Arrays.toString(shape) + " holds " + size + " values, got "
              + activations.length + " activations and " + gradients.length + " gradients");
    }
    shape = shape.clone();
    activations = activations.clone();
    gradients = gradients.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public float[] activations() {
    return activations.clone();
  }

  @Override
  public float[] gradients() {
    return gradients.clone();
  }

  /** Number of rows in the batch. */
  public int rows() {
    return shape[0];
  }

  /** Number of values per row (product of the shape without its first dimension). */
  public int valuesPerRow() {
    return rows() == 0 ? 0 : activations.length / rows();
  }

  /** The activation at a full index (row first). */
  public float activation(int... index) {
    return activations[offset(index)];
  }

  /** The gradient at a full index (row first). */
  public float gradient(int... index) {
    return gradients[offset(index)];
  }

  /** The activations of one row, flattened. */
  public float[] activationsOfRow(int row) {
    int m = valuesPerRow();
    return Arrays.copyOfRange(activations, row * m, (row + 1) * m);
  }

  /** The gradients of one row, flattened. */
  public float[] gradientsOfRow(int row) {
    int m = valuesPerRow();
    return Arrays.copyOfRange(gradients, row * m, (row + 1) * m);
  }

  private int offset(int[] index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException(
          "Index " + Arrays.toString(index) + " has " + index.length + " dimensions, shape is "
              + Arrays.toString(shape));
    }
    int off = 0;
    for (int d = 0; d < shape.length; d++) {
      if (index[d] < 0 || index[d] >= shape[d]) {
        throw new IllegalArgumentException(
            "Index " + Arrays.toString(index) + " is outside shape " + Arrays.toString(shape));
      }
      off = off * shape[d] + index[d];
    }
    return off;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LayerGradients g
        && layer.equals(g.layer)
        && Arrays.equals(shape, g.shape)
        && Arrays.equals(activations, g.activations)
        && Arrays.equals(gradients, g.gradients);
  }

  @Override
  public int hashCode() {
    return layer.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return "LayerGradients[" + layer + " " + Arrays.toString(shape) + "]";
  }
}
