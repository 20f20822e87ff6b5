package io.workbench.spark;

import java.io.Serializable;

/**
 * One labelled row as it travels to the fold tasks: its id, its target (class index, or value for regression),
 * its features and, once folds are assigned, its test fold.
 */
record FoldRow(long id, double target, float[] x, int fold) implements Serializable {

  FoldRow withFold(int f) {
    return new FoldRow(id, target, x, f);
  }
}
