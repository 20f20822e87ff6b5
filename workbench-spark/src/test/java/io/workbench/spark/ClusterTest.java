package io.workbench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.workbench.explain.Attribution;
import io.workbench.model.xgboost.XGBoostModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone cluster on loopback (master and two one-core workers as separate JVMs) runs a submitted
 * driver program; one worker JVM is killed in the middle of the attribution job, and the job still returns every
 * row once with the single-JVM numbers (Spark retries the lost tasks on the other worker). In the {@code slow}
 * group (about two minutes; {@code mvn -B verify -Pslow}); DistributedExplainerTest covers local mode by default.
 */
@Tag("cluster")
@Tag("slow")
class ClusterTest {

  private static final int ROWS = 240;

  @Test
  void aJobSurvivesAKilledWorkerWithTheLocalResult(@TempDir Path dir) throws Exception {
    XGBoostModel model = SparkFixture.xgb();
    Path saved = dir.resolve("model");
    model.save(saved);
    Attribution local = ClusterJob.explainer(XGBoostModel.load(saved)).explain(SparkFixture.x(ROWS));
    Path out = dir.resolve("values.txt");
    try (LoopbackCluster cluster = LoopbackCluster.start(2, 1)) {
      assertEquals(2, cluster.aliveWorkers(), "two workers registered");
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Dai.djl.offline=true", "-Djava.awt.headless=true", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
          ClusterJob.class.getName(), cluster.masterUrl(), LoopbackCluster.executorClassPath(), saved.toString(),
          String.valueOf(ROWS), "8", out.toString());
      Process driver = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      List<String> log = new ArrayList<>();
      boolean killed = false;
      boolean explaining = false;
      int successesBeforeKill = 0;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(driver.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          log.add(line);
          explaining |= line.startsWith("JOB_START") && line.contains("collect attribution");
          if (explaining && line.startsWith("TASK_END Success") && !killed) {
            successesBeforeKill++;
            // the job's first task is done and others are running: a worker dies mid-job
            cluster.killWorker(0);
            killed = true;
          }
        }
      }
      assertTrue(driver.waitFor(5, TimeUnit.MINUTES), "the driver finished");
      String tail = String.join("\n", log.subList(Math.max(0, log.size() - 30), log.size()));
      assertEquals(0, driver.exitValue(), "the driver succeeded:\n" + tail);
      assertTrue(killed, "a worker was killed during the job:\n" + tail);
      assertTrue(log.stream().anyMatch(l -> l.startsWith("TASK_END") && !l.startsWith("TASK_END Success")),
          "some task failed with its worker and was retried:\n" + tail);
      assertEquals(1, successesBeforeKill, "killed after the first task");
    }
    List<String> lines = Files.readAllLines(out);
    assertEquals(ROWS, lines.size(), "every row once: nothing lost or duplicated");
    Set<Integer> ids = new HashSet<>();
    for (String line : lines) {
      String[] f = line.split(" ");
      int id = Integer.parseInt(f[0]);
      assertTrue(ids.add(id), "row " + id + " appears once");
      double[] expected = local.values(id);
      for (int j = 0; j < expected.length; j++) {
        assertEquals(expected[j], Double.parseDouble(f[j + 1]), 0, "value " + j + " of row " + id + " as in one JVM");
      }
    }
    assertEquals(ROWS, ids.size(), "all rows");
  }
}
