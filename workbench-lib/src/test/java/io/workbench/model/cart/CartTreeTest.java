package io.workbench.model.cart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CART as a model: a factory in Models, save/load with bit-identical predictions, thread-safe inference. */
class CartTreeTest {

  @TempDir
  Path tmp;

  private static float[][] predictions(Model m, float[][] x) {
    return m.predictProba(x);
  }

  @Test
  void modelsCartIsTheJavaCartNotTheXgboostTree() {
    Split s = Datasets.iris().split(0.7, 1);
    CartTree tree = Models.cart().maxDepth(3).fit(s.train());
    assertEquals(CartTree.class, tree.getClass());
    assertTrue(tree.depth() <= 3 && tree.leafCount() >= 3, tree.toString());
    Model xgboostTree = Models.decisionTree().maxDepth(3).seed(1).threads(1).fit(s.train());
    assertTrue(!(xgboostTree instanceof CartTree), "Models.decisionTree() stays the single XGBoost tree");
  }

  @Test
  void saveAndLoadGiveBitIdenticalPredictions() throws Exception {
    Split cls = Datasets.breastCancer().split(0.7, 2);
    CartTree c = Models.cart().maxDepth(6).minSamplesLeaf(2).fit(cls.train());
    Path file = tmp.resolve("sub/tree.json");
    c.save(file);
    CartTree back = CartTree.load(file);
    assertEquals(c, back);
    assertEquals(c.featureNames(), back.featureNames());
    assertEquals(c.classNames(), back.classNames());
    assertArrayEquals(predictions(c, cls.test().x()), predictions(back, cls.test().x()));
    assertEquals(c.rules().toText(), back.rules().toText());

    Dataset diabetes = Datasets.diabetes();
    CartTree r = Models.cart().maxDepth(5).fit(diabetes);
    r.save(file);   // replaces the classifier in place
    CartTree rBack = CartTree.load(file);
    assertArrayEquals(predictions(r, diabetes.x()), predictions(rBack, diabetes.x()));
    try (Stream<Path> left = Files.list(file.getParent())) {
      assertEquals(List.of(file), left.toList(), "no temporary file is left behind");
    }
  }

  @Test
  void inferenceIsThreadSafe() throws Exception {
    Split s = Datasets.breastCancer().split(0.7, 3);
    CartTree tree = Models.cart().maxDepth(8).fit(s.train());
    float[][] x = s.test().x();
    float[][] expected = tree.predictProba(x);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<float[][]>> results = new ArrayList<>();
      for (int t = 0; t < 32; t++) {
        results.add(pool.submit(() -> tree.predictProba(x)));
      }
      for (Future<float[][]> f : results) {
        assertArrayEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void hostileFilesFailNamingTheFileAndTheProblem() throws Exception {
    CartTree tree = Models.cart().maxDepth(3).fit(Datasets.iris());
    Path good = tmp.resolve("good.json");
    tree.save(good);
    ObjectMapper json = new ObjectMapper();
    ObjectNode base = (ObjectNode) json.readTree(good.toFile());

    assertLoadFails(json, base, n -> ((ArrayNode) n.get("left")).set(0, 0), "children must come after their parent");
    assertLoadFails(json, base, n -> ((ArrayNode) n.get("right")).set(0, 999), "within 0..");
    assertLoadFails(json, base, n -> ((ArrayNode) n.get("threshold")).remove(0), "threshold has");
    assertLoadFails(json, base, n -> ((ArrayNode) n.get("threshold")).set(0, json.getNodeFactory().textNode("NaN")),
        "non-finite threshold");
    assertLoadFails(json, base, n -> ((ArrayNode) n.get("feature")).set(0, 17), "splits on feature 17");
    assertLoadFails(json, base, n -> n.put("type", "xgboost"), "is not a CART tree");
    assertLoadFails(json, base, n -> n.put("formatVersion", 2), "format version 2");
    assertLoadFails(json, base, n -> n.remove("value"), "missing array 'value'");
    assertLoadFails(json, base, n -> ((ArrayNode) ((ArrayNode) n.get("value")).get(0)).remove(0), "leaf values");
    assertLoadFails(json, base, n -> {
      // a node with two parents: both children of the root point at node 1
      ((ArrayNode) n.get("right")).set(0, ((ArrayNode) n.get("left")).get(0).asInt());
    }, "parents");

    Path truncated = tmp.resolve("truncated.json");
    String text = Files.readString(good);
    Files.writeString(truncated, text.substring(0, text.length() / 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CartTree.load(truncated));
    assertTrue(e.getMessage().contains("truncated.json") && e.getMessage().contains("not valid JSON"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CartTree.load(tmp.resolve("missing.json")));
    assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> tree.save(tmp));
    assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Models.cart().maxDepth(CartTree.MAX_DEPTH + 1));
  }

  private void assertLoadFails(ObjectMapper json, ObjectNode base, Consumer<ObjectNode> damage, String expected)
      throws Exception {
    ObjectNode copy = base.deepCopy();
    damage.accept(copy);
    Path bad = tmp.resolve("bad.json");
    json.writeValue(bad.toFile(), copy);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CartTree.load(bad));
    assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains(expected),
        "expected '" + expected + "' in: " + e.getMessage());
  }
}
