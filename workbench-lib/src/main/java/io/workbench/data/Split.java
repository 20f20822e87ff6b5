package io.workbench.data;

import java.util.Arrays;

/**
 * A train/test partition of one dataset, with the row indices of each part in the parent dataset (so
 * out-of-fold predictions can be written back to the right rows).
 *
 * @param train the training part
 * @param test the held-out part
 * @param trainRows indices of the training rows in the parent dataset, ascending
 * @param testRows indices of the test rows in the parent dataset, ascending
 */
public record Split(Dataset train, Dataset test, int[] trainRows, int[] testRows) {

  /** Creates a split and defends the index arrays against later changes. */
  public Split {
    trainRows = trainRows.clone();
    testRows = testRows.clone();
  }

  @Override
  public int[] trainRows() {
    return trainRows.clone();
  }

  @Override
  public int[] testRows() {
    return testRows.clone();
  }

  @Override
  public String toString() {
    return "Split[train=" + train.rows() + " rows, test=" + test.rows() + " rows]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Split s
        && Arrays.equals(trainRows, s.trainRows)
        && Arrays.equals(testRows, s.testRows)
        && train.equals(s.train)
        && test.equals(s.test);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(trainRows) + Arrays.hashCode(testRows);
  }
}
