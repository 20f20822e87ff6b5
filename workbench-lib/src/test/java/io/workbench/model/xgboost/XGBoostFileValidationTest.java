package io.workbench.model.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workbench.data.Datasets;
import io.workbench.model.factory.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved XGBoost model whose {@code model.json} or {@code booster.ubj} was changed is refused with an {@link
 * IllegalArgumentException} naming the file and what is wrong, before XGBoost's native parser (which crashes the
 * JVM on such input) sees anything. Boosters are edited structurally here with {@link Ubjson}; the fuzz targets
 * and {@code FuzzRegressionTest} cover random byte mutations.
 */
class XGBoostFileValidationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  static Path saved;
  static XGBoostModel model;
  static byte[] booster;

  @BeforeAll
  static void saveOne() throws IOException {
    model = (XGBoostModel) Models.xgboost().rounds(3).maxDepth(3).threads(1).seed(4).fit(Datasets.iris());
    saved = tmp.resolve("saved");
    model.save(saved);
    booster = Files.readAllBytes(saved.resolve("booster.ubj"));
  }

  private static Path copy(String name) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.copy(saved.resolve("model.json"), dir.resolve("model.json"));
    Files.copy(saved.resolve("booster.ubj"), dir.resolve("booster.ubj"));
    return dir;
  }

  private static Path json(String name, Consumer<ObjectNode> edit) throws IOException {
    Path dir = copy(name);
    ObjectNode j = (ObjectNode) JSON.readTree(dir.resolve("model.json").toFile());
    edit.accept(j);
    JSON.writeValue(dir.resolve("model.json").toFile(), j);
    return dir;
  }

  @SuppressWarnings("unchecked")
  private static Path ubj(String name, Consumer<Map<String, Object>> edit) throws IOException {
    Path dir = copy(name);
    Map<String, Object> root = (Map<String, Object>) Ubjson.read(booster, "test");
    edit.accept(root);
    Files.write(dir.resolve("booster.ubj"), Ubjson.write(root));
    return dir;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(Map<String, Object> m, String... path) {
    Map<String, Object> cur = m;
    for (String p : path) {
      cur = (Map<String, Object>) cur.get(p);
    }
    return cur;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(Map<String, Object> root, int t) {
    return (Map<String, Object>) ((List<Object>) at(root, "learner", "gradient_booster", "model").get("trees")).get(t);
  }

  private static String fails(Path dir, String file, String... expected) {
    String msg = assertThrows(IllegalArgumentException.class, () -> XGBoostModel.load(dir)).getMessage();
    assertTrue(msg.contains(dir.resolve(file).toString()), "names " + file + ": " + msg);
    for (String e : expected) {
      assertTrue(msg.contains(e), "mentions '" + e + "': " + msg);
    }
    return msg;
  }

  @Test
  void aValidBoosterIsWrittenBackByteForByte() {
    byte[] again = Ubjson.write(Ubjson.read(booster, "test"));
    assertArrayEquals(booster, again, "XGBoost's own encoding is the canonical one");
    float[][] x = Datasets.iris().x();
    assertArrayEquals(model.predictProba(x)[60], XGBoostModel.load(saved).predictProba(x)[60]);
  }

  @Test
  void wrongTypesInModelJsonNameTheField() throws IOException {
    fails(json("seed", j -> j.put("seed", "x")), "model.json", "'seed'", "integer");
    fails(json("rounds", j -> j.put("rounds", "many")), "model.json", "'rounds'", "integer");
    fails(json("features", j -> j.put("featureNames", "abc")), "model.json", "'featureNames'", "array");
    fails(json("params", j -> j.put("params", 5)), "model.json", "'params'", "object");
    fails(json("task", j -> j.put("task", 5)), "model.json", "'task'", "string");
    fails(json("noTask", j -> j.remove("task")), "model.json", "'task'", "missing");
    fails(json("boosterType", j -> j.put("booster", 7)), "model.json", "'booster'", "string");
  }

  @Test
  void theBoosterMustLieInTheModelFolder() throws IOException {
    fails(json("abs", j -> j.put("booster", "/etc/passwd")), "model.json", "'booster'", "outside");
    Path other = copy("other");
    fails(json("up", j -> j.put("booster", "../other/booster.ubj")), "model.json", "'booster'", "outside");
    assertTrue(Files.exists(other.resolve("booster.ubj")));
    fails(json("self", j -> j.put("booster", ".")), "model.json", "'booster'");
  }

  @Test
  void namesAndTaskMustFitTheBooster() throws IOException {
    fails(json("moreClasses", j -> j.withArray("classNames").add("fourth")), "booster.ubj", "num_class 3",
        "4 classes");
    fails(json("regression", j -> {
      j.put("task", "REGRESSION");
      j.withArray("classNames").removeAll();
    }), "booster.ubj", "multi:softprob", "REGRESSION");
    fails(json("featureCount", j -> j.withArray("featureNames").add("extra")), "booster.ubj", "4 features", "5");
    fails(json("dup", j -> j.withArray("classNames").set(2, j.textNode("setosa"))), "model.json", "classNames");
  }

  @Test
  void truncatedOrCorruptUbjsonIsRefusedBeforeXgboostSeesIt() throws IOException {
    Path cut = copy("cut");
    Files.write(cut.resolve("booster.ubj"), java.util.Arrays.copyOf(booster, booster.length / 2));
    fails(cut, "booster.ubj", "needs");
    Path junk = copy("junk");
    byte[] b = booster.clone();
    b[3] = 'H';
    b = java.util.Arrays.copyOf(b, b.length + 3);
    Files.write(junk.resolve("booster.ubj"), b);
    fails(junk, "booster.ubj");
    Path json = copy("text");
    Files.writeString(json.resolve("booster.ubj"), "{\"learner\": {}}");
    fails(json, "booster.ubj", "'{L'");
  }

  @Test
  void treeStructureIsChecked() throws IOException {
    fails(ubj("child", r -> ((int[]) tree(r, 0).get("left_children"))[0] = 999), "booster.ubj", "children");
    fails(ubj("cycle", r -> ((int[]) tree(r, 0).get("left_children"))[0] = 0), "booster.ubj", "children");
    fails(ubj("parent", r -> ((int[]) tree(r, 1).get("parents"))[1] = 5), "booster.ubj", "parents");
    fails(ubj("feature", r -> ((int[]) tree(r, 2).get("split_indices"))[0] = 4), "booster.ubj", "split_indices 4");
    fails(ubj("nan", r -> ((float[]) tree(r, 0).get("split_conditions"))[1] = Float.NaN), "booster.ubj",
        "split_conditions[1]", "NaN");
    fails(ubj("short", r -> tree(r, 0).put("sum_hessian", new float[1])), "booster.ubj", "sum_hessian",
        "float32[1]");
    fails(ubj("nodes", r -> at(tree(r, 0), "tree_param").put("num_nodes", "100000")), "booster.ubj");
    fails(ubj("cat", r -> tree(r, 0).put("categories", new int[] {1})), "booster.ubj", "categories");
  }

  @Test
  @SuppressWarnings("unchecked")
  void modelLevelCountsAreChecked() throws IOException {
    fails(ubj("info", r -> ((List<Object>) at(r, "learner", "gradient_booster", "model").get("tree_info"))
        .set(0, 7L)), "booster.ubj", "tree_info[0] is 7");
    fails(ubj("ntrees", r -> at(r, "learner", "gradient_booster", "model", "gbtree_model_param")
        .put("num_trees", "8")), "booster.ubj", "num_trees is 8");
    fails(ubj("ids", r -> tree(r, 1).put("id", 0L)), "booster.ubj", "tree id 0");
    fails(ubj("indptr", r -> ((List<Object>) at(r, "learner", "gradient_booster", "model")
        .get("iteration_indptr")).set(1, 2L)), "booster.ubj", "iteration_indptr");
    fails(ubj("objective", r -> at(r, "learner", "objective").put("name", "multi:softmax")), "booster.ubj",
        "multi:softmax");
    fails(ubj("classes", r -> at(r, "learner", "learner_model_param").put("num_class", "4")), "booster.ubj",
        "num_class");
    fails(ubj("base", r -> at(r, "learner", "learner_model_param").put("base_score", "nan")), "booster.ubj",
        "base_score");
    fails(ubj("unknown", r -> at(r, "learner").put("extra", 1L)), "booster.ubj", "'extra'");
    fails(ubj("dart", r -> at(r, "learner", "gradient_booster").put("name", "dart")), "booster.ubj", "dart");
  }

  @Test
  void hugeCountsAndDeepNestingAreRefusedWithoutAllocating() throws IOException {
    // a typed float array announcing 2^60 elements, right after '{L..learner{'
    byte[] huge = {'{', 'L', 0, 0, 0, 0, 0, 0, 0, 1, 'a', '[', '$', 'd', '#', 'L', 16, 0, 0, 0, 0, 0, 0, 0, '}'};
    Path h = copy("huge");
    Files.write(h.resolve("booster.ubj"), huge);
    fails(h, "booster.ubj", "typed array");
    List<Byte> deep = new ArrayList<>(List.of((byte) '{', (byte) 'L', (byte) 0, (byte) 0, (byte) 0, (byte) 0,
        (byte) 0, (byte) 0, (byte) 0, (byte) 1, (byte) 'a'));
    for (int i = 0; i < 100_000; i++) {
      deep.add((byte) '[');
    }
    byte[] d = new byte[deep.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = deep.get(i);
    }
    Path dd = copy("deep");
    Files.write(dd.resolve("booster.ubj"), d);
    fails(dd, "booster.ubj", "deeper");
  }

  @Test
  @SuppressWarnings("unchecked")
  void olderXgboostLayoutIsAccepted() throws IOException {
    // XGBoost 1.7 (Python) writes size_leaf_vector in gbtree_model_param and no iteration_indptr
    Path old = ubj("old", r -> {
      Map<String, Object> m = at(r, "learner", "gradient_booster", "model");
      ((Map<String, Object>) m.get("gbtree_model_param")).put("size_leaf_vector", "0");
      m.remove("iteration_indptr");
    });
    float[][] x = Datasets.iris().x();
    assertArrayEquals(model.predictProba(x)[100], XGBoostModel.load(old).predictProba(x)[100]);
  }

  /** A booster trained and saved by Python's XGBoost (1.7 on Debian) passes the check and predicts as Python does. */
  @Test
  void pythonXgboostBoostersPassTheCheckAndPredictTheSame() throws Exception {
    String python = io.workbench.testing.Python.with("xgboost, numpy");
    org.junit.jupiter.api.Assumptions.assumeTrue(python != null,
        "python3 with xgboost not installed (Debian: apt-get install python3-xgboost)");
    Path dir = Files.createDirectories(tmp.resolve("python"));
    String script = "import sys, numpy as np, xgboost as xgb\n"
        + "rng = np.random.default_rng(0)\n"
        + "x = rng.normal(size=(300, 4)).astype(np.float32)\n"
        + "y = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0.5).astype(int)\n"
        + "b = xgb.train({'objective': 'multi:softprob', 'num_class': 3, 'max_depth': 3, 'gamma': 0.5,"
        + " 'nthread': 1}, xgb.DMatrix(x, label=y), 6)\n"
        + "b.save_model(sys.argv[1] + '/booster.ubj')\n"
        + "np.savetxt(sys.argv[1] + '/x.csv', x[:20], delimiter=',')\n"
        + "print(' '.join(repr(float(v)) for v in b.predict(xgb.DMatrix(x[:20])).ravel()))\n";
    io.workbench.testing.Python.Result r = io.workbench.testing.Python.run(python,
        List.of("-c", script, dir.toString()), 120);
    org.junit.jupiter.api.Assertions.assertEquals(0, r.exit(), r.out());
    Files.writeString(dir.resolve("model.json"), "{\"type\": \"xgboost\", \"formatVersion\": 1, "
        + "\"task\": \"CLASSIFICATION\", \"featureNames\": [\"a\", \"b\", \"c\", \"d\"], "
        + "\"classNames\": [\"0\", \"1\", \"2\"], \"params\": {\"nthread\": 1}}");
    XGBoostModel m = XGBoostModel.load(dir);
    List<String> rows = Files.readAllLines(dir.resolve("x.csv"));
    float[][] x = new float[rows.size()][];
    for (int i = 0; i < x.length; i++) {
      String[] v = rows.get(i).split(",");
      x[i] = new float[v.length];
      for (int j = 0; j < v.length; j++) {
        x[i][j] = Float.parseFloat(v[j]);
      }
    }
    String[] expected = r.out().strip().lines().reduce((a, b) -> b).orElseThrow().split(" ");
    float[][] p = m.predictProba(x);
    for (int i = 0; i < x.length; i++) {
      for (int k = 0; k < 3; k++) {
        org.junit.jupiter.api.Assertions.assertEquals(Float.parseFloat(expected[3 * i + k]), p[i][k], 1e-6,
            "row " + i + " class " + k);
      }
    }
  }
}
