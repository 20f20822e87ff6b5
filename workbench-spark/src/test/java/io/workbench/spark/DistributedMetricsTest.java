package io.workbench.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.eval.Evaluation;
import io.workbench.eval.Metric;
import io.workbench.eval.Metrics;
import io.workbench.eval.Predictions;
import io.workbench.explain.Explain;
import io.workbench.explain.FeatureImportance;
import io.workbench.model.Model;
import io.workbench.model.factory.Models;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * Metrics and permutation importance by Spark aggregation equal the single-JVM library on the same rows: the
 * reference is {@code Evaluation.of} / {@code Metric.compute} and {@code Explain.permutationImportance}.
 */
class DistributedMetricsTest {

  private static final int ROWS = 120;

  private static Metrics local(Model model, Dataset test) {
    return Evaluation.of(model, test);
  }

  @Test
  void binaryMetricsEqualTheSingleJvmEvaluation() {
    Model xgb = SparkFixture.xgb();
    Dataset test = SparkFixture.data().head(ROWS);
    Metrics local = local(xgb, test);
    for (int p : new int[] {1, 7}) {
      DistributedMetrics spark = DistributedModel.of(xgb).batchRows(17).evaluate(SparkFixture.frame(ROWS, p),
          test.target());
      assertEquals(ROWS, spark.rows(), "rows evaluated");
      for (String m : List.of("accuracy", "auroc", "log_loss", "brier")) {
        assertEquals(local.value(m), spark.value(m), 1e-12, m + " on " + p + " partitions");
      }
    }
  }

  @Test
  void multiClassAndRegressionMetricsEqualTheSingleJvmOnes() {
    Dataset iris = Datasets.iris();
    Model cart = Models.cart().maxDepth(2).fit(iris);
    float[][] pi = cart.predictProba(iris.x());
    Predictions pred = Predictions.ofModelOutput(iris, pi);
    DistributedMetrics spark = DistributedModel.of(cart).evaluate(SparkData.toDataFrame(SparkFixture.spark(), iris)
        .repartition(3), iris.target(), Metric.AUROC, Metric.ACCURACY, Metric.LOG_LOSS, Metric.BRIER);
    for (Metric m : List.of(Metric.AUROC, Metric.ACCURACY, Metric.LOG_LOSS, Metric.BRIER)) {
      assertEquals(m.compute(pred), spark.value(m.name()), 1e-12, "iris " + m.name());
    }
    Dataset diabetes = Datasets.diabetes();
    Model reg = Models.cart().maxDepth(3).fit(diabetes);
    Predictions pr = Predictions.ofModelOutput(diabetes, reg.predictProba(diabetes.x()));
    DistributedMetrics r = DistributedModel.of(reg).evaluate(SparkData.toDataFrame(SparkFixture.spark(), diabetes)
        .repartition(4), diabetes.target(), Metric.MAE, Metric.MSE, Metric.RMSE, Metric.R2);
    for (Metric m : List.of(Metric.MAE, Metric.MSE, Metric.RMSE, Metric.R2)) {
      assertEquals(m.compute(pr), r.value(m.name()), 1e-9 * Math.max(1, Math.abs(m.compute(pr))),
          "diabetes " + m.name());
    }
    assertTrue(r.toHtml().contains("r2"), "renders itself");
  }

  @Test
  void permutationImportanceInOneBlockEqualsTheSingleJvmMethod() {
    Model xgb = SparkFixture.xgb();
    Dataset test = SparkFixture.data().head(ROWS);
    for (Metric m : List.of(Metric.ACCURACY, Metric.AUROC)) {
      FeatureImportance local = Explain.permutationImportance(xgb, test).metric(m).repeats(3).seed(11)
          .fastPath(false).explain();
      FeatureImportance spark = DistributedPermutation.of(xgb).metric(m).repeats(3).seed(11)
          .rowId(DistributedExplainer.ROW_ID).explain(SparkFixture.frame(ROWS, 3), test.target());
      assertEquals(local.features(), spark.features(), "features");
      assertEquals(local.baselineScore(), spark.baselineScore(), 1e-12, m.name() + " baseline");
      assertArrayEquals(local.importances(), spark.importances(), 1e-12, m.name() + " mean drops");
      assertArrayEquals(local.std(), spark.std(), 1e-12, m.name() + " spread of the drops");
      assertEquals(local.metric(), spark.metric(), "metric");
    }
  }

  @Test
  void blockedPermutationsDoNotDependOnThePartitioning() {
    Model xgb = SparkFixture.xgb();
    DistributedPermutation perm = DistributedPermutation.of(xgb).metric(Metric.AUROC).repeats(2).seed(3)
        .blockRows(25).rowId(DistributedExplainer.ROW_ID);
    String label = SparkFixture.data().target();
    FeatureImportance one = perm.explain(SparkFixture.frame(ROWS, 1), label);
    assertTrue(one.settings().get("path").contains("5 block(s)"), one.settings().get("path"));
    for (int p : new int[] {7}) {
      FeatureImportance other = perm.explain(SparkFixture.frame(ROWS, p), label);
      assertArrayEquals(one.importances(), other.importances(), 0, "mean drops on " + p + " partitions");
      assertArrayEquals(one.std(), other.std(), 0, "spread on " + p + " partitions");
    }
    FeatureImportance reseeded = perm.seed(4).explain(SparkFixture.frame(ROWS, 3), label);
    assertTrue(!java.util.Arrays.equals(one.importances(), reseeded.importances()), "another seed shuffles anew");
  }

  @Test
  void badLabelsAndMetricsFailOnTheDriver() {
    Model xgb = SparkFixture.xgb();
    String label = SparkFixture.data().target();
    org.apache.spark.sql.Dataset<Row> rows = SparkFixture.frame(20, 2);
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> DistributedModel.of(xgb).evaluate(rows, "nope"));
    assertTrue(missing.getMessage().contains("No label column 'nope'"), missing.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> DistributedModel.of(xgb).evaluate(rows.withColumn(label, functions.lit("cat")), label));
    assertTrue(unknown.getMessage().contains("holds 'cat'"), unknown.getMessage());
    IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
        () -> DistributedPermutation.of(xgb).explain(rows.withColumn(label, functions.lit(1.5)), label));
    assertTrue(type.getMessage().contains("is double"), type.getMessage());
    IllegalArgumentException metric = assertThrows(IllegalArgumentException.class,
        () -> DistributedPermutation.of(xgb).metric(Metric.F1_MACRO));
    assertTrue(metric.getMessage().contains("cannot be computed by Spark aggregation"), metric.getMessage());
    IllegalArgumentException task = assertThrows(IllegalArgumentException.class,
        () -> DistributedPermutation.of(xgb).metric(Metric.R2));
    assertTrue(task.getMessage().contains("is for regression"), task.getMessage());
  }
}
