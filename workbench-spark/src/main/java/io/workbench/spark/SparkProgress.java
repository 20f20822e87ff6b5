package io.workbench.spark;

import io.workbench.progress.Progress;
import io.workbench.progress.ProgressEvent;
import io.workbench.progress.ProgressListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark jobs on the library's progress layer: one bar per job ({@link Progress#current()}: the notebook's live
 * bar in the kernel, silent elsewhere), counting the tasks of its stages, with the running stage in the detail
 * and a last event when the job ends (succeeded or not).
 */
final class SparkProgress extends SparkListener {

  private final Map<Integer, Job> jobs = new ConcurrentHashMap<>();
  private final Map<Integer, Job> byStage = new ConcurrentHashMap<>();

  private static final class Job {
    final String name;
    final long total;
    final int stages;
    final ProgressListener bar;
    final AtomicLong done = new AtomicLong();

    Job(String name, long total, int stages, ProgressListener bar) {
      this.name = name;
      this.total = total;
      this.stages = stages;
      this.bar = bar;
    }
  }

  @Override
  public void onJobStart(SparkListenerJobStart start) {
    long total = 0;
    int stages = 0;
    for (StageInfo s : CollectionConverters.asJava(start.stageInfos())) {
      total += s.numTasks();
      stages++;
    }
    String description = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
    String name = (description != null ? description : "Spark job") + " (job " + start.jobId() + ")";
    Job job = new Job(name, total, stages, Progress.current());
    jobs.put(start.jobId(), job);
    for (StageInfo s : CollectionConverters.asJava(start.stageInfos())) {
      byStage.put(s.stageId(), job);
    }
    job.bar.onProgress(new ProgressEvent(name, 0, total, stages + " stage(s), " + total + " tasks", Map.of(), false));
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    Job job = byStage.get(end.stageId());
    if (job == null) {
      return;
    }
    long d = job.done.incrementAndGet();
    job.bar.onProgress(new ProgressEvent(job.name, Math.min(d, job.total), job.total,
        "stage " + end.stageId() + ": " + d + "/" + job.total + " tasks", Map.of(), false));
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd end) {
    Job job = jobs.remove(end.jobId());
    if (job == null) {
      return;
    }
    byStage.values().removeIf(j -> j == job);
    boolean ok = end.jobResult() instanceof org.apache.spark.scheduler.JobSucceeded$;
    job.bar.onProgress(new ProgressEvent(job.name, ok ? job.total : job.done.get(), job.total,
        ok ? "done" : "stopped at " + job.done.get() + "/" + job.total + " tasks", Map.of(), true));
  }
}
