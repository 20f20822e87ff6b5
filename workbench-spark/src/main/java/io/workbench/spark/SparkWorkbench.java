package io.workbench.spark;

import io.workbench.progress.Interrupts;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Spark sessions for the workbench: {@link #local()} starts {@code local[*]} with no set-up (inside the notebook
 * kernel too), and {@link #attach(SparkSession)} connects any session (yours, or one {@code spark-submit} made)
 * to the library's progress layer and to the stop button: Spark jobs appear on the notebook's progress bar
 * (tasks of their stages), and interrupting the cell cancels the running jobs and interrupts their tasks.
 *
 * <pre>{@code
 * SparkSession spark = SparkWorkbench.local();          // local[*], UI off, loopback only
 * SparkSession mine = SparkWorkbench.attach(SparkSession.builder().master("spark://host:7077").getOrCreate());
 * }</pre>
 */
public final class SparkWorkbench {

  /** Sessions already attached, by SparkContext identity (one progress listener and hook each). */
  private static final Map<SparkContext, Runnable> ATTACHED = new ConcurrentHashMap<>();

  private SparkWorkbench() {}

  /** A local session using every core ({@code local[*]}), attached. */
  public static SparkSession local() {
    return local(0);
  }

  /**
   * A local session with {@code cores} task slots ({@code local[cores]}; 0 = every core), attached. Spark's web
   * UI is off and the driver binds to the loopback address; shuffles use {@code 2 x cores} partitions.
   *
   * @throws IllegalArgumentException when {@code cores} is negative
   */
  public static SparkSession local(int cores) {
    if (cores < 0) {
      throw new IllegalArgumentException("cores must be >= 0 (0 = every core), got " + cores);
    }
    int slots = cores == 0 ? Runtime.getRuntime().availableProcessors() : cores;
    SparkSession spark = SparkSession.builder()
        .master(cores == 0 ? "local[*]" : "local[" + cores + "]")
        .appName("workbench")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", String.valueOf(2 * slots))
        .config("spark.sql.adaptive.enabled", "false")
        .getOrCreate();
    return attach(spark);
  }

  /**
   * Connects a session to the progress layer and the stop button (idempotent).
   *
   * @throws IllegalArgumentException when {@code spark} is null
   */
  public static SparkSession attach(SparkSession spark) {
    if (spark == null) {
      throw new IllegalArgumentException("spark: expected a SparkSession, got null");
    }
    SparkContext sc = spark.sparkContext();
    ATTACHED.computeIfAbsent(sc, c -> {
      c.addSparkListener(new SparkProgress());
      Runnable hook = () -> {
        if (!c.isStopped()) {
          c.cancelAllJobs();
        }
      };
      Interrupts.register(hook);
      return hook;
    });
    ATTACHED.keySet().removeIf(c -> {
      if (c.isStopped()) {
        Interrupts.unregister(ATTACHED.get(c));
        return true;
      }
      return false;
    });
    return spark;
  }

  /** Cancels every running job of the session (what the stop button does) and interrupts their tasks. */
  public static void cancelAll(SparkSession spark) {
    if (spark == null) {
      throw new IllegalArgumentException("spark: expected a SparkSession, got null");
    }
    spark.sparkContext().cancelAllJobs();
  }
}
