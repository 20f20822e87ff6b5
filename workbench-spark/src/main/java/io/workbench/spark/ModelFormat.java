package io.workbench.spark;

import io.workbench.model.Model;
import io.workbench.model.cart.CartTree;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.xgboost.XGBoostModel;
import java.nio.file.Path;
import java.util.Arrays;

/** The saved formats a model travels in: each family's own {@code save}/{@code load}, never Java serialisation. */
enum ModelFormat {
  /** XGBoost: {@code booster.ubj} and {@code model.json}. */
  XGBOOST {
    @Override
    void save(Model m, Path dir) {
      ((XGBoostModel) m).save(dir);
    }

    @Override
    Model load(Path dir) {
      return XGBoostModel.load(dir);
    }
  },
  /** DJL networks: {@code model.json} and {@code parameters.params}. */
  DJL {
    @Override
    void save(Model m, Path dir) {
      ((NeuralNetModel) m).save(dir);
    }

    @Override
    Model load(Path dir) {
      return NeuralNetModel.load(dir, "cpu");
    }
  },
  /** CART trees grown in Java: one JSON file. */
  CART {
    @Override
    void save(Model m, Path dir) {
      ((CartTree) m).save(dir.resolve("tree.json"));
    }

    @Override
    Model load(Path dir) {
      return CartTree.load(dir.resolve("tree.json"));
    }
  };

  abstract void save(Model m, Path dir);

  abstract Model load(Path dir);

  /** The format of a model, or an error naming the families that can be shipped. */
  static ModelFormat of(Model m) {
    if (m instanceof XGBoostModel) {
      return XGBOOST;
    }
    if (m instanceof NeuralNetModel) {
      return DJL;
    }
    if (m instanceof CartTree) {
      return CART;
    }
    throw new IllegalArgumentException("model: a " + (m == null ? "null" : m.getClass().getName())
        + " cannot be shipped to Spark executors; models that can are those with a saved format "
        + Arrays.toString(values()) + " (Models.xgboost/randomForest/decisionTree, Models.mlp/cnn1d/cnn2d/logistic/"
        + "linear, Models.cart)");
  }
}
