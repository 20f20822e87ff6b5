package io.workbench.data;

import java.util.Arrays;
import java.util.List;

/**
 * A generated dataset together with its ground truth: which features carry the signal.
 *
 * @param data the dataset
 * @param informative indices of the informative features (those the label depends on), ascending
 * @param redundant indices of features that are linear combinations of the informative ones, ascending
 */
public record SyntheticDataset(Dataset data, int[] informative, int[] redundant) {

  /** Copies the arrays. */
  public SyntheticDataset {
    informative = informative.clone();
    redundant = redundant.clone();
  }

  @Override
  public int[] informative() {
    return informative.clone();
  }

  @Override
  public int[] redundant() {
    return redundant.clone();
  }

  /** Names of the informative features. */
  public List<String> informativeNames() {
    return Arrays.stream(informative).mapToObj(i -> data.features().get(i)).toList();
  }

  /** How many of the given feature indices are informative (to score a top-k ranking). */
  public int countInformative(int[] featureIndices) {
    int hits = 0;
    for (int f : featureIndices) {
      if (Arrays.binarySearch(informative, f) >= 0) {
        hits++;
      }
    }
    return hits;
  }
}
