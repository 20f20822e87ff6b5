package io.workbench.fuzz;

import io.workbench.data.Datasets;
import io.workbench.model.cart.CartTree;
import io.workbench.model.factory.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Mutated CART tree files written by {@link CartTree#save}, loaded with {@link CartTree#load} and used. */
public final class CartTarget implements FuzzTarget {

  @Override
  public String name() {
    return "cart-json";
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    Path classifier = work.resolve("iris.json");
    Models.cart().maxDepth(3).fit(Datasets.iris()).save(classifier);
    Path regression = work.resolve("diabetes.json");
    Models.cart().maxDepth(2).fit(Datasets.diabetes().head(80)).save(regression);
    return List.of(new FuzzInput("iris", Map.of("tree.json", Files.readAllBytes(classifier))),
        new FuzzInput("diabetes", Map.of("tree.json", Files.readAllBytes(regression))));
  }

  @Override
  public void read(Path dir) {
    CartTree t = CartTree.load(dir.resolve("tree.json"));
    int d = t.featureNames().size();
    float[][] x = new float[2][d];
    for (int j = 0; j < d; j++) {
      x[1][j] = 1e6f * (j % 2 == 0 ? 1 : -1);
    }
    t.predictProba(x);
    t.rules();
    t.toText();
  }
}
