package io.workbench.model;

import java.util.Arrays;

/**
 * One named parameter of a network (a weight matrix, a convolution kernel, a bias, a batch-norm statistic): its
 * name, its shape and its values flattened in row-major order, as PyTorch's {@code state_dict} holds them. A
 * value: the arrays are copied in and out.
 *
 * <pre>{@code
 * List<WeightArray> w = net.weights();                 // [dense1.weight [64, 30], dense1.bias [64], ...]
 * WeightArray first = w.get(0);
 * float w01 = first.get(0, 1);                         // row 0, column 1
 * var zeroed = new WeightArray(first.name(), first.shape(), new float[first.size()]);
 * NeuralNetModel other = net.withWeights(List.of(zeroed));
 * }</pre>
 *
 * @param name the parameter's name, for example {@code dense1.weight} or {@code conv2.bias}
 * @param shape its shape, for example {@code [out, in]} for a dense weight, {@code [out, in, k]} for a 1D kernel
 * @param values the values, flattened row-major ({@code values.length} = product of the shape)
 */
public record WeightArray(String name, int[] shape, float[] values) {

  /** Checks that the values fill the shape, and copies both. */
  public WeightArray {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("WeightArray: the name is blank");
    }
    if (shape == null || values == null) {
      throw new IllegalArgumentException("WeightArray '" + name + "': shape and values are required, got shape "
          + Arrays.toString(shape) + " and " + (values == null ? "no values" : values.length + " values"));
    }
    long size = 1;
    for (int s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("WeightArray '" + name + "': shape " + Arrays.toString(shape)
            + " has a negative dimension");
      }
      size *= s;
    }
    if (size != values.length) {
      throw new IllegalArgumentException("WeightArray '" + name + "': shape " + Arrays.toString(shape) + " holds "
          + size + " values, got " + values.length);
    }
    shape = shape.clone();
    values = values.clone();
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  @Override
  public float[] values() {
    return values.clone();
  }

  /** Number of values. */
  public int size() {
    return values.length;
  }

  /** The value at a full index, for example {@code get(row, column)} of a dense weight. */
  public float get(int... index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException("WeightArray '" + name + "': index " + Arrays.toString(index) + " has "
          + index.length + " dimensions, the shape " + Arrays.toString(shape) + " has " + shape.length);
    }
    int off = 0;
    for (int d = 0; d < shape.length; d++) {
      if (index[d] < 0 || index[d] >= shape[d]) {
        throw new IllegalArgumentException("WeightArray '" + name + "': index " + Arrays.toString(index)
            + " is outside the shape " + Arrays.toString(shape));
      }
      off = off * shape[d] + index[d];
    }
    return values[off];
  }

  /** Whether another array has the same shape (what setting weights requires). */
  public boolean sameShape(int[] other) {
    return Arrays.equals(shape, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WeightArray w && name.equals(w.name) && Arrays.equals(shape, w.shape)
        && Arrays.equals(values, w.values);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + Arrays.toString(shape);
  }
}
