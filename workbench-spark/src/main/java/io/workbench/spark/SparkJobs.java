package io.workbench.spark;

import io.workbench.progress.Cancellation;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the Spark actions of the workbench in their own job group, so that stopping the cell (a thread
 * interrupt, or {@link SparkWorkbench#cancelAll}) cancels the jobs on the cluster and interrupts their tasks
 * instead of leaving them running after the driver gave up.
 */
final class SparkJobs {

  private SparkJobs() {}

  /** Runs {@code action} in a fresh job group described by {@code description}. */
  static <T> T run(SparkSession spark, String description, Supplier<T> action) {
    SparkContext sc = spark.sparkContext();
    SparkWorkbench.attach(spark);
    String group = "workbench-" + UUID.randomUUID();
    String oldGroup = sc.getLocalProperty("spark.jobGroup.id");
    String oldDescription = sc.getLocalProperty("spark.job.description");
    String oldInterrupt = sc.getLocalProperty("spark.job.interruptOnCancel");
    sc.setJobGroup(group, description, true);
    try {
      if (Thread.currentThread().isInterrupted()) {
        throw new Cancellation.CancelledException();
      }
      return action.get();
    } catch (Exception | Error e) {
      // Spark rethrows the waiting thread's InterruptedException undeclared: caught here as an Exception
      if (Thread.currentThread().isInterrupted() || interruptedCause(e)) {
        sc.cancelJobGroup(group);
        Thread.currentThread().interrupt();
        throw new Cancellation.CancelledException();
      }
      throw e;
    } finally {
      sc.setLocalProperty("spark.jobGroup.id", oldGroup);
      sc.setLocalProperty("spark.job.description", oldDescription);
      sc.setLocalProperty("spark.job.interruptOnCancel", oldInterrupt);
    }
  }

  private static boolean interruptedCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException || t instanceof Cancellation.CancelledException) {
        return true;
      }
    }
    return false;
  }
}
