package io.workbench.explain;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.model.Model;
import io.workbench.testing.Contracts;
import io.workbench.testing.ExplainerContract;
import io.workbench.testing.TestModels;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every entry point fails fast with a message naming the argument and what was expected: the checks particular
 * to one explainer's settings here; the rows, targets and seeds of every registered explainer and model in the
 * contract suites ({@code io.workbench.testing.Contracts}).
 */
class BadInputTest {

  private final Model logistic = new TestModels.Logistic(new double[] {1, -1, 0.5}, 0);
  private final Model linear = new TestModels.Linear(new double[] {1, -1, 0.5}, 0);
  private final float[][] x = TestModels.gaussian(4, 3, 1);

  private static void fails(String part, Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(part), "message '" + ex.getMessage() + "' should mention '" + part + "'");
  }

  @Test
  void backgroundWithOtherColumns() {
    fails("Background has 4 columns but the model expects 3",
        () -> Explain.kernelShap(logistic, Background.of(TestModels.gaussian(5, 4, 2))));
    Dataset other = Dataset.of(TestModels.gaussian(5, 3, 2), List.of("x0", "x1", "zz"), new int[] {0, 1, 0, 1, 0},
        List.of("neg", "pos"));
    fails("'zz'", () -> Explain.exactShapley(logistic, Background.of(other)));
    fails("'zz'", () -> Explain.kernelShap(logistic, other));
    fails("'zz'", () -> Explain.lime(logistic, other));
    fails("'zz'", () -> Explain.permutationImportance(logistic, other));
    fails("Background needs at least one row", () -> Background.of(new float[0][]));
    fails("k must be >= 1", () -> Background.kmeans(x, null, 0, 1));
  }

  @Test
  void metricOfTheWrongTask() {
    fails("metric 'auroc' is for classification but the model does REGRESSION",
        () -> Explain.permutationImportance(linear, x, new double[] {1, 2, 3, 4}).metric(io.workbench.eval.Metric.AUROC));
    fails("metric 'mse' is for regression but the model does CLASSIFICATION",
        () -> Explain.permutationImportance(logistic, x, new double[] {0, 1, 0, 1}).metric(io.workbench.eval.Metric.MSE));
  }

  @Test
  void targetOutOfRange() {
    Background bg = Background.of(TestModels.gaussian(3, 3, 2));
    fails("class index 2 is out of range; valid classes are 0..1 [neg, pos]",
        () -> Explain.kernelShap(logistic, bg).target(Target.of(2)).explain(x));
    fails("class index -1", () -> Explain.exactShapley(logistic, bg).target(Target.of(-1)).explain(x));
    fails("unknown class; valid class names are [neg, pos]",
        () -> Explain.samplingShapley(logistic, bg).target(Target.of("maybe")).explain(x));
    fails("regression model has the single output 0",
        () -> Explain.kernelShap(linear, bg).target(Target.of(1)).explain(x));
    fails("has no classes", () -> Explain.kernelShap(linear, bg).target(Target.of("pos")).explain(x));
    fails("Target.perRow has 2 classes but 4 rows", () -> Explain.kernelShap(logistic, bg)
        .target(Target.perRow(0, 1)).explain(x));
    fails("Target.perRow (row 1): class index 5", () -> Explain.lime(logistic, x)
        .target(Target.perRow(0, 5, 0, 0)).explain(x));
  }

  @Test
  void occlusionWindows() {
    Model signal = TestModels.regression(20, v -> v[3]);
    float[][] s = new float[1][20];
    fails("larger than the sample [1, 20] on axis 1 (25 > 20)",
        () -> Explain.occlusion(signal, 1, 25).sampleShape(1, 20).explain(s));
    fails("has 2 axes but the sample shape [20] has 1", () -> Explain.occlusion(signal, 1, 5).explain(s));
    fails("window sizes must be >= 1", () -> Explain.occlusion(signal, 0));
    fails("stride values must be >= 1", () -> Explain.occlusion(signal, 5).stride(0));
    fails("sampleShape [2, 5] holds 10 values but the model has 20 features",
        () -> Explain.occlusion(signal, 1, 2).sampleShape(2, 5).explain(s));
    fails("group 0 has feature index 20", () -> Explain.featureAblation(signal).groups(new int[][] {{20}}));
    fails("baseline has 3 values, expected 20", () -> Explain.featureAblation(signal).baseline(Baseline.values(new float[3])));
  }

  @Test
  void countsBelowOne() {
    Background bg = Background.of(TestModels.gaussian(3, 3, 2));
    fails("samples must be >= 1, got 0", () -> Explain.kernelShap(logistic, bg).samples(0));
    fails("samples must be >= 1, got -3", () -> Explain.samplingShapley(logistic, bg).samples(-3));
    fails("samples must be >= 2", () -> Explain.lime(logistic, x).samples(1));
    fails("numFeatures must be >= 1", () -> Explain.kernelShap(logistic, bg).numFeatures(0));
    fails("repeats must be >= 1, got 0",
        () -> Explain.permutationImportance(logistic, x, new double[] {0, 1, 0, 1}).repeats(0));
    fails("threads must be >= 1 (or 0 for automatic), got -1", () -> Explain.kernelShap(logistic, bg).threads(-1));
    fails("batchRows must be >= 1", () -> Explain.kernelShap(logistic, bg).batchRows(0));
    fails("kernelWidth must be > 0", () -> Explain.lime(logistic, x).kernelWidth(0));
  }

  /**
   * Null, empty, wrong-width and NaN rows and a null target are checked for every explainer of the registry by
   * {@link ExplainerContract#BAD_INPUT} (and every model by the width and missing-value rules of {@code
   * ModelContract}); this test keeps the registry complete: every explainer that {@link Explain} makes has a
   * case there.
   */
  @Test
  void everyExplainerOfExplainIsInTheContractRegistry() {
    Set<String> registered = Contracts.explainers().stream().map(c -> key(c.name())).collect(Collectors.toSet());
    List<String> missing = Arrays.stream(Explain.class.getMethods())
        .filter(m -> Modifier.isStatic(m.getModifiers()) && Explainer.class.isAssignableFrom(m.getReturnType()))
        .map(Method::getName).distinct().filter(n -> !registered.contains(key(n))).toList();
    assertTrue(missing.isEmpty(), "Explain." + missing + " have no line in io.workbench.testing.Contracts.EXPLAINERS,"
        + " so the contract suite (bad input included) never runs them; registered: " + registered);
  }

  /** {@code "Grad-CAM++ (images)"} and {@code "gradCamPlusPlus"} both give {@code "gradcamplusplus"}. */
  private static String key(String name) {
    int paren = name.indexOf('(');
    String head = paren < 0 ? name : name.substring(0, paren);
    return head.replace("++", "plusplus").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  @Test
  void emptyOrMalformedRows() {
    fails("needs evaluation rows, got 0",
        () -> Explain.permutationImportance(logistic, new float[0][], new double[0]));
    fails("one target per row: 4 rows, 3 targets",
        () -> Explain.permutationImportance(logistic, x, new double[3]));
    fails("target of row 2 is 7.0; expected a class index 0..1",
        () -> Explain.permutationImportance(logistic, x, new double[] {0, 1, 7, 0}));
    fails("LIME needs training rows", () -> Explain.lime(logistic, new float[0][]));
    fails("group 'g' has feature index 9", () -> Explain.permutationImportance(logistic, x, new double[4])
        .groups(java.util.Map.of("g", new int[] {9})));
    fails("unknown feature 'nope'", () -> Explain.permutationImportance(logistic, x, new double[4])
        .groupsByName(java.util.Map.of("g", List.of("nope"))));
    Model wide = TestModels.regression(25, v -> v[0] * v[1] * v[2]);
    fails("at most 20", () -> Explain.exactShapley(wide, Background.of(TestModels.gaussian(2, 25, 3)))
        .explain(TestModels.gaussian(1, 25, 4)));
  }
}
