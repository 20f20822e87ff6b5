package io.workbench.data;

import java.util.Arrays;

/** Sample-shape rules shared by the dataset, its builder and column selection. */
final class SampleShapes {

  private SampleShapes() {}

  /** Checks that a shape is positive and holds exactly {@code features} values. */
  static void check(int[] shape, int features) {
    long prod = 1;
    for (int s : shape) {
      if (s <= 0) {
        throw new IllegalArgumentException("sampleShape must be positive, got " + Arrays.toString(shape));
      }
      prod *= s;
    }
    if (shape.length == 0 || prod != features) {
      throw new IllegalArgumentException("sampleShape " + Arrays.toString(shape) + " holds " + (shape.length == 0 ? 0 : prod)
          + " values but there are " + features + " features");
    }
  }

  /** Whether a shape is the plain {@code [d]} of a table (which follows the features when they change). */
  static boolean flat(int[] shape) {
    return shape.length == 1;
  }

  /**
   * The shape after keeping the features {@code kept} (indices in the old feature order): {@code [k]} for a
   * flat shape; for {@code [c, ...]} the same trailing axes when whole slices along the first axis are kept
   * (for example channels 3 and 1 of a {@code [4, 100]} signal give {@code [2, 100]}); anything else fails.
   *
   * @param op the calling method, for the message
   */
  static int[] afterKeeping(int[] shape, int[] kept, String op) {
    if (flat(shape)) {
      return new int[] {kept.length};
    }
    int block = 1;
    for (int a = 1; a < shape.length; a++) {
      block *= shape[a];
    }
    boolean whole = kept.length > 0 && kept.length % block == 0;
    for (int c = 0; whole && c < kept.length / block; c++) {
      int start = kept[c * block];
      whole = start % block == 0;
      for (int t = 1; whole && t < block; t++) {
        whole = kept[c * block + t] == start + t;
      }
    }
    if (!whole) {
      int d = 1;
      for (int s : shape) {
        d *= s;
      }
      throw new IllegalArgumentException(op + " keeps " + kept.length + " of " + d + " features, which do not fit samples"
          + " of shape " + Arrays.toString(shape) + ": keep whole slices along the first axis (blocks of " + block
          + " consecutive features), or flatten the samples first with toBuilder().sampleShape(" + d + ")");
    }
    int[] out = shape.clone();
    out[0] = kept.length / block;
    return out;
  }
}
