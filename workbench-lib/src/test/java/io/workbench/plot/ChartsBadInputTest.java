package io.workbench.plot;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every chart fails fast with an IllegalArgumentException that says what is wrong and where. */
class ChartsBadInputTest {

  private static final List<String> NAMES = List.of("age", "bmi", "bp");
  private static final double[][] A = {{0.1, -0.2, 0.3}, {0.2, 0.1, -0.1}};
  private static final double[][] V = {{30, 22, 80}, {40, 31, 90}};

  private static void fails(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' should contain '" + f + "'");
    }
  }

  @Test
  void emptyData() {
    fails(() -> Charts.importance(List.of(), new double[0]), "importance", "importance is empty");
    fails(() -> Charts.beeswarm(NAMES, new double[0][], null), "beeswarm", "attributions has no rows");
    fails(() -> Charts.roc(List.of()), "roc", "no curves");
    fails(() -> Charts.trainingHistory(Map.of(), Map.of()), "trainingHistory", "no metrics");
    fails(() -> Charts.imageAttribution(new double[][] {{1}}, Map.of()), "imageAttribution", "no attribution methods");
    fails(() -> Curve.of("m", new double[0], new double[0]), "Curve 'm' has no points");
    fails(() -> Charts.confusionMatrix(new int[][] {{0, 0}, {0, 0}}, List.of("a", "b")), "counts are all zero");
  }

  @Test
  void mismatchedLengths() {
    fails(() -> Charts.importance(NAMES, new double[] {1, 2}), "featureNames has 3 names but importance has 2");
    fails(() -> Charts.importance(NAMES, new double[] {1, 2, 3}, new double[] {0.1}, ChartOptions.defaults()),
        "errors has 1 values but importance has 3");
    fails(() -> Charts.beeswarm(NAMES, A, new double[][] {{1, 2, 3}}), "featureValues is 1x3 but attributions is 2x3");
    fails(() -> Charts.beeswarm(NAMES, new double[][] {{1, 2, 3}, {1, 2}}, null), "attributions row 1 has 2 columns");
    fails(() -> Curve.of("m", new double[] {0, 1}, new double[] {0}), "Curve 'm' has 2 x values but 1 y values");
    fails(() -> Charts.waterfall(NAMES, new double[] {1, 2, 3}, new double[] {1}, 0),
        "featureValues has 1 values but attribution has 3");
    fails(() -> Charts.signalAttribution(new double[][] {{1, 2, 3}}, new double[][] {{1, 2}}, 100, List.of("c")),
        "attribution is 1x2 but signal is 1x3");
    fails(() -> Charts.signalAttribution(new double[][] {{1, 2}}, new double[][] {{1, 2}}, 100, List.of("a", "b")),
        "channelNames has 2 names but signal (channels) has 1");
    Map<String, double[][]> m = new LinkedHashMap<>();
    m.put("grad", new double[][] {{1, 2}});
    fails(() -> Charts.imageAttribution(new double[][] {{1, 2}, {3, 4}}, m), "attribution 'grad' is 1x2 but image is 2x2");
    fails(() -> Charts.confusionMatrix(new int[][] {{1, 2}, {3}}, List.of("a", "b")), "counts row 1 has 1 columns, expected 2");
    fails(() -> Charts.correlationMatrix(List.of("a", "b"), new double[][] {{1, 0.5, 0}, {0.5, 1, 0}}),
        "correlation is 2x3, expected a square matrix");
    fails(() -> Charts.partialDependence("x", new double[] {1, 2, 3}, new double[] {1, 2, 3}, new double[][] {{1, 2}}),
        "ice rows have 2 values but grid has 3");
    fails(() -> Charts.accumulatedLocalEffects("x", "prediction", new double[] {1, 2, 3}, new double[] {1, 2}),
        "accumulatedLocalEffects", "effect", "grid");
    fails(() -> Charts.accumulatedLocalEffects(" ", "prediction", new double[] {1}, new double[] {1}), "feature name");
    fails(() -> Charts.signedHeatmap(List.of("a"), List.of("b", "c"), new double[][] {{1, Double.NaN}}, "t", "x", "y"),
        "signedHeatmap", "values");
    fails(() -> Charts.signedHeatmap(List.of("a", "b"), List.of("c"), new double[][] {{1}}, "t", "x", "y"),
        "signedHeatmap: rowNames");
    fails(() -> Charts.rankAgreement(NAMES, new double[] {1, 2, 3}, new double[] {1, 2}, "a", "b"),
        "importanceB has 2 values but importanceA has 3");
  }

  @Test
  void nanValues() {
    fails(() -> Charts.importance(NAMES, new double[] {1, Double.NaN, 3}), "importance[1] is NaN");
    fails(() -> Charts.beeswarm(NAMES, new double[][] {{0.1, 0.2, Double.NaN}}, null), "attributions[0][2] is NaN");
    fails(() -> Charts.roc(List.of(Curve.of("m", new double[] {0, Double.NaN}, new double[] {0, 1}))),
        "curve 'm' point 1 is (NaN, 1.0)");
    Map<String, double[]> hist = Map.of("loss", new double[] {1, 0.5, Double.POSITIVE_INFINITY});
    fails(() -> Charts.trainingHistory(hist, null), "train 'loss'[2] is Infinity");
    fails(() -> Charts.waterfall(NAMES, new double[] {1, 2, 3}, null, Double.NaN), "baseValue is NaN");
    fails(() -> Charts.signalAttribution(new double[][] {{1, 2}}, new double[][] {{1, 2}}, 0, List.of("c")),
        "sampleRate is 0.0");
  }

  @Test
  void unknownFeatureNamesListTheValidOnes() {
    fails(() -> Charts.dependence(NAMES, A, V, "weight", null), "feature 'weight' is unknown",
        "[age, bmi, bp]");
    fails(() -> Charts.dependence(NAMES, A, V, "bmi", "height"), "colourBy 'height'", "[age, bmi, bp]");
    fails(() -> Charts.importance(List.of("a", "a"), new double[] {1, 2}), "featureNames has 'a' twice");
  }

  @Test
  void outOfRangeValuesAndOptions() {
    fails(() -> Charts.roc(List.of(Curve.of("m", new double[] {0, 1.5}, new double[] {0, 1}))),
        "expected both within [0.0, 1.0]");
    fails(() -> Charts.correlationMatrix(List.of("a", "b"), new double[][] {{1, 2}, {2, 1}}),
        "correlation[0][1] is 2.0, expected a value within [-1, 1]");
    fails(() -> Charts.confusionMatrix(new int[][] {{1, -1}, {0, 1}}, List.of("a", "b")), "counts[0][1] is -1");
    fails(() -> Charts.importance(NAMES, new double[] {1, 2, 3}, new double[] {0.1, -0.1, 0}, ChartOptions.defaults()),
        "errors[1] is -0.1, expected >= 0");
    fails(() -> ChartOptions.defaults().size(10, 400), "size must be within 50..10000");
    fails(() -> Charts.roc(List.of(Curve.of("m", new double[] {0, 1}, new double[] {0, 1}))).toPng(10), "dpi must be in 36..1200");
    fails(() -> Charts.rankAgreement(List.of("a"), new double[] {1}, new double[] {2}, "x", "y"), "at least 2 features");
  }
}
