package io.workbench.explain;

import io.workbench.testing.TestModels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.data.Task;
import io.workbench.model.Model;
import io.workbench.model.TreeEnsemble;
import io.workbench.model.factory.Models;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TreeSHAP over the trees in Java: Fast TreeSHAP against XGBoost's own contributions, interventional TreeSHAP
 * against brute-force interventional Shapley values, and interaction values against the Shapley interaction index
 * of the path-dependent game computed by enumeration.
 */
class TreeShapAlgorithmsTest {

  private static Model fit(Dataset train, int depth, int rounds) {
    return Models.xgboost().rounds(rounds).maxDepth(depth).eta(0.2).seed(5).threads(1).progress(e -> {}).fit(train);
  }

  private static Dataset breastCancer(int from, int to) {
    Dataset all = Datasets.breastCancer();
    return Dataset.builder(all.table()).target("diagnosis").features(all.features().subList(from, to))
        .classNames(all.classNames()).build();
  }

  /**
   * Fast TreeSHAP equals predictContrib (values and base values) to 1e-6 for every target, relative to the size of
   * the margins (XGBoost returns float32: regression values near 30 carry 2e-6 of rounding).
   */
  private static void assertMatchesNative(Model m, float[][] x, int targets) {
    for (int k = 0; k < targets; k++) {
      Attribution fast = Explain.treeShap(m).algorithm(TreeShap.Algorithm.FAST).target(Target.of(k)).explain(x);
      Attribution nat = Explain.treeShap(m).algorithm(TreeShap.Algorithm.NATIVE).target(Target.of(k)).explain(x);
      assertEquals("fast TreeSHAP v2", fast.settings().get("algorithm"));
      for (int i = 0; i < x.length; i++) {
        double scale = Math.max(1, Math.abs(nat.outputs()[i]));
        assertArrayEquals(nat.values(i), fast.values(i), 1e-6 * scale, "target " + k + ", row " + i);
        assertEquals(nat.baseValues()[i], fast.baseValues()[i], 1e-6 * scale, "target " + k + ", base, row " + i);
        assertEquals(nat.outputs()[i], fast.outputs()[i], 1e-6 * scale, "target " + k + ", margin, row " + i);
      }
      assertTrue(fast.additivityGap() < 1e-6, "gap " + fast.additivityGap());
    }
  }

  @Test
  void fastTreeShapEqualsXgboostContributions() {
    Split bc = Datasets.breastCancer().split(0.7, 11);
    float[][] x = bc.test().x();
    assertMatchesNative(fit(bc.train(), 3, 40), x, 2);
    assertMatchesNative(fit(bc.train(), 6, 30), x, 1);
    Split iris = Datasets.iris().split(0.7, 2);
    assertMatchesNative(fit(iris.train(), 3, 10), iris.test().x(), 3);
    // a random forest: parallel trees per class and round
    Model forest = Models.randomForest().parallelTrees(4).maxDepth(4).seed(1).threads(1).progress(e -> {})
        .fit(iris.train());
    assertMatchesNative(forest, iris.test().x(), 3);
    Split diabetes = Datasets.diabetes().split(0.7, 2);
    assertMatchesNative(fit(diabetes.train(), 5, 25), diabetes.test().x(), 1);
  }

  @Test
  void sameNumbersWhateverTheThreads() {
    Split bc = Datasets.breastCancer().split(0.7, 11);
    Model m = fit(bc.train(), 4, 20);
    Attribution one = Explain.treeShap(m).threads(1).explain(bc.test());
    Attribution three = Explain.treeShap(m).threads(3).explain(bc.test());
    for (int i = 0; i < one.rows(); i++) {
      assertArrayEquals(one.values(i), three.values(i), 0.0);
    }
    Background bg = Background.sample(bc.train(), 15, 3);
    Attribution a1 = Explain.treeShap(m).background(bg).threads(1).explain(bc.test().head(9));
    Attribution a3 = Explain.treeShap(m).background(bg).threads(3).explain(bc.test().head(9));
    for (int i = 0; i < a1.rows(); i++) {
      assertArrayEquals(a1.values(i), a3.values(i), 0.0);
    }
  }

  /** The model's margin of one target as a regression model, for the brute-force references. */
  private static Model marginOf(Model m, int target) {
    TreeEnsemble te = m.as(TreeEnsemble.class).orElseThrow();
    return TestModels.regression(m.featureNames().size(), v -> te.predictMargin(new float[][] {v}, target)[0]);
  }

  @Test
  void interventionalEqualsBruteForceShapley() {
    Dataset data = breastCancer(20, 27);
    Split s = data.split(0.8, 4);
    Model m = fit(s.train(), 4, 15);
    float[][] bg = s.train().head(6).x();
    float[][] x = s.test().head(4).x();
    Background background = Background.of(bg);
    for (int k = 0; k < 2; k++) {
      Attribution a = Explain.treeShap(m).background(background).target(Target.of(k)).explain(x);
      Attribution exact = Explain.exactShapley(marginOf(m, k), background).explain(x);
      assertEquals("interventional tree SHAP", a.method());
      for (int i = 0; i < x.length; i++) {
        assertArrayEquals(exact.values(i), a.values(i), 2e-5, "class " + k + ", row " + i);
        assertEquals(exact.baseValues()[i], a.baseValues()[i], 2e-5);
      }
      assertTrue(a.additivityGap() < 1e-9, "gap " + a.additivityGap());
    }
    // probability space: each reference's margin values scaled to its change of probability, then averaged
    Attribution p = Explain.treeShap(m).background(background).output(TreeShap.Output.PROBABILITY).explain(x);
    assertEquals("probability", p.outputSpace());
    float[][] proba = m.predictProba(x);
    float[][] bgProba = m.predictProba(bg);
    double[] mx = m.as(TreeEnsemble.class).orElseThrow().predictMargin(x, 1);
    double[] mb = m.as(TreeEnsemble.class).orElseThrow().predictMargin(bg, 1);
    for (int i = 0; i < x.length; i++) {
      double[] ref = new double[x[i].length];
      for (int b = 0; b < bg.length; b++) {
        Attribution single = Explain.exactShapley(marginOf(m, 1), Background.of(new float[][] {bg[b]}))
            .explain(new float[][] {x[i]});
        double diff = mx[i] - mb[b];
        double scale = (diff == 0 ? proba[i][1] * (1 - proba[i][1]) : (proba[i][1] - bgProba[b][1]) / diff)
            / bg.length;
        for (int j = 0; j < ref.length; j++) {
          ref[j] += scale * single.value(0, j);
        }
      }
      assertArrayEquals(ref, p.values(i), 2e-5, "probability, row " + i);
      assertEquals(proba[i][1], p.outputs()[i], 1e-5);
    }
    assertTrue(p.additivityGap() < 1e-9);
  }

  /** Serialised settings rebuilt on another model: its own parsed trees, not those kept for the first. */
  @Test
  void settingsTravelWithoutTheModelAndForgetItsTrees() throws Exception {
    Dataset data = breastCancer(20, 27);
    Split s = data.split(0.8, 4);
    Model m = fit(s.train(), 4, 15);
    Model other = fit(s.train(), 3, 9);
    float[][] x = s.test().head(5).x();
    TreeShap tree = Explain.treeShap(m).background(Background.of(s.train().head(6).x()));
    Attribution first = tree.explain(x);   // parses m's trees
    TreeShap back = TestModels.roundTrip(tree);
    Attribution again = back.withModel(m).explain(x);
    Attribution moved = tree.withModel(other).explain(x);
    Attribution fresh = Explain.treeShap(other).background(Background.of(s.train().head(6).x())).explain(x);
    TreeShap path = Explain.treeShap(m);
    path.explain(x);   // parses m's trees
    Attribution pathMoved = path.withModel(other).explain(x);
    Attribution pathFresh = Explain.treeShap(other).explain(x);
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(first.values(i), again.values(i), 0.0, "row " + i);
      assertArrayEquals(fresh.values(i), moved.values(i), 0.0, "row " + i + " on the other model");
      assertArrayEquals(pathFresh.values(i), pathMoved.values(i), 0.0, "path-dependent, row " + i);
    }
  }

  /** E[tree(x) | x_S] of the path-dependent game: follow x on S, average the children by cover elsewhere. */
  private static double expectation(JsonNode node, float[] x, int subset) {
    if (node.has("leaf")) {
      return node.get("leaf").asDouble();
    }
    int f = Integer.parseInt(node.get("split").asText().substring(1));
    JsonNode yes = null;
    JsonNode no = null;
    for (JsonNode c : node.get("children")) {
      if (c.get("nodeid").asInt() == node.get("yes").asInt()) {
        yes = c;
      } else {
        no = c;
      }
    }
    if ((subset & (1 << f)) != 0) {
      return expectation(x[f] < Float.parseFloat(node.get("split_condition").asText()) ? yes : no, x, subset);
    }
    double cy = yes.get("cover").asDouble();
    double cn = no.get("cover").asDouble();
    return (cy * expectation(yes, x, subset) + cn * expectation(no, x, subset)) / (cy + cn);
  }

  @Test
  void interactionValuesEqualTheShapleyInteractionIndex() throws Exception {
    Dataset data = breastCancer(0, 7);
    Split s = data.split(0.8, 6);
    Model m = fit(s.train(), 4, 12);
    float[][] x = s.test().head(5).x();
    InteractionValues iv = Explain.treeShap(m).interactions(x);
    int d = 7;
    List<JsonNode> trees = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String t : m.as(TreeEnsemble.class).orElseThrow().treeDumpJson()) {
      trees.add(json.readTree(t));
    }
    double[][] contrib = m.as(TreeEnsemble.class).orElseThrow().predictContrib(x, 1);
    for (int i = 0; i < x.length; i++) {
      double[] v = new double[1 << d];
      for (int set = 0; set < v.length; set++) {
        for (JsonNode tree : trees) {
          v[set] += expectation(tree, x[i], set);
        }
      }
      double[][] values = iv.values(i);
      for (int a = 0; a < d; a++) {
        double rowSum = 0;
        for (int b = 0; b < d; b++) {
          rowSum += values[a][b];
          assertEquals(values[a][b], values[b][a], 1e-12, "symmetric");
          if (a == b) {
            continue;
          }
          double ref = 0;
          for (int set = 0; set < v.length; set++) {
            if ((set >> a & 1) == 1 || (set >> b & 1) == 1) {
              continue;
            }
            int size = Integer.bitCount(set);
            double w = TestModels.factorial(size) * TestModels.factorial(d - size - 2) / (2 * TestModels.factorial(d - 1));
            ref += w * (v[set | 1 << a | 1 << b] - v[set | 1 << a] - v[set | 1 << b] + v[set]);
          }
          assertEquals(ref, values[a][b], 1e-6, "row " + i + ", features " + a + ", " + b);
        }
        // each row of the matrix sums to XGBoost's own contribution of the feature
        assertEquals(contrib[i][a], rowSum, 1e-6, "row " + i + ", feature " + a);
      }
    }
    assertEquals(iv.shap().values(0)[2], iv.values(0)[2][0] + iv.values(0)[2][1] + iv.values(0)[2][2]
        + iv.values(0)[2][3] + iv.values(0)[2][4] + iv.values(0)[2][5] + iv.values(0)[2][6], 1e-9);
    assertEquals(3, iv.topPairs(3).rowCount());
    assertTrue(iv.toHtml().contains("SHAP interaction values"));
    assertTrue(iv.plot().toPng(72).length > 100, "the matrix chart renders");
  }

  @Test
  void badInput() {
    Split bc = Datasets.breastCancer().split(0.7, 11);
    Model m = fit(bc.train(), 3, 5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Explain.treeShap(m).output(TreeShap.Output.PROBABILITY).explain(bc.test().head(2)));
    assertTrue(e.getMessage().contains("needs a background"), e.getMessage());
    Background bg = Background.sample(bc.train(), 5, 1);
    e = assertThrows(IllegalArgumentException.class, () -> Explain.treeShap(m).background(bg)
        .algorithm(TreeShap.Algorithm.NATIVE).explain(bc.test().head(2)));
    assertTrue(e.getMessage().contains("Algorithm.NATIVE"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.treeShap(m).background(bg)
        .interactions(bc.test().head(2)));
    assertTrue(e.getMessage().contains("path-dependent"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Explain.treeShap(m)
        .background(Background.of(new float[][] {{1, 2}})));
    assertTrue(e.getMessage().contains("Background has 2 columns"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Explain.treeShap(m).algorithm(null));
    assertThrows(IllegalArgumentException.class, () -> Explain.treeShap(m).output(null));
    assertEquals(Task.CLASSIFICATION, m.task());
  }
}
