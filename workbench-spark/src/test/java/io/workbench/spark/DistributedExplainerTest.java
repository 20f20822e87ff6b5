package io.workbench.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.explain.Attribution;
import io.workbench.explain.Background;
import io.workbench.explain.Explain;
import io.workbench.explain.Explainer;
import io.workbench.explain.FeatureImportance;
import io.workbench.model.Model;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Every distributed method equals the single-JVM explainer on the same rows (the reference is the library's own
 * explain call, row i seeded by id i): deterministic methods to 1e-6, sampled methods identically whatever the
 * partitioning (1, 3 and 7 partitions of shuffled rows).
 */
class DistributedExplainerTest {

  private static final int ROWS = 24;

  private static Background background() {
    return Background.of(SparkFixture.data().sample(8, 3));
  }

  /** Distributed over {@code partitions} shuffled partitions, collected in row-id order. */
  private static Attribution distributed(Explainer<?> e, int partitions) {
    return DistributedExplainer.of(e).rowId(DistributedExplainer.ROW_ID).explain(SparkFixture.frame(ROWS, partitions))
        .collect();
  }

  private static void assertSame(Attribution local, Attribution spark, double tol, String what) {
    assertEquals(local.rows(), spark.rows(), what + ": rows");
    assertEquals(local.featureNames(), spark.featureNames(), what + ": features");
    assertEquals(local.method(), spark.method(), what + ": method");
    for (int i = 0; i < local.rows(); i++) {
      assertArrayEquals(local.values(i), spark.values(i), tol, what + ": values of row " + i);
      assertEquals(local.baseValues()[i], spark.baseValues()[i], tol, what + ": base value of row " + i);
      assertEquals(local.outputs()[i], spark.outputs()[i], tol, what + ": output of row " + i);
      assertArrayEquals(local.inputs()[i], spark.inputs()[i], what + ": inputs of row " + i);
    }
    assertArrayEquals(local.targets(), spark.targets(), what + ": targets");
  }

  @Test
  void treeShapExactShapleyAndGradientsEqualTheSingleJvmMethods() {
    float[][] x = SparkFixture.x(ROWS);
    Model xgb = SparkFixture.xgb();
    // the model as an executor loads it from the shipped bytes (a fresh JVM: no cached object)
    ShippedModel shipped = ShippedModel.of(xgb);
    ShippedModel.clearCache();
    Model reloaded = shipped.model();
    float[][] probe = SparkFixture.x(5);
    float[][] a = xgb.predictProba(probe);
    float[][] b = reloaded.predictProba(probe);
    for (int i = 0; i < probe.length; i++) {
      assertArrayEquals(a[i], b[i], 0f, "shipping the model changes its predictions, row " + i);
    }
    Model mlp = SparkFixture.mlp();
    List<Explainer<?>> exact = List.of(Explain.treeShap(xgb), Explain.exactShapley(xgb, background()),
        Explain.integratedGradients(mlp), Explain.saliency(mlp));
    for (Explainer<?> e : exact) {
      Attribution local = e.explain(x);
      // positional row ids (no id column): the DataFrame in its order, 2 partitions
      Attribution spark = DistributedExplainer.of(e).explain(SparkData.toDataFrame(SparkFixture.spark(),
          SparkFixture.data().head(ROWS)).drop(DistributedExplainer.ROW_ID).coalesce(2)).collect();
      assertSame(local, spark, 1e-6, local.method());
    }
  }

  @Test
  void sampledMethodsAreIdenticalWhateverThePartitioning() {
    float[][] x = SparkFixture.x(ROWS);
    Model xgb = SparkFixture.xgb();
    List<Explainer<?>> sampled = List.of(Explain.kernelShap(xgb, background()).samples(40).seed(5),
        Explain.samplingShapley(xgb, background()).samples(6).seed(5),
        Explain.lime(xgb, SparkFixture.data()).samples(300).seed(5),
        Explain.featureAblation(xgb));
    for (Explainer<?> e : sampled) {
      Attribution local = e.explain(x);
      for (int p : new int[] {1, 3, 7}) {
        assertSame(local, distributed(e, p), 0, local.method() + " on " + p + " partitions");
      }
    }
  }

  @Test
  void sampledGradientMethodsAreTheSameWhateverThePartitioning() {
    float[][] x = SparkFixture.x(ROWS);
    Model mlp = SparkFixture.mlp();
    List<Explainer<?>> sampled = List.of(Explain.gradientShap(mlp, background()).samples(4).seed(9),
        Explain.noiseTunnel(Explain.saliency(mlp)).samples(4).stdev(0.5).seed(9));
    for (Explainer<?> e : sampled) {
      Attribution local = e.explain(x);
      for (int p : new int[] {1, 3, 7}) {
        // float rounding of a network batch may differ in the last bits with the batch's other rows
        assertSame(local, distributed(e, p), 1e-6, local.method() + " on " + p + " partitions");
      }
    }
  }

  @Test
  void globalImportanceAndTheBeeswarmSampleComeFromTheCluster() {
    Explainer<?> e = Explain.kernelShap(SparkFixture.xgb(), background()).samples(40).seed(2);
    DistributedAttribution three = DistributedExplainer.of(e).rowId(DistributedExplainer.ROW_ID)
        .explain(SparkFixture.frame(ROWS, 3));
    FeatureImportance local = e.explain(SparkFixture.x(ROWS)).global();
    FeatureImportance spark = three.global();
    assertEquals(local.features(), spark.features(), "features of the importance");
    assertArrayEquals(local.importances(), spark.importances(), 1e-12, "mean |SHAP| by aggregation");
    assertArrayEquals(local.std(), spark.std(), 1e-12, "spread by aggregation");
    assertEquals(local.method(), spark.method(), "the library's name of the summary");

    Attribution s3 = three.sample(10, 7);
    Attribution s7 = DistributedExplainer.of(e).rowId(DistributedExplainer.ROW_ID)
        .explain(SparkFixture.frame(ROWS, 7)).sample(10, 7);
    assertEquals(10, s3.rows(), "sample size");
    for (int i = 0; i < 10; i++) {
      assertArrayEquals(s3.values(i), s7.values(i), "the sample does not depend on the partitioning, row " + i);
      assertArrayEquals(s3.inputs()[i], s7.inputs()[i], "same rows chosen, row " + i);
    }
    assertTrue(s3.beeswarm().toPng(72).length > 1000, "the beeswarm of the sample draws");
  }

  @Test
  void scoringEqualsPredictProba() {
    Model mlp = SparkFixture.mlp();
    float[][] x = SparkFixture.x(ROWS);
    float[][] p = mlp.predictProba(x);
    DistributedModel dm = DistributedModel.of(mlp);
    List<Row> rows = dm.predictProba(SparkFixture.frame(ROWS, 3)).orderBy(DistributedExplainer.ROW_ID).collectAsList();
    assertEquals(ROWS, rows.size(), "one scored row per input row");
    for (int i = 0; i < ROWS; i++) {
      for (int k = 0; k < p[i].length; k++) {
        String col = dm.outputColumns().get(k);
        assertEquals(p[i][k], rows.get(i).getDouble(rows.get(i).fieldIndex(col)), 1e-6, col + " of row " + i);
      }
    }
  }

  @Test
  void datasetsRoundTripThroughDataFrames() {
    var back = SparkData.toDataset(SparkFixture.frame(ROWS, 3).orderBy(DistributedExplainer.ROW_ID),
        SparkFixture.features(), SparkFixture.data().target(), SparkFixture.data().classNames());
    assertEquals(SparkFixture.data().classNames(), back.classNames(), "class names");
    assertArrayEquals(SparkFixture.data().head(ROWS).y(), back.y(), "labels");
    for (int i = 0; i < ROWS; i++) {
      assertArrayEquals(SparkFixture.x(ROWS)[i], back.x()[i], "features of row " + i);
    }
  }
}
