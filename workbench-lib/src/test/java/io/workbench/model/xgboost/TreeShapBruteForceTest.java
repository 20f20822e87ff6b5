package io.workbench.model.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.model.factory.Models;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks that the contributions are exact (path-dependent) TreeSHAP values, not just additive: Shapley
 * values computed here by enumerating every feature subset, with the cover-weighted conditional expectation
 * of each tree read from the JSON tree dump.
 */
class TreeShapBruteForceTest {

  /** E[tree(x) | x_S]: follow x on features in S, average the children by cover elsewhere. */
  static double expectation(JsonNode node, float[] x, int subset) {
    if (node.has("leaf")) {
      return node.get("leaf").asDouble();
    }
    int f = Integer.parseInt(node.get("split").asText().substring(1));
    JsonNode yes = child(node, node.get("yes").asInt());
    JsonNode no = child(node, node.get("no").asInt());
    if ((subset & (1 << f)) != 0) {
      boolean left = x[f] < (float) node.get("split_condition").asDouble();
      return expectation(left ? yes : no, x, subset);
    }
    double cy = yes.get("cover").asDouble();
    double cn = no.get("cover").asDouble();
    return (cy * expectation(yes, x, subset) + cn * expectation(no, x, subset)) / (cy + cn);
  }

  static JsonNode child(JsonNode node, int id) {
    for (JsonNode c : node.get("children")) {
      if (c.get("nodeid").asInt() == id) {
        return c;
      }
    }
    throw new IllegalStateException("no child " + id);
  }

  static double factorial(int n) {
    double f = 1;
    for (int i = 2; i <= n; i++) {
      f *= i;
    }
    return f;
  }

  @Test
  void contributionsAreExactShapleyValuesOfTheTrees() throws Exception {
    Dataset all = Datasets.breastCancer();
    List<String> five = all.features().subList(20, 25);
    Dataset data = Dataset.builder(all.table()).target("diagnosis").features(five)
        .classNames(all.classNames()).build();
    Split s = data.split(0.8, 4);
    XGBoostModel m = Models.xgboost().rounds(8).maxDepth(3).eta(0.3).seed(3).threads(1).fit(s.train());
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> trees = new ArrayList<>();
    for (String t : m.treeDumpJson()) {
      trees.add(json.readTree(t));
    }
    int d = five.size();
    float[][] x = s.test().head(25).x();
    double[] margin = m.predictMargin(x, 1);
    double[][] phi = m.predictContrib(x, 1);
    for (int i = 0; i < x.length; i++) {
      double[] v = new double[1 << d];
      for (int subset = 0; subset < v.length; subset++) {
        for (JsonNode tree : trees) {
          v[subset] += expectation(tree, x[i], subset);
        }
      }
      // the intercept is what the native margin adds to the sum of the trees
      double intercept = margin[i] - v[(1 << d) - 1];
      for (int j = 0; j < d; j++) {
        double shapley = 0;
        for (int subset = 0; subset < v.length; subset++) {
          if ((subset & (1 << j)) != 0) {
            continue;
          }
          int size = Integer.bitCount(subset);
          double weight = factorial(size) * factorial(d - size - 1) / factorial(d);
          shapley += weight * (v[subset | (1 << j)] - v[subset]);
        }
        assertEquals(shapley, phi[i][j], 1e-4, "row " + i + " feature " + five.get(j));
      }
      assertEquals(intercept + v[0], phi[i][d], 1e-4, "row " + i + " base value");
    }
  }
}
