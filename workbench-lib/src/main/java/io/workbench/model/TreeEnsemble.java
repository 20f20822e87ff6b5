package io.workbench.model;

import java.util.List;
import tech.tablesaw.api.Table;

/**
 * Capability of tree-ensemble models (gradient-boosted trees, random forests, single trees): exact
 * TreeSHAP contributions, raw margins and native feature importances. Ask a model for it with {@link
 * Model#as(Class)}.
 *
 * <p><b>Output space.</b> Contributions and margins are in the model's <em>margin</em> space: log-odds for
 * binary classification, the per-class softmax input for multi-class, the predicted value for regression.
 * For every row, the contributions plus the base value (the last column of {@link
 * #predictContrib(float[][], int)}) sum to {@link #predictMargin(float[][], int)}. For a binary model,
 * target class 1 is the native log-odds of class 1 and target class 0 its negation (the log-odds of class
 * 0). Regression models have the single target 0.
 *
 * <pre>{@code
 * TreeEnsemble trees = model.as(TreeEnsemble.class).orElseThrow();
 * double[][] phi = trees.predictContrib(test.x(), 1);   // n x (features + 1); last column = base value
 * Table imp = trees.importance();                      // feature, gain, weight, cover, total_gain, total_cover
 * }</pre>
 */
public interface TreeEnsemble {

  /**
   * Exact TreeSHAP contributions for one target, computed in one batch.
   *
   * @param x raw features, {@code rows x features}
   * @param targetClass class index (classification) or 0 (regression)
   * @return {@code rows x (features + 1)}; column {@code features} holds the base value
   */
  double[][] predictContrib(float[][] x, int targetClass);

  /** The margin (log-odds, softmax input or value) of one target for each row, in one batch. */
  double[] predictMargin(float[][] x, int targetClass);

  /** The base value of a target: the margin explained by no feature (the bias column of the contributions). */
  double baseValue(int targetClass);

  /** Number of margin outputs: 1 for regression and binary classification, the class count otherwise. */
  int numOutputs();

  /** Number of trees in the ensemble (all outputs and parallel trees counted). */
  int numTrees();

  /**
   * Native importances per feature, one row per feature in model order, with columns {@code feature},
   * {@code gain} (mean gain per split), {@code weight} (number of splits), {@code cover} (mean cover per
   * split), {@code total_gain} and {@code total_cover}. Features never used get 0.
   */
  Table importance();

  /**
   * The trees as JSON, one string per tree. Split features are written as {@code f<j>}, where {@code j}
   * indexes {@link Model#featureNames()}.
   */
  List<String> treeDumpJson();
}
