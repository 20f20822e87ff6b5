package io.workbench.data;

/**
 * A dataset whose labels were corrupted on purpose, with the ground truth kept beside it.
 *
 * @param noisy the dataset carrying the noisy labels (features unchanged)
 * @param flipped {@code flipped[i]} is true where the label of row i was changed
 * @param trueLabels the original class index of every row
 */
public record NoisyLabels(Dataset noisy, boolean[] flipped, int[] trueLabels) {

  /** Copies the arrays. */
  public NoisyLabels {
    flipped = flipped.clone();
    trueLabels = trueLabels.clone();
  }

  @Override
  public boolean[] flipped() {
    return flipped.clone();
  }

  @Override
  public int[] trueLabels() {
    return trueLabels.clone();
  }

  /** Number of rows whose label was changed. */
  public int flippedCount() {
    int n = 0;
    for (boolean f : flipped) {
      if (f) {
        n++;
      }
    }
    return n;
  }

  /** The dataset with the original labels. */
  public Dataset clean() {
    return noisy.withLabels(trueLabels);
  }

  @Override
  public String toString() {
    return "NoisyLabels[" + flippedCount() + " of " + flipped.length + " labels flipped]";
  }
}
