package io.workbench.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on the loopback address, for tests, benchmarks and trying cluster code on one
 * machine: a master and workers as separate JVMs (Spark's own {@code Master} and {@code Worker} classes from this
 * JVM's class path). Executors are further JVMs the workers start; they get the jars of this class path (a
 * {@code SPARK_HOME} folder whose {@code jars/} links them) and its class folders through {@link
 * #executorClassPath()}. Nothing listens beyond 127.0.0.1.
 *
 * <pre>{@code
 * try (LoopbackCluster cluster = LoopbackCluster.start(2, 1)) {        // two workers, one core each
 *   SparkSession spark = cluster.session("my job");
 *   ...
 *   cluster.killWorker(0);                                             // a worker JVM dies
 * }
 * }</pre>
 */
public final class LoopbackCluster implements AutoCloseable {

  private final Path home;
  private final int port;
  private final int ui;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();

  private LoopbackCluster(Path home, int port, int ui, Process master) {
    this.home = home;
    this.port = port;
    this.ui = ui;
    this.master = master;
  }

  /**
   * Starts a master and {@code workers} workers with {@code cores} cores and 1 GB each, and waits (at most two
   * minutes) until every worker has registered.
   *
   * @throws IllegalArgumentException when {@code workers} or {@code cores} is below 1
   * @throws IllegalStateException when the cluster does not come up in time (the logs are named)
   */
  public static LoopbackCluster start(int workers, int cores) {
    if (workers < 1 || cores < 1) {
      throw new IllegalArgumentException("need at least one worker with one core, got " + workers + " workers with "
          + cores + " cores");
    }
    try {
      Path home = Files.createTempDirectory("workbench-spark-home-");
      Path jars = Files.createDirectories(home.resolve("jars"));
      for (String e : classPath()) {
        Path p = Path.of(e);
        if (e.endsWith(".jar") && Files.isRegularFile(p)) {
          Path link = jars.resolve(p.getFileName().toString());
          if (!Files.exists(link)) {
            Files.createSymbolicLink(link, p.toAbsolutePath());
          }
        }
      }
      int port = freePort();
      int ui = freePort();
      Process m = launch(home, "master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
          String.valueOf(port), "--webui-port", String.valueOf(ui));
      LoopbackCluster c = new LoopbackCluster(home, port, ui, m);
      for (int w = 0; w < workers; w++) {
        c.workers.add(launch(home, "worker" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
            "--cores", String.valueOf(cores), "--memory", "1G", "--webui-port", String.valueOf(freePort()),
            "--work-dir", Files.createDirectories(home.resolve("work" + w)).toString(), c.masterUrl()));
      }
      c.awaitRegistered(workers);
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the loopback cluster: " + e.getMessage(), e);
    }
  }

  /** {@code spark://127.0.0.1:<port>}. */
  public String masterUrl() {
    return "spark://127.0.0.1:" + port;
  }

  /** The class folders of this JVM's class path (what executors add to Spark's jars). */
  public static String executorClassPath() {
    List<String> dirs = new ArrayList<>();
    for (String e : classPath()) {
      if (Files.isDirectory(Path.of(e))) {
        dirs.add(Path.of(e).toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, dirs);
  }

  /** The Spark settings a driver needs for this cluster: master, loopback driver, executor class path and options. */
  public Map<String, String> driverSettings() {
    return Map.of("spark.master", masterUrl(),
        "spark.driver.host", "127.0.0.1",
        "spark.driver.bindAddress", "127.0.0.1",
        "spark.executor.extraClassPath", executorClassPath(),
        "spark.executor.extraJavaOptions", "-Dai.djl.offline=true -Djava.awt.headless=true -Xss4m",
        "spark.executor.memory", "1g",
        "spark.ui.enabled", "false",
        "spark.ui.showConsoleProgress", "false");
  }

  /** A driver session on this cluster (in this JVM: one SparkContext per JVM), attached to the progress layer. */
  public org.apache.spark.sql.SparkSession session(String appName) {
    org.apache.spark.sql.SparkSession.Builder b = org.apache.spark.sql.SparkSession.builder().appName(appName);
    driverSettings().forEach(b::config);
    return SparkWorkbench.attach(b.getOrCreate());
  }

  /** Kills worker {@code i}'s JVM at once (its executors notice and exit); the master is told nothing. */
  public void killWorker(int i) {
    Process p = workers.get(i);
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  /** The folder of logs and links. */
  public Path home() {
    return home;
  }

  @Override
  public void close() {
    for (Process w : workers) {
      w.descendants().forEach(ProcessHandle::destroyForcibly);
      w.destroyForcibly();
    }
    master.destroyForcibly();
  }

  /** Workers the master counts as alive (its status page, JSON). */
  public int aliveWorkers() {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + ui + "/json/")).build(), HttpResponse.BodyHandlers.ofString());
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)").matcher(r.body());
      return m.find() ? Integer.parseInt(m.group(1)) : 0;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private void awaitRegistered(int n) {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline && master.isAlive()) {
      if (aliveWorkers() >= n) {
        return;
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while the loopback cluster started");
      }
    }
    close();
    throw new IllegalStateException("The loopback cluster did not come up within two minutes; see the logs in " + home);
  }

  private static Process launch(Path home, String name, String mainClass, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-cp");
    cmd.add(home.resolve("jars").toString() + File.separator + "*");
    cmd.add(mainClass);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(home.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  private static List<String> classPath() {
    return List.of(System.getProperty("java.class.path", "").split(File.pathSeparator));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }
}
