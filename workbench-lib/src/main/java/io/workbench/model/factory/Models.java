package io.workbench.model.factory;

import io.workbench.model.cart.CartTrainer;
import io.workbench.model.djl.ConceptBottleneck;
import io.workbench.model.djl.NeuralTrainer;
import io.workbench.model.djl.ProtoNet;
import io.workbench.model.xgboost.XGBoostTrainer;

/**
 * Entry point for model families: each method returns the family's immutable trainer, whose {@code fit}
 * gives a {@link io.workbench.model.Model}. Every engine is reached through a normal import.
 *
 * <pre>{@code
 * Model mlp = Models.mlp(64, 32).epochs(40).seed(42).fit(train);
 * Model xgb = Models.xgboost().rounds(200).maxDepth(4).fit(train);
 * CartTree tree = Models.cart().maxDepth(3).fit(train);
 * }</pre>
 */
public final class Models {

  private Models() {}

  // ---- DJL / PyTorch networks ------------------------------------------------------------------------

  /**
   * Multinomial logistic regression trained with DJL/PyTorch (classification).
   *
   * <pre>{@code
   * Model m = Models.logistic().epochs(50).fit(train);
   * }</pre>
   */
  public static NeuralTrainer logistic() {
    return NeuralTrainer.logistic();
  }

  /** Linear regression trained with DJL/PyTorch on the mean squared error (regression). */
  public static NeuralTrainer linear() {
    return NeuralTrainer.linear();
  }

  /**
   * A multilayer perceptron with the given hidden layer sizes (classification or regression).
   *
   * <pre>{@code
   * Model m = Models.mlp(64, 32).dropout(0.1).epochs(40).seed(42).fit(train);
   * }</pre>
   */
  public static NeuralTrainer mlp(int... hidden) {
    return NeuralTrainer.mlp(hidden);
  }

  /** A 1D CNN for multi-channel signals (sampleShape {@code [channels, length]}), one conv layer per filter count. */
  public static NeuralTrainer cnn1d(int... filters) {
    return NeuralTrainer.cnn1d(filters);
  }

  /**
   * A prototype network (ProtoPNet) for 1D signals, small images or tabular rows: predicts from the similarity
   * of the input's patches to prototypes that are patches of training rows, and explains a row by them.
   *
   * <pre>{@code
   * ProtoNetModel m = Models.protoNet().prototypesPerClass(2).epochs(20).fit(train);
   * m.explain(test.x()[0]).plot(250);
   * }</pre>
   */
  public static ProtoNet protoNet() {
    return ProtoNet.trainer();
  }

  /**
   * A concept bottleneck model over the named concept columns of the training data (not features): input to
   * concepts to class, with test-time interventions on the concepts.
   *
   * <pre>{@code
   * ConceptBottleneckModel m = Models.conceptBottleneck("qrs_width_ms", "p_wave_present").fit(train);
   * m.interventions(test);
   * }</pre>
   */
  public static ConceptBottleneck conceptBottleneck(String... concepts) {
    return ConceptBottleneck.on(concepts);
  }

  /** A small 2D CNN for images (sampleShape {@code [c, h, w]}), one conv layer per filter count. */
  public static NeuralTrainer cnn2d(int... filters) {
    return NeuralTrainer.cnn2d(filters);
  }

  /**
   * EEGNet v4 (Lawhern et al. 2018) for EEG (sampleShape {@code [channels, time]}), the published defaults.
   *
   * <pre>{@code
   * Model m = Models.eegNet().epochs(30).seed(42).fit(MotorImageryGenerator.defaults().generate().data());
   * }</pre>
   */
  public static NeuralTrainer eegNet() {
    return NeuralTrainer.eegNet();
  }

  /** ShallowFBCSPNet (Schirrmeister et al. 2017) for EEG (sampleShape {@code [channels, time]}), braindecode's defaults. */
  public static NeuralTrainer shallowFbcspNet() {
    return NeuralTrainer.shallowFbcspNet();
  }

  /** Deep4Net (Schirrmeister et al. 2017) for EEG (sampleShape {@code [channels, time]}), braindecode's defaults. */
  public static NeuralTrainer deep4Net() {
    return NeuralTrainer.deep4Net();
  }

  /**
   * The PTB-XL benchmark's 1D ResNet ({@code resnet1d_wang}) for ECG (sampleShape {@code [leads, time]}),
   * single- or multi-label.
   *
   * <pre>{@code Model m = Models.resNet1d().epochs(20).seed(42).fit(ptbxlTrain);   // multi-label: one sigmoid per statement }</pre>
   */
  public static NeuralTrainer resNet1d() {
    return NeuralTrainer.resNet1d();
  }

  // ---- end of DJL / PyTorch networks ------------------------------------------------------------------

  // ---- XGBoost tree models ------------------------------------------------------------------------

  /**
   * Gradient-boosted trees with XGBoost's defaults (100 rounds, depth 6, eta 0.3); binary, multi-class or
   * regression follows the training data.
   *
   * <pre>{@code Model m = Models.xgboost().rounds(200).eta(0.1).earlyStopping(20, 0.2).seed(42).fit(train); }</pre>
   */
  public static XGBoostTrainer xgboost() {
    return XGBoostTrainer.boosting();
  }

  /**
   * A random forest in XGBoost's random-forest mode: one round of 100 parallel trees, eta 1, row
   * subsample 0.8, 80 % of features per split, depth 8.
   *
   * <pre>{@code Model rf = Models.randomForest().parallelTrees(300).seed(7).fit(train); }</pre>
   */
  public static XGBoostTrainer randomForest() {
    return XGBoostTrainer.forest();
  }

  /**
   * A single decision tree (one XGBoost tree, eta 1), depth 4 unless changed.
   *
   * <pre>{@code Model tree = Models.decisionTree().maxDepth(3).fit(train); }</pre>
   */
  public static XGBoostTrainer decisionTree() {
    return XGBoostTrainer.singleTree();
  }

  // ---- end of XGBoost tree models ------------------------------------------------------------------

  /**
   * A CART decision tree grown in Java (Gini or variance, exact splits, deterministic), depth 5 unless
   * changed; its leaves read out as IF-THEN rules. Unlike {@link #decisionTree()} it is not an XGBoost tree.
   *
   * <pre>{@code CartTree tree = Models.cart().maxDepth(3).minSamplesLeaf(5).fit(train); }</pre>
   */
  public static CartTrainer cart() {
    return CartTrainer.create();
  }
}
