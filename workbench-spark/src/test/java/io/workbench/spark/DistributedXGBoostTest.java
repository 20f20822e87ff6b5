package io.workbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.data.Dataset;
import io.workbench.data.Datasets;
import io.workbench.eval.Evaluation;
import io.workbench.explain.Attribution;
import io.workbench.explain.Explain;
import io.workbench.model.factory.Models;
import io.workbench.model.xgboost.XGBoostModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * XGBoost4J-Spark training returns the library's model: with one worker it equals the single-JVM trainer with the
 * same settings (XGBoost's histogram cuts are exact on this little data), with two it still learns, and the library's
 * TreeSHAP explains it (values sum to the model's margin).
 */
class DistributedXGBoostTest {

  @Test
  void oneWorkerEqualsTheSingleJvmTrainerAndTwoWorkersLearn() {
    Dataset data = SparkData.toDataset(SparkFixture.frame(200, 1).orderBy("row_id"), SparkFixture.features(),
        SparkFixture.data().target());
    XGBoostModel spark = DistributedXGBoost.trainer().rounds(15).maxDepth(3).seed(3).workers(1)
        .fit(SparkFixture.frame(200, 3), data.features(), data.target());
    XGBoostModel local = Models.xgboost().rounds(15).maxDepth(3).seed(3).fit(data);
    assertEquals(data.classNames(), spark.classNames());
    float[][] ps = spark.predictProba(data.x());
    float[][] pl = local.predictProba(data.x());
    for (int i = 0; i < ps.length; i++) {
      assertEquals(pl[i][1], ps[i][1], 1e-5, "row " + i + ": one Spark worker vs the single-JVM trainer");
    }
    XGBoostModel two = DistributedXGBoost.trainer().rounds(15).maxDepth(3).workers(2)
        .fit(SparkFixture.frame(200, 4), data.features(), data.target());
    double acc = Evaluation.of(two, data).value("accuracy");
    assertTrue(acc > 0.9, "two workers, training accuracy " + acc);
    Attribution shap = Explain.treeShap(two).explain(data.head(20));
    double[][] v = shap.values();
    for (int i = 0; i < 20; i++) {
      double sum = shap.baseValues()[i];
      for (double x : v[i]) {
        sum += x;
      }
      assertEquals(shap.outputs()[i], sum, 1e-4, "TreeSHAP sums to the margin, row " + i);
    }
  }

  @Test
  void multiClassAndRegression() {
    Dataset iris = Datasets.iris();
    XGBoostModel m = DistributedXGBoost.trainer().rounds(10).maxDepth(3).workers(2)
        .fit(SparkData.toDataFrame(SparkFixture.spark(), iris).repartition(3), iris.features(), iris.target());
    assertEquals(List.of("setosa", "versicolor", "virginica"), m.classNames());
    Dataset sorted = Dataset.of(iris.x(), iris.features(), iris.y(), iris.classNames());
    assertTrue(Evaluation.of(m, sorted).value("accuracy") > 0.9, "iris accuracy");
    Dataset diabetes = Datasets.diabetes();
    XGBoostModel r = DistributedXGBoost.trainer().rounds(20).maxDepth(2).workers(2)
        .fit(SparkData.toDataFrame(SparkFixture.spark(), diabetes), diabetes.features(), diabetes.target());
    double r2 = Evaluation.of(r, diabetes).value("r2");
    assertTrue(r2 > 0.4, "diabetes training R2 " + r2);
  }

  @Test
  void badColumnsFailOnTheDriver() {
    String msg = assertThrows(IllegalArgumentException.class, () -> DistributedXGBoost.trainer()
        .fit(SparkFixture.frame(20, 1), List.of("missing"), SparkFixture.data().target())).getMessage();
    assertTrue(msg.contains("'missing'"), msg);
    assertThrows(IllegalArgumentException.class, () -> DistributedXGBoost.trainer().rounds(0));
  }
}
