package io.workbench.analysis.faithfulness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.analysis.MetricInput;
import io.workbench.analysis.agreement.RankAgreement;
import io.workbench.analysis.randomisation.ModelRandomisation;
import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.data.Split;
import io.workbench.data.Standardizer;
import io.workbench.explain.Attribution;
import io.workbench.explain.Baseline;
import io.workbench.explain.Explain;
import io.workbench.explain.Target;
import io.workbench.model.Model;
import io.workbench.model.djl.NeuralNetModel;
import io.workbench.model.factory.Models;
import io.workbench.run.RunOptions;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Cascading parameter randomisation (Adebayo et al. 2018) on breast-cancer MLPs. */
class ParameterRandomizationTest {

  static Split bc;
  static NeuralNetModel mlp;
  static Dataset rows;

  @BeforeAll
  static void train() {
    bc = Datasets.breastCancer().split(0.7, 2);
    mlp = Models.mlp(32, 16).epochs(20).seed(5).fit(bc.train());
    rows = bc.test().head(40);
  }

  /** An "explainer" that ignores the model: the input values themselves (like an edge detector on images). */
  static Attribution inputItself(Model m, Dataset d) {
    float[][] x = d.x();
    double[][] v = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      v[i] = new double[x[i].length];
      for (int j = 0; j < v[i].length; j++) {
        v[i][j] = x[i][j];
      }
    }
    return Attribution.builder("input itself", m.featureNames()).values(v).inputs(x).baseValues(new double[x.length])
        .outputs(new double[x.length]).targets(new int[x.length]).classNames(m.classNames()).build();
  }

  @Test
  void gradientAttributionsDecorrelateAndAModelIgnoringMethodFails() {
    ParameterRandomization check = ParameterRandomization.create().seed(3);
    RandomizationResult ig = check.run(mlp,
        m -> Explain.integratedGradients(m).baseline(Baseline.mean(bc.train())).steps(16).explain(rows));
    RandomizationResult ixg = check.run(mlp, m -> Explain.inputXGradient(m).explain(rows));
    for (RandomizationResult r : List.of(ig, ixg)) {
      System.out.println(r);
      assertEquals(List.of("output", "dense2", "dense1"), r.layers());
      assertTrue(r.passed(), r.toString());
      assertTrue(r.finalCorrelation() < 0.65, r.toString());
      assertTrue(r.signedCorrelations()[2] < 0.3, "signed values decorrelate further: " + r);
      assertEquals(40, r.rows());
    }
    RandomizationResult same = check.run(mlp, m -> inputItself(m, rows));
    System.out.println(same);
    assertFalse(same.passed());
    assertArrayEquals(new double[] {1, 1, 1}, same.correlations(), 1e-12);
    assertArrayEquals(new double[] {0, 0, 0}, same.correlationStd(), 1e-12);
    assertTrue(same.toString().contains("FAILED"), same.toString());
  }

  @Test
  void independentRandomisationAndThePerRowMetric() {
    Function<Model, Attribution> ixg = m -> Explain.inputXGradient(m).explain(rows);
    RandomizationResult cascade = ParameterRandomization.create().seed(3).run(mlp, ixg);
    RandomizationResult independent = ParameterRandomization.create().seed(3).independent(true).run(mlp, ixg);
    assertEquals(List.of("output", "dense2", "dense1"), independent.layers());
    // step 1 randomises the output layer alone in both variants; later steps differ (one layer vs all so far)
    assertEquals(cascade.correlations()[0], independent.correlations()[0], 1e-12);
    assertTrue(Math.abs(cascade.correlations()[2] - independent.correlations()[2]) > 1e-6, independent.toString());
    // the metric: per-row correlations of the last cascade step, whose mean is the check's final correlation
    MetricInput in = MetricInput.of(mlp, ixg.apply(mlp)).withOptions(RunOptions.defaults().withSeed(3))
        .withExplainer((m, x, t) -> Explain.inputXGradient(m).target(Target.perRow(t)).explain(x));
    double[] perRow = new ModelRandomisation().score(in);
    assertEquals(rows.rows(), perRow.length);
    assertEquals(cascade.finalCorrelation(), Arrays.stream(perRow).filter(v -> !Double.isNaN(v)).average()
        .orElseThrow(), 1e-9);
    assertTrue(in.evaluations() >= 3L * rows.rows(), "three randomised models re-explained: " + in.evaluations());
  }

  @Test
  void saliencyDecorrelatesOnStandardisedInputsButRawScalesDominateItOtherwise() {
    Standardizer st = Standardizer.fit(bc.train());
    Dataset trainS = st.apply(bc.train());
    Dataset rowsS = st.apply(rows);
    NeuralNetModel mlpS = Models.mlp(32, 16).epochs(20).seed(5).fit(trainS);
    RandomizationResult onStandardised = ParameterRandomization.create().seed(1)
        .run(mlpS, m -> Explain.saliency(m).explain(rowsS));
    System.out.println(onStandardised);
    assertTrue(onStandardised.passed());
    assertTrue(onStandardised.finalCorrelation() < 0.3, onStandardised.toString());

    // On raw features the gradient carries 1 / scale_j of the model's internal standardisation, which spans
    // orders of magnitude in this data set: the ranking survives randomisation and the check flags it.
    RandomizationResult raw = ParameterRandomization.create().seed(1).run(mlp, m -> Explain.saliency(m).explain(rows));
    System.out.println(raw);
    assertFalse(raw.passed(), raw.toString());
    double[] inverseScale = new double[30];
    for (int j = 0; j < 30; j++) {
      inverseScale[j] = 1 / mlp.standardizer().scale()[j];
    }
    Attribution sal = Explain.saliency(mlp).explain(rows);
    double rho = 0;
    for (int i = 0; i < rows.rows(); i++) {
      rho += RankAgreement.spearman(sal.values(i), inverseScale) / rows.rows();
    }
    assertTrue(rho > 0.7, "raw saliency ranks follow 1/scale: " + rho);
  }

  @Test
  void resultRendersAndParameterFreeLayersAreSkipped() {
    Dataset digits = Datasets.digits().head(300);
    NeuralNetModel cnn = Models.cnn2d(4).epochs(1).seed(1).fit(digits);
    Dataset few = digits.head(10);
    RandomizationResult r = ParameterRandomization.create().threshold(0.9)
        .run(cnn, m -> Explain.gradCam(m).target(Target.predicted()).explain(few));
    assertEquals(List.of("output", "dense1", "conv1"), r.layers());
    assertEquals(List.of("flatten", "pool1"), r.skippedLayers());
    Table t = r.toTable();
    assertEquals(List.of("step", "randomized_down_to", "spearman_abs", "spearman_abs_std", "spearman_signed"),
        t.columnNames());
    assertEquals(3, t.rowCount());
    assertEquals(0.9, r.threshold());
    assertTrue(r.toHtml().contains("Parameter randomisation check") && r.toHtml().contains("flatten"), r.toHtml());
    RandomizationResult only = ParameterRandomization.create().layers(List.of("output"))
        .run(cnn, m -> Explain.gradCam(m).target(Target.predicted()).explain(few));
    assertEquals(List.of("output"), only.layers());
  }

  @Test
  void badInputsFailFast() {
    Function<Model, Attribution> sal = m -> Explain.saliency(m).explain(rows);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ParameterRandomization.create().run(Models.xgboost().rounds(3).fit(bc.train()), sal));
    assertTrue(e.getMessage().contains("Differentiable"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> ParameterRandomization.create().layers(List.of("output", "conv7")).run(mlp, sal));
    assertTrue(e.getMessage().contains("Unknown layer 'conv7'") && e.getMessage().contains("dense1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ParameterRandomization.create().threshold(1.5));
    assertThrows(IllegalArgumentException.class, () -> ParameterRandomization.create().run(mlp, null));
    int[] calls = {0};
    IllegalStateException s = assertThrows(IllegalStateException.class, () -> ParameterRandomization.create()
        .run(mlp, m -> Explain.saliency(m).explain(calls[0]++ == 0 ? rows : rows.head(5))));
    assertTrue(s.getMessage().contains("same rows"), s.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ParameterRandomization.create()
        .run(mlp, m -> Attribution.builder("zeros", m.featureNames()).values(new double[2][30])
            .inputs(rows.head(2).x()).baseValues(new double[2]).outputs(new double[2]).targets(new int[2]).build()));
    assertTrue(e.getMessage().contains("constant on every row"), e.getMessage());
  }
}
