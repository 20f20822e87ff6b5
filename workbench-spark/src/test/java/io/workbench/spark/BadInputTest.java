package io.workbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.explain.Explain;
import io.workbench.explain.Target;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * Bad input fails on the driver with an IllegalArgumentException naming the column, before any explain task runs:
 * schema problems before any job at all, nulls after one scanning job only.
 */
class BadInputTest {

  /** Counts jobs and tasks started while {@code action} runs (the listener bus drained before reading). */
  private static final class Counter extends SparkListener {
    final AtomicInteger jobs = new AtomicInteger();
    final AtomicInteger tasks = new AtomicInteger();

    @Override
    public void onJobStart(SparkListenerJobStart e) {
      jobs.incrementAndGet();
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart e) {
      tasks.incrementAndGet();
    }
  }

  private static Counter failsOnDriver(Supplier<Object> action, String expected) {
    Counter c = new Counter();
    var sc = SparkFixture.spark().sparkContext();
    sc.addSparkListener(c);
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::get, expected);
      assertTrue(e.getMessage().contains(expected), "message names the problem: " + e.getMessage());
      try {
        sc.listenerBus().waitUntilEmpty();
      } catch (java.util.concurrent.TimeoutException t) {
        throw new AssertionError("Spark's listener bus did not drain", t);
      }
    } finally {
      sc.removeSparkListener(c);
    }
    return c;
  }

  private static Dataset<Row> frame() {
    return SparkFixture.frame(20, 2);
  }

  @Test
  void aMissingFeatureColumnFailsBeforeAnyJob() {
    String f = SparkFixture.features().get(2);
    Counter c = failsOnDriver(() -> DistributedExplainer.of(Explain.treeShap(SparkFixture.xgb()))
        .explain(frame().drop(f)), "No column '" + f + "'");
    assertEquals(0, c.jobs.get(), "no Spark job ran");
    Counter s = failsOnDriver(() -> DistributedModel.of(SparkFixture.xgb()).predictProba(frame().drop(f)),
        "No column '" + f + "'");
    assertEquals(0, s.jobs.get(), "no Spark job ran for scoring either");
  }

  @Test
  void aColumnOfTheWrongTypeFailsBeforeAnyJob() {
    String f = SparkFixture.features().get(0);
    Counter c = failsOnDriver(() -> DistributedExplainer.of(Explain.treeShap(SparkFixture.xgb()))
        .explain(frame().withColumn(f, functions.col(FeatureColumns.quote(f)).cast("string"))),
        "Column '" + f + "' is string");
    assertEquals(0, c.jobs.get(), "no Spark job ran");
  }

  @Test
  void nullsFailAfterOnlyTheScan() {
    String f = SparkFixture.features().get(1);
    Dataset<Row> withNull = frame().withColumn(f, functions.when(functions.col(DistributedExplainer.ROW_ID)
        .equalTo(3), functions.lit(null)).otherwise(functions.col(FeatureColumns.quote(f))));
    Counter c = failsOnDriver(() -> DistributedExplainer.of(Explain.treeShap(SparkFixture.xgb())).explain(withNull),
        "Column '" + f + "' has 1 null");
    assertEquals(1, c.jobs.get(), "only the driver's scan ran, no explain job");
  }

  @Test
  void aModelWhoseFeaturesDoNotMatchTheColumnsFails() {
    // the columns of another dataset: the model's features are not there
    Dataset<Row> other = SparkData.toDataFrame(SparkFixture.spark(), io.workbench.data.Datasets.iris());
    Counter c = failsOnDriver(() -> DistributedExplainer.of(Explain.treeShap(SparkFixture.xgb())).explain(other),
        "No column '" + SparkFixture.features().get(0) + "'");
    assertEquals(0, c.jobs.get(), "no Spark job ran");
  }

  @Test
  void badSettingsAndIdsFailOnTheDriver() {
    failsOnDriver(() -> DistributedExplainer.of(Explain.treeShap(SparkFixture.xgb())).rowId("nope").explain(frame()),
        "No row-id column 'nope'");
    failsOnDriver(() -> DistributedExplainer.of(Explain.treeShap(SparkFixture.xgb()))
        .rowId(SparkFixture.data().target()).explain(frame()), "expected an integral type");
    failsOnDriver(() -> DistributedExplainer.of(Explain.treeShap(SparkFixture.xgb()).target(Target.of("nope")))
        .explain(frame()), "probe row");
    failsOnDriver(() -> DistributedExplainer.of(null), "expected a configured workbench explainer");
    failsOnDriver(() -> DistributedExplainer.of(Explain.treeShap(SparkFixture.xgb())).explain(
        frame().withColumn(DistributedExplainer.ATTRIBUTION, functions.lit(1))), "already has a column 'attribution'");
  }
}
